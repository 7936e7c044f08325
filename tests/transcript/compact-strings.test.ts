import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathList, StringList, StringMap } from '../../src/transcript/compact-strings.js';
import { createUniqueIds } from '../../src/transcript/unique-ids.js';
import type { Transcript } from '../../src/types.js';

// Well-formed strings of any script (paths and ids as the readers produce them), plus long ones to force growth.
const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme-ascii', minLength: 200, maxLength: 3000 }));

// Paths built from a few directory and file names, so directories repeat (as in a walked tree), plus odd strings.
const segment = fc.constantFrom('calls', 'a b', 'ü', '', '.', '..', 'x\\y', 'ACC-0000003.txt', '2026-01');
const path = fc.oneof(fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')), text, fc.constant('-'));

describe.each([
  ['StringList', StringList, text],
  ['PathList', PathList, path],
] as const)('%s', (_name, List, item) => {
  it('gives back every string it was given, in order, through get, iteration and toArray, before and after trim', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 500 }), (strings) => {
        const list = List.from(strings);
        expect(list.length).toBe(strings.length);
        expect(list.toArray()).toEqual(strings);
        strings.forEach((s, i) => expect(list.get(i)).toBe(s));
        list.trim();
        expect([...list]).toEqual(strings);
        list.push('after/trim.txt');
        expect(list.get(strings.length)).toBe('after/trim.txt');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses an index it does not hold', () => {
    const list = List.from(['a', 'b/c']);
    expect(() => list.get(2)).toThrow(RangeError);
    expect(() => list.get(-1)).toThrow(RangeError);
    expect(() => list.get(0.5)).toThrow(RangeError);
  });
});

describe('StringMap', () => {
  it('behaves like a Map that keeps the first value per key', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(text, fc.constantFrom('id-1', 'id-2', '')), fc.nat(0xffffffff)), { maxLength: 2000 }), (pairs) => {
        const map = new StringMap();
        const model = new Map<string, number>();
        for (const [key, value] of pairs) {
          expect(map.add(key, value)).toBe(!model.has(key));
          if (!model.has(key)) model.set(key, value);
        }
        expect(map.size).toBe(model.size);
        for (const [key, value] of model) expect(map.get(key)).toBe(value);
        for (const [key] of pairs) expect(map.has(key)).toBe(true);
        expect(map.has('\u0000never-added\u0000')).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('tells apart 100k keys that differ in one character', () => {
    const map = new StringMap();
    let added = 0;
    for (let i = 0; i < 100_000; i++) if (map.add(`ACC-${String(i).padStart(7, '0')}`, i)) added++;
    expect(added).toBe(100_000);
    expect(map.size).toBe(100_000);
    expect(map.get('ACC-0054321')).toBe(54321);
    expect(map.get('ACC-0100000')).toBeUndefined();
  });

  it('treats a lone surrogate as U+FFFD, the only difference UTF-8 storage could not keep', () => {
    const map = new StringMap();
    map.add('a\uD800', 1);
    expect(map.get('a\uFFFD')).toBe(1);
    expect(map.get('a\uDC00')).toBe(1);
    expect(map.get('a\uD83D\uDE00')).toBeUndefined();
  });
});

describe('createUniqueIds', () => {
  const files = ['calls/a.jsonl', 'calls/b.jsonl'];
  const call = (id: string, file: string): Transcript => ({ id, source: { file, format: 'jsonl' }, turns: [] }) as unknown as Transcript;

  it('renames a repeated id after its file and names the file it was first read from', () => {
    const ids = createUniqueIds((n) => files[n]!);
    const first = call('c1', files[0]!);
    const again = call('c1', files[1]!);
    const third = call('c1', files[1]!);
    expect(ids.claim(first, 0)).toBeUndefined();
    expect(ids.claim(again, 1)).toBe('calls/b.jsonl: call id "c1" was already read from calls/a.jsonl; this call is scored as "c1@calls/b.jsonl"');
    expect(ids.claim(third, 1)).toContain('scored as "c1@calls/b.jsonl#2"');
    expect([first.id, again.id, third.id]).toEqual(['c1', 'c1@calls/b.jsonl', 'c1@calls/b.jsonl#2']);
  });
});
