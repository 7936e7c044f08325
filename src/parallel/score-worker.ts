// Worker thread entry: compiles the detectors once, then scores batches of transcripts sent by the pool, answering
// `{ seq, output: SerialisedCall[] }` or `{ seq, error }`. Results travel as JSON text plus a small digest: a string
// crosses threads far more cheaply than a structured clone of the result's object tree, and the thread that writes
// ndjson can use the text as it is.
import { parentPort, workerData } from 'node:worker_threads';
import type { Transcript } from '../types.js';
import { createCallScorer, type CallScorerOptions } from './call-scorer.js';
import type { SerialisedCall } from './score-pool.js';

const score = createCallScorer(workerData as CallScorerOptions);

parentPort!.on('message', ({ seq, input }: { seq: number; input: Transcript[] }) => {
  const output: SerialisedCall[] = [];
  for (const transcript of input) {
    try {
      const { call, digest } = score(transcript);
      output.push({ json: JSON.stringify(call), digest, file: call.file });
    } catch (err) {
      const what = err instanceof Error ? err.message : String(err);
      parentPort!.postMessage({ seq, error: `scoring call ${transcript.id} (${transcript.source.file}): ${what}` });
      return;
    }
  }
  parentPort!.postMessage({ seq, output });
});
