// Gold JSONL reader (parseGold/readGoldFile) and how evaluate() scores annotated turns.
import { describe, expect, it } from 'vitest';
import { parseGold, readGoldFile } from '../../src/eval/gold.js';
import { evaluate } from '../../src/eval/run.js';
import { InputError } from '../../src/transcript/input-error.js';
import { BEHAVIOURS, type Rubric } from '../../src/types.js';
import { loadRubric } from '../../src/rubric/load.js';

const line = (o: unknown): string => JSON.stringify(o);

describe('parseGold', () => {
  it('reads roles, labels absent vs [], annotated behaviours, ids and sources', () => {
    const text = [
      line({
        id: 'g1',
        source: 'service',
        annotated_behaviours: ['apology', 'appreciation', 'not-a-behaviour'],
        turns: [
          { role: 'customer', text: 'My bill is wrong.' },
          { role: 'agent', text: 'Sorry about that.', labels: ['apology'] },
          { role: 'agent', text: 'One moment.', labels: [] },
          { role: 'agent', text: 'Unlabelled turn.' },
        ],
      }),
      '',
      line({ corpus: 'chat', turns: [{ role: 'system', text: 'joined' }] }),
    ].join('\n');
    const [g1, g2] = parseGold(text, 'gold.jsonl');
    expect(g1!.id).toBe('g1');
    expect(g1!.source).toEqual({ file: 'gold.jsonl', line: 1 });
    expect(g1!.corpus).toBe('service');
    expect(g1!.annotatedBehaviours).toEqual(['apology', 'appreciation']);
    expect(g1!.turns.map((t) => [t.index, t.role, t.labels])).toEqual([
      [0, 'customer', undefined],
      [1, 'agent', ['apology']],
      [2, 'agent', []],
      [3, 'agent', undefined],
    ]);
    expect('labels' in g1!.turns[3]!).toBe(false);
    expect(g1!.turns[1]!.agentId).toBe('agent');
    // No id: file:line. No annotated_behaviours: all five. corpus as source.
    expect(g2!.id).toBe('gold.jsonl:3');
    expect(g2!.corpus).toBe('chat');
    expect(g2!.annotatedBehaviours).toEqual([...BEHAVIOURS]);
    expect(g2!.turns[0]!.role).toBe('system');
  });

  it('`agent` names the agent speaker when turns carry speakers instead of roles', () => {
    const [t] = parseGold(
      line({
        agent: 'spk_1',
        turns: [
          { speaker: 'spk_0', text: 'Hi.' },
          { speaker: 'spk_1', text: 'Hello, thanks for calling.', labels: ['appreciation'] },
          { speaker: 'spk_1', agentId: 'alice', text: 'Anything else?' },
        ],
      }),
      'g.jsonl',
    );
    expect(t!.turns.map((x) => [x.role, x.speaker, x.agentId])).toEqual([
      ['customer', 'spk_0', undefined],
      ['agent', 'spk_1', 'spk_1'],
      ['agent', 'spk_1', 'alice'],
    ]);
  });

  it('a BOM and CRLF line endings are accepted', () => {
    const text = `\uFEFF${line({ id: 'a', turns: [] })}\r\n${line({ id: 'b', turns: [] })}\r\n`;
    expect(parseGold(text, 'g.jsonl').map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('a broken line is an InputError naming the file and the 1-based line', () => {
    const text = [line({ id: 'ok', turns: [] }), '', '{"id": "broken", "turns": [', line({ id: 'later', turns: [] })].join('\n');
    let error: unknown;
    try {
      parseGold(text, 'gold/service.jsonl');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(3);
    expect((error as InputError).message).toMatch(/^gold\/service\.jsonl:3: invalid JSON/);
  });

  it('a line without a turns array is an InputError at that line', () => {
    expect(() => parseGold(`${line({ id: 'a', turns: [] })}\n${line({ id: 'b' })}`, 'g.jsonl')).toThrow(
      expect.objectContaining({ name: 'InputError', line: 2, reason: 'expected a "turns" array' }),
    );
  });

  it('customer turns keep their labels and annotated_behaviours keeps customer-distress', () => {
    const [t] = parseGold(
      line({
        id: 'c1',
        annotated_behaviours: ['apology', 'customer-distress', 'not-a-behaviour'],
        turns: [
          { role: 'customer', text: 'This is the third time I have called.', labels: ['customer-distress'] },
          { role: 'agent', text: 'I am so sorry.', labels: ['apology'] },
          { role: 'customer', text: 'Okay.', labels: [] },
          { role: 'customer', text: 'Unlabelled.' },
        ],
      }),
      'g.jsonl',
    );
    expect(t!.annotatedBehaviours).toEqual(['apology', 'customer-distress']);
    expect(t!.turns.map((x) => x.labels)).toEqual([['customer-distress'], ['apology'], [], undefined]);
  });

  it('without annotated_behaviours, customer-distress is annotated only when a customer turn carries labels', () => {
    const [withCustomer, agentOnly] = parseGold(
      [
        line({ turns: [{ role: 'customer', text: 'Hi.', labels: [] }, { role: 'agent', text: 'Hello.', labels: [] }] }),
        line({ turns: [{ role: 'customer', text: 'Hi.' }, { role: 'agent', text: 'Hello.', labels: [] }] }),
      ].join('\n'),
      'g.jsonl',
    );
    expect(withCustomer!.annotatedBehaviours).toEqual([...BEHAVIOURS, 'customer-distress']);
    expect(agentOnly!.annotatedBehaviours).toEqual([...BEHAVIOURS]);
  });

  it.each([
    ['an agent turn labelled customer-distress', { role: 'agent', text: 'Sorry.', labels: ['customer-distress'] }, /"customer-distress" is not a behaviour/],
    ['a customer turn labelled with a behaviour', { role: 'customer', text: 'Sorry.', labels: ['apology'] }, /"apology" is not a customer label/],
    ['an unknown label', { role: 'agent', text: 'Hi.', labels: ['empathy'] }, /"empathy" is not a behaviour/],
    ['labels that are not a list', { role: 'customer', text: 'Hi.', labels: 'customer-distress' }, /turns\[1\]\.labels is not a list of label names/],
    ['a label that is not a string', { role: 'agent', text: 'Hi.', labels: [1] }, /is not a list of label names/],
    ['a labelled system turn', { role: 'system', text: 'joined', labels: ['apology'] }, /system turns carry no labels/],
  ])('%s is an InputError at file:line', (_name, bad, message) => {
    const text = [line({ id: 'ok', turns: [] }), line({ id: 'bad', turns: [{ role: 'customer', text: 'Hi.' }, bad] })].join('\n');
    let error: unknown;
    try {
      parseGold(text, 'gold/service.jsonl');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(2);
    expect((error as InputError).message).toMatch(/^gold\/service\.jsonl:2: turns\[1\]\.labels/);
    expect((error as InputError).message).toMatch(message);
  });

  it('readGoldFile: a missing file is a one-line InputError', () => {
    expect(() => readGoldFile('fixtures/gold/does-not-exist.jsonl')).toThrow('fixtures/gold/does-not-exist.jsonl: no such file');
  });
});

describe('evaluate on inline gold', () => {
  const rubric: Pick<Rubric, 'behaviours' | 'phrases'> = loadRubric('default');

  it('behaviours outside annotated_behaviours are not counted', () => {
    const text = line({
      id: 'g',
      annotated_behaviours: ['apology'],
      turns: [
        { role: 'customer', text: 'I was charged twice and I am furious.' },
        // A thanks and a promise the annotators did not label: not false positives, they were not annotated.
        { role: 'agent', text: "I'm so sorry about that, thank you for your patience. I'll call you back by Friday.", labels: ['apology'] },
      ],
    });
    const result = evaluate(parseGold(text, 'g.jsonl'), rubric);
    expect(Object.keys(result.behaviours)).toEqual(['apology']);
    expect(result.behaviours.apology).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 0, support: 1 });
    expect(result.errors).toEqual([]);
    expect(result.annotatedTurns).toBe(1);
  });

  it('unlabelled agent turns are skipped; [] turns count as negatives; errors name the turn', () => {
    const text = line({
      id: 'g',
      annotated_behaviours: ['apology', 'appreciation'],
      turns: [
        { role: 'customer', text: 'Hello.' },
        { role: 'agent', text: 'Sorry about that.' },
        { role: 'agent', text: 'Thanks for holding.', labels: [] },
        { role: 'agent', text: 'Let me check.', labels: ['apology'] },
      ],
    });
    const result = evaluate(parseGold(text, 'g.jsonl'), rubric);
    expect(result.annotatedTurns).toBe(2);
    expect(result.behaviours.appreciation).toMatchObject({ tp: 0, fp: 1, fn: 0, tn: 1 });
    expect(result.behaviours.apology).toMatchObject({ tp: 0, fp: 0, fn: 1, tn: 1 });
    expect(result.errors.map((e) => `${e.type}:${e.behaviour}:${e.turn}`).sort()).toEqual([
      'false-negative:apology:3',
      'false-positive:appreciation:2',
    ]);
    const fp = result.errors.find((e) => e.type === 'false-positive')!;
    expect(fp).toMatchObject({ kind: 'patience', rule: expect.stringMatching(/^appreciation\./), previousCustomerText: 'Hello.' });
  });

  it('kinds the rubric does not count are not predictions (clarification "sorry")', () => {
    const text = line({
      annotated_behaviours: ['apology'],
      turns: [
        { role: 'customer', text: 'It is P L 4.' },
        { role: 'agent', text: 'Sorry, could you repeat that?', labels: [] },
      ],
    });
    expect(evaluate(parseGold(text, 'g.jsonl'), rubric).behaviours.apology).toMatchObject({ tp: 0, fp: 0, fn: 0, tn: 1 });
  });
});
