import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endsWithQuestion } from '../../src/detectors/context.js';

describe('endsWithQuestion', () => {
  it('is /\\?\\s*$/ (and the same after trim), for every character after a question mark', () => {
    for (let c = 0; c < 0x10000; c++) {
      const text = `why?${String.fromCharCode(c)}`;
      expect(endsWithQuestion(text)).toBe(/\?\s*$/.test(text));
    }
  });

  it('agrees with the regex on strings of question marks, letters and every kind of space', () => {
    const piece = fc.constantFrom('?', 'a', ' ', '\t', '\n', '\u00a0', '\u2003', '\u200b', '\u2028', '\u3000', '\ufeff', '\u0085', '!');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(endsWithQuestion(text)).toBe(/\?\s*$/.test(text));
        expect(endsWithQuestion(text)).toBe(/\?\s*$/.test(text.trim()));
      }),
    );
  });
});
