import { BEHAVIOUR_KINDS } from '../types.js';
import { stem, type AnalysedTurn } from '../nlp/analyse.js';
import { applyPhraseEdits, PhraseMatcher } from '../nlp/phrases.js';
import { HESITATION } from '../nlp/fillers.js';
import { clamp01, isReportedAt, sentenceAt, wordsBefore } from './context.js';
import {
  AFTER_CALL_ACTION,
  ASSURANCE,
  AWAITING,
  CHANNELS,
  DEFERRED,
  DURING_CALL,
  FOLLOW_UP_PHRASES,
  HOLD_REQUEST,
  IN_CALL_ACTION,
  NOTIFICATION_ONLY,
  THIRD_PARTY_CONTACT,
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
/** A relative clause ("the claim form which i'm going to post out to you today") still commits when its verb does. */
const RELATIVE_BEFORE = /\b(?:which|that)\s*$/;
/** "…without asking and i'll email you": a coordinated clause of the agent's own, not the object of the reporting verb. */
const NEW_CLAUSE_BEFORE = new RegExp(`\\b(?:and|but|so|then|plus)\\s+(?:(?:${HESITATION})\\s+)*$`);
const HESITATION_WORDS = new RegExp(`\\b(?:${HESITATION})\\b`, 'g');
/** "If I put it on next-day now, it'll be with you Thursday": the outcome hangs on a step the agent only offers. */
const OWN_STEP_CONDITION = /\bif (?:i|we)\b(?!\s+(?:don't|do not|can't|cannot|haven't|have not|need|have to))[^.?!]*$/;

export const followUpPromise: Detector = {
  meta: {
    id: 'follow-up-promise',
    description: 'The agent commits to a specific future action for the customer (after-call), with timeframe and channel; in-call steps are kind in-call.',
    speaker: 'agent',
    kinds: BEHAVIOUR_KINDS['follow-up-promise'],
    lexicon: FOLLOW_UP_PHRASES,
    messages: {
      'after-call': 'Promised a follow-up after the call',
      'in-call': 'In-call step (hold, check), not a follow-up',
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(FOLLOW_UP_PHRASES, options.phrases, 'after-call'), options.literals);
    return (call) =>
      scanAgentPhrases(call, matcher, { 'after-call': 2, 'in-call': 1 }, (turn, match) => {
        const sentence = sentenceAt(turn, match.start);
        const sentenceStart = sentence ? sentence.start : 0;
        const sentenceEnd = sentence ? sentence.end : turn.lower.length;
        const rawRest = turn.lower.slice(match.end, Math.max(match.end, sentenceEnd));
        const rest = withoutDisfluencies(rawRest);
        const head = turn.lower.slice(sentenceStart, match.start);
        if (isReportedHere(turn, match.start, head)) return undefined;
        const sentenceText = turn.lower.slice(sentenceStart, sentenceEnd);
        if (match.entry.id === 'first-person-future') {
          if (isQuestionInversion(turn, match.start)) return undefined;
          if (SUBORDINATE_BEFORE.test(head) && !(RELATIVE_BEFORE.test(head) && commitsInRelative(rest))) return undefined;
          if (CUT_OFF.test(rawRest) || RESTARTED.test(rest)) return undefined;
        }
        if (match.entry.id === 'it-will-be' && (/\b(?:whether|if)\s*$/.test(head) || OWN_STEP_CONDITION.test(head))) return undefined;
        // "you'll get an automated email", "You'll receive a confirmation email shortly": a notice the system sends
        // after a step done in the call, not a follow-up anyone commits to (a notice with a date still counts)
        if (match.entry.id === 'you-will-receive' && NOTIFICATION_ONLY.test(turn.lower.slice(match.start, match.end)) && !TIMEFRAME.test(sentenceText)) {
          return undefined;
        }
        let verdict = classify(match.entry.id, match.entry.kind, rest, turn.lower.startsWith('we', match.start));
        if (!verdict) return undefined;
        // "Give me 5 minutes, I'm going to call the duty manager": a call to a third party while the customer holds
        if (verdict.kind === 'after-call' && THIRD_PARTY_CONTACT.test(rest) && HOLD_REQUEST.test(turn.lower) && !TIMEFRAME.test(rest) && !LATER_AFTER_CALL_ACTION.test(rest)) {
          verdict = { kind: 'in-call', adjust: 0 };
        }
        const kind = verdict.kind;
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
    const timeframe = TIMEFRAME.test(rest) || DEFERRED.test(rest);
    const laterAction = LATER_AFTER_CALL_ACTION.test(rest);
    if (AWAITING.test(rest) && !laterAction) return undefined;
    if (ASSURANCE.test(rest) && !laterAction) return { kind: 'in-call', adjust: 0 };
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

const REPORTING = new Set(['say', 'tell', 'ask', 'write', 'text', 'shout', 'yell', 'mention', 'claim'].map(stem));
const DETERMINER = /^(?:the|a|an|your|my|our|his|her|their|this|that|any|each|every|no)$/;

/**
 * Reported speech ("she said she'll call you") is no promise of the agent's, but a reporting word that is a noun
 * ("the claim form which i'm going to post out to you", "your text") reports nothing, and a coordinated clause of the
 * agent's own ("…without asking and i'll email you the revised bill") starts afresh.
 */
function isReportedHere(turn: AnalysedTurn, start: number, head: string): boolean {
  if (!isReportedAt(turn, start)) return false;
  if (NEW_CLAUSE_BEFORE.test(head)) return false;
  const words = wordsBefore(turn, start, 5);
  const recent = words.slice(-3);
  const reporting = recent.filter((w) => REPORTING.has(w.stem));
  if (reporting.length === 0) return true; // a quotation or a quotative ("he was like …")
  return reporting.some((w) => {
    const i = words.indexOf(w);
    return !(i > 0 && DETERMINER.test(words[i - 1]!.lower));
  });
}

/** The verb of a relative clause names a follow-up, or its time is after the call. */
function commitsInRelative(rest: string): boolean {
  return AFTER_CALL_ACTION.test(rest) || TIMEFRAME.test(rest) || DEFERRED.test(rest);
}

/** Drops fillers and self-repairs ("i'll - i'll probably uh make") so the verb after the head is visible. */
function withoutDisfluencies(text: string): string {
  return text
    .replace(HESITATION_WORDS, ' ')
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
