import type { AnalysedCall } from '../../nlp/analyse.js';
import type { FindingDraft } from '../../types.js';
import { agentTurns } from '../scan.js';
import type { Detector } from '../types.js';

const SELF_INTRODUCTION = /\b(?:[Mm]y name is|[Mm]y name's|[Tt]his is|[Ii]t's|I'm|I am|[Nn]ame is|[Nn]ame's)\s+((?:mr|mrs|ms|miss|dr)\.?\s+)?([A-Z][a-z'-]{1,20})(?:\s+([A-Z][a-z'-]{1,20}))?/;
const NOT_NAMES = new Set(['Just', 'Calling', 'Ringing', 'Still', 'Really', 'Not', 'So', 'Very', 'The', 'About', 'Trying', 'Having', 'Here', 'Okay', 'Fine', 'Good', 'Sorry']);

/** The agent addresses the customer by the name the customer gave (or the transcript's customer name). */
export const personalisation: Detector = {
  meta: {
    id: 'personalisation',
    description: "The agent uses the customer's name.",
    speaker: 'agent',
    kinds: ['name'],
    messages: { name: "Used the customer's name" },
  },
  create() {
    return (call) => {
      const names = customerNames(call);
      if (names.length === 0) return [];
      const pattern = new RegExp(`\\b(?:${names.map(escape).join('|')})\\b`);
      const drafts: FindingDraft[] = [];
      for (const turn of agentTurns(call)) {
        const m = pattern.exec(turn.text);
        if (!m) continue;
        drafts.push({ kind: 'name', turn: turn.turn.index, span: [m.index, m.index + m[0].length], rule: 'personalisation.customer-name', confidence: 0.9 });
      }
      return drafts;
    };
  },
};

function customerNames(call: AnalysedCall): string[] {
  const names = new Set<string>();
  for (const turn of call.turns) {
    if (turn.turn.role !== 'customer') continue;
    const m = SELF_INTRODUCTION.exec(turn.text);
    if (!m) continue;
    const first = m[2]!;
    if (NOT_NAMES.has(first)) continue;
    if (m[1]) names.add(`${m[1].trim()} ${first}`.replace(/\s+/g, ' '));
    names.add(first);
    if (m[3] && !NOT_NAMES.has(m[3])) names.add(m[3]);
  }
  return [...names];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
