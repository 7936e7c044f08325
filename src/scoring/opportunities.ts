// Expectation policies: where in one call part a behaviour was expected (its opportunities).
import type { CustomerSignalId, Expect, Finding, RubricBehaviour, Transcript } from '../types.js';

/** Signals (distress, negative language) below this confidence are ignored by scoring. */
export const SIGNAL_MIN_CONFIDENCE = 0.5;

/**
 * For `on-problem`: customer words, in one run of customer turns, that make a problem description even without a
 * distress signal ("hi, my internet has been dropping out every evening since tuesday" is 11). A short request ("can
 * you change my delivery address?") is not one: there is nothing to paraphrase.
 */
export const PROBLEM_MIN_WORDS = 10;

/** One agent's share of a call (or the whole call). */
export interface CallPart {
  transcript: Transcript;
  /** Agent turns of this part, ascending. */
  agentTurns: number[];
  /** Customer turns of this part, ascending. */
  customerTurns: number[];
  /** Customer-signal findings (customer-distress, …) on this part's customer turns, confidence already checked. */
  signals: Partial<Record<CustomerSignalId, Finding[]>>;
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

export function findOpportunities(part: CallPart, spec: Pick<RubricBehaviour, 'expect' | 'withinTurns' | 'signal' | 'signalKinds'>): Opportunities {
  const expect: Expect = spec.expect;
  switch (expect) {
    case 'always':
      return part.agentTurns.length > 0
        ? { list: [{ window: part.agentTurns }], naReason: '' }
        : { list: [], naReason: 'no agent turns' };
    case 'once':
      return part.agentTurns.length >= 2
        ? { list: [{ window: part.agentTurns }], naReason: '' }
        : { list: [], naReason: 'fewer than 2 agent turns' };
    case 'on-problem':
      return problemOpportunity(part);
    case 'on-distress':
      return signalOpportunities(part, 'customer-distress', spec.withinTurns, spec.signalKinds);
    case 'on-signal':
      return signalOpportunities(part, spec.signal, spec.withinTurns, spec.signalKinds);
    case 'when-unresolved':
      if (part.resolved) return { list: [], naReason: 'the call ended resolved' };
      if (!part.closesCall || part.agentTurns.length === 0) return { list: [], naReason: 'another agent closed the call' };
      return { list: [{ window: part.agentTurns }], naReason: '' };
    case 'never-required':
      return { list: [], naReason: 'not required by the rubric' };
  }
}

/**
 * One opportunity per moment of a customer signal (a distress moment, by default). Signal turns with no agent turn
 * between them are one moment (the customer venting over several lines is answered once); the behaviour must come in
 * the part's next `withinTurns` agent turns. A moment the agent never gets to answer (the call ends) is not an
 * opportunity.
 */
function signalOpportunities(part: CallPart, signal: CustomerSignalId, withinTurns: number, kinds: readonly string[]): Opportunities {
  const allAgentTurns = part.transcript.turns.filter((t) => t.role === 'agent').map((t) => t.index);
  const found = part.signals[signal] ?? [];
  const opening = found.filter((f) => typesOf(f).some((t) => kinds.includes(t)));
  const sorted = [...opening].sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
  const list: Opportunity[] = [];
  let current: { first: Finding; lastTurn: number } | undefined;
  const close = () => {
    if (!current) return;
    // Both turn lists are ascending: binary searches keep a long call's many moments linear-ish, not moments × turns.
    const from = firstAfter(part.agentTurns, current.lastTurn);
    const window = part.agentTurns.slice(from, from + withinTurns);
    if (window.length > 0) {
      list.push({ window, customerTurn: current.first.turn, customerQuote: current.first.quote });
    }
    current = undefined;
  };
  for (const finding of sorted) {
    const answeredSince = current !== undefined && (allAgentTurns[firstAfter(allAgentTurns, current.lastTurn)] ?? Infinity) < finding.turn;
    if (current && !answeredSince) {
      current.lastTurn = Math.max(current.lastTurn, finding.turn);
      continue;
    }
    close();
    current = { first: finding, lastTurn: finding.turn };
  }
  close();
  if (list.length > 0) return { list, naReason: '' };
  const what = signal === 'customer-distress' ? 'distress' : signal;
  if (opening.length === 0 && found.length > 0) {
    const seen = [...new Set(found.flatMap(typesOf))].sort().join(', ');
    return { list, naReason: `the customer's ${what} (${seen}) does not call for it under this rubric` };
  }
  return { list, naReason: `no ${what} in this call` };
}

/** Index of the first element of the ascending `sorted` greater than `value` (sorted.length when none is). */
function firstAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The type a distress moment is answered as: its kind, the most specific of its cues' types (the detector ranks loss,
 * hardship, repeated contact, fault, worry; "I'm really upset, you charged me twice" is a fault). The other cue types
 * in `attributes.cues` are evidence, not extra expectations: "he passed away a couple of weeks ago" is a loss, and
 * its "weeks ago" does not make it a wait that calls for an apology.
 */
export function distressTypesOf(f: Finding): string[] {
  return [f.kind];
}

/** The kinds a customer-signal moment is answered as. */
function typesOf(f: Finding): string[] {
  return f.behaviour === 'customer-distress' ? distressTypesOf(f) : [f.kind];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * One opportunity, from the first run of customer turns that describes a problem or need (a distress moment, or
 * PROBLEM_MIN_WORDS words): the agent's turns after it, to the end of their part. A bare request, a greeting or a
 * yes/no answer opens none.
 */
function problemOpportunity(part: CallPart): Opportunities {
  const turns = part.transcript.turns;
  const customer = new Set(part.customerTurns);
  const distressTurns = new Set((part.signals['customer-distress'] ?? []).map((f) => f.turn));
  let runStart = -1;
  let words = 0;
  let distressed = false;
  for (let i = 0; i <= turns.length; i++) {
    const turn = turns[i];
    if (turn !== undefined && turn.role === 'customer' && customer.has(i)) {
      if (runStart < 0) runStart = i;
      words += turn.text.match(WORD)?.length ?? 0;
      distressed ||= distressTurns.has(i);
      continue;
    }
    if (turn !== undefined && turn.role !== 'agent') continue;
    if (runStart >= 0 && (distressed || words >= PROBLEM_MIN_WORDS)) {
      const window = part.agentTurns.filter((t) => t > runStart);
      if (window.length === 0) return { list: [], naReason: 'the customer described a problem after the agent\'s last turn' };
      return { list: [{ window, customerTurn: runStart, customerQuote: turns[runStart]!.text }], naReason: '' };
    }
    runStart = -1;
    words = 0;
    distressed = false;
  }
  return { list: [], naReason: 'the customer described no problem (no distress, no request of ' + PROBLEM_MIN_WORDS + '+ words)' };
}
