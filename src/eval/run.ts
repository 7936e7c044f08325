// `empathy eval`: runs the detectors on gold transcripts and compares per annotated agent turn (DESIGN §11).
import { createDetectionEngine } from '../detectors/index.js';
import { BEHAVIOURS, type BehaviourId, type Finding, type Rubric, type Transcript } from '../types.js';
import { behaviourMetrics, type BehaviourMetrics, type Observation } from './metrics.js';

export interface EvalError {
  type: 'false-positive' | 'false-negative';
  behaviour: BehaviourId;
  transcriptId: string;
  corpus: string;
  turn: number;
  text: string;
  previousCustomerText?: string;
  rule?: string;
  confidence?: number;
  kind?: string;
}

export interface EvalResult {
  macroF1: number;
  behaviours: Partial<Record<BehaviourId, BehaviourMetrics>>;
  bySource: Record<string, Partial<Record<BehaviourId, BehaviourMetrics>>>;
  transcripts: number;
  annotatedTurns: number;
  errors: EvalError[];
}

interface Scored {
  observation: Observation;
  corpus: string;
  error?: Omit<EvalError, 'type'>;
}

export function evaluate(transcripts: Iterable<Transcript>, rubric: Pick<Rubric, 'behaviours' | 'phrases'>): EvalResult {
  const engine = createDetectionEngine(rubric.phrases);
  const scored = new Map<BehaviourId, Scored[]>(BEHAVIOURS.map((b) => [b, []]));
  let count = 0;
  let annotatedTurns = 0;
  for (const transcript of transcripts) {
    count++;
    const annotated = new Set(transcript.annotatedBehaviours ?? BEHAVIOURS);
    if (!transcript.turns.some((t) => t.role === 'agent' && t.labels !== undefined)) continue;
    const findings = engine.detectTranscript(transcript);
    const byTurn = groupByTurn(findings);
    for (const turn of transcript.turns) {
      if (turn.role !== 'agent' || turn.labels === undefined) continue;
      annotatedTurns++;
      const previous = previousCustomerText(transcript, turn.index);
      for (const behaviour of BEHAVIOURS) {
        if (!annotated.has(behaviour)) continue;
        const policy = rubric.behaviours[behaviour];
        const counted = (byTurn.get(turn.index) ?? []).filter(
          (f) => f.behaviour === behaviour && policy.kinds.includes(f.kind),
        );
        const top = counted.reduce<Finding | undefined>((a, f) => (!a || f.confidence > a.confidence ? f : a), undefined);
        const gold = turn.labels.includes(behaviour);
        const entry: Scored = { observation: { gold, score: top?.confidence ?? 0 }, corpus: transcript.corpus ?? 'gold' };
        const predicted = top !== undefined && top.confidence >= policy.minConfidence;
        if (predicted !== gold) {
          entry.error = {
            behaviour,
            transcriptId: transcript.id,
            corpus: entry.corpus,
            turn: turn.index,
            text: turn.text,
            ...(previous !== undefined ? { previousCustomerText: previous } : {}),
            ...(top ? { rule: top.rule, confidence: top.confidence, kind: top.kind } : {}),
          };
        }
        scored.get(behaviour)!.push(entry);
      }
    }
  }

  const behaviours: EvalResult['behaviours'] = {};
  const bySource: EvalResult['bySource'] = {};
  const errors: EvalError[] = [];
  for (const behaviour of BEHAVIOURS) {
    const entries = scored.get(behaviour)!;
    if (entries.length === 0) continue;
    const threshold = rubric.behaviours[behaviour].minConfidence;
    behaviours[behaviour] = behaviourMetrics(entries.map((e) => e.observation), threshold);
    for (const corpus of [...new Set(entries.map((e) => e.corpus))].sort()) {
      const subset = entries.filter((e) => e.corpus === corpus).map((e) => e.observation);
      (bySource[corpus] ??= {})[behaviour] = behaviourMetrics(subset, threshold);
    }
    for (const e of entries) {
      if (e.error) errors.push({ type: e.observation.gold ? 'false-negative' : 'false-positive', ...e.error });
    }
  }
  const withSupport = Object.values(behaviours).filter((m) => m.support > 0);
  const macroF1 = withSupport.length ? Math.round((withSupport.reduce((s, m) => s + m.f1, 0) / withSupport.length) * 1000) / 1000 : 0;
  return { macroF1, behaviours, bySource, transcripts: count, annotatedTurns, errors };
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

function previousCustomerText(transcript: Transcript, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (transcript.turns[i]!.role === 'customer') return transcript.turns[i]!.text;
  return undefined;
}
