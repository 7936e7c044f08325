import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScore } from '../../src/pipeline.js';
import { loadRubric } from '../../src/rubric/load.js';
import { addCall, createAccumulator, finalize, mergeAccumulators } from '../../src/scoring/aggregate.js';
import {
  addScriptedCall,
  apologyHasAction,
  clusterStatements,
  emptyScriptedTally,
  finalizeScripted,
  mergeScriptedTallies,
  normaliseStatement,
  similarity,
  soundsScripted,
  type ScriptedTally,
} from '../../src/scoring/scripted.js';
import type { CallResult, Finding, GroupScorecard, ScoreReport, Turn } from '../../src/types.js';

const FIXTURES = 'fixtures/cases/scripted';

describe('normaliseStatement', () => {
  it('lower-cases, drops punctuation and fillers, masks numbers and names', () => {
    expect(normaliseStatement('Um, I really apologise for any inconvenience, Mrs Patel!')).toBe(
      'i apologise for any inconvenience <name>',
    );
    expect(normaliseStatement('Sorry about the 3 days you waited, John.')).toBe('sorry about the # days you waited <name>');
    expect(normaliseStatement("I\u2019m so sorry about that.")).toBe("i'm sorry about that");
  });

  it('keeps sentence-initial capitals and "I" as words', () => {
    expect(normaliseStatement('Thanks for waiting. I appreciate it.')).toBe('thanks for waiting i appreciate it');
  });
});

describe('similarity', () => {
  it('is token-set Jaccard', () => {
    const a = normaliseStatement('I apologise for any inconvenience this may have caused.');
    const b = normaliseStatement('I apologise for any inconvenience this might have caused.');
    expect(similarity(a, b)).toBeCloseTo(8 / 10, 5);
    expect(similarity(a, normaliseStatement("I'm sorry the engineer never came."))).toBeLessThan(0.2);
  });

  it('clusters near-identical wordings but not different ones', () => {
    const clusters = clusterStatements({
      [normaliseStatement('I apologise for any inconvenience this may have caused.')]: { text: 'A', count: 4, calls: 4 },
      [normaliseStatement('I apologise for any inconvenience this might have caused.')]: { text: 'B', count: 1, calls: 1 },
      [normaliseStatement('That must be really worrying.')]: { text: 'C', count: 2, calls: 2 },
    });
    expect(clusters.map((c) => [c.text, c.calls])).toEqual([
      ['A', 5],
      ['C', 2],
    ]);
  });
});

describe('scripted empathy on the fixtures', () => {
  let groups: GroupScorecard[];
  let report: ScoreReport;
  beforeAll(async () => {
    report = (await runScore([FIXTURES], { keepCalls: true })).report;
    groups = report.groups;
  });

  it('flags the agent who says the same apology in every call, with the phrase and the share', () => {
    const jones = groups.find((g) => g.key === 's.jones')!;
    expect(jones.scripted).toEqual({
      share: 1,
      phrases: [{ text: 'I apologise for any inconvenience this may have caused.', calls: 6, totalCalls: 6 }],
      apologiesWithoutAction: 0,
      statements: 6,
      apologies: 6,
    });
    expect(soundsScripted(jones.scripted)).toBe(true);
  });

  it('does not flag the agent with varied wording, and counts her apology that no action followed', () => {
    const khan = groups.find((g) => g.key === 'r.khan')!;
    expect(khan.scripted?.share).toBe(0);
    expect(khan.scripted?.phrases).toEqual([]);
    expect(khan.scripted?.apologies).toBe(6);
    // RK-204: "My apologies, that really isn't good enough." then "These things happen sometimes…"
    expect(khan.scripted?.apologiesWithoutAction).toBe(1);
    expect(soundsScripted(khan.scripted)).toBe(false);
  });

  it('finds the action after an apology in a later agent turn and not across another agent', () => {
    const rk204 = report.calls.find((c) => c.transcriptId === 'RK-204')!;
    const rk206 = report.calls.find((c) => c.transcriptId === 'RK-206')!;
    const apology = (c: CallResult) => c.findings.find((f) => f.behaviour === 'apology')!;
    expect(apologyHasAction(rk204, apology(rk204))).toBe(false);
    expect(apologyHasAction(rk206, apology(rk206))).toBe(true); // "I've refunded the second payment"
  });

  it('is absent when grouping by call (one call cannot be scripted across calls)', async () => {
    const byCall = (await runScore([FIXTURES], { groupBy: 'call' })).report.groups;
    expect(byCall.every((g) => g.scripted === undefined)).toBe(true);
  });
});

// ---------- hand-built calls for the accumulator properties ----------

const LINES = [
  'I apologise for any inconvenience this may have caused.',
  'I apologise for any inconvenience this might have caused.',
  'That must be really worrying for you.',
  'Thank you so much for your patience today.',
  "I'm sorry, I've refunded the charge.",
  "I'm sorry about the wait, that isn't good enough.",
];
const KIND: Record<number, [Finding['behaviour'], string]> = {
  0: ['apology', 'inconvenience'],
  1: ['apology', 'inconvenience'],
  2: ['acknowledgement', 'validation'],
  3: ['appreciation', 'patience'],
  4: ['apology', 'ownership'],
  5: ['apology', 'inconvenience'],
};

function builtCall(id: string, agent: string, lineIndexes: number[]): CallResult {
  const turns: Turn[] = [];
  const findings: Finding[] = [];
  for (const i of lineIndexes) {
    turns.push({ index: turns.length, role: 'customer', speaker: 'Customer', text: 'This is ridiculous.' });
    const text = LINES[i]!;
    const turn = turns.length;
    turns.push({ index: turn, role: 'agent', speaker: 'Agent', agentId: agent, text });
    const [behaviour, kind] = KIND[i]!;
    findings.push({
      id: `${id}#${turn}:0-${text.length}:${behaviour}`,
      behaviour,
      kind,
      transcriptId: id,
      turn,
      agentId: agent,
      span: [0, text.length],
      quote: text,
      rule: 'test',
      confidence: 0.9,
      message: '',
    });
  }
  return {
    transcriptId: id,
    file: `${id}.txt`,
    turns,
    findings,
    score: 80,
    passed: true,
    agents: [...new Set(turns.flatMap((t) => (t.agentId ? [t.agentId] : [])))].map((agentId) => ({
      agentId,
      score: 80,
      passed: true,
      criticalFailures: [],
      behaviours: {} as CallResult['agents'][number]['behaviours'],
      penalties: [],
      agentTurns: lineIndexes.length,
      counts: {} as CallResult['agents'][number]['counts'],
    })),
  };
}

const callArb = fc
  .record({
    n: fc.integer({ min: 0, max: 999 }),
    agent: fc.constantFrom('a1', 'a2'),
    lines: fc.array(fc.integer({ min: 0, max: LINES.length - 1 }), { minLength: 1, maxLength: 5 }),
  })
  .map(({ n, agent, lines }) => builtCall(`c${n}`, agent, lines));

function tallyOf(calls: CallResult[]): ScriptedTally {
  return calls.reduce((t, c) => addScriptedCall(t, c), emptyScriptedTally());
}

describe('scripted tally merge', () => {
  it('counts statements, calls and apologies without action', () => {
    const t = tallyOf([builtCall('x', 'a1', [0, 0, 5]), builtCall('y', 'a1', [0, 4])]);
    const key = normaliseStatement(LINES[0]!);
    expect(t.phrases[key]).toEqual({ text: LINES[0], count: 3, calls: 2 });
    expect(t.statements).toBe(5);
    expect(t.apologies).toBe(5);
    // Call x: three apologies and no action anywhere. Call y: "I've refunded the charge" follows the first
    // apology in the agent's next turn and is part of the second one.
    expect(t.apologiesWithoutAction).toBe(3);
  });

  it('is order-independent: any split of the calls, merged in any order, gives the same tally', () => {
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 12 }), fc.integer({ min: 0, max: 12 }), (calls, cut) => {
        const whole = tallyOf(calls);
        const left = tallyOf(calls.slice(0, cut));
        const right = tallyOf(calls.slice(cut));
        expect(mergeScriptedTallies(left, right)).toEqual(whole);
        expect(mergeScriptedTallies(right, left)).toEqual(whole);
        expect(finalizeScripted(mergeScriptedTallies(right, left), calls.length)).toEqual(
          finalizeScripted(whole, calls.length),
        );
      }),
    );
  });

  it('merges commute and stay bounded when eviction is needed', () => {
    const tally = (prefix: string, n: number): ScriptedTally => ({
      ...emptyScriptedTally(),
      statements: n,
      phrases: Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`${prefix} statement number ${i}`, { text: `${prefix}${i}`, count: 1, calls: (i % 3) + 1 }]),
      ),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom('p', 'q'), (x, y, p) => {
        const a = tally('p', x);
        const b = tally(p, y);
        const ab = mergeScriptedTallies(a, b, 10);
        expect(ab).toEqual(mergeScriptedTallies(b, a, 10));
        expect(Object.keys(ab.phrases).length).toBeLessThanOrEqual(10);
        // Nothing is lost from the totals: evicted statements move to `evicted`.
        const kept = Object.values(ab.phrases).reduce((s, e) => s + e.count, 0);
        expect(kept + ab.evicted).toBe(x + y);
      }),
    );
  });

  it('survives the whole accumulator merge in any order', () => {
    const rubric = loadRubric('default');
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 10 }), fc.integer({ min: 0, max: 10 }), (calls, cut) => {
        const whole = calls.reduce((acc, c) => addCall(acc, c), createAccumulator('agent'));
        const a = calls.slice(0, cut).reduce((acc, c) => addCall(acc, c), createAccumulator('agent'));
        const b = calls.slice(cut).reduce((acc, c) => addCall(acc, c), createAccumulator('agent'));
        const scripted = (groups: GroupScorecard[]) => groups.map((g) => [g.key, g.scripted]);
        expect(scripted(finalize(mergeAccumulators(b, a), rubric))).toEqual(scripted(finalize(whole, rubric)));
      }),
    );
  });
});
