// One transcript → one scored call (analyse → detect → score → digest for aggregation → optional redaction): the unit
// of work shared by the in-process run (--jobs 1) and every worker thread, so both produce the same results.
import { createDetectionEngine } from './detectors/index.js';
import { redactCall } from './redact.js';
import { digestCall, type CallDigest } from './scoring/aggregate.js';
import { scoreCall } from './scoring/call.js';
import type { CallResult, GroupBy, Rubric, Transcript } from './types.js';

export interface ScoredCall {
  /** The result as shown (redacted when asked). */
  call: CallResult;
  /** What aggregation needs, taken from the unredacted result. */
  digest: CallDigest;
}

export interface CallScorerOptions {
  rubric: Rubric;
  groupBy: GroupBy;
  redact: boolean;
}

export type CallScorer = (transcript: Transcript) => ScoredCall;

/** Compiles the detectors for the rubric once; the returned function scores call after call. */
export function createCallScorer({ rubric, groupBy, redact }: CallScorerOptions): CallScorer {
  const engine = createDetectionEngine(rubric.phrases);
  return (transcript) => {
    const result = scoreCall(transcript, engine.detectTranscript(transcript), rubric);
    return { call: redact ? redactCall(result) : result, digest: digestCall(result, groupBy) };
  };
}
