import type { AnalysedTurn } from '../nlp/analyse.js';
import { applyPhraseEdits, PhraseMatcher } from '../nlp/phrases.js';
import { clamp01, isReportedAt, sentenceAt, wordsBefore } from './context.js';
import {
  AFTER_CALL_ACTION,
  CHANNELS,
  DURING_CALL,
  FOLLOW_UP_PHRASES,
  IN_CALL_ACTION,
  LATER_AFTER_CALL_ACTION,
  NON_COMMITMENT,
  OUTCOME_AFTER_BE,
  SOON_IN_CALL,
  TIMEFRAME,
} from './lexicons/follow-up-promise.js';
import { scanAgentPhrases } from './scan.js';
import type { Detector } from './types.js';

/** A head inside a subordinate or relative clause describes, it does not commit ("because I will be away"). */
const SUBORDINATE_BEFORE = /\b(?:because|since|that|which|what|where|whether|as|so that|until|than|who|how(?: long| much| many| soon| far)?|when|why)\s*(?:-\s*)*$/;
/** "I think we'll …", "I guess I'll …", "I think Don and I are going to …": a hedged forecast, weaker than a promise. */
const HEDGED_BEFORE = /\bi (?:think|guess|suppose|expect|believe|figure|imagine)d?(?: that)? (?:[a-z]+ and )?$/;
/**
 * The head is abandoned: cut off before its verb ("so I'll let =="), or the speaker restarts with a new subject
 * ("so I'll just - I was looking at …"; repeated heads are already folded by withoutDisfluencies).
 */
const CUT_OFF = /^\s*(?:[a-z']+\s+)?==/;
const RESTARTED = /^\s*(?:(?:just|also|then|now|actually|probably|maybe|well|so)\s+)*(?:i|we|you|he|she|they|i'm|i've|we're|i was|we were)\b/;
/**
 * "We'll have the numbers", "I will have some results": a forecast of having something, not an action for someone;
 * a causative "have it fixed", "have someone call you" still commits.
 */
const HAVE_STATIVE =
  /^\s*(?:(?:\w+ly|also|then|just|still|now|actually|all|probably|definitely|certainly)\s+)*have\b(?! to\b)(?!\s+(?:it|this|that|them|him|her|someone|somebody|one of \w+|an? \w+|the \w+|your \w+|our \w+)\s+(?:\w+ed|done|sent|fixed|sorted|seen|given|taken|call|ring|contact|e-?mail|look|come|send|check|fix|visit|phone)\b)/;
const CONDITIONAL_BEFORE = /\b(?:if|unless|once|when|in case)\b[^.?!]*$/;

export const followUpPromise: Detector = {
  meta: {
    id: 'follow-up-promise',
    description: 'The agent commits to a specific future action for the customer (after-call), with timeframe and channel; in-call steps are kind in-call.',
    speaker: 'agent',
    kinds: ['after-call', 'in-call'],
    messages: {
      'after-call': 'Promised a follow-up after the call',
      'in-call': 'In-call step (hold, check), not a follow-up',
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(FOLLOW_UP_PHRASES, options.phrases, 'after-call'));
    return (call) =>
      scanAgentPhrases(call, matcher, { 'after-call': 2, 'in-call': 1 }, (turn, match) => {
        const sentence = sentenceAt(turn, match.start);
        const sentenceStart = sentence ? sentence.start : 0;
        const sentenceEnd = sentence ? sentence.end : turn.lower.length;
        const rawRest = turn.lower.slice(match.end, Math.max(match.end, sentenceEnd));
        const rest = withoutDisfluencies(rawRest);
        const head = turn.lower.slice(sentenceStart, match.start);
        if (isReportedAt(turn, match.start)) return undefined;
        if (match.entry.id === 'first-person-future') {
          if (isQuestionInversion(turn, match.start) || SUBORDINATE_BEFORE.test(head)) return undefined;
          if (CUT_OFF.test(rawRest) || RESTARTED.test(rest)) return undefined;
        }
        const verdict = classify(match.entry.id, match.entry.kind, rest, turn.lower.startsWith('we', match.start));
        if (!verdict) return undefined;
        const kind = verdict.kind;
        const sentenceText = turn.lower.slice(sentenceStart, sentenceEnd);
        const attributes: Record<string, string> = {};
        let confidence: number = match.entry.confidence + verdict.adjust;
        if (kind === 'after-call') {
          const timeframe = TIMEFRAME.exec(sentenceText);
          if (timeframe) attributes.timeframe = turn.turn.text.slice(sentenceStart + timeframe.index, sentenceStart + timeframe.index + timeframe[0].length);
          const channel = CHANNELS.find(([, cue]) => cue.test(sentenceText));
          if (channel) attributes.channel = channel[0];
          attributes.action = turn.turn.text.slice(match.start, Math.min(sentenceEnd, match.end + 60)).trim();
          if (!timeframe && !channel) attributes.vague = 'true';
          if (timeframe) confidence += 0.1;
          if (channel) confidence += 0.05;
          if (CONDITIONAL_BEFORE.test(head)) confidence -= 0.2;
          if (/^\s*try\b/.test(rest)) confidence -= 0.1;
          if (/\b(?:hope|hopefully|maybe|perhaps|probably|might)\b/.test(sentenceText)) confidence -= 0.1;
          if (match.entry.id === 'first-person-future') {
            if (HEDGED_BEFORE.test(head)) confidence -= 0.15;
            if (HAVE_STATIVE.test(rest)) confidence -= 0.2;
          }
        }
        const span: [number, number] = sentence ? [sentence.start, sentence.end] : [match.start, match.end];
        return { kind, turn: turn.turn.index, span, rule: `follow-up-promise.${match.entry.id}`, confidence: clamp01(confidence), attributes };
      });
  },
};

/** "It'll be (early) next week": the time the outcome is due, right after "be". */
const TIME_AFTER_BE = new RegExp(`^\\s*(?:(?:early|late|sometime|some time)\\s+)?(?:${TIMEFRAME.source})`);

interface Verdict {
  kind: 'after-call' | 'in-call';
  /** Confidence adjustment: a known follow-up action is stronger than an unspecified one. */
  adjust: number;
}

function classify(id: string, entryKind: string, rest: string, subjectIsWe: boolean): Verdict | undefined {
  if (id === 'first-person-future') {
    if (NON_COMMITMENT.test(rest)) return undefined;
    const timeframe = TIMEFRAME.test(rest);
    const laterAction = LATER_AFTER_CALL_ACTION.test(rest);
    if (IN_CALL_ACTION.test(rest) && !timeframe && !laterAction) return { kind: 'in-call', adjust: 0 };
    if (DURING_CALL.test(rest) && !timeframe && !laterAction) return { kind: 'in-call', adjust: 0 };
    if (AFTER_CALL_ACTION.test(rest) || timeframe || laterAction) return { kind: 'after-call', adjust: 0 };
    // "I'll do that", "we'll build something": a first-person commitment to an unnamed action.
    if (/^\s*(?:(?:\w+ly|also|then|just|still|now|actually) )*[a-z]{2,}/.test(rest) || /^\s*[.!]?\s*$/.test(rest)) {
      return { kind: 'after-call', adjust: subjectIsWe ? -0.3 : -0.15 };
    }
    return undefined;
  }
  if (id === 'it-will-be') {
    const timed = TIME_AFTER_BE.test(rest);
    if (!timed && !OUTCOME_AFTER_BE.test(rest)) return undefined;
    if (!timed && !TIMEFRAME.test(rest) && SOON_IN_CALL.test(rest)) return { kind: 'in-call', adjust: 0 };
    return { kind: 'after-call', adjust: 0 };
  }
  // "They will send us the files": a third party acting for the speaker's side, not a promise to the customer.
  if (id === 'someone-will' && /^\s*(?:\w+\s+)?(?:us|me)\b/.test(rest)) return undefined;
  if (id === 'let-me') {
    if (/^\s*(?:\w+ ){0,6}?and (?:get back|call you back|let you know|update you|follow up|email you)/.test(rest)) return { kind: 'after-call', adjust: 0 };
    if (IN_CALL_ACTION.test(rest)) return { kind: 'in-call', adjust: 0 };
    return undefined;
  }
  return { kind: entryKind as Verdict['kind'], adjust: 0 };
}

/** Drops fillers and self-repairs ("i'll - i'll probably uh make") so the verb after the head is visible. */
function withoutDisfluencies(text: string): string {
  return text
    .replace(/\b(?:uh|um|er|erm|uhm|hmm)\b/g, ' ')
    .replace(/\b[a-z']+-(?=\s|$)/g, ' ')
    .replace(/\s+-+\s+/g, ' ')
    .replace(/^\s*(?:(?:i|we)(?:'ll| will)\s+)+/, ' ')
    .replace(/\s+/g, ' ');
}

/** "Shall I call you back?" / "Will we …?" offers, not commitments: the subject follows the auxiliary. */
function isQuestionInversion(turn: AnalysedTurn, start: number): boolean {
  const prev = wordsBefore(turn, start, 1)[0]?.lower;
  return prev === 'shall' || prev === 'should' || prev === 'can' || prev === 'could' || prev === 'would';
}
