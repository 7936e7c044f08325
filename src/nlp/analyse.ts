// The only importer of wink-nlp and natural: turns text into sentences and tokens with character offsets,
// lemmas, stems and POS, once per turn, shared by every detector.
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
// natural's root pulls in database clients and dotenv output; import only the stemmer submodule.
import PorterStemmerModule from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type { Transcript, Turn } from '../types.js';

export interface Token {
  /** Surface form as in the turn text. */
  text: string;
  /** Lower-cased, curly apostrophes straightened. */
  lower: string;
  lemma: string;
  stem: string;
  pos: string;
  isWord: boolean;
  isStopWord: boolean;
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
}

export interface AnalysedCall {
  transcript: Transcript;
  turns: AnalysedTurn[];
}

type WinkInstance = ReturnType<typeof winkNLP>;
let nlpInstance: WinkInstance | undefined;

const require = createRequire(import.meta.url);

function nlp(): WinkInstance {
  // Loaded on first use (commands that never analyse text — formats, rubric — skip its ~150 ms) and once per
  // process/worker; sentence boundaries and POS are all the detectors need (negation is checked per phrase in
  // detectors/context.ts, where the scope can be bounded to the clause).
  if (!nlpInstance) {
    const load = require('wink-nlp') as typeof winkNLP;
    nlpInstance = load(require('wink-eng-lite-web-model'), ['sbd', 'pos']);
  }
  return nlpInstance;
}

const stemmer = PorterStemmerModule as unknown as { stem(word: string): string };
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer.stem(word);
    if (stemCache.size < 50000) stemCache.set(word, s);
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

export function analyseTurn(turn: Turn): AnalysedTurn {
  const text = normaliseQuotes(turn.text);
  const lower = lowerSameLength(text);
  // Pathological turns (a 5 MB line) are analysed on their head only; detectors still see offsets into the text.
  const analysed = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  const instance = nlp();
  const its = instance.its;
  const doc = instance.readDoc(analysed);
  // Whole-document columns in one call each: far cheaper than an item object and five out() calls per token.
  const all = doc.tokens();
  const values = all.out() as string[];
  const types = all.out(its.type) as string[];
  const lemmas = all.out(its.lemma as unknown as typeof its.value) as string[];
  const tags = all.out(its.pos) as string[];
  const stops = all.out(its.stopWordFlag) as unknown as boolean[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let cursor = 0;
  for (const [first, last] of spans) {
    const sentenceIndex = sentences.length;
    const firstToken = tokens.length;
    for (let i = first; i <= last; i++) {
      const value = values[i]!;
      let at = analysed.indexOf(value, cursor);
      if (at < 0 || at - cursor > 64) at = cursor; // wink normalised the form; keep offsets monotonic
      const end = Math.min(analysed.length, at + value.length);
      cursor = end;
      const tokenLower = value.toLowerCase();
      const isWord = types[i] === 'word';
      const lemma = String(lemmas[i]).toLowerCase();
      tokens.push({
        text: value,
        lower: tokenLower,
        lemma,
        stem: isWord ? stem(lemma) : tokenLower,
        pos: tags[i]!,
        isWord,
        isStopWord: Boolean(stops[i]),
        start: at,
        end,
        sentence: sentenceIndex,
      });
    }
    if (tokens.length > firstToken) {
      sentences.push({
        start: tokens[firstToken]!.start,
        end: tokens[tokens.length - 1]!.end,
        firstToken,
        endToken: tokens.length,
      });
    }
  }
  if (analysed.length < text.length) sentences.push(...tailSentences(text, sentences[sentences.length - 1]?.end ?? 0, tokens.length));
  return { turn, text, lower, tokens, sentences };
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
