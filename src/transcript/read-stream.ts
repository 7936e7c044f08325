// Stream inputs: stdin, and files too large to read whole. JSONL (--input-format jsonl, or sniffed as JSONL) is read
// line by line, so a filter like `producer | empathy score - --format ndjson` scores an endless stream, and a
// multi-gigabyte export scores, in bounded memory: the stream is pulled only as fast as calls are scored
// (back-pressure), and each line is released once read. Anything else — and any input small enough to arrive in the
// first chunk — is read whole, exactly as a small file is.
import type { InputProblem } from '../types.js';
import { encodingName, fixWindows1252, isAsciiCompatible } from './decode.js';
import { InputError } from './input-error.js';
import { chooseReader, type ReadContext, type ReadOptions, type ReadOutput } from './readers/index.js';
import { guessDelimiter, readCsvStream } from './readers/csv.js';
import { readJsonlLine } from './readers/json.js';
import { readBytes, transcriptEvents, type InputEvent } from './read-inputs.js';

/** Bytes gathered before deciding: at least the 64 K characters readers sniff. */
const HEAD_BYTES = 256 * 1024;

export async function* readStream(stream: NodeJS.ReadableStream, file: string, options: ReadOptions): AsyncGenerator<InputEvent> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    size += chunk.length;
  }
  const headBytes = Buffer.concat(head);
  const csv = ended ? undefined : streamableCsv(headBytes, file, options);
  if (csv !== undefined) {
    yield* csvEvents(readCsvStream(decodedChunks(headBytes, chunks, options.encoding), { file, options }, csv), file);
    return;
  }
  if (ended || !isStreamableJsonl(headBytes, file, options)) {
    const rest: Buffer[] = [headBytes];
    if (!ended) for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest.push(toBuffer(next.value));
    yield* readBytes(Buffer.concat(rest), file, options);
    return;
  }
  yield* jsonlEvents(lines(headBytes, chunks), { file, options }, lineDecoder(options.encoding));
}

/** UTF-8 JSONL (by --input-format or by sniffing the head as a file would be); gzip and UTF-16 are read whole. */
function isStreamableJsonl(head: Buffer, file: string, options: ReadOptions): boolean {
  if (options.encoding !== undefined && !isAsciiCompatible(encodingName(options.encoding) ?? options.encoding)) return false;
  if (head.length >= 2 && ((head[0] === 0x1f && head[1] === 0x8b) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return false;
  }
  if (options.inputFormat !== undefined) return options.inputFormat.trim().toLowerCase() === 'jsonl';
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(head).slice(0, 64 * 1024);
  return chooseReader(text, file)?.name === 'jsonl';
}

/**
 * The delimiter when the head is UTF-8 (or --encoding, ASCII-compatible) CSV/TSV by --input-format or by sniffing as a
 * file would be; undefined otherwise (gzip and UTF-16 are read whole).
 */
function streamableCsv(head: Buffer, file: string, options: ReadOptions): string | undefined {
  if (options.encoding !== undefined && !isAsciiCompatible(encodingName(options.encoding) ?? options.encoding)) return undefined;
  if (head.length >= 2 && ((head[0] === 0x1f && head[1] === 0x8b) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return undefined;
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(head).slice(0, 64 * 1024);
  const name = options.inputFormat !== undefined ? options.inputFormat.trim().toLowerCase() : chooseReader(text, file)?.name;
  if (name === 'tsv') return '\t';
  if (name === 'csv') return guessDelimiter(text.split(/\r?\n/)[0] ?? '');
  return undefined;
}

/** The stream's text, decoded chunk by chunk (a character split across chunks is carried over). */
async function* decodedChunks(head: Buffer, rest: AsyncIterator<Buffer | string>, encoding: string | undefined): AsyncGenerator<string> {
  const name = encoding === undefined ? 'utf-8' : (encodingName(encoding) ?? encoding);
  const decoder = new TextDecoder(name, { fatal: true });
  const decode = (bytes: Buffer, stream: boolean): string => {
    if (bytes.includes(0)) throw new Error('binary data (contains NUL bytes)');
    try {
      const text = decoder.decode(bytes, { stream });
      return name === 'windows-1252' ? fixWindows1252(text) : text;
    } catch {
      throw new Error(
        name === 'utf-8'
          ? 'not valid UTF-8 text (if it is Windows-1252, pass --encoding windows-1252; or convert the input to UTF-8)'
          : `not valid ${encoding} text`,
      );
    }
  };
  yield decode(head, true);
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield decode(toBuffer(next.value), true);
  yield decode(Buffer.alloc(0), false);
}

/** Events for a streamed CSV: as readText gives them for a whole file, except that they come as calls complete. */
async function* csvEvents(pieces: AsyncGenerator<ReadOutput>, file: string): AsyncGenerator<InputEvent> {
  let any = false;
  let warnings: string[] = [];
  try {
    for await (const out of pieces) {
      for (const problem of out.problems) yield { type: 'failed', problem };
      warnings.push(...out.warnings);
      if (out.transcripts.length > 0) any = true;
      warnings = yield* transcriptEvents(out.transcripts, file, warnings);
      if (out.problems.length > 0) any = true;
    }
  } catch (error) {
    const problem: InputProblem =
      error instanceof InputError ? error.toProblem() : { file, reason: error instanceof Error ? error.message : String(error) };
    yield { type: 'failed', problem };
    return;
  }
  if (!any) yield { type: 'skipped', problem: { file, reason: 'no turns' } };
}

interface Line {
  bytes: Buffer;
  /** 0-based line index. */
  index: number;
}

/** Lines split on \n (a trailing \r dropped); a line's pieces are joined only once its end is seen. */
async function* lines(head: Buffer, rest: AsyncIterator<Buffer | string>): AsyncGenerator<Line> {
  let pieces: Buffer[] = [];
  let index = 0;
  const split = function* (chunk: Buffer): Generator<Line> {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      pieces.push(chunk.subarray(start, nl));
      yield { bytes: Buffer.concat(pieces), index: index++ };
      pieces = [];
      start = nl + 1;
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
  };
  yield* split(head);
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield* split(toBuffer(next.value));
  if (pieces.length > 0) yield { bytes: Buffer.concat(pieces), index };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type LineDecoder = (bytes: Buffer, index: number) => string;

/** UTF-8 (the default), or the --encoding the user named (an ASCII-compatible one: the stream is split on 0x0a). */
function lineDecoder(encoding: string | undefined): LineDecoder {
  if (encoding === undefined || encodingName(encoding) === 'utf-8') return decodeLine;
  const name = encodingName(encoding) ?? encoding;
  const decoder = new TextDecoder(name, { fatal: true });
  return (bytes) => {
    const body = bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes;
    try {
      return name === 'windows-1252' ? fixWindows1252(decoder.decode(body)) : decoder.decode(body);
    } catch {
      throw new Error(`not valid ${encoding} text`);
    }
  };
}

function decodeLine(bytes: Buffer, index: number): string {
  let body = bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes;
  if (index === 0 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  if (body.includes(0)) throw new Error('binary data (contains NUL bytes)');
  try {
    return UTF8.decode(body);
  } catch {
    throw new Error('not valid UTF-8 text (if it is Windows-1252, pass --encoding windows-1252; or convert the input to UTF-8)');
  }
}

/**
 * The events readText gives for a JSONL file, produced one line at a time. As there: a broken line fails alone once
 * any line has given a transcript; an input with no good line is one failure (its first); warnings ride on the next
 * transcript. Failures before the first transcript wait for it (they are small: file, line, reason).
 */
async function* jsonlEvents(source: AsyncIterable<Line>, ctx: ReadContext, decode: LineDecoder = decodeLine): AsyncGenerator<InputEvent> {
  const { file } = ctx;
  let held: InputProblem[] = [];
  let firstLineFailure: InputProblem | undefined;
  let seenContent = false;
  let seenTranscript = false;
  let warnings: string[] = [];
  for await (const { bytes, index } of source) {
    let output: ReadOutput;
    try {
      const text = decode(bytes, index);
      if (text.trim() === '') continue;
      seenContent = true;
      output = readJsonlLine(text, index, ctx);
    } catch (error) {
      seenContent = true;
      const problem: InputProblem =
        error instanceof InputError ? error.toProblem() : { file, reason: error instanceof Error ? error.message : String(error) };
      problem.line = index + 1;
      firstLineFailure ??= problem;
      if (seenTranscript) yield { type: 'failed', problem };
      else held.push(problem);
      continue;
    }
    warnings.push(...output.warnings);
    if (!seenTranscript && output.transcripts.length === 0) {
      held.push(...output.problems);
      continue;
    }
    if (!seenTranscript) {
      seenTranscript = true;
      for (const problem of held) yield { type: 'failed', problem };
      held = [];
    }
    for (const problem of output.problems) yield { type: 'failed', problem };
    warnings = yield* transcriptEvents(output.transcripts, file, warnings);
  }
  if (seenTranscript) return;
  if (!seenContent) yield { type: 'skipped', problem: { file, reason: 'empty file' } };
  else if (firstLineFailure !== undefined) yield { type: 'failed', problem: firstLineFailure };
  else if (held.length > 0) for (const problem of held) yield { type: 'failed', problem };
  else yield { type: 'skipped', problem: { file, reason: 'no turns' } };
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
