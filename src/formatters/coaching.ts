// What a coach reads about one group, derived once and rendered by both markdown and html:
// strengths, gaps, best quotes, missed moments, repeated (scripted) phrasing and the score trend.
import {
  BEHAVIOURS,
  isBehaviour,
  type BehaviourId,
  type CallResult,
  type Finding,
  type GroupScorecard,
  type Rubric,
  type ScoreReport,
  type Turn,
} from '../types.js';
import { behaviourName, compareText, countedFindings, formatRate, groupEntriesOf, partScore, turnText, type GroupCall } from './shared.js';

const STRONG_RATE = 0.8;
const WEAK_RATE = 0.6;
const QUOTES_PER_BEHAVIOUR = 3;
/**
 * What a report shows per group, however many calls it has: the lowest-scoring calls (those a coach opens first) and
 * the first missed moments. Everything else in a group's coaching is computed over all of its calls.
 */
export const REPORT_LIMITS = { calls: 10, missed: 50 };
/** The same counted phrase in this many calls reads as scripted. */
const SCRIPTED_MIN_CALLS = 3;

/**
 * One missed moment: a customer turn the agent did not answer with every behaviour it called for (all of them listed,
 * in BEHAVIOURS order), or, without a customer turn, the behaviours the agent never showed in the call.
 */
export interface MissedEntry {
  transcriptId: string;
  agentId: string;
  behaviours: BehaviourId[];
  customerTurn?: number;
  customerQuote?: string;
  agentTurn?: number;
  agentQuote?: string;
}

export interface TrendPoint {
  date: string;
  score: number;
  calls: number;
}

export interface Coaching {
  group: GroupScorecard;
  /** The calls shown, in input order: all of the group's calls, or its `limits.calls` lowest-scoring ones. */
  calls: GroupCall[];
  /** How many calls the group has (more than `calls.length` when the report shows a selection). */
  callsTotal: number;
  /** How many missed moments the group has (more than `missed.length` when they were bounded). */
  missedTotal: number;
  strengths: string[];
  /** Why there are no strengths although some behaviour rates are high (too few scored calls); absent otherwise. */
  strengthsNote?: string;
  gaps: string[];
  bestQuotes: { behaviour: BehaviourId; findings: Finding[] }[];
  missed: MissedEntry[];
  /** Repeated phrasing in the calls shown: what reports fall back to when the group has no scripted tally. */
  scripted: { phrase: string; calls: number }[];
  /** Mean score per date, oldest first; empty unless the calls span at least two dates. */
  trend: TrendPoint[];
  /** Whether the rubric counts a kind of a behaviour (see CountedKinds). */
  counted: CountedKinds;
}

/**
 * Whether the rubric counts a behaviour's kind. From the rubric when the caller gave it; otherwise read off the report
 * (which does not carry the rubric's kinds): a kind counts when some finding of it met an opportunity (its id is in a
 * part's `findingIds`) in the calls seen, or when it is not one of the kinds the built-in rubrics leave out
 * (DEFAULT_UNCOUNTED: a counted kind may meet no opportunity in a small report).
 */
export type CountedKinds = (behaviour: BehaviourId, kind: string) => boolean;

/**
 * How a finding stands in the score: `credit` met an opportunity; `counted` is of a kind the rubric counts but met
 * none (a repeat, or nothing was open); `not-counted` is of a kind the rubric does not count (a bare "I understand",
 * "Hold on.", the scripted greeting); `signal` is not one of the five behaviours (distress, negative language, …).
 */
export type Standing = 'credit' | 'counted' | 'not-counted' | 'signal';

/** Readable names of the kinds the built-in rubrics leave out, for "not counted by the rubric: …". */
const DEFAULT_UNCOUNTED: Record<string, string> = {
  'acknowledgement/bare': 'bare acknowledgement',
  'apology/clarification': 'apology for a clarification',
  'apology/non-apology': 'non-apology',
  'appreciation/greeting': 'scripted greeting',
  'follow-up-promise/in-call': 'in-call step, not a follow-up',
};

export function kindName(behaviour: string, kind: string): string {
  return DEFAULT_UNCOUNTED[`${behaviour}/${kind}`] ?? `${kind} ${behaviourName(behaviour)}`;
}

export function notCountedReason(f: Pick<Finding, 'behaviour' | 'kind'>): string {
  return `not counted by the rubric: ${kindName(f.behaviour, f.kind)}`;
}

/** Each finding of a call with how it stands (see Standing). */
export function standingsOf(call: CallResult, counted: CountedKinds): Map<string, Standing> {
  const credited = new Set(call.agents.flatMap((p) => BEHAVIOURS.flatMap((b) => p.behaviours[b]?.findingIds ?? [])));
  const out = new Map<string, Standing>();
  for (const f of call.findings) {
    const standing: Standing = !isBehaviour(f.behaviour)
      ? 'signal'
      : credited.has(f.id)
        ? 'credit'
        : counted(f.behaviour, f.kind)
          ? 'counted'
          : 'not-counted';
    out.set(f.id, standing);
  }
  return out;
}

function missedEntries({ call, parts }: GroupCall): MissedEntry[] {
  const out: MissedEntry[] = [];
  for (const part of parts) {
    // One entry per customer turn (and one for the behaviours never shown), in the order the moments happened.
    const byMoment = new Map<number | 'call', MissedEntry>();
    for (const b of BEHAVIOURS) {
      for (const m of part.behaviours[b]?.missed ?? []) {
        const key = m.customerTurn ?? 'call';
        let entry = byMoment.get(key);
        if (!entry) {
          entry = { transcriptId: call.transcriptId, agentId: part.agentId, behaviours: [] };
          if (m.customerTurn !== undefined) entry.customerTurn = m.customerTurn;
          const customerQuote = m.customerQuote ?? turnText(call, m.customerTurn);
          if (customerQuote !== undefined) entry.customerQuote = customerQuote;
          byMoment.set(key, entry);
        }
        if (!entry.behaviours.includes(b)) entry.behaviours.push(b);
        // The agent's first reply after the moment is what they said instead of every behaviour it missed.
        if (m.agentTurn !== undefined && (entry.agentTurn === undefined || m.agentTurn < entry.agentTurn)) {
          entry.agentTurn = m.agentTurn;
          const agentQuote = m.agentQuote ?? turnText(call, m.agentTurn);
          if (agentQuote !== undefined) entry.agentQuote = agentQuote;
          else delete entry.agentQuote;
        }
      }
    }
    const moments = [...byMoment.values()].sort(
      (a, b) => (a.customerTurn ?? Number.POSITIVE_INFINITY) - (b.customerTurn ?? Number.POSITIVE_INFINITY),
    );
    out.push(...moments);
  }
  return out;
}

/**
 * Per behaviour: whether every missed moment so far followed a customer turn flagged as distress ('all'), one did not
 * ('broken'), or none was missed yet ('none').
 */
type DistressState = 'none' | 'all' | 'broken';

function distressStateAfter(state: DistressState, { call, parts }: GroupCall, behaviour: BehaviourId): DistressState {
  for (const part of parts) {
    for (const m of part.behaviours[behaviour]?.missed ?? []) {
      if (state === 'broken') return state;
      const distressed =
        m.customerTurn !== undefined && call.findings.some((f) => f.behaviour === 'customer-distress' && f.turn === m.customerTurn);
      state = distressed ? 'all' : 'broken';
    }
  }
  return state;
}

function strongRates(group: GroupScorecard) {
  return BEHAVIOURS.map((b) => group.behaviours[b])
    .filter((r) => r && r.rate !== null && r.opportunities > 0 && r.rate >= STRONG_RATE)
    .sort((a, b) => b.rate! - a.rate! || b.opportunities - a.opportunities);
}

/**
 * "Strong at X" only for a group with at least the rubric's min-calls scored calls (a group under it is low-sample):
 * two good calls are not a strength a coach can build on.
 */
function strengthsOf(group: GroupScorecard): string[] {
  if (group.lowSample || group.calls - group.noOpportunity === 0) return [];
  return strongRates(group).map((r) => `Strong at ${behaviourName(r.behaviour)} (${formatRate(r.rate)} of opportunities met)`);
}

function strengthsNoteOf(group: GroupScorecard): string | undefined {
  const scored = group.calls - group.noOpportunity;
  if (!group.lowSample || scored === 0 || strongRates(group).length === 0) return undefined;
  return `Too few scored calls (${scored}) to name strengths: the rubric's min-calls decides when a rate is a strength.`;
}

/** "in 3 of 5 moments", "once (1 moment)", "every time (4 moments)": how often a behaviour was missed, in words. */
export function missedPhrase(missed: number, opportunities: number): string {
  if (missed === opportunities) return missed === 1 ? 'once (1 moment)' : `every time (${missed} moments)`;
  if (missed === 1) return `once in ${opportunities} moments`;
  return `in ${missed} of ${opportunities} moments`;
}

function gapsOf(group: GroupScorecard, state: GroupState): string[] {
  const gaps = BEHAVIOURS.map((b) => group.behaviours[b])
    .filter((r) => r && r.rate !== null && r.opportunities > 0 && r.rate < WEAK_RATE)
    .sort((a, b) => a.rate! - b.rate! || b.opportunities - a.opportunities)
    .map((r) => {
      const missed = r.opportunities - r.met;
      const where = state.missedAfterDistress.get(r.behaviour) === 'all' ? ' after distress' : '';
      return `Missed ${behaviourName(r.behaviour)}${where} ${missedPhrase(missed, r.opportunities)}`;
    });
  if (group.criticalFailures > 0) {
    gaps.push(`Critical failure in ${group.criticalFailures} call${group.criticalFailures === 1 ? '' : 's'}`);
  }
  for (const [id, n] of [...state.penalties].sort((a, b) => compareText(a[0], b[0]))) {
    gaps.push(`Penalised for ${id} in ${n} call${n === 1 ? '' : 's'}`);
  }
  return gaps;
}

function normalisePhrase(quote: string): string {
  return quote.toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

function scriptedOf(calls: readonly GroupCall[]): { phrase: string; calls: number }[] {
  const seen = new Map<string, { phrase: string; calls: Set<string> }>();
  for (const b of BEHAVIOURS) {
    for (const f of countedFindings(calls, b)) {
      const key = normalisePhrase(f.quote);
      if (key.split(' ').length < 3) continue; // "thank you" repeated is not scripting
      const entry = seen.get(key) ?? { phrase: f.quote, calls: new Set<string>() };
      entry.calls.add(f.transcriptId);
      seen.set(key, entry);
    }
  }
  return [...seen.values()]
    .filter((e) => e.calls.size >= SCRIPTED_MIN_CALLS)
    .map((e) => ({ phrase: e.phrase, calls: e.calls.size }))
    .sort((a, b) => b.calls - a.calls || compareText(a.phrase, b.phrase));
}

/** Everything a group's coaching needs, gathered one call at a time in bounded memory. */
interface GroupState {
  /** Shown calls with their input position, at most `limits.calls`. */
  kept: { entry: GroupCall; order: number; score: number }[];
  total: number;
  missed: MissedEntry[];
  missedTotal: number;
  missedAfterDistress: Map<BehaviourId, DistressState>;
  penalties: Map<string, number>;
  /** Per behaviour, the best counted finding of each of the best few distinct phrasings, best first. */
  quotes: Map<BehaviourId, { key: string; finding: Finding }[]>;
  /** Per date: sum and count of the group's call scores (for the trend). */
  byDate: Map<string, { sum: number; n: number }>;
}

/** Collects coaching for every group of a report as calls arrive; `coaching(group)` once the run is done. */
export interface CoachingCollector {
  add(call: CallResult): void;
  coaching(group: GroupScorecard): Coaching;
}

export function createCoachingCollector(
  groupBy: ScoreReport['groupBy'],
  limits: { calls: number; missed: number } = REPORT_LIMITS,
  rubric?: Pick<Rubric, 'behaviours'>,
): CoachingCollector {
  const groups = new Map<string, GroupState>();
  let order = 0;
  // `behaviour/kind` of every finding that met an opportunity in the calls seen (when no rubric was given).
  const creditedKinds = new Set<string>();
  const counted: CountedKinds = rubric
    ? (behaviour, kind) => rubric.behaviours[behaviour]?.kinds.includes(kind) ?? false
    : (behaviour, kind) => creditedKinds.has(`${behaviour}/${kind}`) || !(`${behaviour}/${kind}` in DEFAULT_UNCOUNTED);
  const noteCredited = (call: CallResult): void => {
    if (rubric) return;
    const ids = new Set(call.agents.flatMap((p) => BEHAVIOURS.flatMap((b) => p.behaviours[b]?.findingIds ?? [])));
    if (ids.size === 0) return;
    for (const f of call.findings) if (ids.has(f.id)) creditedKinds.add(`${f.behaviour}/${f.kind}`);
  };
  const stateOf = (key: string): GroupState => {
    let state = groups.get(key);
    if (!state) {
      state = { kept: [], total: 0, missed: [], missedTotal: 0, missedAfterDistress: new Map(), penalties: new Map(), quotes: new Map(), byDate: new Map() };
      groups.set(key, state);
    }
    return state;
  };
  const add = (state: GroupState, entry: GroupCall, at: number): void => {
    state.total++;
    // A no-opportunity part sorts after every scored one: the calls a coach should open first are the low scores.
    const score = partScore(entry, groupBy).score;
    keepLowest(state.kept, { entry, order: at, score: score ?? Number.POSITIVE_INFINITY }, limits.calls);
    const missed = missedEntries(entry);
    state.missedTotal += missed.length;
    for (const m of missed) if (state.missed.length < limits.missed) state.missed.push(m);
    for (const b of BEHAVIOURS) {
      const before = state.missedAfterDistress.get(b) ?? 'none';
      state.missedAfterDistress.set(b, distressStateAfter(before, entry, b));
      const found = countedFindings([entry], b);
      if (found.length === 0) continue;
      let best = state.quotes.get(b);
      if (!best) state.quotes.set(b, (best = []));
      for (const f of found) keepBestQuote(best, f);
    }
    for (const p of entry.parts) for (const pen of p.penalties) state.penalties.set(pen.id, (state.penalties.get(pen.id) ?? 0) + 1);
    if (entry.call.date && score !== null) {
      const d = state.byDate.get(entry.call.date) ?? { sum: 0, n: 0 };
      d.sum += score;
      d.n++;
      state.byDate.set(entry.call.date, d);
    }
  };
  return {
    add(call) {
      const at = order++;
      noteCredited(call);
      for (const [key, entry] of groupEntriesOf(call, groupBy)) add(stateOf(key), entry, at);
    },
    coaching(group) {
      const state = groups.get(group.key) ?? stateOf(group.key);
      const calls = [...state.kept].sort((a, b) => a.order - b.order).map((k) => k.entry);
      return {
        group,
        calls,
        callsTotal: state.total,
        missedTotal: state.missedTotal,
        strengths: strengthsOf(group),
        ...(strengthsNoteOf(group) !== undefined && { strengthsNote: strengthsNoteOf(group) }),
        gaps: gapsOf(group, state),
        bestQuotes: BEHAVIOURS.map((behaviour) => ({
          behaviour,
          findings: (state.quotes.get(behaviour) ?? []).map((q) => q.finding),
        })).filter((q) => q.findings.length > 0),
        missed: state.missed,
        scripted: scriptedOf(calls),
        trend: groupBy === 'date' ? [] : trendOf(state.byDate),
        counted,
      };
    },
  };
}

/** Coaching over a report's kept calls (every call of the run, for reports that kept them). */
export function collectCoaching(report: Pick<ScoreReport, 'calls' | 'groupBy'>, rubric?: Pick<Rubric, 'behaviours'>): CoachingCollector {
  const collector = createCoachingCollector(report.groupBy, { calls: Infinity, missed: Infinity }, rubric);
  for (const call of report.calls ?? []) collector.add(call);
  return collector;
}

/** Keeps the `limit` lowest scores; among equal scores the earlier call stays. */
function keepLowest<T extends { order: number; score: number }>(kept: T[], item: T, limit: number): void {
  if (kept.length < limit) {
    kept.push(item);
    return;
  }
  let worst = 0;
  for (let i = 1; i < kept.length; i++) {
    const k = kept[i]!;
    const w = kept[worst]!;
    if (k.score > w.score || (k.score === w.score && k.order > w.order)) worst = i;
  }
  if (item.score < kept[worst]!.score) kept[worst] = item;
}

/** Best-first order of counted findings: confidence, then id (as countedFindings sorts). */
function betterQuote(a: Finding, b: Finding): boolean {
  return a.confidence > b.confidence || (a.confidence === b.confidence && compareText(a.id, b.id) < 0);
}

/**
 * The QUOTES_PER_BEHAVIOUR best distinct phrasings, each by its best finding — the same as sorting every finding and
 * dropping repeated phrasings, without keeping them all: a phrasing pushed out can only come back with a better finding.
 */
function keepBestQuote(best: { key: string; finding: Finding }[], finding: Finding): void {
  const key = normalisePhrase(finding.quote);
  const same = best.findIndex((q) => q.key === key);
  if (same >= 0) {
    if (!betterQuote(finding, best[same]!.finding)) return;
    best.splice(same, 1);
  }
  let at = best.findIndex((q) => betterQuote(finding, q.finding));
  if (at < 0) at = best.length;
  if (at >= QUOTES_PER_BEHAVIOUR) return;
  best.splice(at, 0, { key, finding });
  if (best.length > QUOTES_PER_BEHAVIOUR) best.pop();
}

function trendOf(byDate: ReadonlyMap<string, { sum: number; n: number }>): TrendPoint[] {
  if (byDate.size < 2) return [];
  return [...byDate]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([date, { sum, n }]) => ({ date, calls: n, score: sum / n }));
}

/** "… and 12 more" when a group's missed moments were bounded. */
export function moreMissed(coaching: Coaching): string[] {
  const more = coaching.missedTotal - coaching.missed.length;
  return more > 0 ? [`… and ${more} more missed moment${more === 1 ? '' : 's'} in this group's calls`] : [];
}

/** Which calls a group shows when it shows a selection. */
export function callsShown(coaching: Coaching): string[] {
  return coaching.calls.length < coaching.callsTotal
    ? [`The ${coaching.calls.length} lowest-scoring of ${coaching.callsTotal} calls, in input order.`]
    : [];
}

/** A stretch of turn text, with the findings that cover it (empty = plain text). */
export interface Segment {
  text: string;
  findings: Finding[];
}

/**
 * Split a turn into plain and highlighted stretches. Overlapping findings merge into one highlighted stretch that
 * carries all of them, so every finding stays visible and the text is never duplicated.
 */
export function segmentTurn(turn: Turn, findings: readonly Finding[]): Segment[] {
  const own = findings
    .filter((f) => f.turn === turn.index && f.span[0] < f.span[1] && f.span[1] <= turn.text.length)
    .sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1] || compareText(a.behaviour, b.behaviour));
  const segments: Segment[] = [];
  let at = 0;
  let i = 0;
  while (i < own.length) {
    const start = Math.max(at, own[i]!.span[0]);
    let end = own[i]!.span[1];
    const cluster = [own[i]!];
    i++;
    while (i < own.length && own[i]!.span[0] < end) {
      end = Math.max(end, own[i]!.span[1]);
      cluster.push(own[i]!);
      i++;
    }
    if (end <= start) continue;
    if (start > at) segments.push({ text: turn.text.slice(at, start), findings: [] });
    segments.push({ text: turn.text.slice(start, end), findings: cluster });
    at = end;
  }
  if (at < turn.text.length) segments.push({ text: turn.text.slice(at), findings: [] });
  return segments;
}

export function speakerLabel(turn: Turn): string {
  const who = turn.speaker || turn.role;
  return turn.agentId && turn.agentId !== who ? `${who} (${turn.agentId})` : who;
}
