// Customer distress (DESIGN §2.6): every customer turn with something to say is a candidate, described by features
// (constructions from the distress lexicon, AFINN affect and the vendor's sentiment, capitals, exclamations, negation,
// position and length); the fitted model (src/model/) turns them into the finding's confidence.
import { affectOf, type Affect } from '../../nlp/affect.js';
import type { AnalysedTurn } from '../../nlp/analyse.js';
import { phraseToPattern, PhraseMatcher, withoutRemoved, type PhraseMatch } from '../../nlp/phrases.js';
import { callFeatures } from '../features.js';
import { featureName, type Features } from '../../model/logistic.js';
import type { FindingDraft } from '../../types.js';
import { endsWithQuestion, isReportedAt, sentenceAt } from '../context.js';
import { DISTRESS_CUES, DISTRESS_TYPES, NOT_SHOUTED, SHOUTED_TWO_LETTER_WORDS, type DistressCue, type DistressType } from '../lexicons/distress.js';
import type { Detector } from '../types.js';

/** Which type a turn gets when its cues point several ways: the most specific first. */
const TYPE_PRIORITY: readonly DistressType[] = ['loss', 'hardship', 'repeat', 'fault', 'worry'];
const SHORT_REPLY = /^\W*(?:(?:yes|yeah|yep|yup|no|nope|okay|ok|sure|right|fine|great|perfect|cool|alright|thanks|thank you|cheers|bye|hi|hello|mm+|uh-huh|got it|that's it|that's right|correct)\W*)+$/;
const THANKS_START = /^\W*(?:(?:oh|ah|okay|ok|great|perfect|lovely|brilliant|right)\W+)*(?:thank|thanks|cheers|ta\b|much appreciated|appreciate)/;
/** A polite request ("I just need to change the address, please", "could you…"): the turn asks, it does not complain. */
const REQUEST = /\b(?:please|i'?d like to|i would like to|i just (?:need|want|wanted) to|(?:i|and) (?:need|want) to (?:change|update|add|book|move|cancel|close|check|order|pay|set up|get|make|switch|upgrade|downgrade|transfer|take|renew|report)|could (?:you|i)|can (?:you|i)|wondered if|wondering if|is it possible|i(?:'m| am) (?:calling|ringing|phoning|writing|messaging|contacting you) (?:to|about|regarding)|just (?:wanted|calling|ringing|checking))\b/;
const INTENSIFIERS = ['so', 'really', 'very', 'absolutely', 'completely', 'totally', 'literally', 'honestly', 'seriously', 'actually', 'basically', 'just'];
const NEGATION_WORDS = ['not', 'no', 'never', 'nothing', 'nobody', 'nowhere', 'none'];
const PROBLEM_WORDS = ['problem', 'issue', 'trouble', 'error', 'fault', 'mistake', 'wrong', 'broken', 'refund', 'charged', 'bill', 'late', 'missing', 'lost', 'cancel+ed', 'complaint', 'help'];

export const customerDistress: Detector = {
  meta: {
    id: 'customer-distress',
    description:
      'A customer turn with a negative feeling, a complaint, repeated contact or waiting, hardship or urgency, or a loss or life event (opens an opportunity); the kind is its type.',
    speaker: 'customer',
    kinds: DISTRESS_TYPES,
    lexicon: DISTRESS_CUES,
    messages: {
      fault: 'Customer complained about a fault or the way they were treated',
      repeat: 'Customer has had to contact us again or wait',
      worry: 'Customer is worried, upset or afraid',
      loss: 'Customer told of a loss or a bad life event',
      hardship: 'Customer faces hardship or urgency',
    },
  },
  create(options) {
    const added: DistressCue[] = (options.phrases?.add ?? []).map((a, i) => ({
      id: `rubric-${i + 1}`,
      pattern: a.regex ? a.text.toLowerCase() : phraseToPattern(a.text),
      kind: (DISTRESS_TYPES as readonly string[]).includes(a.kind ?? '') ? (a.kind as DistressType) : 'fault',
      family: 'complaint',
    }));
    const matcher = new PhraseMatcher<DistressCue>([...withoutRemoved(DISTRESS_CUES, options.phrases?.remove ?? []), ...added], options.literals);
    return (call) => {
      const drafts: FindingDraft[] = [];
      const lowerOnly = callFeatures(call).lowerOnly;
      const context: CallContext = { lowerOnly, opening: true, previous: 0, prior: 0, seen: 0, agent: undefined, agentAsks: undefined };
      for (let i = 0; i < call.turns.length; i++) {
        const turn = call.turns[i]!;
        if (turn.turn.role === 'agent') {
          context.agent = turn;
          context.agentAsks = undefined;
        }
        if (turn.turn.role !== 'customer') continue;
        const draft = candidate(turn, matcher, context);
        if (draft) drafts.push(draft);
      }
      return drafts;
    };
  },
};

/** What the customer's earlier turns in the call showed: distress is a state, and goes on over several turns. */
interface CallContext {
  lowerOnly: boolean;
  /** This is the customer's first turn (the reason for the call). */
  opening: boolean;
  /** Evidence strength of the customer's previous turn (0..1). */
  previous: number;
  /** Earlier customer turns with evidence, and all earlier customer turns. */
  prior: number;
  seen: number;
  /** The latest agent turn so far, and whether it asks something (worked out once for the customer turns after it). */
  agent: AnalysedTurn | undefined;
  agentAsks: boolean | undefined;
}

const NEGATIVE_EMOJI = /[\u{1F620}-\u{1F62D}\u{1F61E}\u{1F61F}\u{1F641}\u{2639}\u{1F494}\u{1F92C}\u{1F625}\u{1F630}\u{1F631}\u{1F644}\u{1F612}]|:\(|:-\(/u;

function candidate(
  turn: AnalysedTurn,
  matcher: PhraseMatcher<DistressCue>,
  context: CallContext,
): FindingDraft | undefined {
  const { words, numbers } = tokenCounts(turn);
  if (words === 0) return undefined;
  const opening = context.opening;
  const lowerOnly = context.lowerOnly;
  const previous = context.previous;
  const prior = context.seen > 0 ? context.prior / context.seen : 0;
  const text = turn.lower.trim();
  const matches = matcher.matchAll(turn.lower);
  const cues = matches.length === 0 ? matches : matches.filter((m) => !isReportedAt(turn, m.start) || m.entry.family === 'repeat');
  const vendor = vendorValence(turn);
  const affect = withVendor(affectOf(turn), vendor);
  const caps = capitalsShare(turn.text, lowerOnly);
  const exclaim = countOf(turn.text, '!');
  const emoji = NEGATIVE_EMOJI.test(turn.text);
  const doubled = /[?!]{2,}/.test(turn.text);
  const evidence = cues.length > 0 || affect.negative < 0 || caps > 0 || exclaim > 0 || emoji || doubled;
  const families = cues.length === 0 ? NO_FAMILIES : familyCounts(cues);
  const strength = Math.min(1, (families.size + (affect.negative < 0 ? 1 : 0) + (caps > 0 ? 1 : 0)) / 2);
  context.opening = false;
  context.previous = strength;
  context.seen++;
  if (evidence) context.prior++;
  if (!evidence && words < 4 && previous === 0) return undefined;
  const { negations, intensifiers, problemWords } = wordSignals(text);

  const f: Features = {};
  for (const c of cues) f[featureName('cue.', c.entry.id)] = 1;
  for (const [family, n] of families) f[featureName('family.', family)] = Math.min(n, 2);
  // Only features that are present: a zero weighs nothing in the model (nor in fitting), and costs a property.
  let v: number;
  if ((v = Math.min(families.size, 3) / 3) !== 0) f['families'] = v;
  // A short turn is usually an answer; a short turn with a complaint in it is not ("My parcel never arrived.").
  if (families.size > 0 && words <= 6) f['short-with-cue'] = 1;
  if ((v = Math.min(1, -affect.negative / 6)) !== 0) f['affect.negative'] = v;
  if ((v = -affect.min / 5) !== 0) f['affect.min'] = v;
  if ((v = Math.min(1, affect.positive / 6)) !== 0) f['affect.positive'] = v;
  if ((v = Math.min(affect.negativeWords, 3) / 3) !== 0) f['affect.negativeWords'] = v;
  if (caps !== 0) f['capitals'] = caps;
  if ((v = Math.min(exclaim, 3) / 3) !== 0) f['exclamations'] = v;
  if (endsWithQuestion(text)) f['question'] = 1;
  if ((v = Math.min(negations, 3) / 3) !== 0) f['negations'] = v;
  if ((v = Math.min(intensifiers, 3) / 3) !== 0) f['intensifiers'] = v;
  if ((v = Math.log1p(words) / 4) !== 0) f['words'] = v;
  if (SHORT_REPLY.test(text)) f['short-reply'] = 1;
  if (THANKS_START.test(text)) f['thanks'] = 1;
  if (REQUEST.test(text)) f['request'] = 1;
  if (opening) f['opening'] = 1;
  if (problemWords) f['problem-words'] = 1;
  if ((v = numbers / Math.max(1, turn.tokens.length)) !== 0) f['digits'] = v;
  if (previousAgentAsks(context)) f['answers-question'] = 1;
  if (previous !== 0) f['context.previous'] = previous;
  if (prior !== 0) f['context.prior'] = prior;
  if (emoji) f['emoji.negative'] = 1;
  if (doubled) f['doubled-marks'] = 1;

  const top = strongest(cues);
  const sentence = top ? sentenceAt(turn, top.start) : undefined;
  const start = sentence ? sentence.start : turn.text.length - turn.text.trimStart().length;
  const end = sentence ? sentence.end : turn.text.trimEnd().length;
  const draft: FindingDraft = {
    kind: top ? top.entry.kind : affect.negative < 0 ? 'worry' : 'fault',
    turn: turn.turn.index,
    span: [start, Math.max(start, end)],
    rule: `customer-distress.${top ? top.entry.id : affect.negative - vendor < 0 ? 'affect' : vendor < 0 ? 'vendor-sentiment' : 'context'}`,
    confidence: 0,
    features: f,
  };
  const kinds = cues.length > 1 ? [...new Set(cues.map((c) => c.entry.kind))].sort() : [];
  if (kinds.length > 1) draft.attributes = { cues: kinds.join(',') };
  const sentiment = turn.turn.sentiment;
  if (sentiment && vendor < 0) draft.attributes = { ...draft.attributes, sentiment: `${sentiment.label} (${sentiment.source})` };
  return draft;
}

/**
 * The vendor's own sentiment of the turn (Contact Lens, Transcribe, Genesys), read as one more rated word on AFINN's
 * scale: NEGATIVE as a clearly negative word (-2, AFINN's "bad", "problem"), MIXED as a mildly negative one (-1). So it
 * adds to the affect features the model was fitted on, as evidence beside the text, and can never stand alone for a
 * cue. (No labelled call carries vendor sentiment, so it cannot have a fitted weight of its own.)
 */
const VENDOR_VALENCE: Readonly<Record<string, number>> = { NEGATIVE: -2, MIXED: -1 };

function vendorValence(turn: AnalysedTurn): number {
  const label = turn.turn.sentiment?.label;
  return label === undefined ? 0 : (VENDOR_VALENCE[label] ?? 0);
}

function withVendor(affect: Affect, vendor: number): Affect {
  if (vendor === 0) return affect;
  return { ...affect, negative: affect.negative + vendor, min: Math.min(affect.min, vendor), negativeWords: affect.negativeWords + 1 };
}

/**
 * Words and numbers among the turn's tokens (counted, not collected: this runs on every customer turn). Numbers read
 * out in speech-to-text ("eight eight two oh one") count as numbers, like their digits in chat.
 */
function tokenCounts(turn: AnalysedTurn): { words: number; numbers: number } {
  let words = 0;
  let numbers = 0;
  for (const t of turn.tokens) {
    if (t.isWord) words++;
    if (t.isNumber || t.isNumberWord) numbers++;
  }
  return { words, numbers };
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function strongest(cues: readonly PhraseMatch<DistressCue>[]): PhraseMatch<DistressCue> | undefined {
  let best: PhraseMatch<DistressCue> | undefined;
  for (const c of cues) {
    if (!best || TYPE_PRIORITY.indexOf(c.entry.kind) < TYPE_PRIORITY.indexOf(best.entry.kind)) best = c;
  }
  return best;
}

const TWO_CAPITALS = /[A-Z]{2}/;
const PLAIN_WORD = /^[A-Za-z]+(?:'[A-Za-z]+)?$/;
const EDGE_PUNCTUATION = /^[^A-Za-z0-9']+|[^A-Za-z0-9']+$/g;
const VOWEL = /[AEIOUY]/;

/**
 * Share of the words written in capitals, plus 0.2, in a call that uses lower case at all; 0 when none is. A word is a
 * run of letters between spaces: codes, postcodes and references ("QX7P2L", "LS8 3QP", "RA-20394-ES") are not words.
 * A capitalised word is shouting or emphasis ("I said I've MOVED", "we PAID for it") unless it is an abbreviation: no
 * vowel ("LTD", "SMS"), a listed one ("PIN", "VAT"), or a two-letter token that is not a listed word ("NO", "MY" are).
 */
function capitalsShare(text: string, lowerOnly: boolean): number {
  if (lowerOnly || !TWO_CAPITALS.test(text)) return 0;
  let words = 0;
  let upper = 0;
  for (const raw of text.split(/\s+/)) {
    const word = raw.replace(EDGE_PUNCTUATION, '');
    if (!PLAIN_WORD.test(word)) continue;
    words++;
    if (isShouted(word)) upper++;
  }
  return upper === 0 ? 0 : Math.min(1, upper / words + 0.2);
}

function isShouted(word: string): boolean {
  if (word !== word.toUpperCase()) return false;
  const letters = word.replace("'", '');
  if (letters.length < 2 || NOT_SHOUTED.has(letters)) return false;
  if (letters.length === 2) return SHOUTED_TWO_LETTER_WORDS.has(letters);
  return VOWEL.test(letters);
}

const AGENT_ASKS = /\b(?:can|could|may) i (?:take|have|get)|\bwhat(?:'s| is) (?:your|the)\b/;

/** The agent's latest turn before this customer turn asks something (a question, "can I take your…"). */
function previousAgentAsks(context: CallContext): boolean {
  const agent = context.agent;
  if (agent === undefined) return false;
  context.agentAsks ??= endsWithQuestion(agent.text) || AGENT_ASKS.test(agent.lower);
  return context.agentAsks;
}

const NO_FAMILIES: ReadonlyMap<string, number> = new Map();

/** How many cues of each family, in the order the families first appear (the order of the family features). */
function familyCounts(cues: readonly PhraseMatch<DistressCue>[]): Map<string, number> {
  const families = new Map<string, number>();
  for (const c of cues) families.set(c.entry.family, (families.get(c.entry.family) ?? 0) + 1);
  return families;
}

/** One pass for the three word lists (every match is a whole word, \b to \b; only negation has "n't" as well). */
const SIGNAL_WORDS = new RegExp(`\\b(?:${[...INTENSIFIERS, ...NEGATION_WORDS, ...PROBLEM_WORDS].join('|')})\\b|n'?t\\b`, 'g');
const INTENSIFIER_SET: ReadonlySet<string> = new Set(INTENSIFIERS);
const NEGATION_SET: ReadonlySet<string> = new Set(NEGATION_WORDS);

/** \w of a regex without the u flag. */
function isRegexWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

export interface WordSignals {
  /** Matches of /\b(?:not|no|never|nothing|nobody|nowhere|none)\b|n'?t\b/g. */
  negations: number;
  /** Matches of /\b(?:so|really|very|…|just)\b/g. */
  intensifiers: number;
  /** /\b(?:problem|issue|…|help)\b/ matches. */
  problemWords: boolean;
}

/**
 * The counts the three separate regexes give, from one scan of the text (each used to be a pass over every customer
 * turn). The lists' words are disjoint and each match is a whole \w-run, so one alternation finds every word match of
 * each list. What it cannot see is a negation "n't" / "nt" overlapping an intensifier or problem word it has consumed
 * ("complaint" ends in "nt", "broken't"): those are counted from the word's tail, as the negation regex alone would.
 */
export function wordSignals(text: string): WordSignals {
  let negations = 0;
  let intensifiers = 0;
  let problemWords = false;
  const regex = SIGNAL_WORDS;
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(text)) !== null) {
    const word = m[0];
    if (NEGATION_SET.has(word) || word === "n't" || word === 'nt') {
      negations++;
      continue;
    }
    if (INTENSIFIER_SET.has(word)) intensifiers++;
    else problemWords = true;
    const end = m.index + word.length;
    if (word.endsWith('nt')) negations++;
    else if (word.endsWith('n') && text.charCodeAt(end) === 39 && text.charCodeAt(end + 1) === 116 && !isRegexWordChar(text.charCodeAt(end + 2))) negations++;
  }
  return { negations, intensifiers, problemWords };
}

/**
 * `(text.match(regex) ?? []).length` for a global regex that cannot match the empty string, without the array of
 * matched strings: test() steps through the same matches.
 */
export function matchCount(text: string, regex: RegExp): number {
  regex.lastIndex = 0;
  let n = 0;
  while (regex.test(text)) n++;
  return n;
}

