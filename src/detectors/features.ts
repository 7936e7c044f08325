// Features every candidate shares, whatever its detector: which rule proposed it and as what kind, the style of the
// call (speech-to-text, chat), where the turn sits, what the customer just said, and the sentence's form from the deep
// analysis (src/nlp/deep.ts). Detector-specific features come on the draft itself.
import { affectOf } from '../nlp/affect.js';
import type { AnalysedCall } from '../nlp/analyse.js';
import { deepAnalyse } from '../nlp/deep.js';
import { featureName, logit, type Features } from '../model/logistic.js';
import type { FindingDraft } from '../types.js';
import { endsWithQuestion } from './context.js';

export interface CallFeatures {
  /** No capital letter anywhere: speech-to-text output. */
  lowerOnly: boolean;
  /** Almost no sentence punctuation: speech-to-text output. */
  unpunctuated: boolean;
  firstAgentTurn: number;
  lastAgentTurn: number;
}

const known = new WeakMap<AnalysedCall, CallFeatures>();

/** Worked out once per call (every candidate of the call, and the distress detector, ask for it). */
export function callFeatures(call: AnalysedCall): CallFeatures {
  let features = known.get(call);
  if (!features) {
    features = computeCallFeatures(call);
    known.set(call, features);
  }
  return features;
}

function computeCallFeatures(call: AnalysedCall): CallFeatures {
  let words = 0;
  let stops = 0;
  let upper = false;
  let firstAgentTurn = -1;
  let lastAgentTurn = -1;
  for (const t of call.turns) {
    if (t.turn.role === 'agent') {
      if (firstAgentTurn < 0) firstAgentTurn = t.turn.index;
      lastAgentTurn = t.turn.index;
    }
    if (!upper && /[A-Z]/.test(t.text)) upper = true;
    for (const tok of t.tokens) {
      if (tok.isWord) words++;
      else if (tok.lower === '.' || tok.lower === '?' || tok.lower === '!') stops++;
    }
  }
  return { lowerOnly: !upper, unpunctuated: words > 0 && stops / words < 0.02, firstAgentTurn, lastAgentTurn };
}

/** Distress confidence per customer turn, from the customer-distress model (already scored). */
export type DistressByTurn = ReadonlyMap<number, number>;

export function agentContextFeatures(call: AnalysedCall, draft: FindingDraft, style: CallFeatures, distress: DistressByTurn): Features {
  const f: Features = {};
  f[featureName('rule=', draft.rule)] = 1;
  f[featureName('kind=', draft.kind)] = 1;
  // The lexicon entry's log-odds is already the model's offset; as a feature too, the fit can weigh it more or less
  // (1 + w), so an entry written as weak (a forecast, a hedge) stays weak where the training calls seldom show one.
  f['prior.logit'] = logit(draft.confidence);
  if (style.lowerOnly) f['style.lower'] = 1;
  if (style.unpunctuated) f['style.unpunctuated'] = 1;
  if (draft.turn === style.firstAgentTurn) f['turn.first'] = 1;
  if (draft.turn === style.lastAgentTurn) f['turn.last'] = 1;
  const turn = call.turns[draft.turn]!;
  const spanText = turn.text.slice(draft.span[0], draft.span[1]);
  if (endsWithQuestion(spanText)) f['span.question'] = 1;
  if (draft.span[0] <= turn.text.length - turn.text.trimStart().length) f['span.opens-turn'] = 1;
  f['turn.words'] = Math.log1p(turn.tokens.length) / 4;
  // The customer's words since the agent last spoke: what this turn answers.
  let strongest = 0;
  let recent = 0;
  let negative = 0;
  let seenAgent = false;
  for (let i = draft.turn - 1; i >= 0 && i >= draft.turn - 6; i--) {
    const t = call.turns[i]!;
    if (t.turn.role === 'agent') {
      seenAgent = true;
      continue;
    }
    if (t.turn.role !== 'customer') continue;
    const d = distress.get(i) ?? 0;
    recent = Math.max(recent, d);
    if (!seenAgent) {
      strongest = Math.max(strongest, d);
      negative = Math.min(negative, affectOf(t).negative);
    }
  }
  f['ctx.distress'] = strongest;
  f['ctx.distress-recent'] = recent;
  f['ctx.customer-negative'] = Math.min(1, -negative / 6);
  return f;
}

/**
 * The detectors whose candidates get the deep analysis. Measured by cross-validation on service-dev
 * (docs/calibration.md): wink-nlp's entities (DATE/TIME/DURATION) help the follow-up-promise model; its sentiment,
 * POS-based subject and negation added nothing to the other models over the AFINN and lexicon features, at a cost of
 * most of the detection time, so they are not run there.
 */
export const DEEP_ANALYSED: ReadonlySet<string> = new Set(['follow-up-promise']);

/** Prefix of the features that need the deep analysis. */
export const DEEP_PREFIX = 'deep.';

/**
 * What agentDeepFeatures can give, for the bound on what the deep features can add to a candidate (so wink-nlp runs
 * only where it could matter): `deep.subject.*` is one-hot (one subject per text, or none), `deep.sentiment` lies in
 * -1..1 and every other deep feature is a 0/1 flag.
 */
const DEEP_ONE_HOT_PREFIX = 'deep.subject.';
const DEEP_RANGES: Readonly<Record<string, readonly [number, number]>> = { 'deep.sentiment': [-1, 1] };

/** The most the deep features can add to a candidate's log-odds under `weights`. */
export function deepFeaturesBound(weights: Readonly<Record<string, number>>): number {
  let bound = 0;
  let oneHot = 0;
  for (const [name, w] of Object.entries(weights)) {
    if (!name.startsWith(DEEP_PREFIX)) continue;
    if (name.startsWith(DEEP_ONE_HOT_PREFIX)) oneHot = Math.max(oneHot, w);
    else {
      const [low, high] = DEEP_RANGES[name] ?? [0, 1];
      bound += Math.max(w * low, w * high);
    }
  }
  return bound + oneHot;
}

/** The deep analysis of an agent candidate's text: the clause's subject and form, negation, sentiment, timeframe. */
export function agentDeepFeatures(text: string): Features {
  const deep = deepAnalyse(text);
  const f: Features = {};
  f[featureName('deep.subject.', deep.subject)] = 1;
  if (deep.firstPos === 'VERB' && deep.subject === 'none') f['deep.imperative'] = 1;
  if (deep.modal) f['deep.modal'] = 1;
  if (deep.negated) f['deep.negated'] = 1;
  if (deep.sentiment !== 0) f['deep.sentiment'] = deep.sentiment;
  if (deep.entities.has('DATE') || deep.entities.has('TIME') || deep.entities.has('DURATION')) f['deep.timeframe'] = 1;
  return f;
}
