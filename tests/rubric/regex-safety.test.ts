import { describe, expect, it } from 'vitest';
import { checkPattern } from '../../src/rubric/regex-safety.js';

describe('checkPattern', () => {
  it.each([
    ['(a+)+', /nested quantifier/],
    ['(.*)*', /nested quantifier/],
    ['(\\w+\\s?)*$', /nested quantifier/],
    ['((ab)+c)+', /nested quantifier/],
    ['(x+){2,}', /nested quantifier/],
    ['(a|a)*', /quantified alternation/],
    ['(a|ab)+', /quantified alternation/],
    ['(\\w|\\d)+', /quantified alternation/],
    ['(sorry) \\1', /backreferences/],
    ['(?<w>x)\\k<w>', /backreferences/],
    ['[a-', /does not compile/],
    ['x'.repeat(201), /limit is 200/],
  ])('rejects %s', (pattern, reason) => {
    expect(checkPattern(pattern)).toMatch(reason);
  });

  it.each([
    'cheers for waiting',
    'thanks? (a lot|heaps)',
    'so (the|your) \\w+ (keeps|stops|drops)',
    '(sorry|apologies)+',
    '(a+)?',
    '[(+*)]+ literal class',
    '\\(a+\\)+',
    'call(ed|ing)? back',
  ])('accepts %s', (pattern) => {
    expect(checkPattern(pattern)).toBeUndefined();
  });
});
