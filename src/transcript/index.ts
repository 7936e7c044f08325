// Public surface of the transcript layer: discovery, readers, role resolution, input errors.
export { InputError, formatProblem } from './input-error.js';
export { expandPaths, readBytes, readInputs, readText, STDIN_NAME, type InputEvent } from './read-inputs.js';
export {
  READERS,
  KNOWN_EXTENSIONS,
  chooseReader,
  findReader,
  type ReadContext,
  type ReadOptions,
  type ReadOutput,
  type Reader,
} from './readers/index.js';
export { buildTranscript, loadRoleMap, parseRoleMap, roleFromLabel, type RoleMap } from './roles.js';
