// Scores one batch of transcripts into what crosses threads: each call as JSON text plus its aggregation digest.
// Shared by the worker script and the submitting thread when it scores a batch itself (pool `local`).
import type { Transcript } from '../types.js';
import type { CallScorer } from '../call-scorer.js';
import type { SerialisedCall } from './score-pool.js';

const encoder = new TextEncoder();

export function scoreBatch(score: CallScorer, input: Transcript[]): { output: SerialisedCall[] } | { error: string } {
  const output: SerialisedCall[] = [];
  for (const transcript of input) {
    try {
      const { call, digest } = score(transcript);
      // encode() gives each call its own ArrayBuffer (never Buffer's shared pool), so it can be transferred.
      output.push({ json: encoder.encode(JSON.stringify(call)), digest, file: call.file });
    } catch (err) {
      const what = err instanceof Error ? err.message : String(err);
      return { error: `scoring call ${transcript.id} (${transcript.source.file}): ${what}` };
    }
  }
  return { output };
}
