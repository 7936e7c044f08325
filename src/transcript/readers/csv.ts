// CSV / TSV (and `;`-separated) exports: one row per turn, header row required, rows grouped by call id.
import { CsvError, parse } from 'csv-parse/sync';
import type { InputProblem } from '../../types.js';
import { InputError } from '../input-error.js';
import { buildTranscript, roleFromLabel, type CallHeader, type RawTurn } from '../roles.js';
import { readThreads } from '../threads.js';
import { cleanText, idFromFileName, normaliseDate, parseTimestamp, stripBom } from '../util.js';
import type { ReadContext, ReadOutput, Reader } from './types.js';

type Field = 'call_id' | 'speaker' | 'role' | 'text' | 'agent_id' | 'agent_name' | 'timestamp' | 'end' | 'team' | 'date' | 'channel';

/** Recognised header names (compared lower-case, spaces and hyphens as underscores). */
const COLUMN_NAMES: Record<Field, string[]> = {
  call_id: ['call_id', 'conversation_id', 'contact_id', 'call', 'callid', 'conversationid', 'contactid'],
  speaker: ['speaker', 'participant', 'party', 'speaker_role', 'speaker_name', 'role'],
  role: ['role', 'participant_role', 'speaker_role'],
  text: ['text', 'utterance', 'transcript', 'message', 'content'],
  agent_id: ['agent_id', 'agentid', 'agent'],
  agent_name: ['agent_name', 'agentname'],
  timestamp: ['timestamp', 'start', 'begin_offset_ms', 'start_time', 'time', 'start_ms', 'begin_offset_millis'],
  end: ['end', 'end_time', 'end_offset_ms', 'end_ms', 'end_offset_millis'],
  team: ['team'],
  date: ['date', 'call_date'],
  channel: ['channel'],
};

/** `--columns` keys → fields ("role=Party" names the speaker column). */
const OPTION_KEYS: Record<string, Field> = {
  role: 'speaker', speaker: 'speaker', text: 'text', call_id: 'call_id', call: 'call_id', agent_id: 'agent_id',
  agent: 'agent_id', agent_name: 'agent_name', timestamp: 'timestamp', start: 'timestamp', end: 'end',
  team: 'team', date: 'date', channel: 'channel',
};

const normaliseName = (name: string): string => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

function makeReader(name: 'csv' | 'tsv'): Reader {
  return {
    name,
    description: name === 'csv' ? 'Comma- or semicolon-separated values, one row per turn' : 'Tab-separated values, one row per turn',
    extensions: name === 'csv' ? ['.csv'] : ['.tsv'],
    detection:
      name === 'csv'
        ? '.csv extension, or a first line of several comma/semicolon-separated names including a text column'
        : '.tsv extension, or a tab-separated first line including a text column',
    fields:
      'call_id|conversation_id|contact_id, speaker|role|participant|party, text|utterance|transcript|message|content, ' +
      'agent_id|agent, agent_name, timestamp|start|begin_offset_ms (s, ms or hh:mm:ss), team, date, channel; --columns maps others; ' +
      'with --thread-by <parent column> (social/chat threads, e.g. Customer Support on Twitter): tweet_id|id, author_id, ' +
      'inbound (True = customer, False = agent: the author handle is the agent id and team), created_at|timestamp ' +
      '(ISO 8601, YYYY-MM-DD HH:MM:SS or "Wed Oct 11 06:55:44 +0000 2017") orders each thread, text with HTML entities ' +
      'decoded and leading @handles and trailing signatures (^MM, /AY, - Mike) split off; --agent-from-signature: ' +
      '<signature>@<handle> as the agent id',
    sniff(head) {
      const first = stripBom(head).split(/\r?\n/)[0] ?? '';
      const delimiter = guessDelimiter(first);
      if ((name === 'tsv') !== (delimiter === '\t')) return false;
      const names = first.split(delimiter).map((c) => normaliseName(c.replace(/^"|"$/g, '')));
      return names.length >= 2 && names.some((n) => COLUMN_NAMES.text.includes(n));
    },
    read(text, ctx) {
      return readCsv(text, ctx, name === 'tsv' ? '\t' : undefined);
    },
  };
}

export const csvReader = makeReader('csv');
export const tsvReader = makeReader('tsv');

/** The most frequent of `,` `;` tab in the header line (outside quotes). */
function guessDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

interface Row {
  record: string[];
  line: number;
  row: number;
}

/** After this many malformed rows the rest of a file is reported as one problem rather than re-parsed. */
const MAX_RECOVERIES = 100;

/**
 * Parses every record it can: a malformed row (an unclosed or stray quote) becomes a problem on the line where it
 * starts and parsing resumes on the next line, so well-formed rows before and after it are kept.
 */
function parseRecovering(body: string, delimiter: string, file: string): { parsed: Row[]; problems: InputProblem[] } {
  const lineStarts = [0];
  for (const m of body.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);
  const parsed: Row[] = [];
  const problems: InputProblem[] = [];
  let fromLine = 1; // 1-based line the current slice starts on
  for (let attempt = 0; fromLine <= lineStarts.length; attempt++) {
    const offset = fromLine - 1;
    let lastLine = offset;
    try {
      parse(body.slice(lineStarts[offset]!), {
        delimiter,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        relax_quotes: false,
        on_record: (r: { record: string[]; info: { lines: number } }) => {
          lastLine = r.info.lines + offset;
          parsed.push({ record: r.record, line: lastLine, row: parsed.length + 1 });
          return null; // collected here, so records before an error survive it
        },
      } as never);
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw new InputError(file, 'malformed CSV');
      // The bad record starts on the first non-blank line after the last good one.
      let start = lastLine + 1;
      while (start < lineStarts.length && body.slice(lineStarts[start - 1]!, lineStarts[start]!).trim() === '') start++;
      const reason = `malformed CSV: ${error.message.replace(/ at line \d+/, '').replace(/\s+/g, ' ')}`;
      if (parsed.length === 0) throw new InputError(file, reason, start);
      if (attempt >= MAX_RECOVERIES) {
        problems.push({ file, line: start, reason: `${reason}; more than ${MAX_RECOVERIES} malformed rows, the rest of the file is not read` });
        break;
      }
      problems.push({ file, line: start, reason });
      fromLine = start + 1;
    }
  }
  return { parsed, problems };
}

function readCsv(text: string, ctx: ReadContext, forcedDelimiter?: string): ReadOutput {
  const body = stripBom(text);
  const delimiter = forcedDelimiter ?? guessDelimiter(body.split(/\r?\n/)[0] ?? '');
  const { parsed, problems } = parseRecovering(body, delimiter, ctx.file);
  if (parsed.length === 0) return { transcripts: [], problems, warnings: [] };

  const headerRow = parsed[0]!.record;
  // --thread-by: calls are rebuilt from reply-to ids (src/transcript/threads.ts), not grouped by a call id column.
  if (ctx.options.threadBy !== undefined) {
    const threaded = readThreads(headerRow, parsed.slice(1), ctx);
    return { ...threaded, problems: [...problems, ...threaded.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  }
  const columns = mapColumns(headerRow, ctx);
  const warnings: string[] = [];
  const calls = new Map<string, { header: CallHeader; turns: RawTurn[] }>();
  const timestampUnit = columns.timestamp !== undefined && /ms|millis/i.test(headerRow[columns.timestamp]!) ? 'ms' : 's';
  const endUnit = columns.end !== undefined && /ms|millis/i.test(headerRow[columns.end]!) ? 'ms' : 's';

  const rows = parsed.slice(1);
  for (const { record, line, row } of rows) {
    const cell = (field: Field): string => {
      const index = columns[field];
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    if (record.every((c) => c.trim() === '')) continue;
    const turnText = cleanText(cell('text'));
    if (turnText === '') {
      problems.push({ file: ctx.file, line, reason: `row ${row}: missing text in column "${headerRow[columns.text!]}"` });
      continue;
    }
    const speaker = cell('speaker');
    const roleCell = columns.role !== undefined && columns.role !== columns.speaker ? cell('role') : '';
    if (speaker === '' && roleCell === '') {
      problems.push({ file: ctx.file, line, reason: `row ${row}: missing speaker in column "${headerRow[columns.speaker!]}"` });
      continue;
    }
    const callId = columns.call_id !== undefined ? cell('call_id') || idFromFileName(ctx.file) : idFromFileName(ctx.file);
    let call = calls.get(callId);
    if (!call) {
      call = { header: { id: callId, line }, turns: [] };
      calls.set(callId, call);
    }
    const header = call.header;
    const agentId = cell('agent_id');
    const agentName = cell('agent_name');
    const turn: RawTurn = { speaker: speaker || roleCell, text: turnText };
    const role = roleFromLabel(roleCell) ?? roleFromLabel(speaker);
    if (role) turn.role = role;
    if (agentId && (role === 'agent' || role === undefined)) turn.agentId = agentId;
    if (agentId && !header.agentId && role === 'agent') header.agentId = agentId;
    if (agentName && !header.agentName) header.agentName = agentName;
    const team = cell('team');
    if (team && !header.team) header.team = team;
    const channel = cell('channel');
    if (channel && !header.channel) header.channel = channel;
    const date = cell('date');
    if (date && !header.date) {
      const iso = normaliseDate(date);
      if (iso) header.date = iso;
      else warnings.push(`${ctx.file}:${line}: row ${row}: date "${date}" is not a date; ignored`);
    }
    const stamp = cell('timestamp');
    if (stamp) {
      const start = parseTimestamp(stamp, timestampUnit);
      if (start === undefined) warnings.push(`${ctx.file}:${line}: row ${row}: timestamp "${stamp}" is not a time; ignored`);
      else turn.start = start;
    }
    const endStamp = cell('end');
    if (endStamp) {
      const end = parseTimestamp(endStamp, endUnit);
      if (end !== undefined) turn.end = end;
    }
    call.turns.push(turn);
  }

  const transcripts = [];
  for (const { header, turns } of calls.values()) {
    // An agent id on a row names that row's agent; rows whose role is unknown keep it only if they turn out agents.
    const built = buildTranscript(header, turns, ctx);
    transcripts.push(built.transcript);
    warnings.push(...built.warnings);
  }
  // Parse-level and row-level problems were found in two passes: report them in file order.
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { transcripts, problems, warnings };
}

/** Column index per field: `--columns` first, then recognised names. Missing text/speaker → InputError. */
function mapColumns(headerRow: string[], ctx: ReadContext): Partial<Record<Field, number>> {
  const names = headerRow.map(normaliseName);
  const result: Partial<Record<Field, number>> = {};
  for (const [key, column] of Object.entries(ctx.options.columns ?? {})) {
    const field = OPTION_KEYS[normaliseName(key)];
    if (!field) throw new InputError(ctx.file, `--columns: unknown field "${key}" (expected ${Object.keys(OPTION_KEYS).join(', ')})`);
    const index = names.indexOf(normaliseName(column));
    if (index < 0) {
      throw new InputError(ctx.file, `--columns ${key}=${column}: no column "${column}" in the header (${headerRow.join(', ')})`, 1);
    }
    result[field] = index;
  }
  const taken = new Set(Object.values(result));
  for (const field of Object.keys(COLUMN_NAMES) as Field[]) {
    if (result[field] !== undefined) continue;
    for (const candidate of COLUMN_NAMES[field]) {
      const index = names.indexOf(candidate);
      if (index >= 0 && !taken.has(index)) {
        result[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  // A lone "role" column serves as the speaker column.
  if (result.speaker === undefined && result.role !== undefined) result.speaker = result.role;
  if (result.text === undefined) {
    throw new InputError(ctx.file, `no text column in the header (expected one of ${COLUMN_NAMES.text.join(', ')}, or --columns text=<name>)`, 1);
  }
  if (result.speaker === undefined) {
    throw new InputError(ctx.file, `no speaker column in the header (expected one of ${COLUMN_NAMES.speaker.join(', ')}, or --columns role=<name>)`, 1);
  }
  return result;
}
