// analyseTurn/analyseCall: token offsets into the turn text, quote straightening, sentences.
import { describe, expect, it } from 'vitest';
import { analyseCall, analyseTurn, normaliseQuotes, type AnalysedTurn, type Token } from '../../src/nlp/analyse.js';
import type { Turn } from '../../src/types.js';

function analyse(text: string): AnalysedTurn {
  const turn: Turn = { index: 0, role: 'agent', speaker: 'Agent', agentId: 'a1', text };
  return analyseTurn(turn);
}

/** A token's text: the (quote-straightened) turn text at its offsets. */
function textOf(a: AnalysedTurn, t: Token): string {
  return a.text.slice(t.start, t.end);
}

/** [token text, slice of the ORIGINAL turn text at its offsets]. */
function surface(a: AnalysedTurn): [string, string][] {
  return a.tokens.map((t) => [textOf(a, t), a.turn.text.slice(t.start, t.end)]);
}

describe('analyseTurn: token offsets', () => {
  it('plain text: every token is the slice at its offsets', () => {
    const a = analyse("Hello there. I'll check your bill now?");
    expect(a.tokens.map((t) => textOf(a, t))).toEqual(['Hello', 'there', '.', 'I', "'ll", 'check', 'your', 'bill', 'now', '?']);
  });

  it('contractions split into two adjacent tokens', () => {
    const a = analyse("You can't, won't.");
    expect(surface(a)).toEqual([
      ['You', 'You'],
      ['ca', 'ca'],
      ["n't", "n't"],
      [',', ','],
      ['wo', 'wo'],
      ["n't", "n't"],
      ['.', '.'],
    ]);
    expect(a.tokens[1]!.end).toBe(a.tokens[2]!.start);
  });

  it('curly quotes: text is straightened at the same length, offsets still index the original', () => {
    const original = 'I’m sorry — it’s “broken”.';
    const a = analyse(original);
    expect(a.text).toBe('I\'m sorry — it\'s "broken".');
    expect(a.text.length).toBe(original.length);
    expect(a.lower).toBe(a.text.toLowerCase());
    // Token text is the straightened form; the original slice at the same offsets is the curly form.
    expect(surface(a)).toEqual([
      ['I', 'I'],
      ["'m", '’m'],
      ['sorry', 'sorry'],
      ['—', '—'],
      ['it', 'it'],
      ["'s", '’s'],
      ['"', '“'],
      ['broken', 'broken'],
      ['"', '”'],
      ['.', '.'],
    ]);
    for (const t of a.tokens) expect(normaliseQuotes(a.turn.text.slice(t.start, t.end))).toBe(textOf(a, t));
    expect(a.tokens[1]!).toMatchObject({ lower: "'m", lemma: 'be' });
  });

  it('emoji with skin-tone modifiers (surrogate pairs) keep UTF-16 offsets', () => {
    const text = 'Great 👍🏽 thanks 😀! Bye.';
    const a = analyse(text);
    expect(a.tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Great', '👍', '🏽', 'thanks', '😀', '!', 'Bye', '.']);
    const thanks = a.tokens.find((t) => t.lower === 'thanks')!;
    expect([thanks.start, thanks.end]).toEqual([11, 17]);
  });

  it('leading/trailing whitespace is not part of any token or sentence', () => {
    const a = analyse('  Hello.  World?  ');
    expect(a.sentences.map((s) => a.text.slice(s.start, s.end))).toEqual(['Hello.', 'World?']);
    expect(a.tokens[0]!.start).toBe(2);
  });

  it('empty and blank text give no tokens and no sentences', () => {
    for (const text of ['', '   ']) {
      const a = analyse(text);
      expect(a.tokens).toEqual([]);
      expect(a.sentences).toEqual([]);
    }
  });

  it('very long input: only the head is analysed, offsets stay within bounds and monotonic', () => {
    const sentence = "I'm sorry about the wait, I'll call you back by Friday. ";
    const text = sentence.repeat(2000); // 112,000 chars
    const a = analyse(text);
    expect(a.text.length).toBe(text.length);
    expect(a.tokens.length).toBeGreaterThan(1000);
    let previousEnd = 0;
    for (const t of a.tokens) {
      expect(t.start).toBeGreaterThanOrEqual(previousEnd);
      expect(t.end).toBeLessThanOrEqual(20000);
      expect(t.end).toBeGreaterThan(t.start);
      previousEnd = t.end;
    }
  });
});

describe('analyseTurn: token attributes', () => {
  it('words carry lower case, lemma and stem; punctuation is not a word', () => {
    const a = analyse('The Engineers were Running late and ran 3 tests.');
    const byText = new Map(a.tokens.map((t) => [textOf(a, t), t]));
    expect(byText.get('Engineers')).toMatchObject({ lower: 'engineers', isWord: true, isFunctionWord: false });
    // Regular inflections meet their base at the stem; irregular ones through the lemma table.
    expect(byText.get('Running')!.stem).toBe(byText.get('ran')!.stem);
    expect(byText.get('ran')!.lemma).toBe('run');
    expect(byText.get('were')!.lemma).toBe('be');
    expect(byText.get('.')!).toMatchObject({ isWord: false, isFunctionWord: true });
    expect(byText.get('3')!).toMatchObject({ isWord: false, isNumber: true });
    expect(byText.get('The')!).toMatchObject({ isStopWord: true, isFunctionWord: true });
    expect(byText.get('Engineers')!.stem).toBe('engin');
  });

  it('interjections and other function words outside the stop list are never content', () => {
    const a = analyse('Yeah okay, um, hello');
    expect(a.tokens.filter((t) => t.isWord).map((t) => [t.lower, t.isStopWord, t.isFunctionWord])).toEqual([
      ['yeah', false, true],
      ['okay', false, true],
      ['um', false, true],
      ['hello', false, true],
    ]);
  });
});

describe('analyseTurn: sentences', () => {
  it('splits sentences with token ranges that tile the token list', () => {
    const a = analyse('Sorry about that. Let me check! Is that okay?');
    expect(a.sentences.map((s) => a.text.slice(s.start, s.end))).toEqual(['Sorry about that.', 'Let me check!', 'Is that okay?']);
    let next = 0;
    a.sentences.forEach((s, i) => {
      expect(s.firstToken).toBe(next);
      for (let k = s.firstToken; k < s.endToken; k++) expect(a.tokens[k]!.sentence).toBe(i);
      next = s.endToken;
    });
    expect(next).toBe(a.tokens.length);
  });

  it('a text without final punctuation is one sentence', () => {
    const a = analyse('thanks for holding');
    expect(a.sentences).toHaveLength(1);
    expect(a.sentences[0]).toMatchObject({ start: 0, end: 18 });
  });
});

describe('analyseCall', () => {
  it('analyses every turn in order, keeping the transcript', () => {
    const transcript = {
      id: 'c',
      source: { file: 'x' },
      turns: [
        { index: 0, role: 'customer' as const, speaker: 'C', text: 'Hi.' },
        { index: 1, role: 'agent' as const, speaker: 'A', text: 'Hello there.' },
      ],
    };
    const call = analyseCall(transcript);
    expect(call.transcript).toBe(transcript);
    expect(call.turns.map((t) => t.turn)).toEqual(transcript.turns);
    expect(call.turns[1]!.tokens.map((t) => t.lower)).toEqual(['hello', 'there', '.']);
  });
});

describe('analyseTurn: lower-case text keeps offsets', () => {
  it('lower has the same length as text for ordinary accented text', () => {
    const a = analyse('Café Ærø ÉCOLE naïve');
    expect(a.lower.length).toBe(a.text.length);
  });

  // Detectors match phrases in `lower` and use those offsets in `text`. "İ" (U+0130) lower-cases to two UTF-16 units
  // with String.toLowerCase, which would shift every later offset by one.
  it('lower has the same length as text when a character lower-cases to two code units (İ)', () => {
    const a = analyse("İİİİİİİİ Thanks. I'll call you back by Friday.");
    expect(a.lower.length).toBe(a.text.length);
  });
});

describe('token affect fields', () => {
  it('give the valence affect reads (the lemma\'s when the word has none) and the negators', () => {
    const turn = analyseTurn({ index: 0, role: 'customer', speaker: 'c', text: "I'm not happy, I hated it and it isn't fair, 42" });
    for (const t of turn.tokens) {
      const v = t.valence !== 0 || t.lemma === t.lower ? t.valence : t.lemmaValence;
      expect(t.affectValence).toBe(t.isWord ? v : 0);
      expect(t.negatesAffect).toBe(t.isWord && (['not', "n't", 'never', 'no', 'nothing', 'hardly', 'without'].includes(t.lower) || t.lower.endsWith("n't")));
    }
    expect(turn.tokens.some((t) => t.negatesAffect)).toBe(true);
    expect(turn.tokens.some((t) => t.affectValence < 0)).toBe(true);
  });
});
