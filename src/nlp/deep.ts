// Deep linguistic analysis with wink-nlp (wink-eng-lite-web-model): part-of-speech tags, negation, sentiment and
// DATE/TIME/DURATION entities. It costs ~0.2 ms per sentence and ~0.3 s to load, so it runs only on the text a fast
// scan has selected (a candidate's sentence, a customer turn with distress evidence), and the model loads on first use,
// once per thread. Like analyse.ts for natural, this is the only importer of wink-nlp.
import { createRequire } from 'node:module';

export interface DeepAnalysis {
  /** wink-nlp sentiment, -1..1 (AFINN-style lexicon with negation, emoji and emoticons). */
  sentiment: number;
  /** Entity types found (DATE, TIME, DURATION, …). */
  entities: ReadonlySet<string>;
  /** Part of speech of the first word (VERB at the start: an imperative or a dropped subject). */
  firstPos: string;
  /** Person of the first pronoun before the first verb: the clause's subject. */
  subject: 'first' | 'second' | 'third' | 'none';
  /** A negation (not, never, n't, no) governs some word of the text. */
  negated: boolean;
  /** A modal or future auxiliary (will, 'll, must, would, could, might, should, going to). */
  modal: boolean;
}

interface WinkDoc {
  out(what: unknown): unknown;
  tokens(): { out(what: unknown): unknown[] };
  entities(): { out(what: unknown): unknown[] };
}
interface Wink {
  readDoc(text: string): WinkDoc;
  its: Record<string, unknown>;
}

let wink: Wink | undefined;

function load(): Wink {
  if (!wink) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: unknown, pipes: string[]) => Wink;
    const model = require('wink-eng-lite-web-model') as unknown;
    wink = winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos', 'ner']);
  }
  return wink;
}

const cache = new Map<string, DeepAnalysis>();
const MAX_CACHED = 5000;
const MAX_CHARS = 1200;
const FIRST = new Set(['i', 'we', "i'm", "i've", "i'd", "i'll", "we're", "we've", "we'll"]);
const SECOND = new Set(['you', "you're", "you've", "you'd", "you'll", 'u', 'ya']);
const MODALS = new Set(['will', "'ll", 'must', 'would', "'d", 'could', 'might', 'should', 'shall', 'may', 'can', 'gonna']);

/** Deep analysis of a short text (a sentence or a turn; longer texts are analysed on their first 1,200 characters). */
export function deepAnalyse(text: string): DeepAnalysis {
  const key = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  let result = cache.get(key);
  if (result) return result;
  const nlp = load();
  const its = nlp.its;
  const doc = nlp.readDoc(key.replace(/\b(i|you|we|they|he|she|it|that)'(m|re|ve|ll|d|s)\b/gi, "$1 '$2"));
  const words = doc.tokens().out(its.normal) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const negation = doc.tokens().out(its.negationFlag) as boolean[];
  let subject: DeepAnalysis['subject'] = 'none';
  let modal = false;
  let firstPos = '';
  for (let i = 0; i < words.length; i++) {
    const p = pos[i]!;
    if (p === 'PUNCT' || p === 'SPACE' || p === 'INTJ') continue;
    if (!firstPos) firstPos = p;
    if (MODALS.has(words[i]!)) modal = true;
    if (subject === 'none' && (p === 'VERB' || p === 'AUX')) {
      const prev = words.slice(Math.max(0, i - 2), i).reverse().find((_, k) => pos[i - 1 - k] === 'PRON');
      if (prev !== undefined) subject = FIRST.has(prev) ? 'first' : SECOND.has(prev) ? 'second' : 'third';
      else if (i > 0) subject = 'third';
    }
  }
  if (!modal && /\bgoing to\b/.test(key.toLowerCase())) modal = true;
  result = {
    sentiment: Number(doc.out(its.sentiment)) || 0,
    entities: new Set((doc.entities().out(its.type) as string[]) ?? []),
    firstPos,
    subject,
    negated: negation.some(Boolean),
    modal,
  };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, result);
  return result;
}
