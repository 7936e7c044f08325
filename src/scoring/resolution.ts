// Did the call end with the customer's problem resolved? Drives `expect: when-unresolved`.
//
// A deliberately small, explainable heuristic over the last TAIL_TURNS agent/customer turns:
// - resolution signals: the agent states the fix ("you're all set", "that's been refunded",
//   "it should work now") or the customer confirms ("that's sorted, thanks", "that's all").
// - open signals: the customer is still distressed (a customer-distress finding) or someone
//   says the problem is still open ("still not working", "I'll have to escalate", "3-5 days").
// The call is unresolved when an open signal comes after the last resolution signal in the
// tail, or when the agent committed to after-call work (a follow-up promise): the customer
// leaves with something still pending, whatever the closing pleasantries say. A calm call with neither is treated as resolved: nothing suggests the customer
// leaves with a problem, so no follow-up promise is expected.
import type { Finding, Transcript, Turn } from '../types.js';

export const TAIL_TURNS = 4;
const DISTRESS_MIN_CONFIDENCE = 0.5;

const AGENT_RESOLVED =
  /\b(you'?re all set|you are all set|(that|it|this|everything|your \w+)('s| has| is| have| are)( now)?( been)? (processed|refunded|fixed|resolved|sorted|done|cancell?ed|updated|credited|reset|activated|unlocked|sent)|i'?ve (now )?(processed|refunded|fixed|resolved|sorted|cancell?ed|updated|reset|credited|activated|unlocked|issued)|(should|will) (be )?work(ing)? (now|again)|(is|are) (now )?working( again)?)\b/i;

const CUSTOMER_RESOLVED =
  /\b((that'?s|that is|it'?s|it is) (sorted|fixed|working|great|perfect|resolved|brilliant|all)|that (works|helps|solves it|did it)|problem solved|all good|nothing else|that'?s (all|it)|(thanks|thank you|cheers)( so much| very much)?( for (your|the|all) (help|time)| that'?s (great|perfect|sorted)))\b/i;

const STILL_OPEN =
  /\b(still (not|isn'?t|doesn'?t|won'?t|can'?t|hasn'?t|haven'?t|broken|waiting)|not (working|fixed|resolved|sorted)|(have|need) to (escalate|call (you )?back|raise a ticket)|escalat(e|ing|ed) (this|it)|can'?t (fix|do|solve|resolve) (it|this|that)|(\d+\s*(-|to)\s*)?\d+ (working |business )?days|nothing (more )?i can do)\b/i;

function conversational(turn: Turn): boolean {
  return turn.role === 'agent' || turn.role === 'customer';
}

export function isResolved(transcript: Transcript, findings: readonly Finding[]): boolean {
  if (findings.some((f) => f.behaviour === 'follow-up-promise' && f.kind === 'after-call' && f.confidence >= DISTRESS_MIN_CONFIDENCE)) {
    return false;
  }
  const tail = transcript.turns.filter(conversational).slice(-TAIL_TURNS);
  const distressTurns = new Set(
    findings
      .filter((f) => f.behaviour === 'customer-distress' && f.confidence >= DISTRESS_MIN_CONFIDENCE)
      .map((f) => f.turn),
  );
  let lastResolution = -1;
  let lastOpen = -1;
  for (const turn of tail) {
    const resolvedHere = (turn.role === 'agent' ? AGENT_RESOLVED : CUSTOMER_RESOLVED).test(turn.text);
    const openHere = STILL_OPEN.test(turn.text) || (turn.role === 'customer' && distressTurns.has(turn.index));
    if (resolvedHere) lastResolution = turn.index;
    if (openHere && !(resolvedHere && turn.role === 'customer')) lastOpen = turn.index;
  }
  return lastOpen < 0 || lastOpen < lastResolution;
}
