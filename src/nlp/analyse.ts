// Turns text into sentences and tokens with character offsets, lemmas, stems and word classes, once per turn,
// shared by every detector. The only importer of natural (its Porter stemmer submodule).
//
// Tokens come from our own linear tokeniser (src/nlp/tokenize.ts) and word classes from plain tables
// (src/nlp/lexicon.ts), cached per distinct word. wink-nlp did this job first; profiling put its tokeniser, POS tagger
// and lemmatiser at ~60% of scoring time (≈5.7 ms of ≈11 ms per 1,500-word call) plus ~0.25 s of model loading at
// start-up, while the detectors only ever needed sentences, tokens, a handful of closed-class lemmas and a
// content-word filter (see bench/README.md for the before/after figures).
// natural's root pulls in database clients and dotenv output; import only the stemmer submodule.
import PorterStemmerModule from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type { Transcript, Turn } from '../types.js';
import { affectValence, negatesAffect, valence } from './affect.js';
import { FUNCTION_WORDS, IRREGULAR_LEMMAS, NUMBER_WORDS, STOP_WORDS } from './lexicon.js';
import type { TurnContent } from './overlap.js';
import { splitSentences, tokenize } from './tokenize.js';

export interface Token {
  /** Lower-cased, curly apostrophes straightened. */
  lower: string;
  lemma: string;
  stem: string;
  isWord: boolean;
  isNumber: boolean;
  /** A number word as speech-to-text writes digits ("eight eight two oh one"): src/nlp/lexicon.ts NUMBER_WORDS. */
  isNumberWord: boolean;
  isStopWord: boolean;
  /** Stop word, interjection, pronoun or preposition: never content. */
  isFunctionWord: boolean;
  /** AFINN valence (src/nlp/affect.ts) of the word and of its lemma, 0 for unrated words and non-words. */
  valence: number;
  lemmaValence: number;
  /** What affect (src/nlp/affect.ts) reads of a word: its valence, else its lemma's; and whether it negates. */
  affectValence: number;
  negatesAffect: boolean;
  start: number;
  end: number;
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [firstToken, endToken). */
  firstToken: number;
  endToken: number;
}

export interface AnalysedTurn {
  turn: Turn;
  /** Turn text with curly quotes straightened; same length as turn.text so offsets carry over. */
  text: string;
  lower: string;
  tokens: Token[];
  sentences: Sentence[];
  /** Content words for overlap (src/nlp/overlap.ts), filled in on first use. */
  content: TurnContent | undefined;
}

export interface AnalysedCall {
  transcript: Transcript;
  turns: AnalysedTurn[];
}

const stemmer = PorterStemmerModule as unknown as { stem(word: string): string };
const stemCache = new Map<string, string>();
export const MAX_CACHED_WORDS = 30000;
const HAS_DIGIT = /\d/;

/**
 * Words with a digit (order numbers, account ids, postcodes) are almost all new in every call: cached, they filled
 * the caches with one-offs and grew each thread's heap for the first 100k calls of a run. Every other word in the
 * 100k-call bench corpus is among 910 distinct ones.
 */
export function isCacheable(word: string): boolean {
  return !HAS_DIGIT.test(word);
}

export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer.stem(word);
    if (stemCache.size < MAX_CACHED_WORDS && isCacheable(word)) stemCache.set(word, s);
  }
  return s;
}

/** Straightens typographic quotes without changing string length. */
export function normaliseQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC]/g, "'").replace(/[\u201C\u201D]/g, '"');
}

const MAX_ANALYSED_CHARS = 20000;

/** Lower-cases without changing length ("İ" lower-cases to two code units), so offsets into `lower` fit `text`. */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

interface WordInfo {
  lemma: string;
  stem: string;
  isStopWord: boolean;
  isFunctionWord: boolean;
  valence: number;
  lemmaValence: number;
  affectValence: number;
  negatesAffect: boolean;
  isNumberWord: boolean;
}

const wordInfoCache = new Map<string, WordInfo>();

/**
 * Lemma, stem, word class and valence of a lower-cased word, computed once per distinct word (the affect features
 * read every word's valence, several times per turn).
 */
function wordInfo(lower: string): WordInfo {
  let info = wordInfoCache.get(lower);
  if (info === undefined) {
    const lemma = IRREGULAR_LEMMAS.get(lower) ?? lower;
    const isStopWord = STOP_WORDS.has(lower);
    info = {
      lemma,
      stem: stem(lemma),
      isStopWord,
      isFunctionWord: isStopWord || FUNCTION_WORDS.has(lower),
      valence: valence(lower),
      lemmaValence: valence(lemma),
      affectValence: affectValence(lower, lemma),
      negatesAffect: negatesAffect(lower),
      isNumberWord: NUMBER_WORDS.has(lower),
    };
    if (wordInfoCache.size < MAX_CACHED_WORDS && isCacheable(lower)) wordInfoCache.set(lower, info);
  }
  return info;
}

/**
 * A token of an analysed turn. What depends only on the word (lemma, stem, class, valence) is read from its WordInfo,
 * shared by every occurrence of the word, rather than copied into each token: tokens are most of a call's analysis,
 * and half their size was those copies. Punctuation and numbers have no WordInfo: their lemma and stem are themselves.
 */
class AnalysedToken implements Token {
  constructor(
    readonly lower: string,
    private readonly info: WordInfo | undefined,
    readonly isNumber: boolean,
    readonly start: number,
    readonly end: number,
    readonly sentence: number,
  ) {}

  get isWord(): boolean {
    return this.info !== undefined;
  }
  get lemma(): string {
    return this.info === undefined ? this.lower : this.info.lemma;
  }
  get stem(): string {
    return this.info === undefined ? this.lower : this.info.stem;
  }
  get isStopWord(): boolean {
    return this.info === undefined ? false : this.info.isStopWord;
  }
  get isFunctionWord(): boolean {
    return this.info === undefined ? true : this.info.isFunctionWord;
  }
  get valence(): number {
    return this.info === undefined ? 0 : this.info.valence;
  }
  get lemmaValence(): number {
    return this.info === undefined ? 0 : this.info.lemmaValence;
  }
  get affectValence(): number {
    return this.info === undefined ? 0 : this.info.affectValence;
  }
  get negatesAffect(): boolean {
    return this.info === undefined ? false : this.info.negatesAffect;
  }
  get isNumberWord(): boolean {
    return this.info === undefined ? false : this.info.isNumberWord;
  }
}

export function analyseTurn(turn: Turn): AnalysedTurn {
  const text = normaliseQuotes(turn.text);
  const lower = lowerSameLength(text);
  // Pathological turns (a 5 MB line) are analysed on their head only; detectors still see offsets into the text.
  const analysed = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  const raw = tokenize(analysed);
  const tokens: Token[] = new Array(raw.length);
  const sentences: Sentence[] = [];
  for (const { firstToken, endToken } of splitSentences(analysed, raw)) {
    const sentenceIndex = sentences.length;
    for (let i = firstToken; i < endToken; i++) {
      const { start, end, type } = raw[i]!;
      const tokenLower = lower.slice(start, end);
      tokens[i] = new AnalysedToken(tokenLower, type === 'word' ? wordInfo(tokenLower) : undefined, type === 'number', start, end, sentenceIndex);
    }
    sentences.push({ start: raw[firstToken]!.start, end: raw[endToken - 1]!.end, firstToken, endToken });
  }
  if (analysed.length < text.length) sentences.push(...tailSentences(text, sentences[sentences.length - 1]?.end ?? 0, tokens.length));
  return { turn, text, lower, tokens, sentences, content: undefined };
}

/** Longest token-less sentence cut from an unanalysed tail (keeps detectors' sentence windows bounded). */
const MAX_TAIL_SENTENCE = 1000;

/**
 * Sentences (without tokens) for the text past the analysed head, split at `.!?` and at most MAX_TAIL_SENTENCE long,
 * so detectors looking at "the sentence around a match" never scan megabytes per match (quadratic on a 5 MB line).
 */
function tailSentences(text: string, from: number, tokenCount: number): Sentence[] {
  const out: Sentence[] = [];
  let start = from;
  while (start < text.length) {
    while (start < text.length && /\s/.test(text[start]!)) start++;
    if (start >= text.length) break;
    const window = text.slice(start, start + MAX_TAIL_SENTENCE);
    const m = /[.!?]+(?=\s|$)/.exec(window);
    const end = start + (m ? m.index + m[0].length : window.length);
    out.push({ start, end, firstToken: tokenCount, endToken: tokenCount });
    start = end;
  }
  return out;
}

export function analyseCall(transcript: Transcript): AnalysedCall {
  return { transcript, turns: transcript.turns.map(analyseTurn) };
}
