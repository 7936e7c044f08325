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
      const drafts: FindingDraft[] = [];
      for (const turn of agentTurns(call)) {
        const m = firstNameAt(turn.text, names);
        if (!m) continue;
        drafts.push({ kind: 'name', turn: turn.turn.index, span: m, rule: 'personalisation.customer-name', confidence: 0.9 });
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

/**
 * Where `/\b(?:name1|name2|…)\b/` would first match (the earliest position; there, the first name in list order), found
 * with indexOf: the names differ from call to call, and a regex built per call was compiled afresh for every call.
 */
export function firstNameAt(text: string, names: readonly string[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const name of names) {
    if (name.length === 0) continue;
    for (let at = text.indexOf(name); at >= 0 && (best === undefined || at < best[0]); at = text.indexOf(name, at + 1)) {
      if (isBoundary(text, at) && isBoundary(text, at + name.length)) {
        best = [at, at + name.length];
        break;
      }
    }
  }
  return best;
}

/** A regex `\b` at `i`: a word character (A-Z, a-z, 0-9, _) on exactly one side. */
function isBoundary(text: string, i: number): boolean {
  return isWordChar(text.charCodeAt(i - 1)) !== isWordChar(text.charCodeAt(i));
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}
