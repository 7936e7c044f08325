// The fitted models that turn candidate features into finding confidence, one per detector. The weights are data:
// src/model/weights.json, written by `npm run calibrate` (scripts/calibrate.mjs) from the project's own labelled calls.
import type { FindingType } from '../types.js';
import { logit, predictParts, type Features, type LogisticModel } from './logistic.js';
import weights from './weights.json' with { type: 'json' };

export interface DetectorModel extends LogisticModel {
  /** Kinds the model scores; the detector's own confidence stands for the others (e.g. kinds no rubric counts). */
  kinds: string[];
  /**
   * The candidate's own confidence (its lexicon entry's, i.e. reviewable data) is the prior: the model adds evidence to
   * its log-odds. Without it the model starts from its bias.
   */
  fromPrior: boolean;
}

export type DetectorModels = Partial<Record<FindingType, DetectorModel>>;

export interface WeightsFile {
  version: number;
  /** How the weights were made (data, folds, options), for provenance. */
  fitted?: Record<string, unknown>;
  models: DetectorModels;
}

export const DEFAULT_MODELS: DetectorModels = (weights as unknown as WeightsFile).models;

/** Candidates the model gives less than this are not reported at all (rubrics' min-confidence is above it). */
export const REPORT_FLOOR = 0.2;

export function modelConfidence(model: DetectorModel, features: Features | readonly Features[], prior: number): number {
  const parts = Array.isArray(features) ? features : [features as Features];
  return Math.round(predictParts(model, parts, priorOffset(model, prior)) * 100) / 100;
}

export function priorOffset(model: Pick<DetectorModel, 'fromPrior'>, prior: number): number {
  return model.fromPrior && prior > 0 ? logit(prior) : 0;
}
