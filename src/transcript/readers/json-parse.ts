// JSON.parse with errors turned into InputError at the right line and column.
import { InputError } from '../input-error.js';
import { stripBom } from '../util.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text; on failure throws InputError with the line/column of the syntax error (offset by lineOffset). */
export function parseJson(text: string, file: string, lineOffset = 0): unknown {
  const body = stripBom(text);
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = errorPosition(body, message);
    const reason = `invalid JSON: ${message.replace(/\s+/g, ' ').slice(0, 160)}`;
    throw new InputError(file, reason, line === undefined ? undefined : line + lineOffset, column);
  }
}

function errorPosition(text: string, message: string): { line?: number; column?: number } {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  const pos = /position (\d+)/.exec(message);
  let offset: number;
  if (pos) offset = Number(pos[1]);
  else if (/Unexpected end of JSON input/.test(message)) offset = text.length;
  else return {};
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column };
}
