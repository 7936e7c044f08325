// CSV / TSV (and `;`-separated) exports: one row per turn, header row required, rows grouped by call id.
import { CsvError, parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import type { InputProblem, Transcript } from '../../types.js';
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
  // A whole file: rows of one call may be anywhere in it.
  const grouper = createCallGrouper(headerRow, ctx);
  for (let i = 1; i < parsed.length; i++) grouper.add(parsed[i]!);
  const out = grouper.finish();
  problems.push(...out.problems);
  // Parse-level and row-level problems were found in two passes: report them in file order.
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { transcripts: out.transcripts, problems, warnings: out.warnings };
}

/**
 * Rows → calls, the one place that groups them (whole files and streams alike). Without `window` every call stays open
 * to the end (a whole file: its rows may be anywhere). With one, at most `window` calls are open at once: when a row
 * starts one more, the call seen first is complete and handed out (by take()), so a stream holds only the calls still
 * receiving rows. A row of a call already handed out cannot join it: it is a problem naming the row, its call and the
 * fix, counted once per call (with how many rows), and the call keeps the rows it had.
 */
export interface CallGrouper {
  add(row: Row): void;
  /** Calls completed so far, and the problems and warnings found, handed over once. */
  take(): ReadOutput;
  /** Everything still open, and the problems and warnings not yet taken. */
  finish(): ReadOutput;
}

export function createCallGrouper(headerRow: string[], ctx: ReadContext, window?: number): CallGrouper {
  const columns = mapColumns(headerRow, ctx);
  let problems: InputProblem[] = [];
  let warnings: string[] = [];
  let done: Transcript[] = [];
  const calls = new Map<string, { header: CallHeader; turns: RawTurn[] }>();
  const closed = new Set<string>();
  const late = new Map<string, { problem: InputProblem; rows: number }>();
  const timestampUnit = columns.timestamp !== undefined && /ms|millis/i.test(headerRow[columns.timestamp]!) ? 'ms' : 's';
  const endUnit = columns.end !== undefined && /ms|millis/i.test(headerRow[columns.end]!) ? 'ms' : 's';

  const build = (call: { header: CallHeader; turns: RawTurn[] }): void => {
    // An agent id on a row names that row's agent; rows whose role is unknown keep it only if they turn out agents.
    const built = buildTranscript(call.header, call.turns, ctx);
    done.push(built.transcript);
    warnings.push(...built.warnings);
  };

  const add = ({ record, line, row }: Row): void => {
    const cell = (field: Field): string => {
      const index = columns[field];
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    if (record.every((c) => c.trim() === '')) return;
    const turnText = cleanText(cell('text'));
    if (turnText === '') {
      problems.push({ file: ctx.file, line, reason: `row ${row}: missing text in column "${headerRow[columns.text!]}"` });
      return;
    }
    const speaker = cell('speaker');
    const roleCell = columns.role !== undefined && columns.role !== columns.speaker ? cell('role') : '';
    if (speaker === '' && roleCell === '') {
      problems.push({ file: ctx.file, line, reason: `row ${row}: missing speaker in column "${headerRow[columns.speaker!]}"` });
      return;
    }
    const callId = columns.call_id !== undefined ? cell('call_id') || idFromFileName(ctx.file) : idFromFileName(ctx.file);
    let call = calls.get(callId);
    if (!call) {
      if (closed.has(callId)) {
        const seen = late.get(callId);
        if (seen) seen.rows++;
        else {
          const problem = { file: ctx.file, line, reason: '' };
          late.set(callId, { problem, rows: 1 });
          problems.push(problem);
        }
        return;
      }
      if (window !== undefined && calls.size >= window) {
        const [oldest, first] = calls.entries().next().value!;
        calls.delete(oldest);
        closed.add(oldest);
        build(first);
      }
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
  };

  const take = (): ReadOutput => {
    for (const [id, { problem, rows }] of late) {
      problem.reason =
        `call ${id}: ${rows} row${rows === 1 ? '' : 's'} from here on came after ${window} other calls had started since its ` +
        'earlier rows, which were scored without them (a streamed CSV export needs the rows of one call together, e.g. sorted by call id)';
    }
    const out = { transcripts: done, problems, warnings };
    done = [];
    problems = [];
    warnings = [];
    return out;
  };
  return {
    add,
    take,
    finish() {
      for (const call of calls.values()) build(call);
      calls.clear();
      return take();
    },
  };
}

/** Calls a streamed CSV keeps open at once (see createCallGrouper): interleaved rows of this many calls still group. */
export const STREAM_OPEN_CALLS = 256;

/**
 * A CSV/TSV stream (stdin, or a file too large to read whole) read row by row into calls, in bounded memory: pieces of
 * output as calls complete. The header is the first record; a malformed record is a problem on its line and the next
 * record is read (csv-parse's skip_records_with_error). A header that maps no text or speaker column throws InputError.
 */
export async function* readCsvStream(text: AsyncIterable<string>, ctx: ReadContext, delimiter: string): AsyncGenerator<ReadOutput> {
  const { parse: parseStream } = await import('csv-parse');
  const skipped: InputProblem[] = [];
  let lastLine = 0;
  const parser = parseStream({
    delimiter,
    info: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: false,
    skip_records_with_error: true,
  });
  // One problem per malformed record, on the line csv-parse was at (a record can raise several errors).
  // Errors with no good record between them are one malformed stretch: one problem, on the line it starts.
  let recordsAtSkip = -1;
  parser.on('skip', (error: Error & { lines?: number }) => {
    const line = error.lines ?? lastLine + 1;
    const records = (parser as unknown as { info: { records: number } }).info.records;
    if (records === recordsAtSkip) return;
    recordsAtSkip = records;
    skipped.push({ file: ctx.file, line, reason: `malformed CSV: ${error.message.replace(/ at line \d+/, '').replace(/\s+/g, ' ')}` });
  });
  const source = Readable.from(text);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let grouper: CallGrouper | undefined;
  let rows = 0;
  // --thread-by: a thread is complete only at the end of the input (a reply may come after any later row), so the rows
  // are kept and threaded then, as for a whole file.
  let header: string[] | undefined;
  const threadRows: Row[] | undefined = ctx.options.threadBy !== undefined ? [] : undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    lastLine = info.lines;
    rows++;
    if (threadRows) {
      if (header) threadRows.push({ record, line: info.lines, row: rows });
      else header = record;
      continue;
    }
    if (!grouper) {
      grouper = createCallGrouper(record, ctx, STREAM_OPEN_CALLS);
      continue;
    }
    grouper.add({ record, line: info.lines, row: rows });
    const out = grouper.take();
    out.problems.unshift(...skipped.splice(0));
    if (out.transcripts.length + out.problems.length + out.warnings.length > 0) yield out;
  }
  if (threadRows && header) {
    const threaded = readThreads(header, threadRows, ctx);
    yield { ...threaded, problems: [...skipped, ...threaded.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
    return;
  }
  const out = grouper?.finish() ?? { transcripts: [], problems: [], warnings: [] };
  out.problems.unshift(...skipped.splice(0));
  yield out;
}

export { guessDelimiter };

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
