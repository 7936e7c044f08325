// Scores transcripts on worker threads: batches them (bounded by calls and characters), keeps a bounded number
// of batches in flight, and hands scored calls (JSON text + aggregation digest) back in input order, so output never
// depends on --jobs.
import type { CallDigest } from '../scoring/aggregate.js';
import type { Transcript } from '../types.js';
import { createCallScorer, type CallScorer, type CallScorerOptions } from '../call-scorer.js';
import { createOrderedPool } from './pool.js';
import { scoreBatch } from './score-batch.js';
import { packBatch, packedBuffers } from './transcript-pack.js';

/**
 * A call scored on a worker: the CallResult as JSON in UTF-8 bytes, its aggregation digest and its file (for
 * progress). Bytes, not a string: their buffer is transferred to the writing thread without a copy, lives outside
 * its V8 heap (a 30-40 KB string per call there was copied by every young-generation collection it survived while
 * waiting for its turn in the output order) and is written out without being encoded again.
 */
export interface SerialisedCall {
  json: Uint8Array;
  digest: CallDigest;
  file: string;
}

export interface ScoringPool {
  /** Queues one transcript; waits when too many batches are in flight. */
  add(transcript: Transcript): Promise<void>;
  /** Scores what is queued and waits for every result to be delivered; stops the workers. */
  finish(): Promise<void>;
  /** Stops the workers without waiting (abort, error). */
  destroy(): Promise<void>;
}

/**
 * A worker's live heap is ~10-35 MB (compiled detectors, bounded word caches, one batch); left alone V8 grows each
 * worker's old generation to hundreds of MB before collecting. 96 MB bounds it and still fits a 10 MB turn (analysis
 * reads at most a 20k-character head of a turn). The 32 MB young generation is a speed choice: at 16 MB a quarter
 * of the workers' time went to scavenges (10k bench calls, --jobs 2: 32.4 s at 16 MB, 23.6 s at 32 MB, +26 MB RSS).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 32 };

/**
 * A batch is live on both threads until it is scored, so every young-generation collection meanwhile copies it: at 16
 * calls a batch the two threads' collections took 715-870 ms per 3,000 bench calls (--trace-gc), at 4 calls 470-670 ms,
 * and callgrind counted 2-5 % fewer instructions for 1,000 calls. Smaller still only adds messages.
 */
const BATCH_CALLS = 4;
const BATCH_CHARS = 256 * 1024;

/**
 * `jobs` scoring threads: jobs - 1 workers plus this thread, which reads and parses and scores a batch itself
 * whenever the workers are all busy (--jobs 2 on 10k bench calls: 268 → 224 MB peak RSS, as fast as two workers
 * beside a mostly idle reader).
 */
export function createScoringPool(
  scorer: CallScorerOptions,
  jobs: number,
  onResult: (call: SerialisedCall) => void | Promise<void>,
): ScoringPool {
  let localScore: CallScorer | undefined;
  const pool = createOrderedPool<Transcript[], SerialisedCall[]>({
    workerUrl: scoreWorkerUrl(),
    workerData: scorer,
    size: Math.max(1, jobs - 1),
    maxInFlight: jobs * 3,
    resourceLimits: WORKER_HEAP,
    local: (input) => scoreBatch((localScore ??= createCallScorer(scorer)), input),
    encode: (input) => {
      const message = packBatch(input);
      return { message, transfer: packedBuffers(message) };
    },
    onResult: async (calls) => {
      for (const call of calls) await onResult(call);
    },
  });
  let batch: Transcript[] = [];
  let chars = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const out = batch;
    batch = [];
    chars = 0;
    await pool.submit(out);
  };
  return {
    async add(transcript) {
      batch.push(transcript);
      for (const turn of transcript.turns) chars += turn.text.length;
      if (batch.length >= BATCH_CALLS || chars >= BATCH_CHARS) await flush();
    },
    async finish() {
      await flush();
      await pool.finish();
    },
    destroy: () => pool.destroy(),
  };
}

/** The compiled worker script; when this module runs from TypeScript sources (tests), the built one in dist/. */
function scoreWorkerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/parallel/score-worker.js', import.meta.url)
    : new URL('./score-worker.js', import.meta.url);
}
