// `empathy eval`: runs the detectors on gold transcripts and compares per annotated agent turn (DESIGN §11), per
// labelled customer turn for customer-distress (§2.6), and per call (call-level agreement, see calls.ts).
import { createDetectionEngine, type DetectionEngine } from '../detectors/index.js';
import { SIGNAL_MIN_CONFIDENCE } from '../scoring/opportunities.js';
import { BEHAVIOURS, FORMULA_KINDS, type Finding, type Rubric, type Transcript } from '../types.js';
import { callAgreement, compareCall, hasCallLabels, type CallAgreement, type CallComparison } from './calls.js';
import { DISTRESS, EVAL_LABELS, type EvalLabel, type GoldTranscript } from './gold.js';
import { behaviourMetrics, type BehaviourMetrics, type Observation } from './metrics.js';

export interface EvalError {
  type: 'false-positive' | 'false-negative';
  behaviour: EvalLabel;
  transcriptId: string;
  corpus: string;
  turn: number;
  /** The evaluated turn: the agent turn, or for customer-distress the customer turn. */
  text: string;
  /** Agent-turn errors: the customer turn before it. */
  previousCustomerText?: string;
  /** customer-distress errors: the agent's next turn (what the agent said to it). */
  nextAgentText?: string;
  rule?: string;
  confidence?: number;
  kind?: string;
}

/** One decision (a turn × a label) with the corpus it came from: the raw material of every figure. */
export interface LabelledObservation extends Observation {
  corpus: string;
}

export interface EvalResult {
  macroF1: number;
  behaviours: Partial<Record<EvalLabel, BehaviourMetrics>>;
  bySource: Record<string, Partial<Record<EvalLabel, BehaviourMetrics>>>;
  transcripts: number;
  annotatedTurns: number;
  /** Customer turns with labels in calls that annotate customer-distress. */
  annotatedCustomerTurns: number;
  errors: EvalError[];
  callAgreement: CallAgreement;
  /** Name of the rubric the calls were scored with (shown by the table), when known. */
  rubric?: string;
  /** Per label, every decision, so runs (e.g. cross-validation folds) can be merged: see mergeEvalResults. */
  observations: Partial<Record<EvalLabel, LabelledObservation[]>>;
  /** Per label, the confidence threshold that decided "detected" (the rubric's min-confidence, the signal floor). */
  thresholds: Partial<Record<EvalLabel, number>>;
  /** Per compared call, both sides' scores and verdicts. */
  calls: CallComparison[];
}

export interface EvalOptions {
  /** Detection engine to evaluate; default createDetectionEngine(rubric.phrases). */
  engine?: DetectionEngine;
}

function topFinding(findings: readonly Finding[]): Finding | undefined {
  return findings.reduce<Finding | undefined>((a, f) => (!a || f.confidence > a.confidence ? f : a), undefined);
}

export function evaluate(
  transcripts: Iterable<GoldTranscript>,
  rubric: Pick<Rubric, 'behaviours' | 'phrases'> & Partial<Rubric>,
  options: EvalOptions = {},
): EvalResult {
  const engine = options.engine ?? createDetectionEngine(rubric.phrases);
  // Call-level agreement needs the whole rubric (pass mark, penalties); a rubric of behaviours and phrases only
  // (enough for the turn figures) gets no call-level figures.
  const scoring = isFullRubric(rubric) ? rubric : undefined;
  const observations = new Map<EvalLabel, LabelledObservation[]>(EVAL_LABELS.map((l) => [l, []]));
  const errorsByLabel = new Map<EvalLabel, EvalError[]>(EVAL_LABELS.map((l) => [l, []]));
  const calls: CallComparison[] = [];
  let count = 0;
  let annotatedTurns = 0;
  let annotatedCustomerTurns = 0;
  for (const transcript of transcripts) {
    count++;
    const annotated = new Set<string>(transcript.annotatedBehaviours ?? BEHAVIOURS);
    const scoresDistress = annotated.has(DISTRESS);
    const agentLabels = transcript.turns.some((t) => t.role === 'agent' && t.labels !== undefined);
    const customerLabels = scoresDistress && transcript.turns.some((t) => t.role === 'customer' && t.labels !== undefined);
    if (!agentLabels && !customerLabels) continue;
    // Detection and scoring read no annotation; a gold transcript is a transcript to them.
    const findings = engine.detectTranscript(transcript as Transcript);
    const byTurn = groupByTurn(findings);
    const corpus = transcript.corpus ?? 'gold';
    for (const turn of transcript.turns) {
      if (turn.labels === undefined) continue;
      if (turn.role === 'agent') {
        annotatedTurns++;
        const previous = previousCustomerText(transcript, turn.index);
        for (const behaviour of BEHAVIOURS) {
          if (!annotated.has(behaviour)) continue;
          const policy = rubric.behaviours[behaviour];
          const top = topFinding(
            // Annotators label the behaviour; a formula kind the rubric does not count (the greeting thanks) is still it.
            (byTurn.get(turn.index) ?? []).filter(
              (f) => f.behaviour === behaviour && (policy.kinds.includes(f.kind) || (FORMULA_KINDS[behaviour] ?? []).includes(f.kind)),
            ),
          );
          const gold = turn.labels.includes(behaviour);
          observations.get(behaviour)!.push({ gold, score: top?.confidence ?? 0, corpus });
          const predicted = top !== undefined && top.confidence >= policy.minConfidence;
          if (predicted !== gold) {
            errorsByLabel.get(behaviour)!.push({
              type: gold ? 'false-negative' : 'false-positive',
              behaviour,
              transcriptId: transcript.id,
              corpus,
              turn: turn.index,
              text: turn.text,
              ...(previous !== undefined ? { previousCustomerText: previous } : {}),
              ...(top ? { rule: top.rule, confidence: top.confidence, kind: top.kind } : {}),
            });
          }
        }
      } else if (turn.role === 'customer' && scoresDistress) {
        // Distress is detected on a customer turn when it has a customer-distress finding (any kind: scoring opens
        // an opportunity for every kind) at or above the floor scoring applies to signals.
        annotatedCustomerTurns++;
        const top = topFinding((byTurn.get(turn.index) ?? []).filter((f) => f.behaviour === DISTRESS));
        const gold = turn.labels.includes(DISTRESS);
        observations.get(DISTRESS)!.push({ gold, score: top?.confidence ?? 0, corpus });
        const predicted = top !== undefined && top.confidence >= SIGNAL_MIN_CONFIDENCE;
        if (predicted !== gold) {
          const next = nextAgentText(transcript, turn.index);
          errorsByLabel.get(DISTRESS)!.push({
            type: gold ? 'false-negative' : 'false-positive',
            behaviour: DISTRESS,
            transcriptId: transcript.id,
            corpus,
            turn: turn.index,
            text: turn.text,
            ...(next !== undefined ? { nextAgentText: next } : {}),
            ...(top ? { rule: top.rule, confidence: top.confidence, kind: top.kind } : {}),
          });
        }
      }
    }
    if (scoring && hasCallLabels(transcript)) calls.push(compareCall(transcript, findings, scoring));
  }

  const thresholds: EvalResult['thresholds'] = {};
  const kept: EvalResult['observations'] = {};
  for (const label of EVAL_LABELS) {
    const list = observations.get(label)!;
    if (list.length === 0) continue;
    kept[label] = list;
    thresholds[label] = label === DISTRESS ? SIGNAL_MIN_CONFIDENCE : rubric.behaviours[label].minConfidence;
  }
  return summarise({
    observations: kept,
    thresholds,
    errors: EVAL_LABELS.flatMap((l) => errorsByLabel.get(l)!),
    calls,
    transcripts: count,
    annotatedTurns,
    annotatedCustomerTurns,
    ...(typeof rubric.name === 'string' ? { rubric: rubric.name } : {}),
  });
}

type RawResult = Pick<
  EvalResult,
  'observations' | 'thresholds' | 'errors' | 'calls' | 'transcripts' | 'annotatedTurns' | 'annotatedCustomerTurns' | 'rubric'
>;

/** Every figure of an EvalResult from its raw decisions and calls. */
function summarise(raw: RawResult): EvalResult {
  const behaviours: EvalResult['behaviours'] = {};
  const bySource: EvalResult['bySource'] = {};
  for (const label of EVAL_LABELS) {
    const entries = raw.observations[label];
    if (!entries || entries.length === 0) continue;
    const threshold = raw.thresholds[label]!;
    behaviours[label] = behaviourMetrics(entries, threshold);
    for (const corpus of [...new Set(entries.map((e) => e.corpus))].sort()) {
      (bySource[corpus] ??= {})[label] = behaviourMetrics(
        entries.filter((e) => e.corpus === corpus),
        threshold,
      );
    }
  }
  const withSupport = Object.values(behaviours).filter((m) => m.support > 0);
  const macroF1 = withSupport.length ? Math.round((withSupport.reduce((s, m) => s + m.f1, 0) / withSupport.length) * 1000) / 1000 : 0;
  const out: EvalResult = {
    macroF1,
    behaviours,
    bySource,
    transcripts: raw.transcripts,
    annotatedTurns: raw.annotatedTurns,
    annotatedCustomerTurns: raw.annotatedCustomerTurns,
    errors: raw.errors,
    callAgreement: callAgreement(raw.calls),
    observations: raw.observations,
    thresholds: raw.thresholds,
    calls: raw.calls,
  };
  if (raw.rubric !== undefined) out.rubric = raw.rubric;
  return out;
}

/**
 * One result from several runs over disjoint calls (cross-validation folds, shards): decisions, errors and calls are
 * pooled and every figure recomputed, so the merged result is what one run over all the calls would give with each
 * fold's own detection. The runs must have decided "detected" at the same thresholds (the same rubric).
 */
export function mergeEvalResults(results: readonly EvalResult[]): EvalResult {
  const observations: EvalResult['observations'] = {};
  const thresholds: EvalResult['thresholds'] = {};
  for (const result of results) {
    for (const label of EVAL_LABELS) {
      const list = result.observations[label];
      if (!list) continue;
      const threshold = result.thresholds[label]!;
      if (thresholds[label] !== undefined && thresholds[label] !== threshold) {
        throw new Error(`cannot merge eval results: ${label} was decided at ${thresholds[label]} and at ${threshold}`);
      }
      thresholds[label] = threshold;
      (observations[label] ??= []).push(...list);
    }
  }
  const order = new Map(EVAL_LABELS.map((l, i) => [l, i]));
  const rubrics = [...new Set(results.map((r) => r.rubric).filter((r): r is string => r !== undefined))];
  return summarise({
    observations,
    thresholds,
    // Label order as one run lists them, each label's errors in run order (sort is stable).
    errors: results.flatMap((r) => r.errors).sort((a, b) => order.get(a.behaviour)! - order.get(b.behaviour)!),
    calls: results.flatMap((r) => r.calls),
    transcripts: results.reduce((s, r) => s + r.transcripts, 0),
    annotatedTurns: results.reduce((s, r) => s + r.annotatedTurns, 0),
    annotatedCustomerTurns: results.reduce((s, r) => s + r.annotatedCustomerTurns, 0),
    ...(rubrics.length === 1 ? { rubric: rubrics[0]! } : {}),
  });
}

function isFullRubric(rubric: Pick<Rubric, 'behaviours' | 'phrases'> & Partial<Rubric>): rubric is Rubric {
  return typeof rubric.pass === 'number' && rubric.penalties !== undefined;
}

function groupByTurn(findings: Finding[]): Map<number, Finding[]> {
  const map = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.turn);
    if (list) list.push(f);
    else map.set(f.turn, [f]);
  }
  return map;
}

function previousCustomerText(transcript: GoldTranscript, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (transcript.turns[i]!.role === 'customer') return transcript.turns[i]!.text;
  return undefined;
}

function nextAgentText(transcript: GoldTranscript, index: number): string | undefined {
  for (let i = index + 1; i < transcript.turns.length; i++) if (transcript.turns[i]!.role === 'agent') return transcript.turns[i]!.text;
  return undefined;
}
