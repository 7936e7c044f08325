// What a coach reads about one group, derived once and rendered by both markdown and html:
// strengths, gaps, best quotes, missed moments, repeated (scripted) phrasing and the score trend.
import { BEHAVIOURS, type BehaviourId, type Finding, type GroupScorecard, type ScoreReport, type Turn } from '../types.js';
import { callsOfGroup, compareText, countedFindings, formatRate, partScore, turnText, type GroupCall } from './shared.js';

const STRONG_RATE = 0.8;
const WEAK_RATE = 0.6;
const QUOTES_PER_BEHAVIOUR = 3;
/** The same counted phrase in this many calls reads as scripted. */
const SCRIPTED_MIN_CALLS = 3;

export interface MissedEntry {
  transcriptId: string;
  agentId: string;
  behaviour: BehaviourId;
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
  calls: GroupCall[];
  strengths: string[];
  gaps: string[];
  bestQuotes: { behaviour: BehaviourId; findings: Finding[] }[];
  missed: MissedEntry[];
  scripted: { phrase: string; calls: number }[];
  /** Mean score per date, oldest first; empty unless the calls span at least two dates. */
  trend: TrendPoint[];
}

function missedEntries(calls: readonly GroupCall[]): MissedEntry[] {
  const out: MissedEntry[] = [];
  for (const { call, parts } of calls) {
    for (const part of parts) {
      for (const b of BEHAVIOURS) {
        for (const m of part.behaviours[b]?.missed ?? []) {
          const entry: MissedEntry = { transcriptId: call.transcriptId, agentId: part.agentId, behaviour: b };
          if (m.customerTurn !== undefined) entry.customerTurn = m.customerTurn;
          const customerQuote = m.customerQuote ?? turnText(call, m.customerTurn);
          if (customerQuote !== undefined) entry.customerQuote = customerQuote;
          if (m.agentTurn !== undefined) entry.agentTurn = m.agentTurn;
          const agentQuote = m.agentQuote ?? turnText(call, m.agentTurn);
          if (agentQuote !== undefined) entry.agentQuote = agentQuote;
          out.push(entry);
        }
      }
    }
  }
  return out;
}

/** True when every missed moment of the behaviour followed a customer turn flagged as distress. */
function missedAfterDistress(calls: readonly GroupCall[], behaviour: BehaviourId): boolean {
  let any = false;
  for (const { call, parts } of calls) {
    for (const part of parts) {
      for (const m of part.behaviours[behaviour]?.missed ?? []) {
        if (m.customerTurn === undefined) return false;
        const distressed = call.findings.some((f) => f.behaviour === 'customer-distress' && f.turn === m.customerTurn);
        if (!distressed) return false;
        any = true;
      }
    }
  }
  return any;
}

function strengthsOf(group: GroupScorecard): string[] {
  return BEHAVIOURS.map((b) => group.behaviours[b])
    .filter((r) => r && r.rate !== null && r.opportunities > 0 && r.rate >= STRONG_RATE)
    .sort((a, b) => b.rate! - a.rate! || b.opportunities - a.opportunities)
    .map((r) => `Strong at ${r.behaviour} (${formatRate(r.rate)} of opportunities)`);
}

function gapsOf(group: GroupScorecard, calls: readonly GroupCall[]): string[] {
  const gaps = BEHAVIOURS.map((b) => group.behaviours[b])
    .filter((r) => r && r.rate !== null && r.opportunities > 0 && r.rate < WEAK_RATE)
    .sort((a, b) => a.rate! - b.rate! || b.opportunities - a.opportunities)
    .map((r) => {
      const missed = r.opportunities - r.met;
      const where = missedAfterDistress(calls, r.behaviour) ? ' after distress' : '';
      return `Missed ${r.behaviour}${where} in ${missed} of ${r.opportunities} moments`;
    });
  if (group.criticalFailures > 0) {
    gaps.push(`Critical failure in ${group.criticalFailures} call${group.criticalFailures === 1 ? '' : 's'}`);
  }
  const penalties = new Map<string, number>();
  for (const { parts } of calls) for (const p of parts) for (const pen of p.penalties) penalties.set(pen.id, (penalties.get(pen.id) ?? 0) + 1);
  for (const [id, n] of [...penalties].sort((a, b) => compareText(a[0], b[0]))) {
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

function trendOf(calls: readonly GroupCall[], groupBy: ScoreReport['groupBy']): TrendPoint[] {
  const byDate = new Map<string, number[]>();
  for (const entry of calls) {
    if (!entry.call.date) continue;
    const list = byDate.get(entry.call.date) ?? [];
    list.push(partScore(entry, groupBy).score);
    byDate.set(entry.call.date, list);
  }
  if (byDate.size < 2) return [];
  return [...byDate]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([date, scores]) => ({ date, calls: scores.length, score: scores.reduce((s, x) => s + x, 0) / scores.length }));
}

export function coachGroup(report: Pick<ScoreReport, 'calls' | 'groupBy'>, group: GroupScorecard): Coaching {
  const calls = callsOfGroup(report, group);
  return {
    group,
    calls,
    strengths: strengthsOf(group),
    gaps: gapsOf(group, calls),
    bestQuotes: BEHAVIOURS.map((behaviour) => ({
      behaviour,
      findings: dedupeQuotes(countedFindings(calls, behaviour)).slice(0, QUOTES_PER_BEHAVIOUR),
    })).filter((q) => q.findings.length > 0),
    missed: missedEntries(calls),
    scripted: scriptedOf(calls),
    trend: report.groupBy === 'date' ? [] : trendOf(calls, report.groupBy),
  };
}

function dedupeQuotes(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = normalisePhrase(f.quote);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
