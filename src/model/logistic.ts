// Small L2-regularised logistic regression over sparse named features: candidate features → finding confidence.
// Fitting is Newton's method (iteratively reweighted least squares) on the dense design matrix of the features seen
// in training, in a fixed order, so the same samples always give the same weights.

/** Sparse feature vector: name → value (absent = 0). Values are small (0/1 flags, ratios, log counts). */
export type Features = Record<string, number>;

const featureNames = new Map<string, Map<string, string>>();

/**
 * `prefix + value` as a feature name, made once per pair: candidates name features after their rule, kind or cue, and
 * a name built afresh for every candidate is a new string to hash on every property store and weight lookup.
 */
export function featureName(prefix: string, value: string): string {
  let names = featureNames.get(prefix);
  if (names === undefined) featureNames.set(prefix, (names = new Map()));
  let name = names.get(value);
  if (name === undefined) {
    name = prefix + value;
    if (names.size < 10000) names.set(value, name);
  }
  return name;
}

export interface LogisticModel {
  bias: number;
  weights: Record<string, number>;
}

export interface Sample {
  features: Features;
  label: 0 | 1;
  /** Fixed log-odds added before the weights (the candidate's prior from its lexicon entry); 0 = none. */
  offset?: number;
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  iterations?: number;
  /** Features seen in fewer samples than this are dropped (they cannot be estimated). */
  minCount?: number;
  /** Penalise the bias like the weights, so that with little evidence the prediction stays at the prior (offset). */
  shrinkBias?: boolean;
}

/** Log-odds of a probability, kept finite. */
export function logit(p: number): number {
  const q = Math.min(0.98, Math.max(0.02, p));
  return Math.log(q / (1 - q));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Model probability for one feature vector; features the model does not know weigh nothing. */
export function predict(model: LogisticModel, features: Features, offset = 0): number {
  return predictParts(model, [features], offset);
}

/**
 * The same for a vector given in parts with no name in two parts (a candidate's shared context, its own features, its
 * deep ones): summed in the order a merged object would list them, so the result is the merged vector's to the bit,
 * without building it.
 */
export function predictParts(model: LogisticModel, parts: readonly Features[], offset = 0): number {
  let z = model.bias + offset;
  const weights = model.weights;
  for (const features of parts) {
    for (const name in features) {
      const w = weights[name];
      if (w !== undefined) z += w * features[name]!;
    }
  }
  return sigmoid(z);
}

export function fitLogistic(samples: readonly Sample[], options: FitOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 25;
  const minCount = options.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const s of samples) for (const name in s.features) if (s.features[name] !== 0) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([, c]) => c >= minCount).map(([n]) => n).sort();
  const d = names.length + 1; // column 0 is the bias
  const index = new Map(names.map((n, i) => [n, i + 1]));
  const rows = samples.map((s) => {
    const cols: number[] = [0];
    const vals: number[] = [1];
    for (const name of Object.keys(s.features).sort()) {
      const j = index.get(name);
      if (j !== undefined && s.features[name] !== 0) {
        cols.push(j);
        vals.push(s.features[name]!);
      }
    }
    return { cols, vals, y: s.label, offset: s.offset ?? 0 };
  });

  const beta = new Float64Array(d);
  for (let iter = 0; iter < iterations; iter++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    for (const r of rows) {
      let z = r.offset;
      for (let k = 0; k < r.cols.length; k++) z += beta[r.cols[k]!]! * r.vals[k]!;
      const p = sigmoid(z);
      const w = Math.max(p * (1 - p), 1e-9);
      const e = r.y - p;
      for (let a = 0; a < r.cols.length; a++) {
        const ca = r.cols[a]!;
        const va = r.vals[a]!;
        grad[ca]! += e * va;
        for (let b = 0; b < r.cols.length; b++) hess[ca * d + r.cols[b]!]! += w * va * r.vals[b]!;
      }
    }
    for (let j = options.shrinkBias ? 0 : 1; j < d; j++) {
      grad[j]! -= l2 * beta[j]!;
      hess[j * d + j]! += l2;
    }
    hess[0]! += 1e-6;
    const step = solve(hess, grad, d);
    let change = 0;
    for (let j = 0; j < d; j++) {
      beta[j]! += step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < 1e-7) break;
  }
  const weights: Record<string, number> = {};
  names.forEach((n, i) => {
    const w = round(beta[i + 1]!);
    if (w !== 0) weights[n] = w;
  });
  return { bias: round(beta[0]!), weights };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Solves H x = g for a symmetric positive-definite H (Cholesky). */
function solve(h: Float64Array, g: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i * d + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * d + k]! * l[j * d + k]!;
      l[i * d + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * d + j]!;
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = g[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * d + k]! * y[k]!;
    y[i] = sum / l[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i]! * x[k]!;
    x[i] = sum / l[i * d + i]!;
  }
  return x;
}
