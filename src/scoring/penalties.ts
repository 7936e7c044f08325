// Points taken off a call part: negative language, non-apologies, overuse beyond max-per-call.
import { BEHAVIOURS, type BehaviourId, type Finding, type PenaltyApplied, type Rubric, type RubricPenalty } from '../types.js';
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
  const out: PenaltyApplied[] = [];
  const negative = rubric.penalties['negative-language'];
  const negativeHits = partFindings.filter(
    (f) =>
      f.behaviour === 'negative-language' &&
      f.confidence >= SIGNAL_MIN_CONFIDENCE &&
      (!negative || negative.kinds.length === 0 || negative.kinds.includes(f.kind)),
  );
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
  for (const p of [
    applied('negative-language', negative, negativeHits, 'negative-language finding(s)'),
    applied('non-apology', rubric.penalties['non-apology'], nonApology, 'non-apology(s)'),
    applied('overuse', rubric.penalties.overuse, overuse, `finding(s) over max-per-call (${overused.join(', ')})`),
  ]) {
    if (p) out.push(p);
  }
  return out;
}
