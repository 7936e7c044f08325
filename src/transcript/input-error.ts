import type { InputProblem } from '../types.js';

/** The only error readers throw: names the file, the line/row when known, and what was expected. */
export class InputError extends Error implements InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly reason: string;

  constructor(file: string, reason: string, line?: number, column?: number) {
    super(formatProblem({ file, reason, line, column }));
    this.name = 'InputError';
    this.file = file;
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  toProblem(): InputProblem {
    const p: InputProblem = { file: this.file, reason: this.reason };
    if (this.line !== undefined) p.line = this.line;
    if (this.column !== undefined) p.column = this.column;
    return p;
  }
}

/** `file:line:col: reason` — the one-line form used on stderr. */
export function formatProblem(p: InputProblem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  return `${where}: ${p.reason}`;
}
