// One transcript → one CallResult (analyse → detect → score): the unit of work shared by the in-process run
// (--jobs 1) and every worker thread, so both produce the same results.
import { createDetectionEngine } from '../detectors/index.js';
import { scoreCall } from '../scoring/call.js';
import type { CallResult, Rubric, Transcript } from '../types.js';

export type CallScorer = (transcript: Transcript) => CallResult;

/** Compiles the detectors for `rubric` once; the returned function scores call after call. */
export function createCallScorer(rubric: Rubric): CallScorer {
  const engine = createDetectionEngine(rubric.phrases);
  return (transcript) => scoreCall(transcript, engine.detectTranscript(transcript), rubric);
}
