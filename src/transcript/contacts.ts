// `--contacts <file.csv|jsonl>`: a contact-metadata table (contact id → agent, team/queue, date) joined to calls by
// contact / call id (issue 21). Amazon Connect contact records work as exported: `ContactId`, `Agent.Username`
// (a flattened column or nested `{"Agent":{"Username":…}}`), `Queue.Name`, `InitiationTimestamp`. Any other
// layout is mapped with `--contact-columns contact_id=CallRef,agent=Rep,team=Group,date=When`.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InputError } from './input-error.js';
import { isObject, parseJson, type JsonObject } from './readers/json-parse.js';
import { normaliseDate, stripBom } from './util.js';
import { fileErrorReason } from '../file-errors.js';

export interface ContactRow {
  agentId?: string;
  agentName?: string;
  team?: string;
  /** ISO YYYY-MM-DD. */
  date?: string;
}

export interface ContactTable {
  /** The file, for messages. */
  file: string;
  /** Keyed by contact id, lower-cased. */
  rows: Map<string, ContactRow>;
}

type ContactField = 'contact_id' | 'agent_id' | 'agent_name' | 'team' | 'date';

/** Recognised names, compared lower-case with spaces, dots and hyphens as underscores (`Agent.Username` → agent_username). */
export const CONTACT_COLUMNS: Record<ContactField, string[]> = {
  contact_id: ['contact_id', 'contactid', 'call_id', 'callid', 'conversation_id', 'conversationid', 'initialcontactid', 'id'],
  agent_id: ['agent_id', 'agentid', 'agent', 'agent_username', 'agent_user_name', 'username', 'agent_login', 'user_id'],
  agent_name: ['agent_name', 'agentname', 'agent_display_name'],
  team: ['team', 'queue', 'queue_name', 'queuename', 'routing_profile', 'agent_routingprofile_name'],
  date: ['date', 'call_date', 'initiationtimestamp', 'initiation_timestamp', 'start_time', 'starttime', 'timestamp'],
};

/** `--contact-columns` keys → fields. */
const OPTION_KEYS: Record<string, ContactField> = {
  contact_id: 'contact_id', contact: 'contact_id', call_id: 'contact_id', id: 'contact_id',
  agent_id: 'agent_id', agent: 'agent_id', agent_name: 'agent_name', team: 'team', queue: 'team', date: 'date',
};

const normaliseName = (name: string): string => name.trim().toLowerCase().replace(/[\s.-]+/g, '_');

export async function loadContacts(file: string, columns?: Record<string, string>): Promise<ContactTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `${fileErrorReason(error, 'the contacts file')} (--contacts)`);
  }
  return parseContacts(text, file, columns);
}

/** A contact table from CSV/TSV (header row) or JSON Lines / a JSON array of objects. Throws InputError (file:line). */
export function parseContacts(text: string, file: string, columns?: Record<string, string>): ContactTable {
  const body = stripBom(text);
  if (body.trim() === '') throw new InputError(file, 'the contacts file is empty (expected a header row with contact_id and agent columns, or JSON lines)');
  const records = /^\s*[[{]/.test(body) ? jsonRecords(body, file) : csvRecords(body, file);
  if (records.length === 0) throw new InputError(file, 'no contact rows (expected a header row and one row per contact)');
  const mapping = mapFields(records[0]!.keys, file, columns, records[0]!.json ? 0 : 1);
  const rows = new Map<string, ContactRow>();
  const firstRow = new Map<string, number>();
  records.forEach((record, i) => {
    const where = record.json ? `record ${i + 1}` : `row ${i + 1}`;
    const get = (field: ContactField): string | undefined => {
      const key = mapping[field];
      const value = key === undefined ? undefined : record.values[key];
      return value === undefined || value.trim() === '' ? undefined : value.trim();
    };
    const id = get('contact_id');
    if (id === undefined) throw new InputError(file, `${where}: no contact id (column "${mapping.contact_id}")`, record.line);
    const row: ContactRow = {};
    const agent = get('agent_id');
    if (agent !== undefined) row.agentId = agent;
    const name = get('agent_name');
    if (name !== undefined) row.agentName = name;
    const team = get('team');
    if (team !== undefined) row.team = team;
    const date = get('date');
    if (date !== undefined) {
      const iso = normaliseDate(date);
      if (iso === undefined) throw new InputError(file, `${where}: "${date}" in column "${mapping.date}" is not a date (expected ISO 8601, e.g. 2024-03-14T10:12:33Z)`, record.line);
      row.date = iso;
    }
    const key = id.toLowerCase();
    const earlier = rows.get(key);
    if (earlier && JSON.stringify(earlier) !== JSON.stringify(row)) {
      throw new InputError(file, `${where}: contact id "${id}" is already on ${record.json ? 'record' : 'row'} ${firstRow.get(key)} with other values`, record.line);
    }
    rows.set(key, row);
    if (!firstRow.has(key)) firstRow.set(key, i + 1);
  });
  return { file, rows };
}

interface RawRecord {
  /** Field name → value (JSON flattened to dotted names). */
  values: Record<string, string>;
  keys: string[];
  line: number;
  json: boolean;
}

function csvRecords(body: string, file: string): RawRecord[] {
  const first = body.split(/\r?\n/)[0] ?? '';
  const delimiter = first.includes('\t') ? '\t' : first.split(';').length > first.split(',').length ? ';' : ',';
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(body, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (error) {
    const line = /line (\d+)/.exec(String((error as Error).message))?.[1];
    throw new InputError(file, `malformed CSV: ${(error as Error).message.replace(/ at line \d+/, '').replace(/\s+/g, ' ')}`, line === undefined ? undefined : Number(line));
  }
  if (parsed.length === 0) return [];
  const header = parsed[0]!.record.map((h) => h.trim());
  return parsed.slice(1).filter((r) => r.record.some((c) => c.trim() !== '')).map((r) => ({
    values: Object.fromEntries(header.map((h, i) => [h, r.record[i] ?? ''])),
    keys: header,
    line: r.info.lines,
    json: false,
  }));
}

function jsonRecords(body: string, file: string): RawRecord[] {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[')) {
    const value = parseJson(body, file);
    if (!Array.isArray(value)) throw new InputError(file, 'expected a JSON array of contact objects');
    return value.map((item, i) => {
      if (!isObject(item)) throw new InputError(file, `record ${i + 1}: expected a contact object, got ${Array.isArray(item) ? 'an array' : typeof item}`);
      return jsonRecord(item, 0);
    });
  }
  const out: RawRecord[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const value = parseJson(line, file, i);
    if (!isObject(value)) throw new InputError(file, `expected one contact object per line, got ${Array.isArray(value) ? 'an array' : typeof value}`, i + 1);
    out.push(jsonRecord(value, i + 1));
  });
  // Every record names its own fields: the mapping is decided on the union of their keys.
  const keys = [...new Set(out.flatMap((r) => r.keys))];
  for (const r of out) r.keys = keys;
  return out;
}

/** `{ "Agent": { "Username": "x" } }` → `Agent.Username: "x"`; numbers and booleans as text; arrays skipped. */
function jsonRecord(value: JsonObject, line: number): RawRecord {
  const values: Record<string, string> = {};
  const walk = (object: JsonObject, prefix: string, depth: number): void => {
    for (const [key, v] of Object.entries(object)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[name] = String(v);
      else if (isObject(v) && depth < 4) walk(v, name, depth + 1);
    }
  };
  walk(value, '', 0);
  return { values, keys: Object.keys(values), line, json: true };
}

/** Field → source column name: `--contact-columns` first, then the recognised names. */
function mapFields(keys: string[], file: string, columns: Record<string, string> | undefined, line: number): Partial<Record<ContactField, string>> {
  const byNormal = new Map<string, string>();
  for (const key of keys) if (!byNormal.has(normaliseName(key))) byNormal.set(normaliseName(key), key);
  const result: Partial<Record<ContactField, string>> = {};
  for (const [option, column] of Object.entries(columns ?? {})) {
    const field = OPTION_KEYS[normaliseName(option)];
    if (!field) throw new InputError(file, `--contact-columns: unknown field "${option}" (expected ${Object.keys(OPTION_KEYS).join(', ')})`);
    const key = byNormal.get(normaliseName(column));
    if (key === undefined) throw new InputError(file, `--contact-columns ${option}=${column}: no column "${column}" (have ${keys.slice(0, 12).join(', ')})`, line || undefined);
    result[field] = key;
  }
  const taken = new Set(Object.values(result));
  for (const field of Object.keys(CONTACT_COLUMNS) as ContactField[]) {
    if (result[field] !== undefined) continue;
    const key = CONTACT_COLUMNS[field].map((c) => byNormal.get(c)).find((k) => k !== undefined && !taken.has(k));
    if (key !== undefined) {
      result[field] = key;
      taken.add(key);
    }
  }
  if (result.contact_id === undefined) {
    throw new InputError(file, `no contact id column (expected one of ContactId, contact_id, call_id, conversation_id, or --contact-columns contact_id=<name>; have ${keys.slice(0, 12).join(', ')})`, line || undefined);
  }
  if (result.agent_id === undefined && result.team === undefined && result.date === undefined && result.agent_name === undefined) {
    throw new InputError(file, `no agent, team or date column to join (expected e.g. agent_id, Agent.Username, team, Queue.Name, date, InitiationTimestamp, or --contact-columns agent=<name>; have ${keys.slice(0, 12).join(', ')})`, line || undefined);
  }
  return result;
}
