// Option value parsers for commander: each returns the typed value or throws InvalidArgumentError
// (commander turns it into a one-line usage error, exit 2).
import { InvalidArgumentError } from 'commander';
import { parseChannelMap } from '../transcript/readers/twilio.js';
import type { Role } from '../types.js';
import { encodingName } from '../transcript/decode.js';

/** A usage problem found after parsing (e.g. an option that needs another); exit 2, one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A score threshold on the 0..100 scale of scores (101 would fail every group whatever it scored: a usage error). */
export function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
    throw new InvalidArgumentError('expected a score from 0 to 100.');
  }
  return n;
}

export function parsePoints(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected points >= 0.');
  return n;
}

export function parseFraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  }
  return n;
}

export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 1024) {
    throw new InvalidArgumentError('expected a whole number from 1 to 1024.');
  }
  return Number(value);
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number >= 0.');
  return Number(value);
}

/** `role=Party,text=Utterance` → { role: 'Party', text: 'Utterance' }; the CSV reader checks the field names. */
export function parseColumns(value: string): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    const field = eq > 0 ? pair.slice(0, eq).trim().toLowerCase() : '';
    const column = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (field === '' || column === '') {
      throw new InvalidArgumentError(`expected field=Column pairs separated by commas, got "${pair.trim()}".`);
    }
    columns[field] = column;
  }
  if (Object.keys(columns).length === 0) throw new InvalidArgumentError('expected at least one field=Column pair.');
  return columns;
}

/** `"Jane, Tom"` → ['Jane', 'Tom']. */
export function parseNameList(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new InvalidArgumentError('expected one or more names separated by commas.');
  return names;
}

/** `--channel-map 1=customer,2=agent` → { '1': 'customer', '2': 'agent' } (audio channel → role). */
export function parseChannelMapOption(value: string): Record<string, Role> {
  try {
    return parseChannelMap(value);
  } catch (error) {
    throw new InvalidArgumentError(`${error instanceof Error ? error.message : String(error)}.`);
  }
}

/** `--encoding <label>`: an encoding Node's TextDecoder knows (latin1, windows-1252, utf-16le, …). */
export function parseEncoding(value: string): string {
  const label = value.trim();
  if (encodingName(label) === undefined) {
    throw new InvalidArgumentError('expected an encoding label such as utf-8, windows-1252, latin1, iso-8859-15 or utf-16le.');
  }
  return label;
}

/** `--agent-id <id>`: a non-empty id. */
export function parseAgentId(value: string): string {
  const id = value.trim();
  if (id === '') throw new InvalidArgumentError('expected a non-empty agent id.');
  return id;
}
