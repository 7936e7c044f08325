import { applyPhraseEdits, PhraseMatcher } from '../nlp/phrases.js';
import { clamp01, isNegatedAt, isReportedAt, sentenceAt, wordsBefore } from './context.js';
import { ACKNOWLEDGEMENT_PHRASES } from './lexicons/acknowledgement.js';
import { scanAgentPhrases } from './scan.js';
import type { Detector } from './types.js';

/** Entries whose own wording carries the negation ("I can't imagine", "that's not acceptable"). */
const NEGATION_IS_PART_OF_PHRASE = new Set(['can-imagine', 'not-the-experience', 'must-be', 'it-must-be', 'sounds', 'exclamation']);
/** "it's hard to say" describes a task, not the customer's situation. */
const TASK_INFINITIVE = /^\s+to (?:say|tell|know|see|find|get|do|believe|understand|hear|read|figure|explain|describe|predict|judge|measure|follow|use|remember|pronounce|spell|reach|pin)\b/;
/** Bare "I understand" that leads into a refusal or is only a receipt. */
const REFUSAL_AFTER = /^\s*[,.]?\s*(?:but|however|unfortunately|though)\b/;

export const acknowledgement: Detector = {
  meta: {
    id: 'acknowledgement',
    description: "The agent validates the customer's feelings or situation (validation, sympathy); a bare \"I understand\" is reported as kind bare.",
    speaker: 'agent',
    kinds: ['validation', 'sympathy', 'bare'],
    messages: {
      validation: "Validated the customer's feelings or situation",
      sympathy: 'Expressed sympathy',
      bare: 'Bare "I understand" (no validation of the feeling)',
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(ACKNOWLEDGEMENT_PHRASES, options.phrases, 'validation'));
    return (call) =>
      scanAgentPhrases(call, matcher, { validation: 3, sympathy: 3, bare: 1 }, (turn, match) => {
        const id = match.entry.id;
        if (!NEGATION_IS_PART_OF_PHRASE.has(id) && isNegatedAt(turn, match.start, 3)) return undefined;
        if (isReportedAt(turn, match.start)) return undefined;
        const after = turn.lower.slice(match.end, match.end + 80);
        if ((id === 'must-be' || id === 'it-must-be' || id === 'sounds') && TASK_INFINITIVE.test(after)) return undefined;
        const prev = wordsBefore(turn, match.start, 1)[0]?.lower;
        if (id === 'i-understand' && (prev === 'you' || prev === 'if')) return undefined;
        let kind: string = match.entry.kind;
        let confidence: number = match.entry.confidence;
        if (id === 'i-understand') {
          kind = 'bare';
          confidence = REFUSAL_AFTER.test(after) ? 0.7 : 0.6;
        }
        const sentence = sentenceAt(turn, match.start);
        const span: [number, number] = sentence ? [sentence.start, sentence.end] : [match.start, match.end];
        return { kind, turn: turn.turn.index, span, rule: `acknowledgement.${id}`, confidence: clamp01(confidence) };
      });
  },
};
