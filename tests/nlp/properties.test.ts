// Property tests: analyseTurn offsets on arbitrary text; detectors never throw and every finding quotes its span.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseTurn, normaliseQuotes } from '../../src/nlp/analyse.js';
import { createDetectionEngine } from '../../src/detectors/index.js';
import type { Transcript, Turn } from '../../src/types.js';

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.stringMatching(/^[A-Za-z’'“”" .,!?😀👍🏽\n-]{0,80}$/),
);

/** Sentences made of words the detectors react to, so findings are actually produced. */
const WORDS = [
  'sorry', "I'm", 'I’m', 'not', 'thanks', 'thank', 'you', 'for', 'your', 'patience', 'I', "I'll", 'will', 'call', 'back', 'by',
  'Friday', 'email', 'within', '24', 'hours', 'understand', 'how', 'frustrating', 'that', 'must', 'be', 'so', "you're",
  'saying', 'bill', 'charged', 'twice', 'calm', 'down', 'what', 'happened', 'my', 'name', 'is', 'Priya', 'she', 'said',
  '"', '…', ',', '.', '?', '!', '😀', 'ridiculous', 'third', 'time', 'let', 'me', 'hold', 'excuse', 'apologise', 'no',
];
const detectorText = fc.oneof(
  anyText,
  fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((w) => w.join(' ')),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((w) => w.join('')),
);

const transcript = fc
  .array(fc.record({ role: fc.constantFrom('agent', 'customer', 'system', 'unknown') as fc.Arbitrary<Turn['role']>, text: detectorText }), {
    minLength: 1,
    maxLength: 8,
  })
  .map(
    (turns): Transcript => ({
      id: 'prop',
      source: { file: 'prop.txt' },
      turns: turns.map((t, index) => ({ index, role: t.role, speaker: t.role, text: t.text, ...(t.role === 'agent' ? { agentId: 'a1' } : {}) })),
    }),
  );

describe('analyseTurn on arbitrary text', () => {
  it('token offsets are within bounds, ordered and non-overlapping; sentences tile the tokens (guaranteed by construction)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const a = analyseTurn({ index: 0, role: 'agent', speaker: 'A', text });
        expect(a.text.length).toBe(text.length);
        let previousEnd = 0;
        for (const t of a.tokens) {
          expect(t.start).toBeGreaterThanOrEqual(previousEnd);
          expect(t.end).toBeGreaterThanOrEqual(t.start);
          expect(t.end).toBeLessThanOrEqual(text.length);
          previousEnd = t.end;
        }
        let next = 0;
        for (const s of a.sentences) {
          expect(s.firstToken).toBe(next);
          expect(s.endToken).toBeGreaterThan(s.firstToken);
          expect(s.start).toBe(a.tokens[s.firstToken]!.start);
          expect(s.end).toBe(a.tokens[s.endToken - 1]!.end);
          next = s.endToken;
        }
        expect(next).toBe(a.tokens.length);
      }),
      { numRuns: 400 },
    );
  });

  // Tokens tile the analysed text: every non-space character is in exactly one token, and no token holds a space.
  it('tokens cover every non-space character once, in order, and hold no whitespace', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const a = analyseTurn({ index: 0, role: 'agent', speaker: 'A', text });
        let covered = '';
        let previousEnd = 0;
        for (const t of a.tokens) {
          expect(t.start).toBeGreaterThanOrEqual(previousEnd);
          expect(/^\s*$/.test(a.text.slice(previousEnd, t.start))).toBe(true);
          expect(/\s/.test(a.text.slice(t.start, t.end))).toBe(false);
          expect(t.lower).toBe(a.lower.slice(t.start, t.end));
          covered += a.text.slice(t.start, t.end);
          previousEnd = t.end;
        }
        expect(covered).toBe(a.text.slice(0, previousEnd).replace(/\s+/g, ''));
        expect(/^\s*$/.test(a.text.slice(previousEnd))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('detectors on arbitrary transcripts', () => {
  const engine = createDetectionEngine();

  it('never throw; every finding quotes its span, has a well-formed id, confidence in [0,1] and the right speaker', () => {
    fc.assert(
      fc.property(transcript, (t) => {
        const findings = engine.detectTranscript(t);
        for (const f of findings) {
          const turn = t.turns[f.turn]!;
          expect(f.span[0]).toBeGreaterThanOrEqual(0);
          expect(f.span[0]).toBeLessThanOrEqual(f.span[1]);
          expect(f.span[1]).toBeLessThanOrEqual(turn.text.length);
          expect(turn.text.slice(f.span[0], f.span[1])).toBe(f.quote);
          expect(f.id).toBe(`prop#${f.turn}:${f.span[0]}-${f.span[1]}:${f.behaviour}`);
          expect(f.confidence).toBeGreaterThanOrEqual(0);
          expect(f.confidence).toBeLessThanOrEqual(1);
          expect(turn.role).toBe(f.behaviour === 'customer-distress' ? 'customer' : 'agent');
          for (const e of f.evidence ?? []) expect(t.turns[e.turn]!.text.slice(e.span[0], e.span[1])).toBe(e.quote);
        }
      }),
      { numRuns: 300 },
    );
  });
});
