import { BEHAVIOUR_KINDS } from '../types.js';
import type { AnalysedCall, AnalysedTurn } from '../nlp/analyse.js';
import { applyPhraseEdits, PhraseMatcher } from '../nlp/phrases.js';
import { clamp01, isNegatedAt, isReportedAt, sentenceAt, wordsBefore } from './context.js';
import {
  APPRECIATION_PHRASES,
  DECLINING_AFTER,
  DECLINING_BEFORE,
  KIND_CUES,
  NOT_APPRECIATION_AFTER,
  THANKS_OBJECT_AFTER,
} from './lexicons/appreciation.js';
import { scanAgentPhrases } from './scan.js';
import type { Detector } from './types.js';

/** "Fine, thanks" answers "how are you"; it is small talk, not appreciation of the customer. */
const POLITE_REPLY_BEFORE = /\b(?:fine|good|great|well|ok|okay|not bad|alright|all right|very well|pretty good|doing well)[,.!]?\s*$/;

/** "I appreciate how frustrating this is" validates a feeling: acknowledgement, not appreciation. */
const APPRECIATE_AS_VALIDATION = /^\s+(?:how|that (?:this|it|you(?:'re| are)) (?:is|must|has|feel)|what you(?:'re| are) going through|your (?:frustration|concern|situation))/;

export const appreciation: Detector = {
  meta: {
    id: 'appreciation',
    description:
      'The agent thanks or appreciates the customer (patience, loyalty, information, courtesy); the scripted "thank you for calling" of an opening is its own kind, greeting.',
    speaker: 'agent',
    kinds: BEHAVIOUR_KINDS['appreciation'],
    lexicon: APPRECIATION_PHRASES,
    messages: {
      patience: 'Thanked the customer for their patience',
      loyalty: 'Thanked the customer for their loyalty',
      information: 'Appreciated what the customer shared',
      courtesy: 'Thanked the customer',
      greeting: 'Thanked the customer for calling in the opening',
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(APPRECIATION_PHRASES, options.phrases, 'courtesy'), options.literals);
    return (call) =>
      scanAgentPhrases(call, matcher, { patience: 3, loyalty: 3, information: 2, courtesy: 1 }, (turn, match) => {
        const sentence = sentenceAt(turn, match.start);
        const sentenceStart = sentence ? sentence.start : 0;
        const sentenceEnd = sentence ? sentence.end : turn.lower.length;
        const before = turn.lower.slice(Math.max(sentenceStart, match.start - 40), match.start);
        const after = turn.lower.slice(match.end, Math.min(turn.lower.length, match.end + 120));
        const hasObject = THANKS_OBJECT_AFTER.test(after);
        if ((DECLINING_BEFORE.test(before) && !hasObject) || DECLINING_AFTER.test(after)) return undefined;
        if (NOT_APPRECIATION_AFTER.test(after)) return undefined;
        if (askedHowAreYou(call, turn.turn.index) && POLITE_REPLY_BEFORE.test(before) && /^\s*(?:[.!,]|and you|how (?:are|about) you|$)/.test(after)) return undefined;
        const surface = turn.turn.text.slice(match.start, match.end);
        if (surface.length > 3 && surface === surface.toUpperCase() && /[A-Z]/.test(surface)) return undefined; // "CHEERS" the show
        if (match.entry.id === 'appreciate' && APPRECIATE_AS_VALIDATION.test(after)) return undefined;
        if (match.entry.id === 'helpful' && (/\b(?:hope|hopefully|hoping|if|whether|think|guess|believe|suppose|would|might|could|which|so|also|too)\s+(?:(?:that|it|this)\s+)?$/.test(before) || /\b(?:something|anything|nothing|everything|one|thing|things|stuff|what|which|who)\s+$/.test(before) || /^[^.!]*\?/.test(after.slice(0, 40)))) return undefined;
        if ((isNegatedAt(turn, match.start, 3) && negationReaches(turn, match.start, hasObject)) || isReportedAt(turn, match.start)) return undefined;
        const object = turn.lower.slice(match.end, sentenceEnd);
        let kind = match.entry.id.endsWith('question') ? 'information' : kindFor(object, match.entry.kind);
        if ((kind === 'courtesy' || kind === 'loyalty') && GREETING_OBJECT.test(object) && isOpening(call, turn.turn.index, turn.lower.slice(0, match.start))) kind = 'greeting';
        const span: [number, number] = sentence ? [sentence.start, sentence.end] : [match.start, match.end];
        return { kind, turn: turn.turn.index, span, rule: `appreciation.${match.entry.id}`, confidence: clamp01(match.entry.confidence) };
      });
  },
};

/** "thank you for calling Northwind", "thanks for choosing us", "thanks for contacting support": the opening formula. */
const GREETING_OBJECT = /^\s*(?:(?:so|very) much |again )?for (?:calling|ringing|phoning|contacting|choosing|reaching out|getting in touch|holding the line and calling|joining|chatting|messaging|your call\b)/;

/** Only a salutation before the thanks: "hi there, thanks for contacting us", "good morning and thank you for calling". */
const SALUTATION_ONLY = /^[^\p{L}\p{N}]*(?:(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening|day)|welcome|there|and|so|um|uh)\b[^\p{L}\p{N}]*)*$/u;

/**
 * The thanks is the opening formula: in this agent's first turn (the scripted greeting, or the first words after a
 * transfer), and either the agent spoke first or nothing but a salutation comes before it in the turn. "Okay, no
 * problem. Thanks for calling." answering the customer is a closing courtesy, even in the agent's only turn.
 */
function isOpening(call: AnalysedCall, index: number, before: string): boolean {
  const agent = call.turns[index]!.turn;
  const id = agent.agentId ?? agent.speaker;
  let customerSpoke = false;
  for (let i = 0; i < index; i++) {
    const t = call.turns[i]!.turn;
    if (t.role === 'agent' && (t.agentId ?? t.speaker) === id) return false;
    if (t.role === 'customer') customerSpoke = true;
  }
  return !customerSpoke || SALUTATION_ONLY.test(before);
}

const HOW_ARE_YOU = /\bhow (?:are|r) (?:you|ya|u)\b|\bhow you doing\b|\bhow(?:'s| is) it going\b|\bhow have you been\b/i;

function askedHowAreYou(call: AnalysedCall, index: number): boolean {
  for (let i = index - 1; i >= 0 && i >= index - 2; i--) {
    const t = call.turns[i]!;
    if (t.turn.role === 'customer') return HOW_ARE_YOU.test(t.turn.text);
  }
  return false;
}

function kindFor(rest: string, fallback: string): string {
  const object = rest.slice(0, 60);
  for (const [kind, cue] of KIND_CUES) if (cue.test(object)) return kind;
  return fallback;
}

const NEGATORS = /^(?:not|n't|never|no|nobody|nothing|without|hardly|neither|nor)$/;
/** "no worries", "no problem": a stock reply, its "no" negates nothing that follows. */
const STOCK_NO = /^(?:worries|problem|problems|probs|prob|bother|trouble|rush|pressure|stress|harm)$/;

/**
 * Whether a negator before the thanks really negates it. Run-on speech puts a stock "no worries" / "no problem" right
 * before the thanks ("no worries thanks for your patience", "no problem and thanks for calling"), an answering "no" may
 * open a new clause ("no and thanks for …"), and "no, thank you for calling" turns the thanks back rather than
 * declining. Every other negator ("don't thank me", "i didn't know that thanks") is left to count.
 */
function negationReaches(turn: AnalysedTurn, start: number, hasObject: boolean): boolean {
  const words = wordsBefore(turn, start, 4);
  const window = words.slice(-3);
  return window.some((w) => {
    if (!NEGATORS.test(w.lower) && w.lemma !== 'not') return false;
    if (w.lower !== 'no') return true;
    const next = words[words.indexOf(w) + 1]?.lower;
    if (next === undefined) return !hasObject;
    return !(STOCK_NO.test(next) || /^(?:and|so|but|look|honestly|oh)$/.test(next));
  });
}
