// Points taken off a call part: per finding of an agent signal the rubric penalises (negative language by default),
// per non-apology, and per counted finding beyond a behaviour's max-per-call.
import { AGENT_SIGNALS, BEHAVIOURS, type BehaviourId, type Finding, type PenaltyApplied, type Rubric, type RubricPenalty } from '../types.js';
import { SIGNAL_MIN_CONFIDENCE } from './opportunities.js';
import { countedFindings, shortQuote } from './outcome.js';

function applied(id: string, penalty: RubricPenalty | undefined, hits: Finding[], what: string): PenaltyApplied | undefined {
  if (!penalty || penalty.points <= 0 || hits.length === 0) return undefined;
  const raw = penalty.points * hits.length;
  const points = penalty.maxPoints !== undefined ? Math.min(raw, penalty.maxPoints) : raw;
  if (points <= 0) return undefined;
  const first = hits[0]!;
  const capped = points < raw ? ` (capped at ${penalty.maxPoints})` : '';
  return {
    id,
    points,
    findingIds: hits.map((f) => f.id),
    reason: `-${points}${capped}: ${hits.length} ${what}, e.g. ${shortQuote(first.quote)} (turn ${first.turn + 1})`,
  };
}

export function penaltiesFor(partFindings: readonly Finding[], rubric: Rubric): PenaltyApplied[] {
  const candidates: (PenaltyApplied | undefined)[] = [];
  for (const signal of AGENT_SIGNALS) {
    const penalty = rubric.penalties[signal];
    if (!penalty || penalty.points <= 0) continue;
    const hits = partFindings.filter(
      (f) =>
        f.behaviour === signal &&
        f.confidence >= SIGNAL_MIN_CONFIDENCE &&
        (penalty.kinds.length === 0 || penalty.kinds.includes(f.kind)),
    );
    candidates.push(applied(signal, penalty, hits, `${signal} finding(s)`));
  }
  const nonApology = partFindings.filter(
    (f) => f.behaviour === 'apology' && f.kind === 'non-apology' && f.confidence >= rubric.behaviours.apology.minConfidence,
  );
  const overuse: Finding[] = [];
  const overused: string[] = [];
  for (const behaviour of BEHAVIOURS) {
    const cap = rubric.behaviours[behaviour].maxPerCall;
    if (cap === undefined) continue;
    const counted = countedFindings(partFindings, behaviour as BehaviourId, rubric);
    if (counted.length > cap) {
      overuse.push(...counted.slice(cap));
      overused.push(`${behaviour} ${counted.length} > ${cap}`);
    }
  }
  candidates.push(
    applied('non-apology', rubric.penalties['non-apology'], nonApology, 'non-apology(s)'),
    applied('overuse', rubric.penalties.overuse, overuse, `finding(s) over max-per-call (${overused.join(', ')})`),
  );
  return candidates.filter((p): p is PenaltyApplied => p !== undefined);
}
