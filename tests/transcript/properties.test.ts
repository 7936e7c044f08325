import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/transcript/input-error.js';
import { readBytes, type InputEvent } from '../../src/transcript/read-inputs.js';
import { READERS, type Reader } from '../../src/transcript/readers/index.js';
import { csvReader } from '../../src/transcript/readers/csv.js';
import { jsonlReader } from '../../src/transcript/readers/json.js';
import { firstNonBlankLines, splitLines } from '../../src/transcript/util.js';

/** Runs a reader; a ReadOutput or an InputError is fine, anything else fails the property. */
function readsOrRejects(reader: Reader, text: string): boolean {
  try {
    const out = reader.read(text, { file: 'prop.in', options: {} });
    for (const t of out.transcripts) {
      t.turns.forEach((turn, i) => {
        if (turn.index !== i) throw new Error('turn index out of order');
        if (turn.role === 'agent' && !turn.agentId) throw new Error('agent turn without agentId');
      });
    }
    return true;
  } catch (error) {
    if (error instanceof InputError) return true;
    throw error;
  }
}

// Text that starts like each format so the property reaches past the first check.
const formatish = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string().map((s) => `WEBVTT\n\n${s}`),
  fc.string().map((s) => `1\n00:00:01,000 --> 00:00:02,000\n${s}`),
  fc.string().map((s) => `call_id,speaker,text\n${s}`),
  fc.string().map((s) => `speaker\ttext\n${s}`),
  fc.string().map((s) => `Call-Id: x\n\nAgent: ${s}`),
  fc.json().map((s) => s),
  fc.jsonValue().map((v) => JSON.stringify({ turns: [v] })),
  fc.jsonValue().map((v) => JSON.stringify({ Transcript: [v], Participants: v })),
  fc.array(fc.oneof(fc.json(), fc.string()), { maxLength: 5 }).map((lines) => lines.join('\n')),
  fc.array(fc.constantFrom('Agent:', 'Customer:', 'Note:', '[00:01]', 'Transfer-To: x', ' ', '\n', '(Agent)', 'Jo:', 'hi'), { maxLength: 30 }).map((parts) => parts.join('')),
);

describe('every reader survives any input', () => {
  for (const reader of READERS) {
    it(`${reader.name}: any string yields a ReadOutput or an InputError`, () => {
      fc.assert(fc.property(formatish, (text) => readsOrRejects(reader, text)), { numRuns: 300 });
    });
    it(`${reader.name}: sniff never throws`, () => {
      fc.assert(fc.property(formatish, (text) => typeof reader.sniff(text, 'x') === 'boolean'), { numRuns: 200 });
    });
  }

  it('any byte array read as a file yields events, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('a.txt', 'a.csv', 'a.json', 'a.jsonl', 'a.vtt', 'a.srt', 'a'), (bytes, file) => {
        const events: InputEvent[] = [...readBytes(bytes, file, {})];
        return events.length >= 1;
      }),
      { numRuns: 300 },
    );
  });
});

describe('a good record next to a malformed one is kept', () => {
  const goodLine = fc
    .record({ id: fc.stringMatching(/^[A-Z]{2}-\d{1,4}$/), text: fc.string({ minLength: 1 }).filter((s) => s.trim() !== '') })
    .map(({ id, text }) => ({ id, text, line: JSON.stringify({ id, turns: [{ role: 'agent', speaker: 'Agent', text }] }) }));
  const badLine = fc.oneof(
    fc.constant('{"id": "X", "turns": ['),
    fc.constant('{"id": "X"}'),
    fc.constant('[1, 2'),
    fc.string().filter((s) => !s.includes('\n') && !s.includes('\r') && s.trim() !== '' && (() => { try { JSON.parse(s); return false; } catch { return true; } })()),
  );

  it('JSONL: the good line yields a transcript, the bad line a problem on its line', () => {
    fc.assert(
      fc.property(goodLine, badLine, fc.boolean(), (good, bad, badFirst) => {
        const lines = badFirst ? [bad, good.line] : [good.line, bad];
        const out = jsonlReader.read(lines.join('\n'), { file: 'p.jsonl', options: {} });
        expect(out.transcripts.map((t) => t.id)).toEqual([good.id]);
        expect(out.problems.map((p) => p.line)).toEqual([badFirst ? 1 : 2]);
      }),
      { numRuns: 200 },
    );
  });

  it('CSV: a row without text is a problem and the other rows stay', () => {
    const cell = fc.string({ minLength: 1 }).filter((s) => s.trim() !== '').map((s) => `"${s.replace(/"/g, '""')}"`);
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.nat(), (texts, at) => {
        const rows = texts.map((t, i) => `${i % 2 ? 'Customer' : 'Agent'},${t}`);
        const badIndex = at % (rows.length + 1);
        rows.splice(badIndex, 0, 'Agent,');
        const out = csvReader.read(`speaker,text\n${rows.join('\n')}\n`, { file: 'p.csv', options: {} });
        expect(out.problems).toHaveLength(1);
        expect(out.transcripts[0]!.turns).toHaveLength(texts.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('firstNonBlankLines', () => {
  it('gives the first non-blank lines exactly as splitting every line would (LF, CRLF, CR, BOM, blanks)', () => {
    const linesish = fc
      .array(fc.constantFrom('Agent: hi', 'Customer: hello', '', ' ', '\t', 'x', '\r', '\n', '\r\n', '\n\r', '\uFEFF'), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(linesish, fc.string()), fc.integer({ min: 0, max: 25 }), (text, count) => {
        const expected = splitLines(text).filter((l) => l.trim() !== '').slice(0, count);
        expect(firstNonBlankLines(text, count)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
