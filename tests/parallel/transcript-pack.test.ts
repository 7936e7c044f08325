// Batches travel to workers packed (texts in one string, fields in typed arrays): what a worker rebuilds must be the
// same transcripts, key order included, since outputs echo the turns. Checked on every fixture format and on turns
// of any shape (an unusual one travels whole).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packBatch, packedBuffers, unpackBatch } from '../../src/parallel/transcript-pack.js';
import { loadRoleMap } from '../../src/transcript/roles.js';
import { readInputs } from '../../src/transcript/read-inputs.js';
import type { Transcript, Turn } from '../../src/types.js';

/** What a worker receives: a structured clone with the typed arrays' buffers transferred. */
function throughWorker(input: Transcript[]): Transcript[] {
  const packed = packBatch(input);
  return unpackBatch(structuredClone(packed, { transfer: packedBuffers(packed) }));
}

describe('packBatch / unpackBatch', () => {
  it('rebuilds every fixture transcript exactly (text, csv, json, vtt, srt, Transcribe; timestamps, agent ids, sentiment)', async () => {
    const roleMap = await loadRoleMap('fixtures/roles.yaml');
    const transcripts: Transcript[] = [];
    for await (const e of readInputs(['fixtures/transcripts'], { roleMap })) if (e.type === 'transcript') transcripts.push(e.transcript);
    expect(transcripts.length).toBeGreaterThan(10);
    expect(transcripts.some((t) => t.turns.some((turn) => turn.start !== undefined))).toBe(true);
    expect(transcripts.some((t) => t.turns.some((turn) => turn.sentiment !== undefined))).toBe(true);
    const before = JSON.stringify(transcripts);
    const packed = packBatch(transcripts);
    expect([...packed.packed].every((p) => p === 1)).toBe(true);
    expect(JSON.stringify(unpackBatch(structuredClone(packed, { transfer: packedBuffers(packed) })))).toBe(before);
    expect(JSON.stringify(transcripts)).toBe(before); // the caller's transcripts are left alone
  });

  it('round-trips turns of any shape: usual ones packed, unusual ones (labels, other key order) whole', () => {
    const usualTurn = fc.record(
      {
        role: fc.constantFrom('agent', 'customer', 'system', 'unknown'),
        speaker: fc.string({ maxLength: 8 }),
        text: fc.string({ unit: 'grapheme', maxLength: 40 }),
        agentId: fc.string({ maxLength: 6 }),
        start: fc.double({ noNaN: true }),
        end: fc.double({ noNaN: true }),
        sentiment: fc.record(
          { label: fc.constantFrom('NEGATIVE' as const, 'POSITIVE' as const, 'NEUTRAL' as const, 'MIXED' as const), source: fc.constantFrom('transcribe', 'contact-lens'), score: fc.double({ min: 0, max: 1, noNaN: true }) },
          { requiredKeys: ['label', 'source'] },
        ),
      },
      { requiredKeys: ['role', 'speaker', 'text'] },
    );
    const transcript = fc
      .record({
        turns: fc.array(usualTurn, { maxLength: 6 }),
        unusual: fc.constantFrom('none', 'labels', 'order'),
        id: fc.string({ maxLength: 6 }),
      })
      .map(({ turns, unusual, id }): Transcript => {
        const built: Turn[] = turns.map((t, index) => {
          const turn: Turn = { index, role: t.role, speaker: t.speaker, text: t.text };
          if (t.agentId !== undefined) turn.agentId = t.agentId;
          if (t.start !== undefined) turn.start = t.start;
          if (t.end !== undefined) turn.end = t.end;
          if (t.sentiment !== undefined) turn.sentiment = t.sentiment;
          return turn;
        });
        if (built.length > 0 && unusual === 'labels') built[0]!.labels = ['apology'];
        if (built.length > 0 && unusual === 'order') built[0] = { text: built[0]!.text, index: 0, role: built[0]!.role, speaker: built[0]!.speaker };
        return { id, source: { file: `${id}.txt` }, turns: built };
      });
    fc.assert(
      fc.property(fc.array(transcript, { maxLength: 5 }), (batch) => {
        const before = JSON.stringify(batch);
        expect(JSON.stringify(throughWorker(batch))).toBe(before);
        expect(JSON.stringify(batch)).toBe(before);
      }),
      { numRuns: 500 },
    );
  });
});
