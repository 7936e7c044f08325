// PhraseMatcher, phraseToPattern and applyPhraseEdits: word boundaries, apostrophes, ordering, rubric edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENT_PHRASES } from '../../src/detectors/lexicons/acknowledgement.js';
import { PARAPHRASE_PHRASES } from '../../src/detectors/lexicons/paraphrasing.js';
import { applyPhraseEdits, PhraseMatcher, phraseToPattern, type PhraseEntry } from '../../src/nlp/phrases.js';
import { LiteralIndex } from '../../src/nlp/required-literals.js';

const entry = (id: string, pattern: string, kind = 'k', confidence = 0.5): PhraseEntry => ({ id, pattern, kind, confidence });
const spans = (m: PhraseMatcher, lower: string): string[] => m.matchAll(lower).map((x) => `${x.entry.id}:${lower.slice(x.start, x.end)}@${x.start}`);

describe('phraseToPattern', () => {
  it('lower-cases, escapes regex syntax, allows any whitespace and optional apostrophes', () => {
    expect(phraseToPattern("  I'm  Sorry ")).toBe("i'?m\\s+sorry");
    expect(phraseToPattern('a.b (c)?')).toBe('a\\.b\\s+\\(c\\)\\?');
    const re = new RegExp(`^${phraseToPattern("don't worry")}$`);
    expect(re.test("don't worry")).toBe(true);
    expect(re.test('dont   worry')).toBe(true);
    expect(re.test('dont\nworry')).toBe(true);
    expect(re.test('don t worry')).toBe(false);
  });
});

describe('PhraseMatcher: word boundaries', () => {
  const m = new PhraseMatcher([entry('sorry', 'sorry'), entry('thanks', phraseToPattern('thanks'))]);

  it('matches whole words only', () => {
    expect(spans(m, 'sorry about that')).toEqual(['sorry:sorry@0']);
    expect(spans(m, 'sorryish')).toEqual([]);
    expect(spans(m, 'unsorry')).toEqual([]);
    expect(spans(m, 'thanksgiving')).toEqual([]);
    expect(spans(m, 'sorry2')).toEqual([]);
    expect(spans(m, '2sorry')).toEqual([]);
  });

  it('punctuation and hyphens are boundaries, apostrophe before the phrase is not', () => {
    expect(spans(m, '(sorry), thanks!')).toEqual(['sorry:sorry@1', 'thanks:thanks@9']);
    expect(spans(m, 'so-sorry')).toEqual(['sorry:sorry@3']);
    expect(spans(m, "'sorry")).toEqual([]);
  });

  it('finds every occurrence, sorted by start', () => {
    expect(spans(m, 'thanks, sorry, thanks')).toEqual(['thanks:thanks@0', 'sorry:sorry@8', 'thanks:thanks@15']);
  });

  it('longest match first at the same start', () => {
    const nested = new PhraseMatcher([entry('short', 'thank you'), entry('long', 'thank you so much')]);
    expect(spans(nested, 'thank you so much')).toEqual(['long:thank you so much@0', 'short:thank you@0']);
  });

  it('apostrophes are optional in plain phrases', () => {
    const im = new PhraseMatcher([entry('im', phraseToPattern("I'm sorry"))]);
    expect(spans(im, "i'm sorry")).toEqual(["im:i'm sorry@0"]);
    expect(spans(im, 'im sorry')).toEqual(['im:im sorry@0']);
  });

  it('an empty-matching pattern does not loop forever and reports nothing', () => {
    const empty = new PhraseMatcher([entry('opt', '(?:x)?')]);
    expect(empty.matchAll('abc def')).toEqual([]);
  });

  it('the same matcher can be reused (global regex state is reset)', () => {
    expect(spans(m, 'sorry')).toEqual(['sorry:sorry@0']);
    expect(spans(m, 'sorry')).toEqual(['sorry:sorry@0']);
  });
});

describe('PhraseMatcher: a literal index shared by several lexicons', () => {
  const texts = [
    "i'm so sorry to hear that, it must be really frustrating",
    'so what you are saying is the parcel never arrived',
    'i completely understand, that sounds awful. so you have been waiting since monday?',
    'nothing to see here',
  ];

  it('finds what matchers with their own index find, text after text and in any order', () => {
    const shared = new LiteralIndex();
    const together = [new PhraseMatcher(ACKNOWLEDGEMENT_PHRASES, shared), new PhraseMatcher(PARAPHRASE_PHRASES, shared)];
    const alone = [new PhraseMatcher(ACKNOWLEDGEMENT_PHRASES), new PhraseMatcher(PARAPHRASE_PHRASES)];
    for (const text of [...texts, ...[...texts].reverse()]) {
      together.forEach((m, i) => expect(m.matchAll(text)).toEqual(alone[i]!.matchAll(text)));
    }
  });

  it('a matcher added after texts were scanned still sees its own literals', () => {
    const shared = new LiteralIndex();
    const first = new PhraseMatcher(PARAPHRASE_PHRASES, shared);
    first.matchAll(texts[0]!);
    const later = new PhraseMatcher(ACKNOWLEDGEMENT_PHRASES, shared);
    expect(later.matchAll(texts[0]!)).toEqual(new PhraseMatcher(ACKNOWLEDGEMENT_PHRASES).matchAll(texts[0]!));
    expect(later.matchAll(texts[0]!).length).toBeGreaterThan(0);
  });
});

describe('applyPhraseEdits', () => {
  const defaults = [entry('sorry', 'sorry', 'inconvenience', 0.85), entry('my-bad', "my (?:mistake|fault)", 'ownership', 0.9)];

  it('no edits → a copy of the defaults', () => {
    const out = applyPhraseEdits(defaults, undefined, 'inconvenience');
    expect(out).toEqual(defaults);
    expect(out).not.toBe(defaults);
  });

  it('removes by id, case-insensitively and trimmed', () => {
    expect(applyPhraseEdits(defaults, { add: [], remove: ['  SORRY '] }, 'x').map((e) => e.id)).toEqual(['my-bad']);
  });

  it('removes by a phrase the entry matches', () => {
    expect(applyPhraseEdits(defaults, { add: [], remove: ['My Fault'] }, 'x').map((e) => e.id)).toEqual(['sorry']);
    expect(applyPhraseEdits(defaults, { add: [], remove: ['my error'] }, 'x').map((e) => e.id)).toEqual(['sorry', 'my-bad']);
  });

  it('adds plain phrases and regexes with rubric ids, default kind and confidence', () => {
    const out = applyPhraseEdits(
      defaults,
      {
        add: [
          { text: "Cheers for Waiting", kind: 'patience', regex: false },
          { text: 'ta(?:ra)? ?very much', regex: true },
        ],
        remove: [],
      },
      'courtesy',
    );
    expect(out.slice(2)).toEqual([
      { id: 'rubric-1', pattern: 'cheers\\s+for\\s+waiting', kind: 'patience', confidence: 0.8 },
      { id: 'rubric-2', pattern: 'ta(?:ra)? ?very much', kind: 'courtesy', confidence: 0.8 },
    ]);
    const m = new PhraseMatcher(out);
    expect(spans(m, 'cheers  for waiting, tara very much')).toEqual(['rubric-1:cheers  for waiting@0', 'rubric-2:tara very much@21']);
  });
});

// After a few hundred scans a matcher first runs all its entries as one alternation and skips turns with no match
// (or starts at the first possible one). That shortcut must never change what is found.
describe('PhraseMatcher: the alternation prefilter finds exactly what the entries find', () => {
  const words = ['so', 'you', "you're", 'feel', 'i', 'understand', 'how', 'frustrating', 'that', 'must', 'be', 'sorry',
    'to', 'hear', 'it', 'sounds', 'like', 'what', "i'm", 'hearing', 'is', 'oh', 'no', 'really', 'hard', '.', ',', '?', 'xso', "o'so"];
  const text = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((w) => w.join(' '));
  // Building a matcher is what costs (~17 ms for the acknowledgement lexicon; a scan takes ~0.01 ms), so each run
  // builds one cold matcher and checks a handful of texts with it: 100 runs × 5 texts = the same 500 texts against
  // the warm matcher (which passes through the timed trial and then its chosen way), 100 fresh matchers.
  const TEXTS_PER_RUN = 5;
  const texts = fc.array(text, { minLength: TEXTS_PER_RUN, maxLength: TEXTS_PER_RUN });
  for (const [name, lexicon] of [['acknowledgement', ACKNOWLEDGEMENT_PHRASES], ['paraphrasing', PARAPHRASE_PHRASES]] as const) {
    it(name, () => {
      const warm = new PhraseMatcher(lexicon);
      for (let i = 0; i < 600; i++) warm.matchAll('nothing to see here');
      fc.assert(
        fc.property(texts, (ts) => {
          const cold = new PhraseMatcher(lexicon); // its first scans (far more than TEXTS_PER_RUN) run entry by entry
          for (const t of ts) expect(warm.matchAll(t)).toEqual(cold.matchAll(t));
        }),
        { numRuns: 100 },
      );
    });
  }
});
