// The small logistic regression behind finding confidence: fitting, prediction, priors as offsets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, logit, predict, sigmoid, type Sample } from '../../src/model/logistic.js';

describe('logistic regression', () => {
  it('learns a feature that separates the classes, and ignores one that does not', () => {
    const samples: Sample[] = [];
    for (let i = 0; i < 40; i++) {
      samples.push({ features: { cue: 1, noise: i % 2 }, label: 1 });
      samples.push({ features: { noise: i % 2 }, label: 0 });
    }
    const model = fitLogistic(samples, { l2: 1 });
    expect(model.weights.cue).toBeGreaterThan(2);
    expect(Math.abs(model.weights.noise ?? 0)).toBeLessThan(0.2);
    expect(predict(model, { cue: 1 })).toBeGreaterThan(0.85);
    expect(predict(model, {})).toBeLessThan(0.15);
  });

  it('recovers the base rate when there are no features', () => {
    const samples: Sample[] = [...Array(30)].map((_, i) => ({ features: {}, label: i < 9 ? 1 : 0 }));
    expect(predict(fitLogistic(samples), {})).toBeCloseTo(0.3, 2);
  });

  it('is deterministic: the same samples in the same order give the same weights', () => {
    const samples: Sample[] = [...Array(50)].map((_, i) => ({ features: { a: (i * 7) % 5, b: i % 3 === 0 ? 1 : 0 }, label: i % 4 === 0 ? 1 : 0 }));
    expect(fitLogistic(samples)).toEqual(fitLogistic(samples));
  });

  it('drops features seen in fewer samples than minCount', () => {
    const samples: Sample[] = [{ features: { rare: 1 }, label: 1 }, ...[...Array(10)].map(() => ({ features: { common: 1 }, label: 0 as const }))];
    expect(fitLogistic(samples, { minCount: 2 }).weights.rare).toBeUndefined();
  });

  it('with a shrunk bias and no evidence, a prior (offset) stands', () => {
    // Every sample sits at prior 0.8 and 80 % are positive: nothing to correct, so the model stays at the prior.
    const samples: Sample[] = [...Array(50)].map((_, i) => ({ features: {}, label: i % 5 === 0 ? 0 : 1, offset: logit(0.8) }));
    const model = fitLogistic(samples, { shrinkBias: true });
    expect(predict(model, {}, logit(0.8))).toBeCloseTo(0.8, 2);
  });

  it('predictions are probabilities for any weights and features', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (bias, w, x) => {
        const p = predict({ bias, weights: { f: w } }, { f: x });
        return p >= 0 && p <= 1;
      }),
    );
  });

  it('sigmoid and logit are inverse inside the clamp', () => {
    for (const p of [0.05, 0.3, 0.5, 0.9]) expect(sigmoid(logit(p))).toBeCloseTo(p, 10);
  });
});
