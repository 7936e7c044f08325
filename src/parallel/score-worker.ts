// Worker thread entry: compiles the detectors once, then scores batches of transcripts sent by the pool, answering
// `{ seq, output: SerialisedCall[] }` or `{ seq, error }`. Results travel as UTF-8 JSON plus a small digest: their
// buffers are transferred (no copy, and nothing for the receiving thread's GC to move), far cheaper than a structured
// clone of the result's object tree, and the thread that writes ndjson writes the bytes as they are.
import { parentPort, workerData } from 'node:worker_threads';
import { createCallScorer, type CallScorerOptions } from '../call-scorer.js';
import { scoreBatch } from './score-batch.js';
import { unpackBatch, type PackedBatch } from './transcript-pack.js';

const score = createCallScorer(workerData as CallScorerOptions);

parentPort!.on('message', ({ seq, input }: { seq: number; input: PackedBatch }) => {
  const reply = { seq, ...scoreBatch(score, unpackBatch(input)) };
  const transfer = 'output' in reply ? reply.output.map((call) => call.json.buffer as ArrayBuffer) : [];
  parentPort!.postMessage(reply, transfer);
});
