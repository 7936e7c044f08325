// Mergeable aggregation of call scores into group scorecards (DESIGN §8 "aggregates are mergeable").
//
// An Accumulator is plain JSON of integer counts and sums, so shards and workers can write it to
// disk and `mergeAccumulators` combines them in any order with the same result. Scores carry one
// decimal, so they are summed in integer tenths: exact, hence order-independent.
import {
  BEHAVIOURS,
  type AgentCallScore,
  type BehaviourId,
  type BehaviourOutcome,
  type BehaviourRate,
  type CallResult,
  type GroupBy,
  type GroupScorecard,
  type Rubric,
} from '../types.js';
import {
  addScriptedContribution,
  emptyScriptedTally,
  finalizeScripted,
  mergeScriptedTallies,
  scriptedContribution,
  type ScriptedContribution,
  type ScriptedTally,
} from './scripted.js';

export const NO_VALUE = '(none)';
export const HISTOGRAM_BINS = 101;

export interface BehaviourTally {
  opportunities: number;
  met: number;
  findings: number;
  missed: number;
}

export interface GroupTally {
  calls: number;
  /** Of `calls`, units with no score (no opportunity); absent in partials from before it was counted. */
  noOpportunity?: number;
  passed: number;
  /** Σ score×10 and Σ (score×10)², integers. */
  sumTenths: number;
  sumSquaresTenths: number;
  /** histogram[i] = units whose score floors to i (0..100). */
  histogram: number[];
  agentTurns: number;
  penaltyTenths: number;
  missedOpportunities: number;
  criticalFailures: number;
  behaviours: Record<BehaviourId, BehaviourTally>;
  /** Display label (call: its file); the lexically smallest seen, so merges commute. */
  label?: string;
  /** Repeated empathy statements (not for group-by call); bounded per group, see scripted.ts. */
  scripted?: ScriptedTally;
}

export interface Accumulator {
  kind: 'empathy-accumulator';
  version: 1;
  groupBy: GroupBy;
  groups: Record<string, GroupTally>;
}

/** What one group gets from one call: plain data, cheap to add, computed wherever the call was scored. */
export interface Unit {
  key: string;
  /** The agent whose part this is (absent for a whole call). */
  agentId?: string;
  label?: string;
  /** null: no opportunity (counted in `calls`, outside the mean and the pass rate). */
  score: number | null;
  passed: boolean | null;
  criticalFailures: number;
  agentTurns: number;
  penaltyPoints: number;
  outcomes: Pick<BehaviourOutcome, 'behaviour' | 'opportunities' | 'met'>[];
  counts: Partial<Record<BehaviourId, number>>;
  /** The agent's empathy statements (agent groupings only). */
  scripted?: ScriptedContribution;
}

/**
 * A scored call reduced to what aggregation needs: its units for one grouping. Workers compute it next to the
 * CallResult, so the thread that aggregates only sums numbers (statement normalising and redaction stay in workers).
 */
export interface CallDigest {
  groupBy: GroupBy;
  units: Unit[];
}

export function createAccumulator(groupBy: GroupBy): Accumulator {
  return { kind: 'empathy-accumulator', version: 1, groupBy, groups: {} };
}

function emptyTally(): GroupTally {
  return {
    calls: 0,
    passed: 0,
    sumTenths: 0,
    sumSquaresTenths: 0,
    histogram: new Array<number>(HISTOGRAM_BINS).fill(0),
    agentTurns: 0,
    penaltyTenths: 0,
    missedOpportunities: 0,
    criticalFailures: 0,
    behaviours: Object.fromEntries(BEHAVIOURS.map((b) => [b, { opportunities: 0, met: 0, findings: 0, missed: 0 }])) as Record<
      BehaviourId,
      BehaviourTally
    >,
  };
}

function tenths(x: number): number {
  return Math.round(x * 10);
}

function agentUnit(key: string, part: AgentCallScore): Unit {
  return {
    key,
    agentId: part.agentId,
    score: part.score,
    passed: part.passed,
    criticalFailures: part.criticalFailures.length,
    agentTurns: part.agentTurns,
    penaltyPoints: part.penalties.reduce((s, p) => s + p.points, 0),
    outcomes: Object.values(part.behaviours).map(({ behaviour, opportunities, met }) => ({ behaviour, opportunities, met })),
    counts: part.counts,
  };
}

/** group-by call scores the whole call; its behaviour tallies are the sum of its agents' parts. */
function callUnit(call: CallResult): Unit {
  const parts = call.agents.map((a) => agentUnit(call.transcriptId, a));
  const counts: Partial<Record<BehaviourId, number>> = {};
  for (const p of parts) for (const b of BEHAVIOURS) counts[b] = (counts[b] ?? 0) + (p.counts[b] ?? 0);
  return {
    key: call.transcriptId,
    label: call.file,
    score: call.score,
    passed: call.passed,
    criticalFailures: parts.reduce((s, p) => s + p.criticalFailures, 0),
    agentTurns: parts.reduce((s, p) => s + p.agentTurns, 0),
    penaltyPoints: parts.reduce((s, p) => s + p.penaltyPoints, 0),
    outcomes: parts.flatMap((p) => p.outcomes),
    counts,
  };
}

function unitsOf(call: CallResult, groupBy: GroupBy): Unit[] {
  switch (groupBy) {
    case 'call':
      return [callUnit(call)];
    case 'agent':
      return call.agents.map((a) => agentUnit(a.agentId, a));
    case 'team':
      return call.agents.map((a) => agentUnit(call.team || NO_VALUE, a));
    case 'date':
      return call.agents.map((a) => agentUnit(call.date || NO_VALUE, a));
  }
}

function smallerLabel(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

function addUnit(tally: GroupTally, unit: Unit): void {
  tally.calls += 1;
  if (unit.score === null) {
    tally.noOpportunity = (tally.noOpportunity ?? 0) + 1;
  } else {
    const t = tenths(unit.score);
    tally.passed += unit.passed ? 1 : 0;
    tally.sumTenths += t;
    tally.sumSquaresTenths += t * t;
    tally.histogram[Math.min(100, Math.max(0, Math.floor(t / 10)))]! += 1;
  }
  tally.agentTurns += unit.agentTurns;
  tally.penaltyTenths += tenths(unit.penaltyPoints);
  tally.criticalFailures += unit.criticalFailures;
  for (const outcome of unit.outcomes) {
    const b = tally.behaviours[outcome.behaviour];
    b.opportunities += outcome.opportunities;
    b.met += outcome.met;
    b.missed += outcome.opportunities - outcome.met;
    tally.missedOpportunities += outcome.opportunities - outcome.met;
  }
  for (const behaviour of BEHAVIOURS) tally.behaviours[behaviour].findings += unit.counts[behaviour] ?? 0;
  const label = smallerLabel(tally.label, unit.label);
  if (label !== undefined) tally.label = label;
}

/** The call's units for `groupBy`, with each agent's empathy statements (the costly part of aggregation). */
export function digestCall(call: CallResult, groupBy: GroupBy): CallDigest {
  const units = unitsOf(call, groupBy);
  for (const unit of units) if (unit.agentId !== undefined) unit.scripted = scriptedContribution(call, unit.agentId);
  return { groupBy, units };
}

/** Adds a digested call (mutates and returns `acc`). */
export function addDigest(acc: Accumulator, digest: CallDigest): Accumulator {
  if (digest.groupBy !== acc.groupBy) throw new Error(`a call digested for group-by ${digest.groupBy} cannot join results grouped by ${acc.groupBy}`);
  for (const unit of digest.units) {
    const tally = (acc.groups[unit.key] ??= emptyTally());
    addUnit(tally, unit);
    if (unit.scripted) addScriptedContribution((tally.scripted ??= emptyScriptedTally()), unit.scripted);
  }
  return acc;
}

/** Adds one scored call (mutates and returns `acc`). */
export function addCall(acc: Accumulator, call: CallResult): Accumulator {
  return addDigest(acc, digestCall(call, acc.groupBy));
}

function mergeTally(a: GroupTally, b: GroupTally): GroupTally {
  const out = emptyTally();
  for (const key of ['calls', 'passed', 'sumTenths', 'sumSquaresTenths', 'agentTurns', 'penaltyTenths', 'missedOpportunities', 'criticalFailures'] as const) {
    out[key] = a[key] + b[key];
  }
  const noOpportunity = (a.noOpportunity ?? 0) + (b.noOpportunity ?? 0);
  if (noOpportunity > 0) out.noOpportunity = noOpportunity;
  out.histogram = out.histogram.map((_, i) => (a.histogram[i] ?? 0) + (b.histogram[i] ?? 0));
  for (const behaviour of BEHAVIOURS) {
    const x = a.behaviours[behaviour];
    const y = b.behaviours[behaviour];
    out.behaviours[behaviour] = {
      opportunities: x.opportunities + y.opportunities,
      met: x.met + y.met,
      findings: x.findings + y.findings,
      missed: x.missed + y.missed,
    };
  }
  const label = smallerLabel(a.label, b.label);
  if (label !== undefined) out.label = label;
  if (a.scripted || b.scripted) {
    out.scripted = mergeScriptedTallies(a.scripted ?? emptyScriptedTally(), b.scripted ?? emptyScriptedTally());
  }
  return out;
}

/** Pure, associative and commutative; both inputs must share a groupBy. */
export function mergeAccumulators(a: Accumulator, b: Accumulator): Accumulator {
  if (a.groupBy !== b.groupBy) {
    throw new Error(`cannot merge results grouped by ${a.groupBy} with results grouped by ${b.groupBy}`);
  }
  const out = createAccumulator(a.groupBy);
  const keys = new Set([...Object.keys(a.groups), ...Object.keys(b.groups)]);
  for (const key of [...keys].sort()) {
    const x = a.groups[key];
    const y = b.groups[key];
    out.groups[key] = x && y ? mergeTally(x, y) : structuredClone((x ?? y)!);
  }
  return out;
}

function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

function clampScore(x: number): number {
  return Math.min(100, Math.max(0, x));
}

function rateOf(behaviour: BehaviourId, t: BehaviourTally, agentTurns: number): BehaviourRate {
  return {
    behaviour,
    opportunities: t.opportunities,
    met: t.met,
    rate: t.opportunities > 0 ? round(t.met / t.opportunities, 3) : null,
    findings: t.findings,
    per100Turns: agentTurns > 0 ? round((t.findings * 100) / agentTurns, 1) : 0,
    missed: t.missed,
  };
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; beyond 30 the normal 1.96 is within 2%. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tQuantile975(df: number): number {
  return df <= 30 ? T_975[df - 1]! : 1.96 + 2.4 / df; // a close fit to the tail of the table above 30 df
}

/**
 * Mean, sample standard deviation and 95% interval of the mean: Student's t with n − 1 degrees of freedom (the normal
 * approximation is far too narrow for the 2–10 calls a new agent has), clamped to the score's 0..100. One call has
 * no spread to measure, so no interval (null), never ±0.
 */
export function meanAndInterval(n: number, sumTenths: number, sumSquaresTenths: number) {
  const mean = sumTenths / n / 10;
  if (n < 2) return { mean: round(mean, 1), sd: null, ci95: null };
  const variance = Math.max(0, (sumSquaresTenths - (sumTenths * sumTenths) / n) / (n - 1)) / 100;
  const sd = Math.sqrt(variance);
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n);
  return {
    mean: round(mean, 1),
    sd: round(sd, 1),
    ci95: [round(clampScore(mean - half), 1), round(clampScore(mean + half), 1)] as [number, number],
  };
}

/** 95% Wilson score interval of a proportion `k` of `n` (honest at small n and at 0 or 100%, unlike p ± 1.96·se). */
export function wilsonInterval(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [round(Math.max(0, centre - half), 3), round(Math.min(1, centre + half), 3)];
}

export function finalize(acc: Accumulator, rubric: Pick<Rubric, 'pass' | 'minCalls'>): GroupScorecard[] {
  const keys = Object.keys(acc.groups).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys
    .map((key) => [key, acc.groups[key]!] as const)
    .filter(([, t]) => t.calls > 0)
    .map(([key, t]) => {
      const noOpportunity = t.noOpportunity ?? 0;
      const scored = t.calls - noOpportunity;
      const { mean, sd, ci95 } = scored > 0 ? meanAndInterval(scored, t.sumTenths, t.sumSquaresTenths) : { mean: null, sd: null, ci95: null };
      const card: GroupScorecard = {
        key,
        groupBy: acc.groupBy,
        calls: t.calls,
        noOpportunity,
        meanScore: mean,
        stdDev: sd,
        ci95,
        passRate: scored > 0 ? round(t.passed / scored, 3) : null,
        passRateCi95: scored > 0 ? wilsonInterval(t.passed, scored) : null,
        passed: mean !== null && mean >= rubric.pass,
        lowSample: scored < rubric.minCalls,
        agentTurns: t.agentTurns,
        behaviours: Object.fromEntries(BEHAVIOURS.map((b) => [b, rateOf(b, t.behaviours[b], t.agentTurns)])) as Record<
          BehaviourId,
          BehaviourRate
        >,
        penaltyPoints: t.penaltyTenths / 10,
        missedOpportunities: t.missedOpportunities,
        criticalFailures: t.criticalFailures,
      };
      if (t.label !== undefined) card.label = t.label;
      if (t.scripted !== undefined) card.scripted = finalizeScripted(t.scripted, t.calls);
      return card;
    });
}
