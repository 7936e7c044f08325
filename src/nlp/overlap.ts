// Content-word overlap between an agent turn and the customer's preceding words (paraphrase evidence).
import { HESITATIONS } from './fillers.js';
import { isCacheable, MAX_CACHED_WORDS, stem, type AnalysedTurn, type Token } from './analyse.js';

/** Small curated synonym sets: every member maps to the set's first word's stem. */
const SYNONYM_SETS: readonly (readonly string[])[] = [
  ['charge', 'bill', 'fee', 'payment', 'cost', 'price', 'invoice', 'debit'],
  ['broken', 'faulty', 'dead', 'defective', 'damaged'],
  ['parcel', 'package', 'delivery', 'order', 'shipment'],
  ['cancel', 'terminate', 'end', 'close', 'stop', 'quit'],
  ['money', 'cash', 'funds', 'savings'],
  ['internet', 'connection', 'wifi', 'broadband', 'router', 'signal', 'network'],
  ['phone', 'mobile', 'cell', 'handset'],
  ['worried', 'anxious', 'concerned', 'nervous', 'scared', 'afraid', 'fear', 'worry', 'anxiety', 'panic'],
  ['angry', 'mad', 'furious', 'annoyed', 'irritated', 'frustrated', 'frustrating'],
  ['sad', 'down', 'depressed', 'unhappy', 'miserable', 'low', 'lonely'],
  ['job', 'work', 'employment', 'career', 'boss', 'office'],
  ['wife', 'husband', 'partner', 'spouse', 'girlfriend', 'boyfriend'],
  ['kid', 'child', 'children', 'son', 'daughter'],
  ['doctor', 'gp', 'physician', 'nurse'],
  ['drink', 'alcohol', 'drinking', 'beer', 'wine', 'booze'],
  ['smoke', 'cigarette', 'smoking', 'tobacco', 'vape'],
  ['tired', 'exhausted', 'drained', 'worn'],
  ['stress', 'stressed', 'pressure', 'overwhelmed', 'overwhelm'],
  ['refund', 'reimburse', 'reimbursement', 'repay', 'compensation'],
  ['late', 'delayed', 'delay', 'overdue'],
  ['error', 'mistake', 'wrong', 'problem', 'issue', 'fault', 'glitch'],
  ['buy', 'purchase', 'bought'],
  ['help', 'support', 'assist', 'assistance'],
  ['lose', 'lost', 'missing'],
  ['friend', 'mate', 'buddy', 'pal'],
  ['hard', 'difficult', 'tough', 'struggle', 'struggling'],
  ['happy', 'glad', 'pleased'],
  ['quit', 'stop', 'give up', 'cut down', 'reduce'],
  ['twice', 'two', 'double', 'duplicate'],
];

const CANONICAL = new Map<string, string>();
for (const set of SYNONYM_SETS) {
  const head = stem(set[0]!);
  for (const word of set) if (!word.includes(' ')) CANONICAL.set(stem(word), head);
}

/** Frequent conversational words that carry no content even when tagged as nouns or verbs. */
const FILLER = new Set<string>([
  ...HESITATIONS, 'mm', 'yeah', 'yes', 'yep', 'no', 'nope', 'okay', 'ok', 'oh', 'ah', 'well', 'like', 'know',
  'mean', 'think', 'guess', 'just', 'really', 'kind', 'sort', 'thing', 'things', 'stuff', 'get', 'got', 'go', 'going', 'be',
  'have', 'do', 'say', 'said', 'tell', 'lot', 'lots', 'bit', 'right', 'sure', 'actually', 'basically', 'maybe', 'gonna',
  'wanna', 'want', 'let', 'make', 'see', 'look', 'come', 'way', 'time', 'something', 'anything', 'everything', 'one',
  'also', 'very', 'still', 'even', 'much', 'many', 'back', 'now', 'then', 'there', 'here', 'good', 'great', 'fine',
  'huh', 'uhhuh', 'hi', 'hello', 'thank', 'thanks', 'please', 'sorry', 'feel', 'feeling', 'felt', 'need', 'try', 'use',
  'would', 'could', 'should', 'might', 'will', 'can', 'people', 'person', 'somebody', 'someone', 'anyone', 'kinda', 'sorta',
]);

export interface ContentWord {
  key: string;
  token: Token;
}

/** A turn's content words and, per key, the first token with it: worked out once per analysed turn. */
export interface TurnContent {
  words: ContentWord[];
  firstByKey: Map<string, Token>;
}

function turnContent(turn: AnalysedTurn): TurnContent {
  let content = turn.content;
  if (content === undefined) {
    const words = computeContentWords(turn);
    const firstByKey = new Map<string, Token>();
    for (const w of words) if (!firstByKey.has(w.key)) firstByKey.set(w.key, w.token);
    content = { words, firstByKey };
    turn.content = content;
  }
  return content;
}

/**
 * Content words of a turn, keyed by canonical stem (numbers by their digits). Memoised per analysed turn: the
 * paraphrase detector asks again for every agent turn whose window holds the same customer turns. The array is
 * shared: callers must not mutate it.
 */
export function contentWords(turn: AnalysedTurn): ContentWord[] {
  return turnContent(turn).words;
}

function computeContentWords(turn: AnalysedTurn): ContentWord[] {
  const out: ContentWord[] = [];
  for (const token of turn.tokens) {
    if (token.isNumber) {
      if (isRedactionToken(turn.text, token)) continue;
      out.push({ key: `#${token.lower.replace(/[^\d]/g, '')}`, token });
      continue;
    }
    if (!token.isWord || token.isFunctionWord) continue;
    const key = wordKey(token);
    if (key === null || isRedactionToken(turn.text, token)) continue;
    out.push({ key, token });
  }
  return out;
}

/** Content key of a word (null for short words and filler), by its lower-cased form: the same for every occurrence. */
const wordKeys = new Map<string, string | null>();

function wordKey(token: Token): string | null {
  let key = wordKeys.get(token.lower);
  if (key === undefined) {
    key = token.lower.length < 3 || FILLER.has(token.lemma) || FILLER.has(token.lower) ? null : (CANONICAL.get(token.stem) ?? token.stem);
    if (wordKeys.size < MAX_CACHED_WORDS && isCacheable(token.lower)) wordKeys.set(token.lower, key);
  }
  return key;
}

/** "[PII]", "[NAME]", "<PII>": masked personal data is opaque, never evidence that the agent echoed the customer. */
function isRedactionToken(text: string, token: Token): boolean {
  const before = text[token.start - 1];
  const after = text[token.end];
  return (before === '[' && after === ']') || (before === '<' && after === '>');
}

export interface OverlapResult {
  /** Distinct content keys of the agent text. */
  agentContent: number;
  /** Distinct keys shared with the customer turns (after discounting the agent's own earlier words). */
  shared: string[];
  ratio: number;
  /** Customer tokens that were echoed (evidence). */
  echoed: { turn: AnalysedTurn; token: Token }[];
}

/**
 * Whether at least `minimum` distinct keys of `agent` occur in the customer turns, before discounting the agent's own
 * earlier words: a cheap test that contentOverlap cannot reach `minimum` shared keys.
 */
/** Distinct content keys of the customer turns together (no set built for the usual single turn). */
export function distinctContentKeys(customerTurns: readonly AnalysedTurn[]): number {
  if (customerTurns.length === 1) return turnContent(customerTurns[0]!).firstByKey.size;
  const keys = new Set<string>();
  for (const t of customerTurns) for (const key of turnContent(t).firstByKey.keys()) keys.add(key);
  return keys.size;
}

export function mayShare(agent: readonly ContentWord[], customerTurns: readonly AnalysedTurn[], minimum: number): boolean {
  if (agent.length < minimum) return false;
  // `minimum` is small (2): a short array beats a Set built for every agent turn.
  const found: string[] = [];
  for (const w of agent) {
    if (found.includes(w.key)) continue;
    for (const t of customerTurns) {
      if (!turnContent(t).firstByKey.has(w.key)) continue;
      found.push(w.key);
      if (found.length >= minimum) return true;
      break;
    }
  }
  return false;
}

export function contentOverlap(
  agent: readonly ContentWord[],
  customerTurns: AnalysedTurn[],
  agentEarlierKeys: ReadonlySet<string>,
): OverlapResult {
  const agentKeys = new Set(agent.map((w) => w.key));
  const indexes = customerTurns.map(turnContent);
  const shared: string[] = [];
  const echoed: { turn: AnalysedTurn; token: Token }[] = [];
  for (const key of agentKeys) {
    if (agentEarlierKeys.has(key)) continue;
    // The first customer turn (in the order given) that has the key, and its first token with it.
    for (let i = 0; i < indexes.length; i++) {
      const token = indexes[i]!.firstByKey.get(key);
      if (token === undefined) continue;
      shared.push(key);
      echoed.push({ turn: customerTurns[i]!, token });
      break;
    }
  }
  return { agentContent: agentKeys.size, shared, ratio: agentKeys.size ? shared.length / agentKeys.size : 0, echoed };
}
