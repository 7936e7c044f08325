// Paths → transcripts as a stream of events. Every input accounts for at least one event, so the pipeline can keep
// read = scored + skipped + failed.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { InputProblem, Transcript } from '../types.js';
import { decodeBytes } from './decode.js';
import type { PathList } from './compact-strings.js';
import { STDIN_PATH, expandPathList } from './expand-paths.js';
import { InputError } from './input-error.js';
import { readStream } from './read-stream.js';
import { READERS, chooseReader, findReader, innerName, type ReadOptions, type ReadOutput } from './readers/index.js';
import { createUniqueIds } from './unique-ids.js';
import { fileErrorReason } from '../file-errors.js';

export { expandPaths } from './expand-paths.js';

export type InputEvent =
  | { type: 'transcript'; transcript: Transcript; warnings: string[] }
  | { type: 'skipped'; problem: InputProblem }
  | { type: 'failed'; problem: InputProblem };

/** How the stdin input is named in events and messages. */
export const STDIN_NAME = '<stdin>';

/** Files larger than this are streamed (JSONL line by line) rather than read into memory whole. */
const STREAM_FILE_BYTES = 8 * 1024 * 1024;

/** Characters of the file head that readers sniff. */
const SNIFF_LENGTH = 64 * 1024;

/** An expanded input list (expandPathList's result): the files packed off the V8 heap, and the paths that failed. */
export interface ExpandedInputs {
  files: PathList;
  problems: InputProblem[];
}

/**
 * `paths` may come already expanded, so a caller that needed the file list first does not hold a second copy of it
 * while the files are read.
 */
export async function* readInputs(
  paths: string[] | ExpandedInputs,
  options: ReadOptions & { stdin?: NodeJS.ReadableStream; streamFileBytes?: number },
): AsyncGenerator<InputEvent> {
  const streamFrom = options.streamFileBytes ?? STREAM_FILE_BYTES;
  const { files, problems } = Array.isArray(paths) ? await expandPathList(paths) : paths;
  for (const problem of problems) yield { type: 'failed', problem };
  const fileAt = (n: number): string => files.get(n);
  const ids = createUniqueIds((n) => displayName(fileAt(n)));
  for (let fileNo = 0; fileNo < files.length; fileNo++) {
    const file = fileAt(fileNo);
    const name = displayName(file);
    let iterator: AsyncIterator<InputEvent> | Iterator<InputEvent>;
    try {
      const bytes = file === STDIN_PATH ? undefined : readSmallFile(file, streamFrom);
      // stdin may be an endless JSONL stream, and a file over STREAM_FILE_BYTES a huge export: read-stream.ts reads
      // JSONL from either line by line. Other files are read synchronously: one open/stat/read/close round trip
      // instead of fs.promises' several thread-pool hops per file, which cost more than parsing a call when a run
      // holds thousands of small files.
      iterator =
        file === STDIN_PATH
          ? readStream(options.stdin ?? process.stdin, name, options)
          : bytes === undefined
            ? readStream(createReadStream(file), name, options)
            : readBytes(bytes, name, options);
    } catch (error) {
      yield { type: 'failed', problem: { file: name, reason: fileErrorReason(error) } };
      continue;
    }
    for (;;) {
      let next: IteratorResult<InputEvent>;
      try {
        next = await iterator.next();
      } catch (error) {
        // A stream that fails mid-way (stdin is a directory, a pipe error): what was read still counts.
        yield { type: 'failed', problem: { file: name, reason: fileErrorReason(error) } };
        break;
      }
      if (next.done) break;
      const event = next.value;
      const warning = event.type === 'transcript' ? ids.claim(event.transcript, fileNo) : undefined;
      // A fresh array: a file's later transcripts share one empty warnings list.
      yield warning === undefined || event.type !== 'transcript' ? event : { ...event, warnings: [...event.warnings, warning] };
    }
  }
}

/** Files up to this size are read into one reused buffer (a fresh 10 KB buffer per file cost more than reading it). */
const REUSED_BUFFER_BYTES = 1024 * 1024;
let reusedBuffer: Buffer | undefined;

/**
 * The whole file, or undefined when it is larger than `limit` (the caller streams it). Small files land in a buffer
 * that the next call overwrites: readBytes has decoded them into a string before the loop reads the next file.
 */
function readSmallFile(file: string, limit: number): Uint8Array | undefined {
  const fd = openSync(file, 'r');
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: ${file}`), { code: 'EISDIR' });
    if (info.size > limit) return undefined;
    let buffer = info.size < REUSED_BUFFER_BYTES ? (reusedBuffer ??= Buffer.allocUnsafe(REUSED_BUFFER_BYTES)) : Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        // The file grew while being read (or stat gave no size, as for /proc files).
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const displayName = (file: string): string => (file === STDIN_PATH ? STDIN_NAME : file);

/** Largest decompressed size of a `.gz` input (a guard against gzip bombs). */
const MAX_GUNZIPPED_BYTES = 512 * 1024 * 1024;

/** Events for one input's bytes (exported for the library API and tests). Gzipped bytes are unpacked first. */
export function* readBytes(bytes: Uint8Array, file: string, options: ReadOptions): Generator<InputEvent> {
  let sniffName = file;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ERR_BUFFER_TOO_LARGE' ? 'gzip content is larger than 512 MB' : 'not a valid gzip file (truncated or corrupt)';
      yield { type: 'failed', problem: { file, reason } };
      return;
    }
    sniffName = innerName(file);
  }
  const decoded = decodeBytes(bytes, options.encoding);
  if (!decoded.ok) {
    const problem: InputProblem = { file, reason: decoded.reason };
    if (decoded.line !== undefined) problem.line = decoded.line;
    yield { type: 'failed', problem };
    return;
  }
  yield* readText(decoded.text, file, options, sniffName);
}

/** Events for one input's decoded text. */
export function* readText(text: string, file: string, options: ReadOptions, sniffName = file): Generator<InputEvent> {
  if (text.trim() === '') {
    yield { type: 'skipped', problem: { file, reason: 'empty file' } };
    return;
  }
  const reader = options.inputFormat
    ? findReader(options.inputFormat)
    : (chooseReader(text.slice(0, SNIFF_LENGTH), sniffName) ?? findReader('text'));
  if (!reader) {
    const names = READERS.map((r) => r.name).join(', ');
    yield { type: 'failed', problem: { file, reason: `unknown input format "${options.inputFormat}" (expected ${names})` } };
    return;
  }
  let output: ReadOutput;
  try {
    output = reader.read(text, { file, options });
  } catch (error) {
    const problem =
      error instanceof InputError
        ? error.toProblem()
        : { file, reason: `could not read as ${reader.name}: ${error instanceof Error ? error.message : String(error)}` };
    yield { type: 'failed', problem };
    return;
  }
  for (const problem of output.problems) yield { type: 'failed', problem };
  yield* transcriptEvents(output.transcripts, file, output.warnings);
  if (output.transcripts.length === 0 && output.problems.length === 0) {
    yield { type: 'skipped', problem: { file, reason: output.skipReason ?? 'no turns' } };
  }
}


/**
 * One event per transcript: a call with no turns is skipped, the others are yielded with `warnings` riding on the
 * first one. Returns the warnings still unattached (no transcript was yielded), for a caller that reads in pieces.
 */
export function* transcriptEvents(transcripts: readonly Transcript[], file: string, warnings: string[]): Generator<InputEvent, string[]> {
  for (const transcript of transcripts) {
    if (transcript.turns.length === 0) {
      const problem: InputProblem = { file, reason: `no turns in transcript ${transcript.id}` };
      if (transcript.source.line !== undefined) problem.line = transcript.source.line;
      yield { type: 'skipped', problem };
      continue;
    }
    yield { type: 'transcript', transcript, warnings };
    warnings = [];
  }
  return warnings;
}
