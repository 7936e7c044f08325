// Linguistic context checks shared by detectors: negation, reported speech, sentence boundaries.
import { stem, type AnalysedTurn, type Sentence, type Token } from '../nlp/analyse.js';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'nobody', 'nothing', 'without', 'hardly', 'neither', 'nor']);
/** Reporting verbs, compared by stem so every inflection counts ("says", "asked", "mentioning"; "told" via its lemma). */
const REPORTING_STEMS = new Set(['say', 'tell', 'ask', 'write', 'text', 'shout', 'yell', 'mention', 'claim'].map(stem));

/**
 * `/\?\s*$/.test(text)` without the regex: the text ends in a question mark, whitespace after it aside (the same
 * whitespace as `\s` and trim()). Asked of nearly every turn and candidate.
 */
export function endsWithQuestion(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i >= 0 && text.charCodeAt(i) === 0x3f;
}

/** JavaScript's `\s`: WhiteSpace and LineTerminator. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function sentenceAt(turn: AnalysedTurn, offset: number): Sentence | undefined {
  const { sentences } = turn;
  const contains = (s: Sentence): boolean => offset >= s.start && offset < Math.max(s.end, s.start + 1);
  // Sentences come in text order: binary-search the last one starting at or before offset, so a huge turn with
  // thousands of sentences and matches stays linear overall (a scan per match was quadratic).
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const candidate = sentences[lo - 1];
  if (candidate && contains(candidate)) return candidate;
  for (const s of sentences) if (contains(s)) return s;
  return sentences[sentences.length - 1];
}

/** Index of the first token that starts at or after `offset`. */
export function tokenIndexAt(turn: AnalysedTurn, offset: number): number {
  const { tokens } = turn;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to `count` word tokens before `offset`, within the same sentence, nearest last. */
export function wordsBefore(turn: AnalysedTurn, offset: number, count: number): Token[] {
  const sentence = sentenceAt(turn, offset);
  const first = sentence ? sentence.firstToken : 0;
  const out: Token[] = [];
  for (let i = tokenIndexAt(turn, offset) - 1; i >= first && out.length < count; i--) {
    const t = turn.tokens[i]!;
    if (t.isWord) out.unshift(t);
    else if (t.lower === ',' || t.lower === ';' || t.lower === '—' || t.lower === '-') break;
  }
  return out;
}

/** A negator in the `window` words before the phrase, in the same clause ("I'm not sorry", "no need to apologise"). */
export function isNegatedAt(turn: AnalysedTurn, start: number, window = 3): boolean {
  // One extra word of context so "oh no, I'm so sorry" can be told from "no need to apologise".
  const words = wordsBefore(turn, start, window + 1);
  for (let i = Math.max(0, words.length - window); i < words.length; i++) {
    const t = words[i]!;
    if (!NEGATORS.has(t.lemma) && !NEGATORS.has(t.lower)) continue;
    if (t.lower === 'no' && i > 0 && INTERJECTIONS.has(words[i - 1]!.lower)) continue;
    return true;
  }
  return false;
}

const QUOTATIVE_BEFORE = /(?:'s|'m|'re|\bis|\bam|\bare|\bwas|\bwere) (?:just |all |kind of |kinda )?like,?\s*(?:(?:oh|ah|well|wow|um|uh|yeah|no)[,!.]?\s*)?$/;
const INTERJECTIONS = new Set(['oh', 'ah', 'uh', 'aw', 'ohh']);

/** Quoted or reported speech: inside double quotes, or after say/tell/ask in the same clause ("she said sorry"). */
export function isReportedAt(turn: AnalysedTurn, start: number): boolean {
  const sentence = sentenceAt(turn, start);
  const from = sentence ? sentence.start : 0;
  const before = turn.text.slice(from, start);
  if ((before.match(/"/g) ?? []).length % 2 === 1) return true;
  // Two words more than the reporting window, to see what stands before a reporting verb.
  const words = wordsBefore(turn, start, 5);
  // Quotative "he's like", "I was like, oh, …", "she goes"
  if (QUOTATIVE_BEFORE.test(turn.lower.slice(from, start))) return true;
  const n = words.length;
  if (n >= 1 && (words[n - 1]!.lower === 'goes' || words[n - 1]!.lower === 'went') && n >= 2 && /^(?:he|she|they|i|and)$/.test(words[n - 2]!.lower)) return true;
  for (let i = Math.max(0, n - 3); i < n; i++) {
    if (REPORTING_STEMS.has(words[i]!.stem) && !speaksForSelf(words, i)) return true;
  }
  return false;
}

/**
 * "I want to say", "I must say", "I can tell", "let me say": the speaker's own voice (or perception), not a report of
 * what someone else said.
 */
function speaksForSelf(words: readonly Token[], verb: number): boolean {
  let i = verb - 1;
  if (i >= 0 && STANCE_ADVERBS.has(words[i]!.lower)) i--;
  return i >= 0 && OWN_VOICE_BEFORE_REPORTING.has(words[i]!.lower);
}

const OWN_VOICE_BEFORE_REPORTING = new Set(['to', 'can', 'could', 'must', 'will', "'ll", 'shall', 'me']);
const STANCE_ADVERBS = new Set(['really', 'already', 'just', 'honestly', 'truly', 'definitely', 'certainly', 'only', 'clearly', 'simply']);

export function clamp01(x: number): number {
  return Math.max(0, Math.min(1, Math.round(x * 100) / 100));
}
