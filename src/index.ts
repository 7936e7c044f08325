// Library API: the same pieces the CLI wires together, with no terminal or process access.
export { runScore, loadBaseline, provenanceFor, toolInfo, type ScoreOptions, type ScoreRun } from './pipeline.js';
export { readInputs, expandPaths, type InputEvent } from './transcript/read-inputs.js';
export { READERS, findReader, type Reader, type ReadOptions } from './transcript/readers/index.js';
export { loadRoleMap, type RoleMap } from './transcript/roles.js';
export { InputError, formatProblem } from './transcript/input-error.js';
export { loadRubric, parseRubric, BUILTIN_RUBRICS } from './rubric/load.js';
export { RubricError, formatRubricProblem, type RubricProblem } from './rubric/errors.js';
export { createDetectionEngine, DETECTORS, type DetectionEngine, type Detector } from './detectors/index.js';
export { scoreCall } from './scoring/call.js';
export { createAccumulator, addCall, mergeAccumulators, finalize, type Accumulator } from './scoring/aggregate.js';
export { applyFailUnder, compareBaseline } from './scoring/thresholds.js';
export { normaliseStatement, similarity, finalizeScripted, type ScriptedTally } from './scoring/scripted.js';
export { extractPromises, extractAllPromises, normaliseTimeframe, dueDate, type FollowUpPromise, type Timeframe } from './promises.js';
export { FORMATTERS, findFormatter, type Formatter, type FormatOptions } from './formatters/index.js';
export { redactText, redactCall, redactReport } from './redact.js';
export { evaluate, type EvalResult, type EvalError } from './eval/run.js';
export { readGoldFile, parseGold } from './eval/gold.js';
export * from './types.js';
