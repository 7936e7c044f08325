// Worker thread entry: compiles the detectors once, then scores batches of
// transcripts sent by the pool, answering `{ seq, output: CallResult[] }` or `{ seq, error }`.
import { parentPort, workerData } from 'node:worker_threads';
import type { CallResult, Rubric, Transcript } from '../types.js';
import { createCallScorer } from './call-scorer.js';

const score = createCallScorer((workerData as { rubric: Rubric }).rubric);

parentPort!.on('message', ({ seq, input }: { seq: number; input: Transcript[] }) => {
  const output: CallResult[] = [];
  for (const transcript of input) {
    try {
      output.push(score(transcript));
    } catch (err) {
      const what = err instanceof Error ? err.message : String(err);
      parentPort!.postMessage({ seq, error: `scoring call ${transcript.id} (${transcript.source.file}): ${what}` });
      return;
    }
  }
  parentPort!.postMessage({ seq, output });
});
