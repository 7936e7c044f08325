// Property tests at the reader boundary and over the whole pipeline: arbitrary input never throws past the reader
// boundary, never hangs, and never costs a well-formed record its place next to a malformed one.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScore } from '../../src/pipeline.js';
import { InputError } from '../../src/transcript/input-error.js';
import { readBytes } from '../../src/transcript/read-inputs.js';
import { READERS } from '../../src/transcript/readers/index.js';
import { csvReader } from '../../src/transcript/readers/csv.js';
import { jsonlReader } from '../../src/transcript/readers/json.js';

/** Generous per-input time guard: 2 s plus 1 s per 100 KB. Catches quadratic blow-ups and hangs, not slowness. */
const budgetMs = (chars: number): number => 2000 + (chars / 100_000) * 1000;

// Inputs shaped like each format, with malformed structure and big repetitive blocks mixed in.
const fragment = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '""', '\r\n', '\r', '\n', ',', ';', '\t', '{', '}', '[', ']', ':', 'Agent: ', 'Customer: ', 'WEBVTT\n\n', '00:00:01,000 --> 00:00:02,000\n', '<v Jo>', '\uFEFF', '\u0000', '\uD800'),
  fc.json(),
  fc.tuple(fc.constantFrom('[', '{"a":', '"', 'a', 'Agent: sorry ', ',"'), fc.integer({ min: 100, max: 20_000 })).map(([s, n]) => s.repeat(n)),
);
const hostileText = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));
const headed = fc.oneof(
  hostileText,
  hostileText.map((s) => `call_id,speaker,text\n${s}`),
  hostileText.map((s) => `speaker\ttext\n${s}`),
  hostileText.map((s) => `{"id":"x","turns":[${s}`),
  hostileText.map((s) => `{"Transcript":[${s}]}`),
  hostileText.map((s) => `WEBVTT\n\n${s}`),
  hostileText.map((s) => `Call-Id: x\n\nAgent: ${s}`),
);

describe('readers: arbitrary input stays behind the reader boundary', () => {
  for (const reader of READERS) {
    it(`${reader.name}: returns a ReadOutput or throws InputError, in bounded time`, () => {
      fc.assert(
        fc.property(headed, (text) => {
          const started = Date.now();
          try {
            const out = reader.read(text, { file: 'p.in', options: {} });
            expect(Array.isArray(out.transcripts) && Array.isArray(out.problems) && Array.isArray(out.warnings)).toBe(true);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            expect(error.message.split('\n')).toHaveLength(1);
          }
          expect(Date.now() - started).toBeLessThan(budgetMs(text.length));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('readBytes: any bytes under any name give at least one event and never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 2000 }), headed.map((s) => new TextEncoder().encode(s))),
        fc.constantFrom('a.txt', 'a.csv', 'a.tsv', 'a.json', 'a.jsonl', 'a.vtt', 'a.srt', 'a.json.gz', 'a'),
        (bytes, file) => {
          const started = Date.now();
          const events = [...readBytes(bytes, file, {})];
          expect(events.length).toBeGreaterThanOrEqual(1);
          expect(Date.now() - started).toBeLessThan(budgetMs(bytes.length));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('pipeline: runScore on temp files with random content', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'empathy-prop-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const GOOD = 'Agent: Thank you for calling, how can I help?\nCustomer: My bill is wrong and I am upset.\nAgent: I am so sorry, that must be frustrating.\n';
  let run = 0;

  it('never throws; every file is scored or reported; read = scored + skipped + failed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            content: fc.oneof(headed, fc.uint8Array({ maxLength: 500 }), fc.constant(GOOD)),
            ext: fc.constantFrom('.txt', '.csv', '.tsv', '.json', '.jsonl', '.vtt', '.srt'),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (files) => {
          const sub = join(dir, `r${run++}`);
          const paths = files.map((f, i) => join(`${sub}-${i}${f.ext}`));
          files.forEach((f, i) => writeFileSync(paths[i]!, typeof f.content === 'string' ? f.content : Buffer.from(f.content)));
          const started = Date.now();
          const result = await runScore(paths, { keepCalls: true });
          const { read, scored, skipped, failed } = result.report.summary;
          expect(read).toBe(scored + skipped + failed);
          expect(result.report.calls).toHaveLength(scored);
          const accounted = new Set([...result.report.calls.map((c) => c.file), ...result.problems.map((p) => p.file)]);
          for (const p of paths) expect(accounted.has(p), p).toBe(true);
          for (const c of result.report.calls) {
            // null only for a call with nothing expected (no opportunity), and then without a verdict.
            expect(c.passed === null).toBe(c.score === null);
            if (c.score !== null) expect(c.score).toBeGreaterThanOrEqual(0);
          }
          expect(Date.now() - started).toBeLessThan(budgetMs(files.reduce((n, f) => n + f.content.length, 0)) + 5000);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('a well-formed record next to malformed ones is never dropped', () => {
  const word = fc.stringMatching(/^[A-Za-z.'"]{1,8}$/);
  const goodText = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

  it('JSONL: every good line is a transcript, every bad line a problem on its own line', () => {
    const badLine = fc.oneof(
      fc.constant('{"id": "bad", "turns": ['),
      fc.constant('{"id": "bad"}'),
      fc.constant('[1, 2'),
      fc.constant('{"id":"bad","turns":[{"role":"agent"}]}'),
      fc.constant(`${'['.repeat(5000)}`),
      fc.constant('\u0000\u0001garbage'),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(goodText.map((t) => ({ good: t })), badLine.map((b) => ({ bad: b }))), { minLength: 1, maxLength: 12 }), (rows) => {
        const lines = rows.map((r, i) =>
          'good' in r ? JSON.stringify({ id: `g${i}`, turns: [{ role: 'agent', speaker: 'Agent', text: r.good }] }) : r.bad,
        );
        const goodIds = rows.flatMap((r, i) => ('good' in r ? [`g${i}`] : []));
        const badLines = rows.flatMap((r, i) => ('bad' in r ? [i + 1] : []));
        let out;
        try {
          out = jsonlReader.read(lines.join('\n'), { file: 'p.jsonl', options: {} });
        } catch (error) {
          // Only a file with no good line at all may fail as a whole.
          expect(error).toBeInstanceOf(InputError);
          expect(goodIds).toEqual([]);
          return;
        }
        expect(out.transcripts.map((t) => t.id)).toEqual(goodIds);
        expect(out.problems.map((p) => p.line)).toEqual(badLines);
      }),
      { numRuns: 300 },
    );
  });

  it('CSV: every good row keeps its text, every malformed row is a problem on the line it starts', () => {
    const badRow = fc.oneof(
      fc.stringMatching(/^[A-Za-z.]{1,8}$/).map((w) => `bad,Agent,"unclosed ${w}`),
      fc.constant('bad,Agent,he said "hi" ok'),
      fc.constant('bad,Agent,"closed" then more'),
      fc.constant('bad,Agent,'),
      fc.constant('bad,,no speaker'),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(goodText.map((t) => ({ good: t })), badRow.map((b) => ({ bad: b }))), { minLength: 1, maxLength: 12 }), (rows) => {
        const lines = ['call_id,speaker,text', ...rows.map((r, i) => ('good' in r ? `g${i},Agent,"${r.good.replace(/"/g, '""')}"` : r.bad))];
        const good = rows.flatMap((r, i) => ('good' in r ? [{ id: `g${i}`, text: r.good }] : []));
        const badLines = rows.flatMap((r, i) => ('bad' in r ? [i + 2] : []));
        const out = csvReader.read(`${lines.join('\n')}\n`, { file: 'p.csv', options: {} });
        const byId = new Map(out.transcripts.map((t) => [t.id, t.turns.map((turn) => turn.text)]));
        for (const g of good) expect(byId.get(g.id), `${g.id} in\n${lines.join('\n')}`).toEqual([g.text]);
        expect([...byId.keys()].every((id) => id.startsWith('g'))).toBe(true);
        expect(out.problems.map((p) => p.line)).toEqual(badLines);
      }),
      { numRuns: 300 },
    );
  });
});
