// One behaviour in one call part: opportunities → met / missed / N/A, with a one-line reason.
import type { BehaviourId, BehaviourOutcome, Finding, MissedMoment, Rubric } from '../types.js';
import { findOpportunities, type CallPart } from './opportunities.js';

const QUOTE_LIMIT = 80;

export function shortQuote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > QUOTE_LIMIT ? flat.slice(0, QUOTE_LIMIT - 1) + '…' : flat}"`;
}

/** Findings of `behaviour` that the rubric counts (kind and confidence), on agent turns. */
export function countedFindings(findings: readonly Finding[], behaviour: BehaviourId, rubric: Rubric): Finding[] {
  const spec = rubric.behaviours[behaviour];
  return findings.filter(
    (f) => f.behaviour === behaviour && spec.kinds.includes(f.kind) && f.confidence >= spec.minConfidence,
  );
}

export function scoreBehaviour(
  part: CallPart,
  partFindings: readonly Finding[],
  behaviour: BehaviourId,
  rubric: Rubric,
): BehaviourOutcome {
  const spec = rubric.behaviours[behaviour];
  const satisfying = [behaviour, ...spec.alsoSatisfiedBy.filter((b) => b !== behaviour)]
    .flatMap((b) => countedFindings(partFindings, b, rubric))
    .sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
  const { list, naReason } = findOpportunities(part, spec);
  const base = { behaviour, weight: spec.weight, opportunities: list.length };
  if (list.length === 0) {
    return { ...base, status: 'na', met: 0, findingIds: [], missed: [], reason: `n/a: ${naReason}` };
  }

  // The first satisfying finding per turn (satisfying is in turn and span order), so an opportunity is met by the
  // earliest one in its window without a set per opportunity.
  const firstAtTurn = new Map<number, Finding>();
  for (const f of satisfying) if (!firstAtTurn.has(f.turn)) firstAtTurn.set(f.turn, f);
  const metBy: Finding[] = [];
  const missed: MissedMoment[] = [];
  for (const opportunity of list) {
    let hit: Finding | undefined;
    if (firstAtTurn.size > 0) {
      for (const turn of opportunity.window) {
        const f = firstAtTurn.get(turn);
        if (f !== undefined && (hit === undefined || f.turn < hit.turn)) hit = f;
      }
    }
    if (hit) {
      metBy.push(hit);
      continue;
    }
    const moment: MissedMoment = { behaviour };
    if (opportunity.customerTurn !== undefined) {
      moment.customerTurn = opportunity.customerTurn;
      moment.customerQuote = opportunity.customerQuote ?? '';
    }
    const reply = spec.expect === 'on-distress' || spec.expect === 'on-problem' ? opportunity.window[0] : opportunity.window[opportunity.window.length - 1];
    if (reply !== undefined) {
      moment.agentTurn = reply;
      moment.agentQuote = part.transcript.turns[reply]?.text ?? '';
    }
    missed.push(moment);
  }

  const met = metBy.length;
  const status = met === list.length ? 'met' : 'missed';
  const findingIds = [...new Set(metBy.map((f) => f.id))];
  return { ...base, status, met, findingIds, missed, reason: reasonFor(behaviour, spec.expect, list.length, metBy, missed, part) };
}

/** Reasons are read by people: turns are numbered from 1 there (the data keeps 0-based indices). */
function reasonFor(
  behaviour: BehaviourId,
  expect: string,
  opportunities: number,
  metBy: Finding[],
  missed: MissedMoment[],
  part: CallPart,
): string {
  const tally = opportunities > 1 ? ` ${missed.length === 0 ? metBy.length : missed.length} of ${opportunities}` : '';
  if (missed.length === 0) {
    const first = metBy[0]!;
    return `met${tally}: ${shortQuote(first.quote)} (turn ${first.turn + 1})`;
  }
  const m = missed[0]!;
  if (expect === 'on-problem' && m.customerTurn !== undefined) {
    const after = part.agentTurns.filter((t) => t > m.customerTurn!).length;
    return `missed: no ${behaviour} of the customer's problem ${shortQuote(m.customerQuote ?? '')} (turn ${m.customerTurn + 1}) in the agent's ${after} turn${after === 1 ? '' : 's'} after it`;
  }
  if (m.customerTurn !== undefined) {
    const reply = m.agentTurn !== undefined ? `, agent replied ${shortQuote(m.agentQuote ?? '')} (turn ${m.agentTurn + 1})` : '';
    return `missed${tally}: customer said ${shortQuote(m.customerQuote ?? '')} (turn ${m.customerTurn + 1})${reply}`;
  }
  if (expect === 'when-unresolved') {
    return `missed: the call ended unresolved and no ${behaviour} was made`;
  }
  return `missed: no ${behaviour} in ${part.agentTurns.length} agent turns`;
}
