// Where results go: stdout or --output, the file written atomically (temp file in the same directory + rename),
// and whether output is coloured — decided once here (DESIGN §5, §7).
import { randomBytes } from 'node:crypto';
import { statSync, writeSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface ColorInputs {
  /** false when --no-color was given. */
  flag: boolean;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** Colour only on a TTY, never with --no-color or a non-empty NO_COLOR (https://no-color.org). */
export function decideColor({ flag, env, isTTY }: ColorInputs): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '') return true;
  return isTTY;
}

/** A sink for results. Nothing is visible at `output` until commit(); abort() removes the temp file. */
export interface OutputSink {
  write(chunk: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Results to `output` (atomically) or, when undefined, to stdout. */
export function openOutput(output: string | undefined, stdout: NodeJS.WritableStream = process.stdout): OutputSink {
  if (output === undefined) return stdoutSink(stdout);
  return isSpecialFile(output) ? directSink(output) : fileSink(output);
}

/** /dev/null, a FIFO or /dev/stdout: renaming over it would replace the device, so write to it directly. */
function isSpecialFile(output: string): boolean {
  try {
    const stat = statSync(output);
    return !stat.isFile() && !stat.isDirectory();
  } catch {
    return false;
  }
}

function directSink(output: string): OutputSink {
  let handle: Promise<FileHandle> | undefined;
  const file = (): Promise<FileHandle> => (handle ??= open(output, 'w'));
  const buffer = createWriteBuffer(file);
  return {
    write: buffer.write,
    async commit() {
      await buffer.flush();
      await (await file()).close();
    },
    async abort() {
      if (handle) await handle.then((h) => h.close()).catch(() => {});
    },
  };
}

/**
 * Chunks are encoded straight into one reused buffer of this size and written synchronously to the file's descriptor:
 * an fs.promises write per 30 KB call cost more than scoring it, text held back as strings (256 KB at first) outlived
 * young-generation collections and grew the main thread's old generation, and joining and re-encoding the held-back
 * strings was the largest allocation of a scoring run after tokenising.
 */
const WRITE_BUFFER_BYTES = 256 * 1024;

/** Collects small writes to a file and writes them in larger pieces, in order. */
function createWriteBuffer(file: () => Promise<FileHandle>): { write(chunk: string | Uint8Array): Promise<void>; flush(): Promise<void> } {
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  let fd: number | undefined;
  const writeAll = (target: number, bytes: Uint8Array, length: number): void => {
    for (let at = 0; at < length; ) at += writeSync(target, bytes, at, length - at);
  };
  // Once the file is open everything below is synchronous, so writes land in call order even when not awaited.
  const open = async (): Promise<number> => (fd ??= (await file()).fd);
  return {
    async write(chunk) {
      if (chunk.length === 0) return;
      const target = fd ?? (await open());
      // At most this many bytes: a UTF-16 code unit is at most 3 bytes of UTF-8.
      const most = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
      if (used + most > buffer.length) {
        writeAll(target, buffer, used);
        used = 0;
      }
      if (most > buffer.length) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        writeAll(target, bytes, bytes.length);
      } else if (typeof chunk === 'string') {
        used += buffer.write(chunk, used, 'utf8');
      } else {
        buffer.set(chunk, used);
        used += chunk.length;
      }
    },
    async flush() {
      if (used === 0) return;
      const target = fd ?? (await open());
      writeAll(target, buffer, used);
      used = 0;
    },
  };
}

/** Writes one finished text to `output` or stdout. */
export async function writeResult(text: string, output: string | undefined, stdout?: NodeJS.WritableStream): Promise<void> {
  const sink = openOutput(output, stdout);
  try {
    await sink.write(text);
    await sink.commit();
  } catch (err) {
    await sink.abort();
    throw err;
  }
}

function stdoutSink(stdout: NodeJS.WritableStream): OutputSink {
  return {
    write: (chunk) => writeChunk(stdout, chunk),
    commit: async () => {},
    abort: async () => {},
  };
}

function fileSink(output: string): OutputSink {
  const temp = join(dirname(output), `.${basename(output)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: Promise<FileHandle> | undefined;
  const file = (): Promise<FileHandle> => (handle ??= open(temp, 'wx', 0o644));
  const buffer = createWriteBuffer(file);
  return {
    write: buffer.write,
    async commit() {
      await buffer.flush();
      const h = await file();
      await h.sync();
      await h.close();
      await rename(temp, output);
    },
    async abort() {
      if (!handle) return;
      await handle.then((h) => h.close()).catch(() => {});
      await unlink(temp).catch(() => {});
    },
  };
}

/** Resolves once the chunk is handed over, waiting for 'drain' when the stream is full (keeps memory flat). */
function writeChunk(stream: NodeJS.WritableStream, chunk: string | Uint8Array): Promise<void> {
  if (chunk.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const ok = stream.write(chunk, (err?: Error | null) => {
      if (err) reject(err);
    });
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

/** A human reason for a failed write, e.g. "cannot write out/report.html: no such file or directory". */
export function describeWriteError(output: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : (code ?? (err as Error).message);
  return `${output}: cannot write output (${why})`;
}
