// The tokeniser and sentence splitter behind analyseTurn: token types, clitics, URLs and numbers, sentence
// boundaries, and the ASCII fast path against the general scanner.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IRREGULAR_LEMMAS, STOP_WORDS } from '../../src/nlp/lexicon.js';
import { splitSentences, tokenize, tokenizeReference } from '../../src/nlp/tokenize.js';

function tokens(text: string): string[] {
  return tokenize(text).map((t) => `${text.slice(t.start, t.end)}${t.type === 'word' ? '' : `/${t.type}`}`);
}

function sentences(text: string): string[] {
  const raw = tokenize(text);
  return splitSentences(text, raw).map((s) => text.slice(raw[s.firstToken]!.start, raw[s.endToken - 1]!.end));
}

describe('tokenize', () => {
  it('splits clitics off the word they lean on', () => {
    expect(tokens("I'm sure they'll say we can't, won't or shouldn't've")).toEqual([
      'I', "'m", 'sure', 'they', "'ll", 'say', 'we', 'ca', "n't", ',/punct', 'wo', "n't", 'or', "shouldn't", "'ve",
    ]);
  });

  it('keeps hyphenated words, o\'clock and y\'all whole', () => {
    expect(tokens("a follow-up at five o'clock for y'all")).toEqual(['a', 'follow-up', 'at', 'five', "o'clock", 'for', "y'all"]);
  });

  it('reads URLs, e-mail addresses and numbers as single non-word tokens', () => {
    expect(tokens('See https://example.com/a?b=1 or www.x.org, mail jo.b+1@mail.co.uk; pay $12.50 by 3:30 on the 21st.')).toEqual([
      'See', 'https://example.com/a?b=1/url', 'or', 'www.x.org,/url', 'mail', 'jo.b+1@mail.co.uk/email', ';/punct', 'pay',
      '$/punct', '12.50/number', 'by', '3:30/number', 'on', 'the', '21st/number', './punct',
    ]);
  });

  it('groups runs of sentence punctuation and dashes', () => {
    expect(tokens('Wait... what?! No — never')).toEqual(['Wait', '.../punct', 'what', '?!/punct', 'No', '—/punct', 'never']);
  });

  it('reads non-ASCII letters as words and emoji as symbols', () => {
    expect(tokens('Café naïve Zürich 😀')).toEqual(['Café', 'naïve', 'Zürich', '😀/symbol']);
  });

  it('reads at most 64 characters before the "@" of an e-mail address, so a long run of dotted letters stays linear', () => {
    const local = 'a.'.repeat(31) + 'ab'; // 64 characters
    expect(tokens(`${local}@x.io`)).toEqual([`${local}@x.io/email`]);
    expect(tokens(`b${local}@x.io`)).not.toContain(`b${local}@x.io/email`);
    // "a.a.a.…" without an "@": each position used to rescan the rest of the run for one.
    const run = 'a.'.repeat(5000);
    expect(tokenize(run)).toHaveLength(10000);
    expect(tokenize(run)).toEqual(tokenizeReference(run));
  });

  it('the ASCII fast paths (words, punctuation) give exactly the general scanner\'s tokens', () => {
    const textish = fc.stringMatching(/^[A-Za-z0-9 '.,;:!?"()@/_+\-…éü😀\n]{0,80}$/);
    // A small alphabet makes e-mail addresses that start with a dot (".a@b.c") likely: the punctuation fast path must
    // leave them to the general scanner.
    const emailish = fc
      .array(fc.constantFrom('.', '..', '!', '?', ' ', '-', '+', 'ab', '@', '.b', 'a@b.c'), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(textish, emailish, fc.string({ maxLength: 60 })), (text) => {
        expect(tokenize(text)).toEqual(tokenizeReference(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('splitSentences', () => {
  it('ends sentences at . ! ? and keeps a closing quote with its sentence', () => {
    expect(sentences('Sorry about that. Let me check! Is that "okay?" Yes')).toEqual([
      'Sorry about that.',
      'Let me check!',
      'Is that "okay?"',
      'Yes',
    ]);
  });

  it('does not end a sentence after titles, "no." before a number, initials or e.g.', () => {
    expect(sentences('Dr. Smith has ref no. 42 for J. R. Jones, e.g. this one. Then we stop.')).toEqual([
      'Dr. Smith has ref no. 42 for J. R. Jones, e.g. this one.',
      'Then we stop.',
    ]);
  });

  it('"no." ending a sentence still ends it', () => {
    expect(sentences('I said no. Then she left.')).toEqual(['I said no.', 'Then she left.']);
  });

  it('lower-case transcripts and line breaks split too', () => {
    expect(sentences('ok. so we go\nand then we stop')).toEqual(['ok.', 'so we go', 'and then we stop']);
  });

  it('an opening quote after a full stop starts the next sentence', () => {
    expect(sentences('That is awful! "Sorry," she said.')).toEqual(['That is awful!', '"Sorry," she said.']);
  });
});

describe('lexicon', () => {
  it('maps irregular forms and clitics to their lemma', () => {
    expect(['bought', 'told', 'said', 'were', "'m", "n't", 'children'].map((w) => IRREGULAR_LEMMAS.get(w))).toEqual([
      'buy', 'tell', 'say', 'be', 'be', 'not', 'child',
    ]);
  });

  it('stop words are function words, content words are not stop words', () => {
    for (const w of ['the', 'and', "n't", 'you', 'would']) expect(STOP_WORDS.has(w)).toBe(true);
    for (const w of ['bill', 'engineer', 'refund', 'broken']) expect(STOP_WORDS.has(w)).toBe(false);
  });
});
