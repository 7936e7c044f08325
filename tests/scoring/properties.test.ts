import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/rubric/load.js';
import { addCall, createAccumulator, finalize, mergeAccumulators, type Accumulator } from '../../src/scoring/aggregate.js';
import { scoreCall } from '../../src/scoring/call.js';
import {
  BEHAVIOURS,
  BEHAVIOUR_KINDS,
  GROUP_BYS,
  SIGNALS,
  SIGNAL_KINDS,
  type CallResult,
  type Finding,
  type FindingType,
  type Rubric,
  type Transcript,
} from '../../src/types.js';

const RUBRICS = ['default', 'strict', 'support'].map(loadRubric);
const TEXTS = ["I'm sorry about that.", 'This is ridiculous!', "You're all set.", "It's still not working.", 'Thanks.', 'Okay.'];
const TYPES: FindingType[] = [...BEHAVIOURS, ...SIGNALS];
const kindsOf = (t: FindingType) => (BEHAVIOUR_KINDS as Record<string, readonly string[]>)[t] ?? SIGNAL_KINDS[t as keyof typeof SIGNAL_KINDS];

const transcriptArb = fc
  .record({
    id: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    team: fc.option(fc.constantFrom('billing', 'tech'), { nil: undefined }),
    date: fc.option(fc.constantFrom('2024-03-01', '2024-03-02'), { nil: undefined }),
    turns: fc.array(
      fc.record({
        agent: fc.boolean(),
        agentId: fc.constantFrom('a1', 'a2', 'a3'),
        text: fc.constantFrom(...TEXTS),
      }),
      { minLength: 1, maxLength: 14 },
    ),
  })
  .map(({ id, team, date, turns }): Transcript => {
    const t: Transcript = {
      id,
      source: { file: `${id}.txt` },
      turns: turns.map((x, index) =>
        x.agent
          ? { index, role: 'agent', speaker: 'Agent', agentId: x.agentId, text: x.text }
          : { index, role: 'customer', speaker: 'Customer', text: x.text },
      ),
    };
    if (team) t.team = team;
    if (date) t.date = date;
    return t;
  });

const findingSeedArb = fc.record({
  type: fc.constantFrom(...TYPES),
  kindPick: fc.nat(),
  turnPick: fc.nat(),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
});

const callArb = fc
  .tuple(transcriptArb, fc.array(findingSeedArb, { maxLength: 25 }))
  .map(([transcript, seeds]) => {
    const findings: Finding[] = seeds.map((s, i) => {
      const turn = s.turnPick % transcript.turns.length;
      const kinds = kindsOf(s.type);
      const text = transcript.turns[turn]!.text;
      return {
        id: `${transcript.id}#${turn}:0-${text.length}:${s.type}:${i}`,
        behaviour: s.type,
        kind: kinds[s.kindPick % kinds.length]!,
        transcriptId: transcript.id,
        turn,
        span: [0, text.length],
        quote: text,
        rule: 'prop',
        confidence: s.confidence,
        message: s.type,
      };
    });
    return { transcript, findings };
  });

const rubricArb = fc
  .record({
    base: fc.constantFrom(...RUBRICS),
    weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }),
    points: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ base, weights, points }): Rubric => {
    const behaviours = { ...base.behaviours };
    BEHAVIOURS.forEach((b, i) => (behaviours[b] = { ...behaviours[b], weight: weights[i]! }));
    const penalties = { ...base.penalties };
    ['negative-language', 'non-apology', 'overuse'].forEach((id, i) => (penalties[id] = { ...penalties[id]!, points: points[i]! }));
    return { ...base, behaviours, penalties };
  });

describe('score properties', () => {
  it('every call and agent score is within 0..100 with one decimal', () => {
    fc.assert(
      fc.property(callArb, rubricArb, ({ transcript, findings }, rubric) => {
        const result = scoreCall(transcript, findings, rubric);
        for (const part of [result, ...result.agents]) {
          const { score } = part;
          // No score only when nothing was expected, and then no verdict either.
          expect(part.passed === null).toBe(score === null);
          if (score === null) continue;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          expect(Math.round(score * 10) / 10).toBe(score);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a behaviour with no opportunity never changes the score, whatever its weight', () => {
    fc.assert(
      fc.property(
        callArb,
        fc.constantFrom(...RUBRICS),
        fc.constantFrom(...BEHAVIOURS),
        fc.integer({ min: 1, max: 100 }),
        ({ transcript, findings }, base, behaviour, weight) => {
          const calm = findings.filter((f) => f.behaviour !== 'customer-distress');
          const scores = (r: Rubric) => {
            const res = scoreCall(transcript, calm, r);
            return [res.score, ...res.agents.map((a) => a.score)];
          };
          const spec = base.behaviours[behaviour];
          const without = { ...base, behaviours: { ...base.behaviours, [behaviour]: { ...spec, weight: 0, expect: 'never-required' } } };
          // on-distress has no opportunity in a call without distress; never-required never has one.
          for (const expectValue of ['on-distress', 'never-required'] as const) {
            const withIt = { ...base, behaviours: { ...base.behaviours, [behaviour]: { ...spec, weight, expect: expectValue } } };
            expect(scores(withIt)).toEqual(scores(without));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

function accumulate(calls: CallResult[], groupBy: (typeof GROUP_BYS)[number]): Accumulator {
  return calls.reduce((acc, c) => addCall(acc, c), createAccumulator(groupBy));
}

describe('aggregation properties', () => {
  const scoredCallsArb = fc
    .tuple(fc.array(callArb, { minLength: 1, maxLength: 12 }), fc.constantFrom(...RUBRICS))
    .map(([calls, rubric]) => ({ rubric, results: calls.map((c) => scoreCall(c.transcript, c.findings, rubric)) }));

  it('gives the same scorecards in any order and in any split merged back together', () => {
    fc.assert(
      fc.property(
        scoredCallsArb,
        fc.constantFrom(...GROUP_BYS),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 12, maxLength: 12 }),
        ({ rubric, results }, groupBy, order, shard) => {
          const expected = finalize(accumulate(results, groupBy), rubric);
          const shuffled = results
            .map((r, i) => ({ r, k: order[i]! }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.r);
          expect(finalize(accumulate(shuffled, groupBy), rubric)).toEqual(expected);

          const shards: CallResult[][] = [[], [], [], []];
          shuffled.forEach((r, i) => shards[shard[i]!]!.push(r));
          const partials = shards.map((s) => JSON.parse(JSON.stringify(accumulate(s, groupBy))) as Accumulator);
          const leftFold = partials.reduce((a, b) => mergeAccumulators(a, b));
          const rightFold = partials.reduceRight((a, b) => mergeAccumulators(b, a));
          const pairs = mergeAccumulators(mergeAccumulators(partials[3]!, partials[1]!), mergeAccumulators(partials[2]!, partials[0]!));
          for (const merged of [leftFold, rightFold, pairs]) expect(finalize(merged, rubric)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every group score and interval stays within 0..100 and the interval contains the mean', () => {
    fc.assert(
      fc.property(scoredCallsArb, fc.constantFrom(...GROUP_BYS), ({ rubric, results }, groupBy) => {
        for (const g of finalize(accumulate(results, groupBy), rubric)) {
          const scored = g.calls - g.noOpportunity;
          expect(g.lowSample).toBe(scored < rubric.minCalls);
          expect(g.meanScore === null).toBe(scored === 0);
          expect(g.ci95 === null).toBe(scored < 2);
          if (g.ci95 === null || g.meanScore === null) continue;
          expect(g.ci95[0]).toBeGreaterThanOrEqual(0);
          expect(g.ci95[1]).toBeLessThanOrEqual(100);
          expect(g.ci95[0]).toBeLessThanOrEqual(g.meanScore);
          expect(g.ci95[1]).toBeGreaterThanOrEqual(g.meanScore);
        }
      }),
      { numRuns: 100 },
    );
  });
});
