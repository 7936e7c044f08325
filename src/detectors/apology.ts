import { BEHAVIOUR_KINDS } from '../types.js';
import type { AnalysedCall, AnalysedTurn } from '../nlp/analyse.js';
import { applyPhraseEdits, PhraseMatcher } from '../nlp/phrases.js';
import { HESITATION } from '../nlp/fillers.js';
import { callFeatures } from './features.js';
import { clamp01, isNegatedAt, isReportedAt, sentenceAt, wordsBefore } from './context.js';
import {
  APOLOGY_PHRASES,
  CHECK_AFTER_SORRY,
  CLARIFICATION_AFTER_BARE_SORRY,
  CLARIFICATION_AFTER_SORRY,
  EVALUATION_AFTER_SORRY,
  FAULT_CUE,
  MISFORTUNE_CUE,
  NON_APOLOGY_AFTER_SORRY,
  OTHER_SUBJECTS,
  OWNERSHIP_CONTEXT,
  QUESTION_AFTER_BARE_SORRY,
  REFUSAL_AFTER_SORRY,
  REFUSAL_BEFORE_SORRY,
  SELF_CORRECTION_AFTER_SORRY,
  SYMPATHY_AFTER_SORRY,
  SYMPATHY_FOR_RELATIVE,
} from './lexicons/apology.js';
import type { Detector } from './types.js';
import { scanAgentPhrases } from './scan.js';

type Kind = 'ownership' | 'inconvenience' | 'clarification' | 'non-apology';

export const apology: Detector = {
  meta: {
    id: 'apology',
    description: 'The agent expresses regret or takes responsibility (ownership, inconvenience); clarification requests and non-apologies are reported separately.',
    speaker: 'agent',
    kinds: BEHAVIOUR_KINDS['apology'],
    lexicon: APOLOGY_PHRASES,
    messages: {
      ownership: 'Apologised and took ownership of the fault',
      inconvenience: 'Apologised for the trouble or the wait',
      clarification: '"Sorry" used to ask the customer to repeat (not an apology)',
      'non-apology': 'Non-apology: regret aimed at the customer\'s reaction or followed by a refusal',
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(APOLOGY_PHRASES, options.phrases, 'inconvenience'), options.literals);
    return (call) =>
      scanAgentPhrases(call, matcher, KIND_PRIORITY, (turn, match) => {
        const kind = classify(call, turn, match.start, match.end, match.entry.kind as Kind, match.entry.id);
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

/** Fillers, hesitations and softeners that may stand before a "sorry" that opens its sentence (ASR keeps them all). */
const LEAD_FILLERS = new RegExp(
  `\\b(?:${HESITATION}|oh|ah|right|okay|ok|alright|all right|i'm|i am|im|so|well|yeah|yes|yep|no|sorry|very|really|so|oops|like|just|sir|madam|ma'am|mate)\\b|[\\s,.!-]`,
  'g',
);

/** Ownership phrases ("it's our mistake", "that's my fault") carry their own subject: "it's"/"that" before them is no one else's. */
const OWN_SUBJECTS = new Set(['it', "it's", 'that', "that's", 'this', "this's"]);

function classify(call: AnalysedCall, turn: AnalysedTurn, start: number, end: number, entryKind: Kind, id: string): Kind | undefined {
  if ((isNegatedAt(turn, start, 4) && negationReaches(turn, start) && !isAnswerParticleNo(turn, start)) || isReportedAt(turn, start)) return undefined;
  const before = wordsBefore(turn, start, 2);
  const prev = before[before.length - 1]?.lower;
  if (prev && OTHER_SUBJECTS.has(prev) && !(entryKind === 'ownership' && OWN_SUBJECTS.has(prev))) return undefined;
  const prevTwo = before.map((t) => t.lemma);
  if (prevTwo.length === 2 && OTHER_SUBJECTS.has(before[0]!.lower) && prevTwo[1] === 'be' && !(entryKind === 'ownership' && OWN_SUBJECTS.has(before[0]!.lower))) return undefined;
  const sentence = sentenceAt(turn, start);
  const sentenceStart = sentence ? sentence.start : 0;
  const sentenceEnd = sentence ? sentence.end : turn.lower.length;
  const after = turn.lower.slice(end, Math.min(sentenceEnd + 1, end + 160));
  if (id === 'sorry') {
    const bare = isBareLead(turn.lower.slice(sentenceStart, start));
    if (/^\s*(?:state|excuse|sight|for (?:him|her|them|people|those|the (?:guy|man|woman|kids?)))/.test(after)) return undefined;
    if (SYMPATHY_AFTER_SORRY.test(after) || SYMPATHY_FOR_RELATIVE.test(after)) return undefined; // acknowledgement/sympathy reports it
    if (isSympathyForMisfortune(call, turn, start, end, after)) return undefined;
    // "sorry sir the line is breaking", "sorry was that q as in quebec": checked before the refusals, since "i can't hear you" is no refusal
    if (bare && CLARIFICATION_AFTER_BARE_SORRY.test(after)) return 'clarification';
    if (CHECK_AFTER_SORRY.test(after)) return 'clarification';
    if (SELF_CORRECTION_AFTER_SORRY.test(after)) return undefined;
    if (NON_APOLOGY_AFTER_SORRY.some((re) => re.test(after))) return 'non-apology';
    if (CLARIFICATION_AFTER_SORRY.test(after)) return 'clarification';
    if (REFUSAL_AFTER_SORRY.test(after) && !FAULT_CUE.test(after)) return 'non-apology';
    if (/^\s*[.!]*\s*$/.test(after) && REFUSAL_BEFORE_SORRY.test(turn.lower.slice(sentenceStart, start))) return 'non-apology';
    // "i'm sorry is there anything else", "Sorry, can I take your number first?": a filler sorry opening a question of
    // its own neither regrets nor asks for a repeat
    if (bare && QUESTION_AFTER_BARE_SORRY.test(after)) return undefined;
    // Unpunctuated speech has no sentence start to tell it by: "lovely i've updated that for you i'm sorry is there
    // anything else". A "sorry" straight after a clause's "i'm" and before a question of its own, with no fault named
    // in the turn before it, is the same filler.
    if (
      !bare &&
      callFeatures(call).unpunctuated &&
      QUESTION_AFTER_BARE_SORRY.test(after) &&
      FRESH_CLAUSE_BEFORE_SORRY.test(turn.lower.slice(sentenceStart, start)) &&
      !FAULT_CUE.test(turn.lower.slice(0, start))
    ) {
      return undefined;
    }
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
  const sentenceLower = turn.lower.slice(sentenceStart, sentenceEnd);
  if (entryKind === 'ownership' || OWNERSHIP_CONTEXT.test(sentenceLower)) return 'ownership';
  return 'inconvenience';
}

/** "… i'm sorry", "… oh sorry", "… um sorry": the words that start a clause of its own just before the "sorry". */
const FRESH_CLAUSE_BEFORE_SORRY = new RegExp(`\\s(?:i'?m|i am|oh|${HESITATION})\\s+$`);

/** Only fillers, hesitations and a term of address stand before the match in its sentence. */
function isBareLead(lead: string): boolean {
  return lead.replace(LEAD_FILLERS, '') === '';
}

const NEGATOR_WORDS = new Set(['not', "n't", 'never', 'no', 'nobody', 'nothing', 'without', 'hardly', 'neither', 'nor']);
/** Words that may stand between a negator and the regret it negates: "not going to apologise", "no need to be sorry". */
const NEGATION_BRIDGE = new Set([
  'be', 'being', 'been', 'going', 'gonna', 'to', 'need', 'needs', 'have', 'has', 'got', 'want', 'wanna', 'supposed', 'feel', 'say', 'saying',
  'really', 'very', 'so', 'too', 'all', 'at', 'even', 'ever', 'just', 'any', 'more', 'the', 'slightest', 'bit', 'least', 'one', 'is', "'s",
  'am', "'m", 'are', "'re", 'i', 'you', 'for', 'reason', 'single', 'thing',
]);

/**
 * Unpunctuated speech runs clauses together: in "our returns window is thirty days so i can't offer a refund sorry" or
 * "i can't remember i'm sorry" the negator belongs to the clause before the "sorry". A negation reaches the regret only
 * across auxiliaries and softeners ("i'm not going to apologise", "no need to be sorry").
 */
function negationReaches(turn: AnalysedTurn, start: number): boolean {
  const words = wordsBefore(turn, start, 4);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (!NEGATOR_WORDS.has(w.lower) && w.lemma !== 'not') continue;
    if (words.slice(i + 1).every((b) => NEGATION_BRIDGE.has(b.lower) || NEGATION_BRIDGE.has(b.lemma))) return true;
  }
  return false;
}

/**
 * "No, and I apologise for that", "no i'm sorry about that": a sentence-initial "no" answering the customer, then a
 * new clause with its own subject, does not negate the apology ("no need to apologise", "no apology" still do).
 */
function isAnswerParticleNo(turn: AnalysedTurn, start: number): boolean {
  const words = wordsBefore(turn, start, 5);
  const negators = words.filter((w) => /^(?:not|n't|never|no|nobody|nothing|without|hardly|neither|nor)$/.test(w.lower) || w.lemma === 'not');
  if (negators.length !== 1 || negators[0]!.lower !== 'no') return false;
  const at = words.indexOf(negators[0]!);
  const next = words[at + 1]?.lower;
  return next !== undefined && /^(?:and|so|but|look|honestly|i|i'm|we|we're|yeah|okay|ok|again|sorry|oh)$/.test(next);
}

/**
 * A bare "sorry" (no "for …" / "about …" / "that …" of its own) said to a customer who has told of a loss, where the
 * turn goes on about the loss ("I'm really sorry — losing your husband, and then …") and names no fault, wait or
 * trouble: sympathy for the misfortune (acknowledgement), not regret for something the company did.
 */
function isSympathyForMisfortune(call: AnalysedCall, turn: AnalysedTurn, start: number, end: number, after: string): boolean {
  // bare: punctuation or the end after it, or (unpunctuated speech) the loss itself: "i'm really sorry losing your husband …"
  if (!/^\s*(?:[,.!?;:…-]|—|$|(?:losing|to lose)\b)/.test(after) && !EVALUATION_AFTER_SORRY.test(after)) return false;
  const rest = turn.lower.slice(end, Math.min(turn.lower.length, end + 240));
  const lead = turn.lower.slice(Math.max(0, start - 120), start);
  if (FAULT_CUE.test(rest) || FAULT_CUE.test(lead)) return false;
  if (EVALUATION_AFTER_SORRY.test(after)) return true;
  return MISFORTUNE_CUE.test(rest) || MISFORTUNE_CUE.test(lead) || customerToldOfLoss(call, turn.turn.index);
}

const KIN = 'mum|mom|mother|dad|father|parents?|husband|wife|partner|son|daughter|brother|sister|nan|nana|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|uncle|aunt|auntie|friend|baby|child|dog|cat|pet';
/** The customer has told of a death or a grave loss ("my dad died on sunday", "my husband passed away"); "my car died" is no loss. */
const LOSS_TOLD = new RegExp(
  `\\b(?:(?:${KIN}|he|she|they)(?:'s| has| had| have| just| sadly| recently| suddenly)* (?:died|passed)|passed away|death|funeral|bereave\\w*|terminal|cancer|diagnos\\w*|in hospital|put to sleep|(?:be|being|been|get|got) put down|lost (?:my|our|his|her) (?:${KIN}|job|home|house|savings|life savings)|(?:my|our) (?:life )?savings)\\b`,
);

/** In the customer's turns since the agent last spoke (a loss is often told a message or two before a question). */
function customerToldOfLoss(call: AnalysedCall, index: number): boolean {
  let customerTurns = 0;
  for (let i = index - 1; i >= 0 && i >= index - 1 - MAX_LOSS_LOOKBACK && customerTurns < MAX_LOSS_LOOKBACK; i--) {
    const t = call.turns[i]!;
    if (t.turn.role === 'agent') {
      if (customerTurns > 0) break;
      continue;
    }
    if (t.turn.role !== 'customer') continue;
    customerTurns++;
    if (LOSS_TOLD.test(t.lower)) return true;
  }
  return false;
}

const MAX_LOSS_LOOKBACK = 3;

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

/** "Sorry, was that P-L-4?" / "Sorry, the fourteenth?": a bare sorry opening an echo question asks, it does not regret. */
function isBareSorryBeforeQuestion(turn: AnalysedTurn, start: number, end: number): boolean {
  const sentence = sentenceAt(turn, start);
  if (!sentence) return false;
  const before = turn.lower.slice(sentence.start, start).replace(/\b(?:oh|um|uh|right|okay|ok|i'm|i am|so)\b|[\s,]/g, '');
  const rest = turn.lower.slice(end, sentence.end);
  return before === '' && /^\s*[,.-]/.test(rest) && rest.trimEnd().endsWith('?') && !/^\s*[,.-]?\s*(?:for|about|that|to)\b/.test(rest);
}
