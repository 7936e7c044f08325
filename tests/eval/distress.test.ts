// customer-distress scored like a behaviour over labelled customer turns (DESIGN §2.6, §11), with a fake engine so the
// figures can be checked by hand whatever the real distress detector does.
import { describe, expect, it } from 'vitest';
import { belowF1, formatEvalJson, formatEvalTable } from '../../src/eval/format.js';
import { parseGold } from '../../src/eval/gold.js';
import { evaluate } from '../../src/eval/run.js';
import { loadRubric } from '../../src/rubric/load.js';
import { SIGNAL_MIN_CONFIDENCE } from '../../src/scoring/opportunities.js';
import { fakeEngine, line } from './helpers.js';

const FIVE = ['paraphrasing', 'acknowledgement', 'apology', 'appreciation', 'follow-up-promise'];
const gold = [
  line({
    id: 'd1',
    source: 'a',
    annotated_behaviours: [...FIVE, 'customer-distress'],
    turns: [
      { role: 'customer', text: 'My bill is wrong and I am furious.', labels: ['customer-distress'] },
      { role: 'agent', text: 'Let me check.', labels: [] },
      { role: 'customer', text: 'It is 1234.', labels: [] },
      { role: 'agent', text: 'Thanks.', labels: [] },
      { role: 'customer', text: 'This is the third time I have called!', labels: ['customer-distress'] },
      { role: 'agent', text: 'I know.', labels: [] },
      { role: 'customer', text: 'Not labelled: not counted.' },
    ],
  }),
  // customer-distress not in annotated_behaviours: its customer labels are not counted.
  line({
    id: 'd2',
    source: 'b',
    annotated_behaviours: FIVE,
    turns: [
      { role: 'customer', text: 'I am so upset.', labels: ['customer-distress'] },
      { role: 'agent', text: 'Okay.', labels: [] },
    ],
  }),
].join('\n');

const engine = fakeEngine({
  // turn 0: found (tp); turn 2: found at exactly the signal floor (fp); turn 4: below the floor (fn, score kept).
  d1: [
    { turn: 0, behaviour: 'customer-distress', kind: 'fault', confidence: 0.9 },
    { turn: 2, behaviour: 'customer-distress', kind: 'fault', confidence: SIGNAL_MIN_CONFIDENCE },
    { turn: 4, behaviour: 'customer-distress', kind: 'repeat', confidence: SIGNAL_MIN_CONFIDENCE - 0.1 },
    { turn: 6, behaviour: 'customer-distress', kind: 'fault', confidence: 0.9 },
  ],
  d2: [{ turn: 0, behaviour: 'customer-distress', kind: 'fault', confidence: 0.9 }],
});

describe('customer-distress metrics', () => {
  const rubric = loadRubric('default');
  const result = evaluate(parseGold(gold, 'g.jsonl'), rubric, { engine });

  it('counts labelled customer turns of calls that annotate customer-distress', () => {
    expect(result.annotatedCustomerTurns).toBe(3);
    expect(result.annotatedTurns).toBe(4);
    // tp = turn 0, fp = turn 2, fn = turn 4, tn = none.
    // precision = 1/2, recall = 1/2, F1 = 0.5.
    // kappa: n = 3, observed = (tp + tn)/n = 1/3; expected = ((tp+fp)(tp+fn) + (fn+tn)(fp+tn))/n² = (2·2 + 1·1)/9 = 5/9;
    //        (1/3 − 5/9)/(1 − 5/9) = (−2/9)/(4/9) = −0.5.
    // best threshold among the scores {0.4, 0.5, 0.9}: at 0.4 tp 2 fp 1 fn 0 → F1 = 2·(2/3)·1/(2/3 + 1) = 0.8.
    expect(result.behaviours['customer-distress']).toEqual({
      support: 2,
      tp: 1,
      fp: 1,
      fn: 1,
      tn: 0,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      kappa: -0.5,
      bestThreshold: SIGNAL_MIN_CONFIDENCE - 0.1,
      bestF1: 0.8,
    });
    expect(result.thresholds['customer-distress']).toBe(SIGNAL_MIN_CONFIDENCE);
  });

  it('is per corpus, and joins macro-F1 when it has support', () => {
    expect(result.bySource.a!['customer-distress']).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(result.bySource.b!['customer-distress']).toBeUndefined();
    // The five behaviours have no support here (no agent labels, no agent findings): macro-F1 is distress's F1.
    expect(result.macroF1).toBe(0.5);
    expect(belowF1(result, 0.6)).toEqual(['macro-F1 0.500', 'customer-distress 0.500']);
  });

  it('lists errors with the customer turn and the agent reply that followed', () => {
    const errors = result.errors.filter((e) => e.behaviour === 'customer-distress');
    expect(errors).toEqual([
      {
        type: 'false-positive',
        behaviour: 'customer-distress',
        transcriptId: 'd1',
        corpus: 'a',
        turn: 2,
        text: 'It is 1234.',
        nextAgentText: 'Thanks.',
        rule: 'fake.customer-distress',
        confidence: SIGNAL_MIN_CONFIDENCE,
        kind: 'fault',
      },
      {
        type: 'false-negative',
        behaviour: 'customer-distress',
        transcriptId: 'd1',
        corpus: 'a',
        turn: 4,
        text: 'This is the third time I have called!',
        nextAgentText: 'I know.',
        rule: 'fake.customer-distress',
        confidence: SIGNAL_MIN_CONFIDENCE - 0.1,
        kind: 'repeat',
      },
    ]);
    const table = formatEvalTable(result, 10);
    expect(table).toMatch(/^customer-distress +2 +1 +1 +1 +0\.500 +0\.500 +0\.500 +-0\.500 +0\.800 @ 0\.40$/m);
    expect(table).toContain(
      '  FN customer-distress d1 turn 5 [a] — repeat via fake.customer-distress (0.40)\n' +
        '     customer: "This is the third time I have called!"\n' +
        '     agent:    "I know."\n',
    );
    expect(table.split('\n')[0]).toBe('2 transcript(s), 4 annotated agent turn(s), 3 labelled customer turn(s)');
  });

  it('appears in --format json under behaviours and bySource', () => {
    const json = JSON.parse(formatEvalJson(result, 10)) as {
      behaviours: Record<string, { f1: number }>;
      bySource: Record<string, Record<string, unknown>>;
      annotatedCustomerTurns: number;
    };
    expect(Object.keys(json.behaviours)).toEqual([...FIVE, 'customer-distress']);
    expect(json.behaviours['customer-distress']!.f1).toBe(0.5);
    expect(Object.keys(json.bySource.a!)).toContain('customer-distress');
    expect(json.annotatedCustomerTurns).toBe(3);
  });

  it('gold without customer labels has no customer-distress entry', () => {
    const agentOnly = line({ id: 'x', annotated_behaviours: FIVE, turns: [{ role: 'customer', text: 'Hi.' }, { role: 'agent', text: 'Hello.', labels: [] }] });
    const r = evaluate(parseGold(agentOnly, 'g.jsonl'), rubric, { engine: fakeEngine({ x: [{ turn: 0, behaviour: 'customer-distress', kind: 'fault', confidence: 1 }] }) });
    expect(r.behaviours['customer-distress']).toBeUndefined();
    expect(r.annotatedCustomerTurns).toBe(0);
  });
});
