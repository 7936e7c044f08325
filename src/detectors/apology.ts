import type { AnalysedTurn } from '../nlp/analyse.js';
import { applyPhraseEdits, PhraseMatcher } from '../nlp/phrases.js';
import { clamp01, isNegatedAt, isReportedAt, sentenceAt, wordsBefore } from './context.js';
import {
  APOLOGY_PHRASES,
  CLARIFICATION_AFTER_SORRY,
  NON_APOLOGY_AFTER_SORRY,
  OTHER_SUBJECTS,
  OWNERSHIP_CONTEXT,
  SYMPATHY_AFTER_SORRY,
} from './lexicons/apology.js';
import type { Detector } from './types.js';
import { scanAgentPhrases } from './scan.js';

type Kind = 'ownership' | 'inconvenience' | 'clarification' | 'non-apology';

export const apology: Detector = {
  meta: {
    id: 'apology',
    description: 'The agent expresses regret or takes responsibility (ownership, inconvenience); clarification requests and non-apologies are reported separately.',
    speaker: 'agent',
    kinds: ['ownership', 'inconvenience', 'clarification', 'non-apology'],
    messages: {
      ownership: 'Apologised and took ownership of the fault',
      inconvenience: 'Apologised for the trouble or the wait',
      clarification: '"Sorry" used to ask the customer to repeat (not an apology)',
      'non-apology': 'Non-apology: regret aimed at the customer\'s reaction or followed by a refusal',
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(APOLOGY_PHRASES, options.phrases, 'inconvenience'));
    return (call) =>
      scanAgentPhrases(call, matcher, KIND_PRIORITY, (turn, match) => {
        const kind = classify(turn, match.start, match.end, match.entry.kind as Kind, match.entry.id);
        if (!kind) return undefined;
        const sentence = sentenceAt(turn, match.start);
        const span: [number, number] = sentence ? [sentence.start, sentence.end] : [match.start, match.end];
        let confidence: number = match.entry.confidence;
        if (kind === 'ownership') confidence = Math.max(confidence, 0.9);
        if (kind === 'inconvenience' && /^\s*(?:for|about)\b/.test(turn.lower.slice(match.end))) confidence = 0.95;
        return { kind, turn: turn.turn.index, span, rule: `apology.${match.entry.id}`, confidence: clamp01(confidence) };
      });
  },
};

const KIND_PRIORITY: Record<string, number> = { 'non-apology': 4, ownership: 3, inconvenience: 2, clarification: 1 };

function classify(turn: AnalysedTurn, start: number, end: number, entryKind: Kind, id: string): Kind | undefined {
  if (isNegatedAt(turn, start, 4) || isReportedAt(turn, start)) return undefined;
  const before = wordsBefore(turn, start, 2);
  const prev = before[before.length - 1]?.lower;
  if (prev && OTHER_SUBJECTS.has(prev)) return undefined;
  const prevTwo = before.map((t) => t.lemma);
  if (prevTwo.length === 2 && OTHER_SUBJECTS.has(before[0]!.lower) && prevTwo[1] === 'be') return undefined;
  const sentence = sentenceAt(turn, start);
  const sentenceEnd = sentence ? sentence.end : turn.lower.length;
  const after = turn.lower.slice(end, Math.min(sentenceEnd + 1, end + 160));
  if (id === 'sorry') {
    if (/^\s*(?:state|excuse|sight|for (?:him|her|them|people|those|the (?:guy|man|woman|kids?)))/.test(after)) return undefined;
    if (SYMPATHY_AFTER_SORRY.test(after)) return undefined; // acknowledgement/sympathy reports it
    if (NON_APOLOGY_AFTER_SORRY.some((re) => re.test(after))) return 'non-apology';
    if (CLARIFICATION_AFTER_SORRY.test(after)) return 'clarification';
    if (isBareSorryBeforeQuestion(turn, start, end)) return 'clarification';
  }
  if ((id === 'sorry' || id === 'excuse-me') && isSelfRepair(turn, start, after)) return undefined;
  if (id === 'excuse-me') {
    const rest = after.trimStart();
    if (rest.startsWith('?') || CLARIFICATION_AFTER_SORRY.test(after)) return 'clarification';
    if (/^\s*(?:for|,)/.test(after) || rest === '' || rest.startsWith('.')) return 'inconvenience';
    return 'clarification';
  }
  if (entryKind === 'clarification' || entryKind === 'non-apology') return entryKind;
  const sentenceLower = sentence ? turn.lower.slice(sentence.start, sentence.end) : turn.lower;
  if (entryKind === 'ownership' || OWNERSHIP_CONTEXT.test(sentenceLower)) return 'ownership';
  return 'inconvenience';
}

/** Mid-sentence "…, sorry, …" / "- excuse me -" corrects the speaker's own words; it is not addressed regret. */
function isSelfRepair(turn: AnalysedTurn, start: number, after: string): boolean {
  const sentence = sentenceAt(turn, start);
  const before = turn.lower.slice(sentence ? sentence.start : 0, start);
  const lead = before.replace(/\b(?:i'm|i am|i|am|oh|uh|um|well|oops|right|okay|ok|yes|yeah|no|look|listen|so|and|but|again|really|very|so|truly|mr|mrs|ms|sir|madam|gosh|goodness|wow|ah|ahh|aw|dear|god|jeez|thank you|thanks)\b/g, '').replace(/[\s,]+/g, ' ').trim();
  return (
    lead.length > 0 &&
    /[,-]\s*(?:i'm |i am )?$/.test(before) &&
    /^\s*[,-]?\s*[a-z]/.test(after) &&
    // "sorry for…", "sorry I interrupted": the regret has its own object, so it is addressed, not a repair
    !/^\s*[,-]?\s*(?:for|about|that|to|i|i'm|we|we're|if)\b/.test(after)
  );
}

/** "Sorry, was that P-L-4?" / "Sorry, can I take your number first?": a bare sorry opening a question asks, it does not regret. */
function isBareSorryBeforeQuestion(turn: AnalysedTurn, start: number, end: number): boolean {
  const sentence = sentenceAt(turn, start);
  if (!sentence) return false;
  const before = turn.lower.slice(sentence.start, start).replace(/\b(?:oh|um|uh|right|okay|ok|i'm|i am|so)\b|[\s,]/g, '');
  const rest = turn.lower.slice(end, sentence.end);
  return before === '' && /^\s*[,.-]/.test(rest) && rest.trimEnd().endsWith('?') && !/^\s*[,.-]?\s*(?:for|about|that|to)\b/.test(rest);
}
