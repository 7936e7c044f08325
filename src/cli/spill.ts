// A temporary file in os.tmpdir() that a streamed writer appends rendered pieces to while calls are scored and reads
// back once the report is final, so a document whose run-wide sections come first (summary, groups) never holds every
// call in memory. Removed on close(), and at process exit if close() was never reached.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Spill } from '../formatters/types.js';

const BUFFER_BYTES = 256 * 1024;
const READ_BYTES = 1024 * 1024;

export type { Spill };

const open = new Set<string>();
let exitHook = false;

export function createSpill(label = 'spill'): Spill {
  const dir = mkdtempSync(join(tmpdir(), 'empathy-'));
  const file = join(dir, label);
  const fd = openSync(file, 'w+', 0o600);
  open.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const d of open) rmSync(d, { recursive: true, force: true });
    });
  }
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let flushed = 0;
  let closed = false;
  const writeAll = (bytes: Uint8Array, length: number): void => {
    for (let at = 0; at < length; ) at += writeSync(fd, bytes, at, length - at, flushed + at);
    flushed += length;
  };
  const flush = (): void => {
    if (used === 0) return;
    writeAll(buffer, used);
    used = 0;
  };
  return {
    append(text) {
      const offset = flushed + used;
      const most = text.length * 3;
      if (used + most > buffer.length) flush();
      let length: number;
      if (most > buffer.length) {
        const bytes = Buffer.from(text, 'utf8');
        writeAll(bytes, bytes.length);
        length = bytes.length;
      } else {
        length = buffer.write(text, used, 'utf8');
        used += length;
      }
      return { offset, length };
    },
    get size() {
      return flushed + used;
    },
    *read(offset = 0, length = flushed + used - offset) {
      flush();
      for (let at = offset, end = offset + length; at < end; ) {
        const chunk = Buffer.allocUnsafe(Math.min(READ_BYTES, end - at));
        const n = readSync(fd, chunk, 0, chunk.length, at);
        if (n === 0) throw new Error(`spill file ${file} is shorter than expected`);
        at += n;
        yield n === chunk.length ? chunk : chunk.subarray(0, n);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
      open.delete(dir);
    },
  };
}
