// The one explicit list of output formats: drives --format, `empathy formats`, --help and the README table.
import { csvFormatter } from './csv.js';
import { htmlFormatter } from './html.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { lineFormatter } from './line.js';
import { markdownFormatter } from './markdown.js';
import { ndjsonFormatter } from './ndjson.js';
import { promisesFormatter, promisesJsonFormatter } from './promises.js';
import { tableFormatter } from './table.js';
import type { Formatter } from './types.js';

export type { FormatOptions, Formatter } from './types.js';

export const FORMATTERS: readonly Formatter[] = [
  tableFormatter,
  lineFormatter,
  jsonFormatter,
  ndjsonFormatter,
  csvFormatter,
  markdownFormatter,
  htmlFormatter,
  junitFormatter,
  promisesFormatter,
  promisesJsonFormatter,
];

export function findFormatter(name: string): Formatter | undefined {
  const wanted = name.trim().toLowerCase();
  return FORMATTERS.find((f) => f.name === wanted);
}

export const FORMATTER_NAMES: readonly string[] = FORMATTERS.map((f) => f.name);
