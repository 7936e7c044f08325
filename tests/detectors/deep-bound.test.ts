// The engine skips wink-nlp for a candidate the model rejects even with the most favourable deep features: the bound
// must really be an upper bound, so skipping never changes a finding.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCandidateCollector, createDetectionEngine } from '../../src/detectors/index.js';
import { agentDeepFeatures, deepFeaturesBound } from '../../src/detectors/features.js';
import { readGoldFile } from '../../src/eval/gold.js';
import { DEFAULT_MODELS, modelConfidence, REPORT_FLOOR } from '../../src/model/index.js';
import { analyseCall } from '../../src/nlp/analyse.js';

const GOLD = ['fixtures/gold/service.jsonl', ...readdirSync('fixtures/gold/service-dev').filter((f) => f.endsWith('.jsonl')).map((f) => `fixtures/gold/service-dev/${f}`)];
const calls = GOLD.flatMap((f) => readGoldFile(f));

describe('deepFeaturesBound', () => {
  it('counts one subject (one-hot), flags only when their weight is positive, sentiment at either end', () => {
    const weights = {
      'deep.subject.first': 0.9,
      'deep.subject.second': 0.2,
      'deep.subject.third': -0.8,
      'deep.modal': 0.3,
      'deep.negated': -0.5,
      'deep.sentiment': -0.2,
      'overlap.shared': 5,
    };
    expect(deepFeaturesBound(weights)).toBeCloseTo(0.9 + 0.3 + 0 + 0.2, 10);
    expect(deepFeaturesBound({ 'deep.subject.third': -0.8 })).toBe(0);
    expect(deepFeaturesBound({})).toBe(0);
  });

  it('is never exceeded by the deep features of real agent text', () => {
    const model = DEFAULT_MODELS['follow-up-promise']!;
    const bound = deepFeaturesBound(model.weights);
    let checked = 0;
    for (const call of calls) {
      for (const turn of call.turns) {
        if (turn.role !== 'agent') continue;
        let added = 0;
        for (const [name, value] of Object.entries(agentDeepFeatures(turn.text))) added += (model.weights[name] ?? 0) * value;
        expect(added).toBeLessThanOrEqual(bound + 1e-12);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('the engine with the deep bound', () => {
  it('reports exactly the follow-up promises that full-feature scoring reports, with the same confidence', () => {
    const engine = createDetectionEngine();
    const collect = createCandidateCollector();
    const model = DEFAULT_MODELS['follow-up-promise']!;
    let compared = 0;
    for (const transcript of calls) {
      const analysed = analyseCall(transcript);
      const found = engine.detect(analysed).filter((f) => f.behaviour === 'follow-up-promise');
      const expected = collect(analysed, DEFAULT_MODELS['customer-distress'])
        .filter((c) => c.detector === 'follow-up-promise')
        .map((c) => ({ turn: c.draft.turn, span: c.draft.span, confidence: model.kinds.includes(c.draft.kind) && (c.service || !model.fromPrior) ? modelConfidence(model, c.features, c.draft.confidence) : c.draft.confidence }))
        .filter((c) => c.confidence >= REPORT_FLOOR);
      expect(found.map((f) => ({ turn: f.turn, span: f.span, confidence: f.confidence }))).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(50);
  });
});
