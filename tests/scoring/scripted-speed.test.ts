// Scripted tally helpers made faster (issue 19): evictRare's pick of the rarest statements, similarity's token sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rarest, similarity, type StatementTally } from '../../src/scoring/scripted.js';

function bySort(entries: [string, StatementTally][], count: number): string[] {
  const sorted = [...entries].sort(
    ([ka, a], [kb, b]) => b.calls - a.calls || b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  return sorted.slice(sorted.length - count).map(([k]) => k).sort();
}

describe('rarest', () => {
  it('picks the entries with fewest calls, then fewest uses, then the last keys', () => {
    const entries: [string, StatementTally][] = [
      ['sorry for the wait', { text: 'Sorry for the wait', count: 9, calls: 5 }],
      ['i understand how frustrating', { text: 'I understand how frustrating', count: 2, calls: 1 }],
      ['thank you for your patience', { text: 'Thank you for your patience', count: 2, calls: 1 }],
      ['i am so sorry to hear', { text: 'I am so sorry to hear', count: 3, calls: 1 }],
    ];
    expect(rarest([...entries], 1).map(([k]) => k)).toEqual(['thank you for your patience']);
    expect(rarest([...entries], 2).map(([k]) => k).sort()).toEqual(['i understand how frustrating', 'thank you for your patience']);
  });

  it('gives the same set as sort and slice, for few and many', () => {
    const entry = fc.record({ count: fc.integer({ min: 1, max: 4 }), calls: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), entry), fc.integer({ min: 0, max: 20 }), (dict, n) => {
        const entries = Object.entries(dict).map(([k, v]): [string, StatementTally] => [k, { text: k, ...v }]);
        const count = Math.min(n, entries.length);
        expect(rarest([...entries], count).map(([k]) => k).sort()).toEqual(bySort(entries, count));
      }),
    );
  });
});

describe('similarity with remembered token sets', () => {
  it('gives the Jaccard similarity of the token sets however often a statement is compared', () => {
    const a = "i'm so sorry for the wait";
    const b = "i'm sorry for the long wait";
    for (let i = 0; i < 3; i++) {
      expect(similarity(a, b)).toBe(5 / 7);
      expect(similarity(b, a)).toBe(5 / 7);
      expect(similarity('sorry sorry', 'sorry')).toBe(1);
      expect(similarity('', 'sorry')).toBe(0);
    }
  });
});
