// Small pure helpers the formatters share: number formatting, group ordering and a group's calls.
import { NO_VALUE } from '../scoring/aggregate.js';
import type {
  AgentCallScore,
  BehaviourId,
  CallResult,
  Finding,
  GroupScorecard,
  Provenance,
  ScoreReport,
} from '../types.js';
import type { Spill } from './types.js';

/** A rate in 0..1 as a whole percentage; `n/a` when the behaviour never had an opportunity. */
export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${Math.round(rate * 100)}%`;
}

/** What a person reads for a part or group with nothing expected of the agent (score null). */
export const NO_OPPORTUNITY = 'no opportunity';

/** Scores are shown with one decimal everywhere so columns and diffs stay stable. */
export function formatScore(score: number | null): string {
  return score === null ? NO_OPPORTUNITY : score.toFixed(1);
}

/**
 * The 95% interval of a mean as `[62.0–88.4]`: written as its bounds, since a clamped Student-t interval is not
 * symmetric. `n<2` when there is no interval (one scored call), empty when nothing was scored.
 */
export function formatInterval(ci95: [number, number] | null, meanScore: number | null = 0): string {
  if (meanScore === null) return '';
  return ci95 === null ? '[n<2]' : `[${ci95[0].toFixed(1)}–${ci95[1].toFixed(1)}]`;
}

/** "5 calls, 80% passed [38–96%]", with the calls that had no opportunity named: they are outside the pass rate. */
export function callsPhrase(g: Pick<GroupScorecard, 'calls' | 'noOpportunity' | 'passRate' | 'passRateCi95'>): string {
  const calls = `${g.calls} call${g.calls === 1 ? '' : 's'}`;
  const none = g.noOpportunity > 0 ? ` (${g.noOpportunity} with no opportunity)` : '';
  if (g.passRate === null) return `${calls}, none with an opportunity`;
  const ci = g.passRateCi95 ? ` [${Math.round(g.passRateCi95[0] * 100)}–${Math.round(g.passRateCi95[1] * 100)}%]` : '';
  return `${calls}${none}, ${Math.round(g.passRate * 100)}% passed${ci}`;
}

/** pass / FAIL / n/a (no opportunity) for a part's or call's verdict. */
export function verdictWord(passed: boolean | null): 'pass' | 'FAIL' | 'n/a' {
  return passed === null ? 'n/a' : passed ? 'pass' : 'FAIL';
}

export function formatSigned(delta: number): string {
  return `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`;
}

/** "Jane Doe (a-102)" when the group has a display name, else the key. */
export function groupName(group: Pick<GroupScorecard, 'key' | 'label'>): string {
  return group.label && group.label !== group.key ? `${group.label} (${group.key})` : group.key;
}

/** Highest score first; ties by key so the order never depends on input order. */
export function groupsByScore(groups: readonly GroupScorecard[]): GroupScorecard[] {
  return [...groups].sort((a, b) => (b.meanScore ?? -1) - (a.meanScore ?? -1) || compareText(a.key, b.key));
}

/**
 * The order a coach works in: lowest mean score first, groups with no scored call (no opportunity) last; ties by key
 * so the order never depends on input order.
 */
export function groupsForCoaching(groups: readonly GroupScorecard[]): GroupScorecard[] {
  const rank = (g: GroupScorecard): number => (g.meanScore === null ? Number.POSITIVE_INFINITY : g.meanScore);
  return [...groups].sort((a, b) => rank(a) - rank(b) || compareText(a.key, b.key));
}

/** What the coaching index says about its order. */
export function coachingOrderNote(groupBy: ScoreReport['groupBy']): string {
  const plural = groupBy === 'agent' ? 'Agents' : groupBy === 'team' ? 'Teams' : groupBy === 'date' ? 'Dates' : 'Calls';
  return `${plural} who need coaching first (lowest score first; no opportunity last)`;
}

/** A turn as people count it: the first turn is turn 1 (data keeps the 0-based index). */
export function turnNumber(index: number): number {
  return index + 1;
}

/** A behaviour id as a word in a sentence ("follow-up promise"). */
export function behaviourName(behaviour: string): string {
  return behaviour === 'follow-up-promise' ? 'follow-up promise' : behaviour;
}

/** "paraphrasing", "acknowledgement and apology", "paraphrasing, apology and follow-up promise". */
export function behaviourList(behaviours: readonly string[]): string {
  const names = behaviours.map(behaviourName);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `empathy-scorecard 0.1.0 · rubric default v1 (3f9a0c1b2d4e)` */
export function provenanceLine(p: Provenance): string {
  return `${p.tool} ${p.version} · rubric ${p.rubric.name} v${p.rubric.version} (${p.rubric.hash})`;
}

/** The coaching report's footer: what produced it, in words. */
export function provenanceFooter(p: Provenance): string {
  const inputs = `${p.inputs.count} input${p.inputs.count === 1 ? '' : 's'}`;
  return `Produced by ${p.tool} ${p.version} with rubric ${p.rubric.name} v${p.rubric.version} (rubric hash ${p.rubric.hash}) from ${inputs} (inputs hash ${p.inputs.hash}).`;
}

/** A call and the agent parts of it that belong to one group. */
/** A document whose head needs the final report: the head, then the pieces spilled while the calls were scored, then the tail. */
export async function writeAround(
  spill: Spill,
  head: string,
  tail: string,
  write: (chunk: string | Uint8Array) => Promise<void>,
): Promise<void> {
  await write(head);
  for (const chunk of spill.read()) await write(chunk);
  await write(tail);
}

export interface GroupCall {
  call: CallResult;
  parts: AgentCallScore[];
}

/** The calls of a group; for agent groups only that agent's part of each call counts. */
export function callsOfGroup(report: Pick<ScoreReport, 'calls' | 'groupBy'>, group: GroupScorecard): GroupCall[] {
  const out: GroupCall[] = [];
  for (const call of report.calls ?? []) {
    for (const [key, entry] of groupEntriesOf(call, report.groupBy)) if (key === group.key) out.push(entry);
  }
  return out;
}

/** The groups a call belongs to, each with its share of the call (one entry per agent for agent groups). */
export function groupEntriesOf(call: CallResult, groupBy: ScoreReport['groupBy']): [string, GroupCall][] {
  switch (groupBy) {
    case 'agent': {
      const byAgent = new Map<string, AgentCallScore[]>();
      for (const part of call.agents) {
        const parts = byAgent.get(part.agentId);
        if (parts) parts.push(part);
        else byAgent.set(part.agentId, [part]);
      }
      return [...byAgent].map(([key, parts]) => [key, { call, parts }]);
    }
    // The same keys as the aggregation's (a call without a team or date is in the "(none)" group).
    case 'team':
      return [[call.team || NO_VALUE, { call, parts: call.agents }]];
    case 'date':
      return [[call.date || NO_VALUE, { call, parts: call.agents }]];
    case 'call':
      return [[call.transcriptId, { call, parts: call.agents }]];
  }
}

/** The score of a group's share of a call: the agent's part for agent groups, else the whole call. */
export function partScore(entry: GroupCall, groupBy: ScoreReport['groupBy']): { score: number | null; passed: boolean | null } {
  if (groupBy === 'agent' && entry.parts.length === 1) {
    return { score: entry.parts[0]!.score, passed: entry.parts[0]!.passed };
  }
  return { score: entry.call.score, passed: entry.call.passed };
}

/** Counted findings of one behaviour in the given parts, best (highest confidence) first. */
export function countedFindings(entries: readonly GroupCall[], behaviour: BehaviourId): Finding[] {
  const found: Finding[] = [];
  for (const { call, parts } of entries) {
    const ids = new Set(parts.flatMap((p) => p.behaviours[behaviour]?.findingIds ?? []));
    for (const f of call.findings) if (ids.has(f.id)) found.push(f);
  }
  return found.sort((a, b) => b.confidence - a.confidence || compareText(a.id, b.id));
}

export function turnText(call: CallResult, turn: number | undefined): string | undefined {
  if (turn === undefined) return undefined;
  return call.turns.find((t) => t.index === turn)?.text;
}
