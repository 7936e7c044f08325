// Expectation policies: where in one call part a behaviour was expected (its opportunities).
import type { Expect, Finding, Transcript } from '../types.js';

/** Signals (distress, negative language) below this confidence are ignored by scoring. */
export const SIGNAL_MIN_CONFIDENCE = 0.5;

/** One agent's share of a call (or the whole call). */
export interface CallPart {
  transcript: Transcript;
  /** Agent turns of this part, ascending. */
  agentTurns: number[];
  /** Customer turns of this part, ascending. */
  customerTurns: number[];
  /** Customer-distress findings on this part's customer turns (confidence already checked). */
  distress: Finding[];
  /** The call ended resolved (see resolution.ts). */
  resolved: boolean;
  /** This part holds the call's last agent turn, i.e. the agent who closed the call. */
  closesCall: boolean;
}

export interface Opportunity {
  /** Agent turns in which a counted finding meets it. */
  window: number[];
  customerTurn?: number;
  customerQuote?: string;
}

export interface Opportunities {
  list: Opportunity[];
  /** Why there is no opportunity (when the list is empty). */
  naReason: string;
}

export function findOpportunities(part: CallPart, expect: Expect, withinTurns: number): Opportunities {
  switch (expect) {
    case 'always':
      return part.agentTurns.length > 0
        ? { list: [{ window: part.agentTurns }], naReason: '' }
        : { list: [], naReason: 'no agent turns' };
    case 'once':
      return part.agentTurns.length >= 2
        ? { list: [{ window: part.agentTurns }], naReason: '' }
        : { list: [], naReason: 'fewer than 2 agent turns' };
    case 'on-distress':
      return distressOpportunities(part, withinTurns);
    case 'when-unresolved':
      if (part.resolved) return { list: [], naReason: 'the call ended resolved' };
      if (!part.closesCall || part.agentTurns.length === 0) return { list: [], naReason: 'another agent closed the call' };
      return { list: [{ window: part.agentTurns }], naReason: '' };
    case 'never-required':
      return { list: [], naReason: 'not required by the rubric' };
  }
}

/**
 * One opportunity per distress moment. Distress turns with no agent turn between them are one
 * moment (the customer venting over several lines is answered once); the behaviour must come in
 * the part's next `withinTurns` agent turns. Distress the agent never gets to answer (the call
 * ends) is not an opportunity.
 */
function distressOpportunities(part: CallPart, withinTurns: number): Opportunities {
  const allAgentTurns = part.transcript.turns.filter((t) => t.role === 'agent').map((t) => t.index);
  const sorted = [...part.distress].sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
  const list: Opportunity[] = [];
  let current: { first: Finding; lastTurn: number } | undefined;
  const close = () => {
    if (!current) return;
    const window = part.agentTurns.filter((t) => t > current!.lastTurn).slice(0, withinTurns);
    if (window.length > 0) {
      list.push({ window, customerTurn: current.first.turn, customerQuote: current.first.quote });
    }
    current = undefined;
  };
  for (const finding of sorted) {
    const answeredSince = current && allAgentTurns.some((t) => t > current!.lastTurn && t < finding.turn);
    if (current && !answeredSince) {
      current.lastTurn = Math.max(current.lastTurn, finding.turn);
      continue;
    }
    close();
    current = { first: finding, lastTurn: finding.turn };
  }
  close();
  return { list, naReason: list.length === 0 ? 'no distress in this call' : '' };
}
