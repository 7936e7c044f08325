// Per-behaviour agreement figures: precision/recall/F1, Cohen's kappa and the F1-maximising threshold.

export interface Observation {
  gold: boolean;
  /** Highest confidence among counted findings of the behaviour on the turn; 0 when none. */
  score: number;
}

export interface BehaviourMetrics {
  support: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  kappa: number;
  bestThreshold: number;
  bestF1: number;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function confusion(observations: readonly Observation[], threshold: number): { tp: number; fp: number; fn: number; tn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const o of observations) {
    const predicted = o.score > 0 && o.score >= threshold;
    if (predicted && o.gold) tp++;
    else if (predicted) fp++;
    else if (o.gold) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

export function f1Of(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Cohen's kappa between the detector and the annotators on a binary decision per turn. */
export function cohensKappa(tp: number, fp: number, fn: number, tn: number): number {
  const n = tp + fp + fn + tn;
  if (n === 0) return 0;
  const observed = (tp + tn) / n;
  const expected = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n);
  return expected === 1 ? 1 : (observed - expected) / (1 - expected);
}

/** The confidence threshold (among observed scores) that maximises F1; ties go to the lower threshold. */
export function bestThreshold(observations: readonly Observation[]): { threshold: number; f1: number } {
  const thresholds = [...new Set(observations.map((o) => o.score).filter((s) => s > 0))].sort((a, b) => a - b);
  let best = { threshold: thresholds[0] ?? 0, f1: 0 };
  for (const threshold of thresholds) {
    const c = confusion(observations, threshold);
    const { f1 } = f1Of(c.tp, c.fp, c.fn);
    if (f1 > best.f1 + 1e-12) best = { threshold, f1 };
  }
  return best;
}

export function behaviourMetrics(observations: readonly Observation[], threshold: number): BehaviourMetrics {
  const c = confusion(observations, threshold);
  const { precision, recall, f1 } = f1Of(c.tp, c.fp, c.fn);
  const best = bestThreshold(observations);
  return {
    support: c.tp + c.fn,
    ...c,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    kappa: round(cohensKappa(c.tp, c.fp, c.fn, c.tn)),
    bestThreshold: best.threshold,
    bestF1: round(best.f1),
  };
}
