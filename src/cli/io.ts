// The process streams and environment the commands use, passed in so commands stay testable.
import { formatProblem } from '../transcript/input-error.js';
import type { InputProblem } from '../types.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  /** false with --no-color. */
  color: boolean;
  /** false with --no-progress. */
  progress: boolean;
  quiet: boolean;
  debug: boolean;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** One `file:line: reason` line per problem on stderr. */
export function printProblems(io: CliIO, problems: readonly InputProblem[]): void {
  for (const problem of problems) io.stderr.write(`${formatProblem(problem)}\n`);
}

/** Reader warnings already read `file:line: what`; --quiet hides them. */
export function printWarnings(io: CliIO, globals: GlobalOptions, warnings: readonly string[]): void {
  if (globals.quiet) return;
  for (const warning of warnings) io.stderr.write(`${warning}\n`);
}
