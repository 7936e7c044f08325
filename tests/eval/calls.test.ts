// Call-level agreement (DESIGN §11): four gold calls scored with the default rubric from the human labels and from a
// fake engine's findings, against figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { callAgreement, humanFindings, spearman, averageRanks, type CallComparison } from '../../src/eval/calls.js';
import { formatEvalJson, formatEvalTable } from '../../src/eval/format.js';
import { parseGold } from '../../src/eval/gold.js';
import { evaluate, mergeEvalResults } from '../../src/eval/run.js';
import { loadRubric } from '../../src/rubric/load.js';
import { fakeEngine, line, type FakeFinding } from './helpers.js';

const D = 'customer-distress';
const ALL = ['paraphrasing', 'acknowledgement', 'apology', 'appreciation', 'follow-up-promise', D];

/**
 * Six turns, customer first; the call ends "Thanks, that's all." so it is resolved on both sides (follow-up-promise
 * is N/A everywhere). `customer` = labels of turns 0, 2, 4; `agent` = labels of turns 1, 3, 5.
 */
function call(id: string, customer: string[][], agent: string[][], annotated = ALL): string {
  const texts = ['I have a problem with my account, it keeps locking me out.', 'Okay.', 'It happened again today.', 'Right.', "Thanks, that's all.", 'Bye.'];
  return line({
    id,
    source: 'service',
    annotated_behaviours: annotated,
    turns: texts.map((text, i) => ({
      role: i % 2 === 0 ? 'customer' : 'agent',
      text,
      labels: i % 2 === 0 ? customer[i / 2] : agent[(i - 1) / 2],
    })),
  });
}

const f = (turn: number, behaviour: FakeFinding['behaviour'], kind: string, confidence = 0.9): FakeFinding => ({ turn, behaviour, kind, confidence });

// Default rubric: acknowledgement 30 (on distress, next 2 agent turns, also met by an apology), apology 20 (on
// distress, next 6 agent turns; the fault type), paraphrasing 20 (on-problem: turn 0 describes a problem in 12 words, so
// every agent turn is in its window), appreciation 15 (once), follow-up-promise 15 (when
// unresolved: N/A here); pass 70. Score = Σ weight·met / Σ weight of behaviours with an opportunity × 100.
const gold = [
  // c1 human: distress at 0; ack + appreciation at 1, paraphrasing at 3; apology missed.
  //    (30 + 20 + 15) / (30 + 20 + 20 + 15) = 65/85 = 76.5 → pass
  // c1 detected: distress at 0, ack + appreciation at 1, no paraphrasing: (30 + 15)/85 = 52.9 → fail
  call('c1', [[D], [], []], [['acknowledgement', 'appreciation'], ['paraphrasing'], []]),
  // c2 human: no distress (ack, apology N/A); appreciation at 1, no paraphrasing: 15/35 = 42.9 → fail
  // c2 detected: appreciation at 1 and a paraphrasing false positive at 3: 35/35 = 100 → pass
  call('c2', [[], [], []], [['appreciation'], [], []]),
  // c3 human: distress at 2, apology + appreciation at 3 (the apology also meets ack), paraphrasing at 1: 100 → pass
  // c3 detected: the distress is missed, so ack and apology are N/A; paraphrasing, appreciation met: 100 → pass
  call('c3', [[], [D], []], [['paraphrasing'], ['apology', 'appreciation'], []]),
  // c4 human: no distress; paraphrasing at 3, appreciation at 5: 100 → pass
  // c4 detected: a distress false positive at 0, no ack in turns 1, 3, no apology: (20 + 15)/85 = 41.2 → fail
  call('c4', [[], [], []], [[], ['paraphrasing'], ['appreciation']]),
].join('\n');

const engine = fakeEngine({
  c1: [f(0, D, 'fault'), f(1, 'acknowledgement', 'validation'), f(1, 'appreciation', 'patience')],
  c2: [f(1, 'appreciation', 'patience'), f(3, 'paraphrasing', 'restatement', 0.8)],
  c3: [f(1, 'paraphrasing', 'summary', 0.8), f(3, 'apology', 'ownership'), f(3, 'appreciation', 'patience')],
  c4: [f(0, D, 'fault', 0.8), f(3, 'paraphrasing', 'summary', 0.8), f(5, 'appreciation', 'courtesy')],
});

describe('call-level agreement', () => {
  const rubric = loadRubric('default');
  const transcripts = parseGold(gold, 'g.jsonl');
  const result = evaluate(transcripts, rubric, { engine });

  it('scores each call from the human labels and from detection', () => {
    expect(result.calls.map((c) => [c.transcriptId, c.human.score, c.human.passed, c.detected.score, c.detected.passed])).toEqual([
      ['c1', 76.5, true, 52.9, false],
      ['c2', 42.9, false, 100, true],
      ['c3', 100, true, 100, true],
      ['c4', 100, true, 41.2, false],
    ]);
  });

  it('matches the hand-computed MAE, Spearman, pass agreement and kappa', () => {
    const a = result.callAgreement;
    expect(a.calls).toBe(4);
    expect(a.scored).toBe(4);
    // MAE = (|76.5−52.9| + |42.9−100| + |100−100| + |100−41.2|)/4 = (23.6 + 57.1 + 0 + 58.8)/4 = 139.5/4 = 34.875
    expect(a.scoreMAE).toBe(34.875);
    // Ranks (ties averaged): human [76.5, 42.9, 100, 100] → [2, 1, 3.5, 3.5]; detected [52.9, 100, 100, 41.2] →
    // [2, 3.5, 3.5, 1]. Deviations from the mean rank 2.5: h = [−.5, −1.5, 1, 1], d = [−.5, 1, 1, −1.5].
    // Σhd = .25 − 1.5 + 1 − 1.5 = −1.75; Σh² = Σd² = .25 + 2.25 + 1 + 1 = 4.5; ρ = −1.75/4.5 = −0.389
    expect(a.scoreSpearman).toBe(-0.389);
    // Pass verdicts human [P, F, P, P], detected [F, P, P, F]: only c3 agrees → 1/4 = 0.25.
    expect(a.passAgreement).toBe(0.25);
    // κ with both-pass 1, detected-only 1, human-only 2, both-fail 0 (n = 4): p_o = 1/4;
    // p_e = (2·3 + 2·1)/16 = 0.5 (detected pass 2 × human pass 3, detected fail 2 × human fail 1); κ = (.25 − .5)/(1 − .5) = −0.5
    expect(a.passKappa).toBe(-0.5);
    expect(a.unscored).toEqual({ human: 0, detected: 0, both: 0 });
    expect(a.distressFromDetection).toBe(0);
  });

  it('compares met / missed / N/A per behaviour', () => {
    const b = result.callAgreement.behaviours;
    // paraphrasing: c1 met/missed, c2 missed/met, c3 met/met, c4 met/met → 2 of 4
    expect(b.paraphrasing).toMatchObject({ calls: 4, agreement: 0.5, confusion: { 'met/met': 2, 'met/missed': 1, 'missed/met': 1, 'na/na': 0 } });
    // acknowledgement: c1 met/met, c2 na/na, c3 met/na (distress missed), c4 na/missed (distress false positive)
    expect(b.acknowledgement).toMatchObject({ agreement: 0.5, confusion: { 'met/met': 1, 'na/na': 1, 'met/na': 1, 'na/missed': 1 } });
    // apology: c1 missed/missed, c2 na/na, c3 met/na, c4 na/missed
    expect(b.apology).toMatchObject({ agreement: 0.5, confusion: { 'missed/missed': 1, 'na/na': 1, 'met/na': 1, 'na/missed': 1 } });
    expect(b.appreciation).toMatchObject({ agreement: 1, confusion: { 'met/met': 4 } });
    expect(b['follow-up-promise']).toMatchObject({ agreement: 1, confusion: { 'na/na': 4 } });
    const total = (c: Record<string, number>) => Object.values(c).reduce((s, n) => s + n, 0);
    for (const v of Object.values(b)) expect(total(v.confusion)).toBe(4);
  });

  it('--format json has callAgreement with the documented keys, and every earlier key', () => {
    const json = JSON.parse(formatEvalJson(result, 5)) as Record<string, unknown> & { callAgreement: Record<string, unknown> };
    for (const key of ['macroF1', 'behaviours', 'bySource', 'transcripts', 'annotatedTurns', 'errorCount', 'errors']) expect(json).toHaveProperty(key);
    expect(json).not.toHaveProperty('observations');
    expect(json).not.toHaveProperty('calls');
    const ca = json.callAgreement as {
      behaviours: Record<string, { agreement: number; confusion: Record<string, number> }>;
    } & Record<string, unknown>;
    expect(ca).toMatchObject({ calls: 4, scoreMAE: 34.875, scoreSpearman: -0.389, passAgreement: 0.25, passKappa: -0.5 });
    expect(Object.keys(ca.behaviours)).toEqual(['paraphrasing', 'acknowledgement', 'apology', 'appreciation', 'follow-up-promise']);
    expect(Object.keys(ca.behaviours.acknowledgement!.confusion).sort()).toEqual(
      ['met/met', 'met/missed', 'met/na', 'missed/met', 'missed/missed', 'missed/na', 'na/met', 'na/missed', 'na/na'].sort(),
    );
    expect(ca.behaviours.paraphrasing!.agreement).toBe(0.5);
  });

  it('the table ends with a Call-level agreement block', () => {
    const table = formatEvalTable(result, 0);
    const block = table.slice(table.indexOf('Call-level agreement'));
    expect(block).toMatch(/^Call-level agreement \(4 call\(s\), default rubric;/);
    expect(block).toContain('score MAE 34.9 points, Spearman -0.389, pass/fail agreement 0.250 (kappa -0.500)');
    expect(block).toMatch(/^ {2}acknowledgement +4 +0\.500 +1\/0\/1 +0\/0\/0 +0\/1\/1$/m);
  });

  it('a call that does not annotate customer-distress uses the detected distress on its human side', () => {
    const five = ALL.slice(0, 5);
    const t = parseGold(call('c5', [[], [], []], [[], ['paraphrasing'], ['appreciation']], five), 'g.jsonl');
    const e = fakeEngine({ c5: [f(0, D, 'fault'), f(3, 'paraphrasing', 'summary'), f(5, 'appreciation', 'courtesy')] });
    const r = evaluate(t, rubric, { engine: e });
    // Both sides: distress at 0 unanswered → ack and apology missed; (20 + 15)/85 = 41.2.
    expect(r.calls[0]!.human).toMatchObject({ score: 41.2, verdicts: { acknowledgement: 'missed', apology: 'missed' } });
    expect(r.calls[0]!.detected.score).toBe(41.2);
    expect(r.callAgreement.distressFromDetection).toBe(1);
    expect(r.behaviours[D]).toBeUndefined();
  });

  it('human findings: labels replace counted findings of annotated labels; everything else stays detected', () => {
    const [t] = parseGold(call('c6', [[D], [], []], [[], ['apology'], []], ['apology', D]), 'g.jsonl');
    const detected = fakeEngine({
      c6: [
        f(1, 'apology', 'ownership'), // labelled turn, counted kind, not labelled → dropped
        f(1, 'apology', 'non-apology'), // a kind the rubric does not count → kept (the non-apology penalty applies to both sides)
        f(1, 'acknowledgement', 'validation'), // not annotated → kept
        f(2, D, 'fault'), // labelled [] customer turn → dropped
        f(1, 'negative-language', 'blame'), // a signal nobody labels → kept
      ],
    }).detectTranscript(t as never);
    const human = humanFindings(t!, detected, rubric);
    expect(human.map((x) => `${x.turn}:${x.behaviour}:${x.kind}:${x.confidence}`)).toEqual([
      '0:customer-distress:fault:1',
      '1:apology:non-apology:0.9',
      '1:acknowledgement:validation:0.9',
      '1:negative-language:blame:0.9',
      '3:apology:ownership:1',
    ]);
    expect(human.find((x) => x.turn === 3)!.span).toEqual([0, 'Right.'.length]);
  });

  it('calls without a score are left out of the score figures and counted', () => {
    const side = (score: number | null, passed: boolean | null) => ({ score, passed, verdicts: {} });
    const calls: CallComparison[] = [
      { transcriptId: 'a', corpus: 'x', human: side(80, true), detected: side(60, false), distressFromDetection: false },
      { transcriptId: 'b', corpus: 'x', human: side(null, null), detected: side(90, true), distressFromDetection: false },
      { transcriptId: 'c', corpus: 'x', human: side(null, null), detected: side(null, null), distressFromDetection: false },
    ];
    expect(callAgreement(calls)).toMatchObject({
      calls: 3,
      scored: 1,
      unscored: { human: 1, detected: 0, both: 1 },
      scoreMAE: 20,
      scoreSpearman: null,
      passAgreement: 0,
    });
  });

  it('Spearman uses average ranks for ties', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBe(-1);
    expect(spearman([1, 1], [1, 2])).toBeNull();
  });

  it('runs on separate folds merge into the figures of one run, and print', () => {
    const [c1, c2, c3, c4] = transcripts;
    const merged = mergeEvalResults([evaluate([c1!, c3!], rubric, { engine }), evaluate([c2!, c4!], rubric, { engine })]);
    expect(merged.callAgreement).toEqual(result.callAgreement);
    expect(merged.behaviours).toEqual(result.behaviours);
    expect(merged.bySource).toEqual(result.bySource);
    expect(merged.macroF1).toBe(result.macroF1);
    expect(merged.errors.length).toBe(result.errors.length);
    expect(merged.transcripts).toBe(4);
    expect(formatEvalTable(merged, 3)).toContain('score MAE 34.9 points');
  });
});
