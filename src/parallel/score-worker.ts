// Worker thread entry: compiles the detectors once, then scores batches of transcripts sent by the pool, answering
// `{ seq, output: SerialisedCall[] }` or `{ seq, error }`. Results travel as JSON text plus a small digest: a string
// crosses threads far more cheaply than a structured clone of the result's object tree, and the thread that writes
// ndjson can use the text as it is.
import { parentPort, workerData } from 'node:worker_threads';
import type { Transcript } from '../types.js';
import { createCallScorer, type CallScorerOptions } from './call-scorer.js';
import { scoreBatch } from './score-batch.js';

const score = createCallScorer(workerData as CallScorerOptions);

parentPort!.on('message', ({ seq, input }: { seq: number; input: Transcript[] }) => {
  parentPort!.postMessage({ seq, ...scoreBatch(score, input) });
});
