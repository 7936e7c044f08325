// Agreement figures checked against hand arithmetic.
import { describe, expect, it } from 'vitest';
import { behaviourMetrics, bestThreshold, cohensKappa, confusion, f1Of, type Observation } from '../../src/eval/metrics.js';

// Eight annotated turns: gold label and the detector's top confidence (0 = no counted finding).
const OBS: Observation[] = [
  { gold: true, score: 0.9 },
  { gold: true, score: 0.8 },
  { gold: true, score: 0.4 },
  { gold: false, score: 0.7 },
  { gold: false, score: 0.3 },
  { gold: false, score: 0 },
  { gold: true, score: 0 },
  { gold: false, score: 0 },
];

describe('confusion / f1Of / cohensKappa at threshold 0.5', () => {
  // Predicted (score ≥ 0.5): 0.9 T, 0.8 T, 0.7 F → tp 2, fp 1; missed gold 0.4, 0 → fn 2; tn 3 (0.3, 0, 0).
  // precision 2/3, recall 2/4 = 1/2, F1 = 2·(2/3·1/2)/(2/3+1/2) = (2/3)/(7/6) = 4/7 ≈ 0.5714.
  // kappa: n = 8, po = (2+3)/8 = 0.625; pe = ((tp+fp)(tp+fn) + (fn+tn)(fp+tn))/n² = (3·4 + 5·4)/64 = 0.5;
  //        κ = (0.625 − 0.5)/(1 − 0.5) = 0.25.
  it('counts the confusion matrix', () => {
    expect(confusion(OBS, 0.5)).toEqual({ tp: 2, fp: 1, fn: 2, tn: 3 });
  });

  it('computes precision, recall and F1', () => {
    const { precision, recall, f1 } = f1Of(2, 1, 2);
    expect(precision).toBeCloseTo(2 / 3, 12);
    expect(recall).toBeCloseTo(0.5, 12);
    expect(f1).toBeCloseTo(4 / 7, 12);
  });

  it("computes Cohen's kappa", () => {
    expect(cohensKappa(2, 1, 2, 3)).toBeCloseTo(0.25, 12);
  });

  it('edge cases: nothing predicted / nothing at all', () => {
    expect(f1Of(0, 0, 3)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(cohensKappa(0, 0, 0, 0)).toBe(0);
    // Perfect agreement: po = 1, pe = (2·2 + 2·2)/16 = 0.5 → κ = 1.
    expect(cohensKappa(2, 0, 0, 2)).toBe(1);
    // All one class on both sides: pe = 1 → defined as 1.
    expect(cohensKappa(0, 0, 0, 5)).toBe(1);
  });

  it('a score of 0 is never a prediction, even at threshold 0', () => {
    expect(confusion(OBS, 0)).toEqual({ tp: 3, fp: 2, fn: 1, tn: 2 });
  });
});

describe('bestThreshold', () => {
  // Candidate thresholds = distinct positive scores 0.3, 0.4, 0.7, 0.8, 0.9:
  //   0.3: tp 3 fp 2 fn 1 → P .6  R .75 F1 = 0.9/1.35 = 0.667
  //   0.4: tp 3 fp 1 fn 1 → P .75 R .75 F1 = 0.75   ← best
  //   0.7: tp 2 fp 1 fn 2 → F1 = 4/7 = 0.571
  //   0.8: tp 2 fp 0 fn 2 → P 1 R .5 F1 = 0.667
  //   0.9: tp 1 fp 0 fn 3 → P 1 R .25 F1 = 0.4
  it('picks the F1-maximising observed score', () => {
    const best = bestThreshold(OBS);
    expect(best.threshold).toBe(0.4);
    expect(best.f1).toBeCloseTo(0.75, 12);
  });

  it('ties go to the lower threshold', () => {
    // F1 = 2tp/(2tp+fp+fn). 0.3: tp 2 fp 2 fn 0 → 4/6; 0.6: tp 1 fp 0 fn 1 → 2/3 (tie) → the lower, 0.3.
    const tie = bestThreshold([
      { gold: true, score: 0.3 },
      { gold: false, score: 0.3 },
      { gold: false, score: 0.3 },
      { gold: true, score: 0.6 },
    ]);
    expect(tie.threshold).toBe(0.3);
    expect(tie.f1).toBeCloseTo(2 / 3, 12);
  });

  it('no positive scores → threshold 0, F1 0', () => {
    expect(bestThreshold([{ gold: true, score: 0 }])).toEqual({ threshold: 0, f1: 0 });
  });
});

describe('behaviourMetrics', () => {
  it('bundles the figures rounded to 3 places, with support = gold positives', () => {
    expect(behaviourMetrics(OBS, 0.5)).toEqual({
      support: 4,
      tp: 2,
      fp: 1,
      fn: 2,
      tn: 3,
      precision: 0.667,
      recall: 0.5,
      f1: 0.571,
      kappa: 0.25,
      bestThreshold: 0.4,
      bestF1: 0.75,
    });
  });
});
