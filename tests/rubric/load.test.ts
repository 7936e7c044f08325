import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS, effectiveRubricHash, loadRubric, parseRubric } from '../../src/rubric/load.js';
import { RubricError, formatRubricProblem, suggest } from '../../src/rubric/errors.js';

function problemsOf(text: string): string[] {
  try {
    parseRubric(text, 'r.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(RubricError);
    return (err as RubricError).problems.map(formatRubricProblem);
  }
  throw new Error('expected the rubric to be rejected');
}

const VALID_HEAD = 'name: t\nbehaviours:\n';

describe('built-in rubrics', () => {
  it.each(BUILTIN_RUBRICS)('%s loads with all five behaviours', (name) => {
    const rubric = loadRubric(name);
    expect(rubric.name).toBe(name);
    expect(rubric.origin).toBe(name);
    expect(rubric.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.keys(rubric.behaviours).sort()).toEqual(
      ['acknowledgement', 'apology', 'appreciation', 'follow-up-promise', 'paraphrasing'],
    );
  });

  it('default follows DESIGN §6', () => {
    const r = loadRubric('default');
    expect(r.pass).toBe(70);
    expect(r.minCalls).toBe(5);
    expect(r.behaviours.acknowledgement).toEqual({
      weight: 30,
      expect: 'on-distress',
      withinTurns: 2,
      signal: 'customer-distress',
      signalKinds: ['fault', 'repeat', 'worry', 'loss', 'hardship'],
      kinds: ['validation', 'sympathy'],
      minConfidence: 0.5,
      critical: false,
      alsoSatisfiedBy: ['apology'],
    });
    expect(r.behaviours.apology.maxPerCall).toBe(4);
    expect(r.behaviours.apology.withinTurns).toBe(6);
    // An apology answers the company's fault or a repeated contact; a loss or a worry calls for sympathy.
    expect(r.behaviours.apology.signalKinds).toEqual(['fault', 'repeat']);
    expect(r.behaviours.paraphrasing.expect).toBe('on-problem');
    // The scripted "thank you for calling" opening is appreciation's `greeting` kind, which the default does not count.
    expect(r.behaviours.appreciation.kinds).not.toContain('greeting');
    expect(r.behaviours['follow-up-promise']).toMatchObject({ weight: 15, expect: 'when-unresolved', kinds: ['after-call'] });
    expect(r.penalties['negative-language']!.points).toBe(10);
    expect(r.penalties['non-apology']!.points).toBe(5);
  });

  it('strict makes acknowledgement critical and raises the pass mark', () => {
    const strict = loadRubric('strict');
    expect(strict.behaviours.acknowledgement.critical).toBe(true);
    expect(strict.pass).toBeGreaterThan(loadRubric('default').pass);
    expect(strict.behaviours.acknowledgement.withinTurns).toBeLessThan(2);
  });

  it('support weighs paraphrasing and follow-up more and adds team phrases', () => {
    const support = loadRubric('support');
    const base = loadRubric('default');
    expect(support.behaviours.paraphrasing.weight).toBeGreaterThan(base.behaviours.paraphrasing.weight);
    expect(support.behaviours['follow-up-promise'].weight).toBeGreaterThan(base.behaviours['follow-up-promise'].weight);
    expect(support.phrases.appreciation!.add).toContainEqual({ text: 'cheers for waiting', kind: 'patience', regex: false });
  });

  it('loads a rubric by path, hashing what it scores with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rubric-'));
    const file = join(dir, 'team.yaml');
    writeFileSync(file, `${VALID_HEAD}  apology: { weight: 10, expect: on-distress }\n`);
    const r = loadRubric(file);
    expect(r.origin).toBe(file);
    expect(r.hash).toBe(effectiveRubricHash(r));
    expect(r.hash).not.toBe(createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12));
    writeFileSync(file, `${VALID_HEAD}  apology: { weight: 11, expect: on-distress }\n`);
    expect(loadRubric(file).hash).not.toBe(r.hash);
  });

  it('reports an unreadable path on one line without a position', () => {
    expect(() => loadRubric('/nonexistent/rubric.yaml')).toThrow(
      /^\/nonexistent\/rubric\.yaml: cannot read rubric \(no such file or directory\); built-in rubrics are default, strict, support$/,
    );
  });
});

describe('defaults', () => {
  it('unlisted behaviours are weight 0 and never required; omitted fields get defaults', () => {
    const r = parseRubric(`${VALID_HEAD}  paraphrasing: { weight: 50, expect: once }\n`, 'r.yaml');
    expect(r.behaviours.apology).toMatchObject({ weight: 0, expect: 'never-required', kinds: ['ownership', 'inconvenience'] });
    expect(r.behaviours.paraphrasing).toMatchObject({ withinTurns: 2, minConfidence: 0.5, critical: false, alsoSatisfiedBy: [] });
    expect(r.version).toBe(1);
    expect(r.pass).toBe(70);
    expect(r.minCalls).toBe(5);
    expect(r.penalties['negative-language']!.points).toBe(0);
  });
});

describe('phrases', () => {
  it('parses add (string, {text, kind}, {pattern, kind}) and remove', () => {
    const r = parseRubric(
      `${VALID_HEAD}  appreciation: { weight: 10, expect: once }
phrases:
  appreciation:
    add:
      - cheers for waiting
      - { text: "ta very much", kind: courtesy }
      - { pattern: "thanks? (a lot|heaps)", kind: information }
    remove: ["great question"]
  negative-language:
    add: [{ text: "that's above my pay grade", kind: dismissive }]
`,
      'r.yaml',
    );
    expect(r.phrases.appreciation).toEqual({
      add: [
        { text: 'cheers for waiting', regex: false },
        { text: 'ta very much', kind: 'courtesy', regex: false },
        { text: 'thanks? (a lot|heaps)', kind: 'information', regex: true },
      ],
      remove: ['great question'],
    });
    expect(r.phrases['negative-language']!.add[0]).toEqual({ text: "that's above my pay grade", kind: 'dismissive', regex: false });
  });
});

describe('rubric mistakes are reported as file:line:col', () => {
  const cases: [string, string, string][] = [
    [
      'unknown key with a suggestion',
      `${VALID_HEAD}  apology:\n    weight: 10\n    expect: on-distress\n    within_turns: 2\n`,
      'r.yaml:6:5: unknown key `within_turns` in `behaviours.apology` (did you mean `within-turns`?)',
    ],
    [
      'unknown top-level key',
      `name: t\npas: 80\nbehaviours:\n  apology: { weight: 10, expect: once }\n`,
      'r.yaml:2:1: unknown key `pas` (did you mean `pass`?)',
    ],
    [
      'unknown behaviour',
      `${VALID_HEAD}  acknowledgment: { weight: 10, expect: on-distress }\n  apology: { weight: 1, expect: once }\n`,
      'r.yaml:3:3: unknown behaviour `acknowledgment` in `behaviours` (did you mean `acknowledgement`?)',
    ],
    [
      'wrong type',
      `${VALID_HEAD}  apology: { weight: high, expect: once }\n`,
      'r.yaml:3:22: `behaviours.apology.weight` must be a number, got string "high"',
    ],
    [
      'weight out of range',
      `${VALID_HEAD}  apology: { weight: 150, expect: once }\n`,
      'r.yaml:3:22: `behaviours.apology.weight` is 150, out of range: must be at most 100',
    ],
    [
      'pass out of range',
      `name: t\npass: -5\nbehaviours:\n  apology: { weight: 10, expect: once }\n`,
      'r.yaml:2:7: `pass` is -5, out of range: must be at least 0',
    ],
    [
      'unknown expect value',
      `${VALID_HEAD}  apology: { weight: 10, expect: sometimes }\n`,
      'r.yaml:3:34: unknown expect value `sometimes`; expected one of always, once, on-problem, on-distress, on-signal, when-unresolved, never-required',
    ],
    [
      'unknown kind for the behaviour',
      `${VALID_HEAD}  acknowledgement: { weight: 10, expect: on-distress, kinds: [validation, sympathie] }\n`,
      'r.yaml:3:75: unknown kind `sympathie` for acknowledgement; expected one of validation, sympathy, bare (did you mean `sympathy`?)',
    ],
    [
      'kind of another behaviour',
      `${VALID_HEAD}  apology: { weight: 10, expect: on-distress, kinds: [sympathy] }\n`,
      'r.yaml:3:55: unknown kind `sympathy` for apology; expected one of ownership, inconvenience, clarification, non-apology',
    ],
    [
      'unknown behaviour in also-satisfied-by',
      `${VALID_HEAD}  acknowledgement:\n    weight: 10\n    expect: on-distress\n    also-satisfied-by: [apologies]\n`,
      'r.yaml:6:25: unknown behaviour `apologies`; expected one of paraphrasing, acknowledgement, apology, appreciation, follow-up-promise (did you mean `apology`?)',
    ],
    [
      'missing required key',
      `${VALID_HEAD}  apology: { weight: 10 }\n`,
      'r.yaml:3:3: missing required key `expect` in `behaviours.apology`',
    ],
    [
      'duplicate key',
      `${VALID_HEAD}  apology:\n    weight: 10\n    weight: 20\n    expect: once\n`,
      'r.yaml:5:5: duplicate key `weight`',
    ],
    [
      'YAML syntax error',
      `name: t\nbehaviours: { apology: { weight: 10 }\n`,
      'r.yaml:3:1: YAML syntax error:',
    ],
    [
      'all weights zero',
      `${VALID_HEAD}  apology: { weight: 0, expect: once }\n  appreciation: { weight: 0, expect: once }\n`,
      'r.yaml:2:1: all behaviour weights are 0; at least one behaviour must carry weight',
    ],
    [
      'within-turns on a non-distress expectation',
      `${VALID_HEAD}  apology: { weight: 10, expect: once, within-turns: 3 }\n`,
      'r.yaml:3:40: `within-turns` only applies to `expect: on-distress` or `on-signal` (behaviours.apology expects once)',
    ],
    [
      'on-signal without a signal',
      `${VALID_HEAD}  apology: { weight: 10, expect: on-signal, signal-kinds: [loss] }\n`,
      'r.yaml:3:26: `expect: on-signal` needs `signal`: the customer signal whose moments open it (customer-distress)',
    ],
    [
      'a kind the named signal does not have',
      `${VALID_HEAD}  apology: { weight: 10, expect: on-signal, signal: customer-distress, signal-kinds: [lost] }\n`,
      'r.yaml:3:87: unknown kind "lost" of customer-distress; expected one of fault, repeat, worry, loss, hardship',
    ],
    [
      'signal on another expectation',
      `${VALID_HEAD}  apology: { weight: 10, expect: on-distress, signal: customer-distress }\n`,
      'r.yaml:3:47: `signal` only applies to `expect: on-signal` (behaviours.apology expects on-distress)',
    ],
    [
      'a penalty kind the signal does not have',
      `${VALID_HEAD}  apology: { weight: 10, expect: once }\npenalties:\n  open-question: { points: 2, kinds: [closed] }\n`,
      'r.yaml:5:39: unknown kind `closed` for open-question; expected one of open',
    ],
    [
      'unknown penalty',
      `${VALID_HEAD}  apology: { weight: 10, expect: once }\npenalties:\n  negative_language: { points: 10 }\n`,
      'r.yaml:5:3: unknown penalty `negative_language` in `penalties` (did you mean `negative-language`?)',
    ],
    [
      'phrase entry of the wrong shape',
      `${VALID_HEAD}  apology: { weight: 10, expect: once }\nphrases:\n  apology:\n    add: [42]\n`,
      'r.yaml:6:11: `phrases.apology.add[0]` must be a phrase string, { text, kind } or { pattern, kind }, got number 42',
    ],
    [
      'phrase kind not of that behaviour',
      `${VALID_HEAD}  apology: { weight: 10, expect: once }\nphrases:\n  apology:\n    add: [{ text: "my bad", kind: patience }]\n`,
      'r.yaml:6:35: unknown kind `patience` for apology; expected one of ownership, inconvenience, clarification, non-apology',
    ],
    [
      'pattern that does not compile',
      `${VALID_HEAD}  apology: { weight: 10, expect: once }\nphrases:\n  apology:\n    add: [{ pattern: "sorry (about" }]\n`,
      'r.yaml:6:22: `phrases.apology.add[0].pattern`: pattern does not compile: Unterminated group',
    ],
    [
      'catastrophic pattern',
      `${VALID_HEAD}  apology: { weight: 10, expect: once }\nphrases:\n  apology:\n    add: [{ pattern: "(sorry+)+" }]\n`,
      'r.yaml:6:22: `phrases.apology.add[0].pattern`: nested quantifier "(sorry+)+" can backtrack catastrophically',
    ],
    [
      'pattern too long',
      `${VALID_HEAD}  apology: { weight: 10, expect: once }\nphrases:\n  apology:\n    add: [{ pattern: "${'a'.repeat(201)}" }]\n`,
      'r.yaml:6:22: `phrases.apology.add[0].pattern` is too long (201 characters, the limit is 200)',
    ],
    [
      'alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nname: t\n`,
      'r.yaml:1:1: cannot read the YAML: Excessive alias count',
    ],
    [
      'not a mapping',
      `- just\n- a list\n`,
      'r.yaml:1:1: a rubric must be a mapping with at least `name` and `behaviours`',
    ],
  ];

  it.each(cases)('%s', (_label, text, expected) => {
    const problems = problemsOf(text);
    expect(problems.some((p) => p.startsWith(expected)), `got:\n${problems.join('\n')}`).toBe(true);
  });

  it('reports every problem, sorted by position, not just the first', () => {
    const problems = problemsOf(
      `name: t\nbehaviours:\n  apology: { weight: 150, expect: sometimes }\n  paraphrase: { weight: 10, expect: once }\n`,
    );
    expect(problems).toEqual([
      'r.yaml:3:22: `behaviours.apology.weight` is 150, out of range: must be at most 100',
      'r.yaml:3:35: unknown expect value `sometimes`; expected one of always, once, on-problem, on-distress, on-signal, when-unresolved, never-required',
      'r.yaml:4:3: unknown behaviour `paraphrase` in `behaviours` (did you mean `paraphrasing`?)',
    ]);
  });
});

describe('suggest', () => {
  it('finds close keys and refuses far ones', () => {
    expect(suggest('within_turns', ['within-turns', 'weight'])).toBe('within-turns');
    expect(suggest('maxpercall', ['max-per-call', 'kinds'])).toBe('max-per-call');
    expect(suggest('colour', ['weight', 'expect'])).toBeUndefined();
  });
});
