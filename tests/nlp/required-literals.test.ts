// Required literals gate the phrase matcher: a pattern is skipped on text holding none of its literals, so a gate
// that rejects text the pattern matches would lose findings. These tests check the derivation and that implication.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENT_PHRASES } from '../../src/detectors/lexicons/acknowledgement.js';
import { APOLOGY_PHRASES } from '../../src/detectors/lexicons/apology.js';
import { APPRECIATION_PHRASES } from '../../src/detectors/lexicons/appreciation.js';
import { DISTRESS_CUES } from '../../src/detectors/lexicons/distress.js';
import { FOLLOW_UP_PHRASES } from '../../src/detectors/lexicons/follow-up-promise.js';
import { PARAPHRASE_PHRASES } from '../../src/detectors/lexicons/paraphrasing.js';
import { NEGATIVE_LANGUAGE_PHRASES } from '../../src/detectors/lexicons/signals.js';
import { readGoldFile } from '../../src/eval/gold.js';
import { gateTablesBytes, parseGateTables } from '../../src/nlp/literal-cache.js';
import { branchGates, LiteralGate, requiredLiterals } from '../../src/nlp/required-literals.js';
import { PhraseMatcher, type MatchableEntry } from '../../src/nlp/phrases.js';

const LEXICON_ENTRIES: readonly { id: string; pattern: string }[] = [
  ...ACKNOWLEDGEMENT_PHRASES,
  ...APOLOGY_PHRASES,
  ...APPRECIATION_PHRASES,
  ...DISTRESS_CUES,
  ...FOLLOW_UP_PHRASES,
  ...PARAPHRASE_PHRASES,
  ...NEGATIVE_LANGUAGE_PHRASES,
];

describe('requiredLiterals', () => {
  it('finds the literal every match must contain, past optional and repeated parts', () => {
    expect(requiredLiterals("(?:i'm |so |really )*sorry (?:to hear|for)")).toEqual(['sorry for', 'sorry to hear']);
    expect(requiredLiterals('(?:very )?grateful')).toEqual(['grateful', 'very grateful']);
    expect(requiredLiterals('frustrat\\w*|annoy\\w*')).toEqual(['annoy', 'frustrat']);
    expect(requiredLiterals("can'?t pay")).toEqual(["can't pay", 'cant pay']);
  });

  it('ignores lookarounds and word boundaries, which match no text of their own', () => {
    expect(requiredLiterals('(?<!from )what i hear(?= you)')).toEqual(['what i hear']);
    expect(requiredLiterals('\\bthanks\\b')).toEqual(['thanks']);
  });

  it('gives none where some branch has no literal of three characters or more', () => {
    expect(requiredLiterals('sorry|\\w+ing')).toBeDefined();
    expect(requiredLiterals('sorry|bs')).toBeUndefined();
    expect(requiredLiterals('\\w+')).toBeUndefined();
    expect(requiredLiterals('(a)\\1')).toBeUndefined();
  });

  it('reads a brace that is not a quantifier as the literal character it is without the u flag', () => {
    expect(requiredLiterals('ab{x}c')).toEqual(['ab{x}c']);
    expect(requiredLiterals('abc{2}')).toBeUndefined();
    expect(new RegExp('ab{x}c').test('ab{x}c')).toBe(true);
  });

  it('derives a gate for nearly every lexicon entry', () => {
    const gated = LEXICON_ENTRIES.filter((e) => requiredLiterals(e.pattern) !== undefined).length;
    expect(gated / LEXICON_ENTRIES.length).toBeGreaterThan(0.9);
  });
});

describe('LiteralGate', () => {
  it('marks the entries whose literals occur, overlapping and nested ones too', () => {
    const gate = new LiteralGate([['sorry'], ["i'm sorry to"], ['rry t'], undefined, ['xyz']]);
    const seen = new Uint8Array(5);
    expect(gate.hits("well i'm sorry to hear that", seen).sort()).toEqual([0, 1, 2]);
    expect([...seen]).toEqual([0, 0, 0, 0, 0]);
  });

  it('marks exactly the entries with a literal in the text (the renumbered table against a substring search)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', "'"), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.option(fc.array(word, { minLength: 1, maxLength: 4 }), { nil: undefined }), { minLength: 1, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ' ', "'"), maxLength: 40 }), (literals, text) => {
        const gate = new LiteralGate(literals);
        const seen = new Uint8Array(literals.length);
        const expected = literals.flatMap((l, i) => (l?.some((x) => text.includes(x)) ? [i] : []));
        expect(gate.hits(text, seen).sort((a, b) => a - b)).toEqual(expected);
        expect(seen.every((x) => x === 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("stored as bytes and read back (the build's gate cache), gives the same hits; damaged bytes are refused", () => {
    const literalSets = LEXICON_ENTRIES.map((e) => requiredLiterals(e.pattern));
    const built = new LiteralGate(literalSets);
    const bytes = gateTablesBytes(built.tables);
    const read = parseGateTables(bytes);
    expect(read).toBeDefined();
    const restored = new LiteralGate(read!);
    const seen = new Uint8Array(literalSets.length);
    const texts = ["i'm so sorry to hear that, it must be really frustrating", 'so you are saying the parcel never arrived', 'thanks for waiting — i will call you back tomorrow', ''];
    for (const text of texts) expect(restored.hits(text, seen)).toEqual(built.hits(text, seen));
    expect(built.hits(texts[0]!, seen).length).toBeGreaterThan(1);
    expect(parseGateTables(bytes.subarray(0, bytes.length - 4))).toBeUndefined();
    expect(parseGateTables(Buffer.concat([Buffer.alloc(4), bytes.subarray(4)]))).toBeUndefined();
    expect(parseGateTables(Buffer.alloc(0))).toBeUndefined();
  });
});

/** Every lexicon entry, on every turn of the project's gold calls: a match implies the gate passes. */
describe('the gate never hides a match', () => {
  const texts = ['fixtures/gold/service.jsonl', 'fixtures/gold/service-dev/asr.jsonl', 'fixtures/gold/service-dev/chat.jsonl', 'fixtures/gold/service-dev/voice.jsonl']
    .flatMap((f) => readGoldFile(f))
    .flatMap((t) => t.turns.map((turn) => turn.text.toLowerCase()));

  it('on the gold calls, for every entry', () => {
    let matched = 0;
    for (const entry of LEXICON_ENTRIES) {
      const literals = requiredLiterals(entry.pattern);
      if (!literals) continue;
      const regex = new RegExp(`(?:${entry.pattern})(?![a-z0-9])`);
      for (const text of texts) {
        const m = regex.exec(text);
        if (!m) continue;
        matched++;
        expect(literals.some((l) => m[0].includes(l)), `${entry.id} on "${m[0]}"`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('on random text built from the lexicons\' own words (property)', () => {
    const words = [...new Set(LEXICON_ENTRIES.flatMap((e) => e.pattern.toLowerCase().match(/[a-z']{2,}/g) ?? []))];
    const bare = (entries: readonly { id: string; pattern: string }[]) => entries.map(({ id, pattern }) => ({ id, pattern }));
    const matchers = [new PhraseMatcher(bare(DISTRESS_CUES)), new PhraseMatcher(bare(ACKNOWLEDGEMENT_PHRASES))];
    const ungated = (m: PhraseMatcher<{ id: string; pattern: string }>, text: string) =>
      m.entries.filter((e) => new RegExp(`(?<![a-z0-9'])(?:${e.pattern})(?![a-z0-9])`).test(text)).map((e) => e.id);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, ',', '.', 'i', 'you', 'so'), { minLength: 1, maxLength: 14 }), (parts) => {
        const text = parts.join(' ');
        for (const m of matchers) {
          const ids = [...new Set(m.matchAll(text).map((x) => x.entry.id))].sort();
          expect(ids).toEqual([...new Set(ungated(m, text))].sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('branchGates', () => {
  it('splits a pattern at its top-level alternatives only (not in groups or classes, not at an escaped bar), with the sources that make it up', () => {
    const branches = branchGates("(?:so|very) sorry|can'?t (?:\\w+ )?work|bs|[a|b]x\\|y")!;
    expect(branches.map((b) => b.source)).toEqual(['(?:so|very) sorry', "can'?t (?:\\w+ )?work", 'bs', '[a|b]x\\|y']);
    expect(branches.map((b) => b.source).join('|')).toBe("(?:so|very) sorry|can'?t (?:\\w+ )?work|bs|[a|b]x\\|y");
  });

  it('requires two literal sets from parts of a branch that do not overlap, and none of a branch without literals', () => {
    const [sorry, work, bs] = branchGates("(?:so|very) sorry|can'?t (?:\\w+ )?work|bs")!;
    expect(sorry!.gates).toEqual([['so sorry', 'very sorry']]);
    expect(work!.gates).toEqual([["can't ", 'cant '], ['work']]);
    expect(bs!.gates).toEqual([]);
  });

  it('gives none for a pattern it does not understand', () => {
    expect(branchGates('(a)|b')).toBeUndefined();
  });

  /** Every alternative of every lexicon entry, on the gold calls: a match holds a literal of each of its sets. */
  it('never rejects a text an alternative matches (gold calls)', () => {
    const texts = ['fixtures/gold/service.jsonl', 'fixtures/gold/service-dev/asr.jsonl', 'fixtures/gold/service-dev/chat.jsonl', 'fixtures/gold/service-dev/voice.jsonl']
      .flatMap((f) => readGoldFile(f))
      .flatMap((t) => t.turns.map((turn) => turn.text.toLowerCase()));
    let matched = 0;
    for (const entry of LEXICON_ENTRIES) {
      for (const branch of branchGates(entry.pattern) ?? []) {
        const regex = new RegExp(`(?:${branch.source})(?![a-z0-9])`, 'g');
        for (const text of texts) {
          for (const m of text.matchAll(regex)) {
            matched++;
            for (const set of branch.gates) expect(set.some((l) => m[0].includes(l)), `${entry.id}: ${branch.source} on "${m[0]}"`).toBe(true);
          }
        }
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });
});

/** The matcher as it was before any gate: every entry's whole regex on every text (the oracle for the gated one). */
function ungatedMatches(entries: readonly MatchableEntry[], lower: string) {
  const out: { id: string; start: number; end: number }[] = [];
  for (const entry of entries) {
    const regex = new RegExp(`(?:${entry.pattern})(?![a-z0-9])`, 'g');
    const before = entry.unlessBefore ? new RegExp(`(?:${entry.unlessBefore})\\s*$`) : undefined;
    const after = entry.unlessAfter ? new RegExp(`^\\s*(?:${entry.unlessAfter})`) : undefined;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(lower)) !== null) {
      if (m[0].length === 0 || /[a-z0-9']/.test(lower[m.index - 1] ?? '')) {
        regex.lastIndex = m.index + 1;
        continue;
      }
      const end = m.index + m[0].length;
      if (before?.test(lower.slice(Math.max(0, m.index - 60), m.index))) continue;
      if (after?.test(lower.slice(end, end + 60))) continue;
      out.push({ id: entry.id, start: m.index, end });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

describe('the gated matcher finds exactly what the ungated one finds (same entries, starts, ends, order)', () => {
  const lexicons: readonly (readonly MatchableEntry[])[] = [DISTRESS_CUES, ACKNOWLEDGEMENT_PHRASES, PARAPHRASE_PHRASES, APOLOGY_PHRASES, FOLLOW_UP_PHRASES];
  const matchers = lexicons.map((entries) => new PhraseMatcher(entries));
  const found = (m: PhraseMatcher<MatchableEntry>, text: string) => m.matchAll(text).map((x) => ({ id: x.entry.id, start: x.start, end: x.end }));

  it('on the gold calls', () => {
    const texts = ['fixtures/gold/service.jsonl', 'fixtures/gold/service-dev/chat.jsonl']
      .flatMap((f) => readGoldFile(f))
      .flatMap((t) => t.turns.map((turn) => turn.text.toLowerCase()));
    lexicons.forEach((entries, i) => {
      for (const text of texts) expect(found(matchers[i]!, text), text).toEqual(ungatedMatches(entries, text));
    });
  });

  it("on random text built from the lexicons' words and short ones their alternatives hold (property)", () => {
    const words = [...new Set(LEXICON_ENTRIES.flatMap((e) => e.pattern.toLowerCase().match(/[a-z']{2,}/g) ?? []))];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'bs', 'hell', 'hello', 'ugh', 'grrr', 'ffing', 'god', ',', '.', '?', '!', 'i', 'you', 'so', 'x1'), { minLength: 1, maxLength: 16 }), fc.constantFrom(' ', '', '  '), (parts, sep) => {
        const text = parts.join(sep || ' ');
        lexicons.forEach((entries, i) => expect(found(matchers[i]!, text)).toEqual(ungatedMatches(entries, text)));
      }),
      { numRuns: 400 },
    );
  });
});
