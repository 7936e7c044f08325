// Whether a call is a contact-centre conversation, from what its agent and customer talk about early in the call
// (lexicons/conversation.ts): distinct markers are counted, each as its entry says, up to MIN_SERVICE_MARKERS.
import type { AnalysedCall } from '../nlp/analyse.js';
import {
  GREETING_TURNS,
  MIN_SERVICE_MARKERS,
  SERVICE_GREETING,
  SERVICE_MARKER_WINDOW,
  SERVICE_MARKERS,
  SHORT_CALL_MARKERS,
  type ServiceMarker,
} from './lexicons/conversation.js';

const bounded = (pattern: string): string => `(?<![a-z'])(?:${pattern})(?![a-z])`;

interface SideScan {
  readonly regex: RegExp;
  readonly entries: readonly ServiceMarker[];
}

function sideScan(side: ServiceMarker['side']): SideScan {
  const entries = SERVICE_MARKERS.filter((m) => m.side === side);
  const regex = new RegExp(bounded(entries.map((m, i) => `(?<m${i}>${m.pattern})`).join('|')), 'g');
  return { regex, entries };
}

const SCANS = { agent: sideScan('agent'), customer: sideScan('customer') } as const;
const THING_OF = new Map(
  SERVICE_MARKERS.filter((m) => m.count === 'thing').map((m) => [m.id, new RegExp(`^(?:${m.pattern})$`)] as const),
);
const GREETING = new RegExp(bounded(SERVICE_GREETING));

/** The key under which a match counts: distinct keys are distinct markers. */
export function markerKey(entry: ServiceMarker, matched: string): string {
  switch (entry.count) {
    case 'concept':
      return entry.id;
    case 'thing':
      return `thing:${THING_OF.get(entry.id)?.exec(matched)?.[1] ?? matched}`;
    case 'phrase':
      return `${entry.id}:${matched}`;
  }
}

const known = new WeakMap<AnalysedCall, boolean>();

export function isServiceCall(call: AnalysedCall): boolean {
  let service = known.get(call);
  if (service === undefined) {
    const needed = markersNeeded(call);
    service = serviceMarkers(call, needed).size >= needed;
    known.set(call, service);
  }
  return service;
}

function markersNeeded(call: AnalysedCall): number {
  let agentTurns = 0;
  for (const t of call.turns) if (t.turn.role === 'agent') agentTurns++;
  return SHORT_CALL_MARKERS.find((s) => agentTurns <= s.maxAgentTurns)?.markers ?? MIN_SERVICE_MARKERS;
}

/** The distinct service markers of the call's opening (stops once `enough` are found). */
export function serviceMarkers(call: AnalysedCall, enough = Infinity): Set<string> {
  const seen = new Set<string>();
  const turnsSeen = { agent: 0, customer: 0 };
  for (let i = 0; i < call.turns.length; i++) {
    const t = call.turns[i]!;
    const role = t.turn.role;
    if (role !== 'agent' && role !== 'customer') continue;
    if (++turnsSeen[role] > SERVICE_MARKER_WINDOW) continue;
    if (role === 'agent' && i < GREETING_TURNS && GREETING.test(t.lower)) seen.add('greeting');
    const { regex, entries } = SCANS[role];
    for (const m of t.lower.matchAll(regex)) {
      const index = entries.findIndex((_, k) => m.groups?.[`m${k}`] !== undefined);
      seen.add(markerKey(entries[index]!, m[0]));
    }
    if (seen.size >= enough) break;
  }
  return seen;
}
