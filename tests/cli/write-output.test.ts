// The output sink: what reaches the file is exactly the chunks written, in order, whatever their sizes and scripts.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openOutput } from '../../src/cli/write-output.js';

const dir = mkdtempSync(join(tmpdir(), 'empathy-sink-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openOutput to a file', () => {
  it('writes every chunk in order: text or bytes, small, multi-byte and larger than its buffer, awaited or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.string({ unit: 'grapheme', maxLength: 20 }),
            fc.integer({ min: 40_000, max: 200_000 }).map((k) => 'é'.repeat(k)),
            // Bytes (calls from workers arrive as UTF-8 JSON), small and larger than the buffer.
            fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.integer({ min: 100_000, max: 400_000 }).map((k) => 'ü'.repeat(k))).map(
              (text) => new TextEncoder().encode(text),
            ),
          ),
          { maxLength: 12 },
        ),
        fc.boolean(),
        async (chunks, awaitEach) => {
          const file = join(dir, `out-${n++}.ndjson`);
          const sink = openOutput(file);
          if (awaitEach) for (const c of chunks) await sink.write(c);
          else await Promise.all(chunks.map((c) => sink.write(c)));
          await sink.commit();
          const text = chunks.map((c) => (typeof c === 'string' ? c : new TextDecoder().decode(c))).join('');
          expect(readFileSync(file, 'utf8')).toBe(text);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves nothing behind when aborted', async () => {
    const sink = openOutput(join(dir, 'aborted.json'));
    await sink.write('{"partial":');
    await sink.abort();
    expect(readdirSync(dir).filter((f) => f.includes('aborted'))).toEqual([]);
  });
});
