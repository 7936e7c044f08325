import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/rubric/load.js';
import { addCall, addDigest, createAccumulator, digestCall, finalize, meanAndInterval, mergeAccumulators, tQuantile975, wilsonInterval } from '../../src/scoring/aggregate.js';
import { applyFailUnder, compareBaseline } from '../../src/scoring/thresholds.js';
import { scoreCall } from '../../src/scoring/call.js';
import type { CallResult, GroupScorecard, ScoreReport } from '../../src/types.js';
import { call, finding } from './helpers.js';

const rubric = loadRubric('default');

/** A one-agent call whose score is exactly `score` (negative-language penalty off 100). */
function callScoring(id: string, agent: string, score: number, extra: { team?: string; date?: string } = {}): CallResult {
  const t = call(['A: Hello, how can I help?', 'C: Just checking my balance.', 'A: It is 40 pounds.'], { id, ...extra });
  for (const turn of t.turns) if (turn.role === 'agent') turn.agentId = agent;
  const custom = { ...rubric, penalties: { ...rubric.penalties, 'negative-language': { points: 100 - score, kinds: [] } } };
  const findings = [
    finding(t, 'negative-language', 'blame', 2),
    finding(t, 'paraphrasing', 'summary', 2),
    finding(t, 'appreciation', 'courtesy', 0),
  ];
  const result = scoreCall(t, score === 100 ? findings.slice(1) : findings, custom);
  expect(result.score).toBe(score);
  return result;
}

describe('aggregation', () => {
  it('computes mean, sample sd and a 95% interval per agent', () => {
    const acc = createAccumulator('agent');
    for (const [i, s] of [80, 90, 100, 70, 60].entries()) addCall(acc, callScoring(`c${i}`, 'sam', s));
    addCall(acc, callScoring('c9', 'priya', 55));
    const [priya, sam] = finalize(acc, rubric);
    expect(sam).toMatchObject({ key: 'sam', groupBy: 'agent', calls: 5, meanScore: 80, stdDev: 15.8, lowSample: false, passed: true });
    // Student t, 4 df: 80 ± 2.776 × 15.81 / √5 = 80 ± 19.63 (the normal 1.96 would claim ± 13.86)
    expect(sam!.ci95).toEqual([60.4, 99.6]);
    expect(sam!.passRate).toBe(0.8); // 80, 90, 100 and 70 pass at 70
    // Wilson 95% for 4 of 5: [0.376, 0.964]
    expect(sam!.passRateCi95).toEqual([0.376, 0.964]);
    // One call has no spread to measure: no interval, never ±0.
    expect(priya).toMatchObject({ key: 'priya', calls: 1, meanScore: 55, stdDev: null, ci95: null, lowSample: true, passed: false });
  });

  it('no-opportunity calls count as calls but stay out of the mean, the pass rate and min-calls', () => {
    const acc = createAccumulator('agent');
    addCall(acc, callScoring('c1', 'sam', 60));
    addCall(acc, callScoring('c2', 'sam', 80));
    const empty = call(['A: Hello, Acme.', 'C: Wrong number, sorry.'], { id: 'c3' });
    for (const turn of empty.turns) if (turn.role === 'agent') turn.agentId = 'sam';
    const nothing = scoreCall(empty, [], rubric);
    expect(nothing.agents[0]!.score).toBeNull();
    addCall(acc, nothing);
    const only = createAccumulator('agent');
    addCall(only, nothing);
    const [card] = finalize(acc, rubric);
    expect(card).toMatchObject({ calls: 3, noOpportunity: 1, meanScore: 70, passRate: 0.5 });
    expect(card!.lowSample).toBe(2 < rubric.minCalls);
    expect(finalize(only, rubric)[0]).toMatchObject({ calls: 1, noOpportunity: 1, meanScore: null, ci95: null, passRate: null, passed: false });
  });

  it('t quantiles shrink to the normal as calls grow; Wilson stays inside 0..1 at 0% and 100%', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(1000)).toBeCloseTo(1.96, 2);
    expect(wilsonInterval(2, 2)).toEqual([0.342, 1]);
    expect(wilsonInterval(0, 3)[0]).toBe(0);
  });

  it('clamps the interval to 0..100', () => {
    expect(meanAndInterval(2, 1000 + 0, 1000 * 1000)).toMatchObject({ mean: 50 });
    expect(meanAndInterval(2, 1000, 1000000).ci95![0]).toBe(0);
    expect(meanAndInterval(2, 1000, 1000000).ci95![1]).toBe(100);
  });

  it('reports per-behaviour rates, counts per 100 agent turns and missed opportunities', () => {
    const acc = createAccumulator('agent');
    addCall(acc, callScoring('c1', 'sam', 100));
    const t = call(['A: Hi.', 'C: Hello.', 'A: Bye.'], { id: 'c2' });
    for (const turn of t.turns) if (turn.role === 'agent') turn.agentId = 'sam';
    // "Just checking my balance." and "Hello." describe no problem, so no paraphrase is expected (the one found is
    // still counted for the rate per 100 turns); appreciation (once) is expected in both and missed in c2.
    addCall(acc, scoreCall(t, [], rubric));
    const [card] = finalize(acc, rubric);
    expect(card!.agentTurns).toBe(4);
    expect(card!.behaviours.paraphrasing).toEqual({
      behaviour: 'paraphrasing', opportunities: 0, met: 0, rate: null, findings: 1, per100Turns: 25, missed: 0,
    });
    expect(card!.behaviours.apology.rate).toBeNull();
    expect(card!.behaviours.appreciation).toMatchObject({ opportunities: 2, met: 1, rate: 0.5, missed: 1 });
    expect(card!.missedOpportunities).toBe(1);
  });

  it('groups by team and date with (none) for missing values, and by call with the whole-call score', () => {
    const calls = [
      callScoring('c1', 'sam', 80, { team: 'billing', date: '2024-03-01' }),
      callScoring('c2', 'priya', 60, { team: 'billing' }),
      callScoring('c3', 'li', 90),
    ];
    const by = (g: 'team' | 'date' | 'call') => finalize(calls.reduce((acc, c) => addCall(acc, c), createAccumulator(g)), rubric);
    expect(by('team').map((g) => [g.key, g.calls, g.meanScore])).toEqual([['(none)', 1, 90], ['billing', 2, 70]]);
    expect(by('date').map((g) => g.key)).toEqual(['(none)', '2024-03-01']);
    expect(by('call').map((g) => [g.key, g.meanScore, g.label])).toEqual([['c1', 80, 'calls/call-1.txt'], ['c2', 60, 'calls/call-1.txt'], ['c3', 90, 'calls/call-1.txt']]);
  });

  it('credits a transferred call to each agent', () => {
    const t = call(['A: Billing here.', 'C: Hi.', 'A: Transferring you.', 'A2: Tech here.', 'C: Thanks.', 'A2: Fixed, you are all set.'], { id: 't' });
    const acc = addCall(createAccumulator('agent'), scoreCall(t, [finding(t, 'paraphrasing', 'summary', 2), finding(t, 'appreciation', 'courtesy', 0)], rubric));
    const cards = finalize(acc, rubric);
    expect(cards.map((c) => [c.key, c.calls, c.meanScore])).toEqual([['a1', 1, 100], ['a2', 1, 0]]);
  });

  it('accumulators survive a JSON round trip and refuse to merge different groupings', () => {
    const acc = addCall(createAccumulator('agent'), callScoring('c1', 'sam', 75));
    const revived = JSON.parse(JSON.stringify(acc));
    expect(finalize(mergeAccumulators(revived, createAccumulator('agent')), rubric)).toEqual(finalize(acc, rubric));
    expect(() => mergeAccumulators(acc, createAccumulator('team'))).toThrow(/grouped by agent .* grouped by team/);
  });
});

function card(key: string, meanScore: number, lowSample = false, ackRate: number | null = 0.5): GroupScorecard {
  const acc = addCall(createAccumulator('agent'), callScoring('x', key, 100));
  const base = finalize(acc, rubric)[0]!;
  return { ...base, meanScore, lowSample, behaviours: { ...base.behaviours, acknowledgement: { ...base.behaviours.acknowledgement, rate: ackRate } } };
}

describe('thresholds', () => {
  const groups = [card('b', 60), card('a', 65, true), card('c', 90)];

  it('--fail-under names the groups below it, exempting low-sample groups unless strict', () => {
    expect(applyFailUnder(groups, 70, false)).toEqual(['b']);
    expect(applyFailUnder(groups, 70, true)).toEqual(['a', 'b']);
    expect(applyFailUnder(groups, 60, true)).toEqual([]);
  });

  it('--baseline gives score and behaviour deltas; --fail-on-regression flags drops beyond the limit', () => {
    const baseline = { groups: [card('b', 70, false, 0.25), card('c', 92, false, null)] } as unknown as ScoreReport;
    const { groups: deltas, regressions } = compareBaseline(groups, baseline, 5);
    expect(deltas.map((d) => [d.key, d.previousScore, d.scoreDelta])).toEqual([['a', null, null], ['b', 70, -10], ['c', 92, -2]]);
    expect(deltas[1]!.behaviours.acknowledgement).toBe(25);
    expect(deltas[2]!.behaviours.acknowledgement).toBeNull();
    expect(regressions).toEqual(['b']);
    expect(compareBaseline(groups, baseline).regressions).toEqual([]);
    expect(compareBaseline(groups, baseline, 1).regressions).toEqual(['b', 'c']);
  });
});

describe('call digests (what workers send back for aggregation)', () => {
  it('adding a digest that crossed a thread as JSON equals adding the call', () => {
    for (const groupBy of ['agent', 'team', 'date', 'call'] as const) {
      const direct = createAccumulator(groupBy);
      const viaDigest = createAccumulator(groupBy);
      for (const [i, s] of [80, 90, 100, 70, 60].entries()) {
        const call = callScoring(`c${i}`, i % 2 ? 'sam' : 'priya', s);
        addCall(direct, call);
        addDigest(viaDigest, JSON.parse(JSON.stringify(digestCall(call, groupBy))));
      }
      expect(viaDigest).toEqual(direct);
    }
  });

  it('refuses a digest made for another grouping', () => {
    expect(() => addDigest(createAccumulator('agent'), digestCall(callScoring('c1', 'sam', 80), 'team'))).toThrow(/group-by team/);
  });
});
