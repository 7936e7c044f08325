// Whether a call is a contact-centre conversation, from what its agent talks about (lexicons/conversation.ts).
import type { AnalysedCall } from '../nlp/analyse.js';
import { MIN_SERVICE_MARKERS, SERVICE_MARKER_WINDOW, SERVICE_MARKERS, SHORT_CALL_AGENT_TURNS } from './lexicons/conversation.js';

const MARKER = new RegExp(`(?<![a-z'])(?:${SERVICE_MARKERS})(?![a-z])`, 'g');

const known = new WeakMap<AnalysedCall, boolean>();

export function isServiceCall(call: AnalysedCall): boolean {
  let service = known.get(call);
  if (service === undefined) {
    service = markersSay(call);
    known.set(call, service);
  }
  return service;
}

function markersSay(call: AnalysedCall): boolean {
  const seen = new Set<string>();
  let agentTurns = 0;
  for (const t of call.turns) {
    if (t.turn.role !== 'agent') continue;
    agentTurns++;
    if (agentTurns > SERVICE_MARKER_WINDOW) break;
    for (const m of t.lower.matchAll(MARKER)) {
      seen.add(m[0]);
      if (seen.size >= MIN_SERVICE_MARKERS) return true;
    }
  }
  return seen.size >= 1 && agentTurns <= SHORT_CALL_AGENT_TURNS;
}
