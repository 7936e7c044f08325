// What coaches read about scripted or overused empathy, shared by table, markdown and html.
import type { ScriptedSummary } from '../types.js';
import { ACTION_WITHIN_TURNS } from '../scoring/scripted.js';

export interface ScriptedNote {
  /** The repeated wording (untrusted transcript text: escape it), when the note is about a phrase. */
  phrase?: string;
  text: string;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** One note per repeated phrase, then the share of statements they cover (empty when nothing repeats). */
export function scriptedNotes(s: ScriptedSummary): ScriptedNote[] {
  const notes: ScriptedNote[] = s.phrases.map((p) => ({ phrase: p.text, text: `in ${p.calls} of ${plural(p.totalCalls, 'call')}` }));
  if (s.phrases.length > 0) {
    notes.push({ text: `${Math.round(s.share * 100)}% of ${plural(s.statements, 'empathy statement')} are repeated phrases` });
  }
  return notes;
}

/** `1 of 6 apologies had no action in the agent's next 2 turns`, or undefined when every apology had one. */
export function apologyNote(s: ScriptedSummary): string | undefined {
  if (s.apologiesWithoutAction === 0) return undefined;
  return `${s.apologiesWithoutAction} of ${plural(s.apologies, 'apology', 'apologies')} had no action (follow-up or "I've refunded/raised/sent…") in the agent's next ${ACTION_WITHIN_TURNS} turns`;
}

/** The table's one-line summary: `sounds scripted: "I apologise for…" in 38 of 41 calls (62% of statements)`. */
export function scriptedLine(s: ScriptedSummary, maxQuote = 48): string | undefined {
  const top = s.phrases[0];
  if (!top) return undefined;
  const flat = top.text.replace(/\s+/g, ' ').trim();
  const quote = flat.length > maxQuote ? `${flat.slice(0, maxQuote - 1).trimEnd()}…` : flat;
  const more = s.phrases.length > 1 ? ` (+${s.phrases.length - 1} more)` : '';
  return `sounds scripted: '${quote}' in ${top.calls} of ${plural(top.totalCalls, 'call')}${more}, ${Math.round(s.share * 100)}% of empathy statements repeated`;
}
