// Vendor sentiment through the CLI (issue 21): the reader's per-turn sentiment rides on the turns of the JSON output,
// redacted runs included, and the file needs no option and gives no warning.
import { describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../src/types.js';
import { empathyInProcess } from '../helpers/cli-in-process.js';

describe('turns[].sentiment in the output', () => {
  it('Transcribe Call Analytics sentiment reaches --format json (and --redact keeps it)', async () => {
    for (const extra of [[], ['--redact']]) {
      const run = await empathyInProcess(['score', 'fixtures/formats/transcribe-sentiment.json', '--format', 'json', '--agent-id', 'd.hale', ...extra]);
      expect(run.code).toBe(0);
      expect(run.lines).toEqual([expect.stringMatching(/^read 1, scored 1, skipped 0, failed 0/)]);
      const [call] = (JSON.parse(run.stdout) as ScoreReport).calls;
      expect(call!.turns.filter((t) => t.role === 'customer').map((t) => t.sentiment?.label ?? null)).toEqual(['NEGATIVE', 'MIXED', 'POSITIVE', null]);
    }
  });

  it("is evidence in the customer's distress findings, shown on each (never on a POSITIVE turn)", async () => {
    const run = await empathyInProcess(['score', 'fixtures/formats/transcribe-sentiment.json', '--format', 'json', '--agent-id', 'd.hale']);
    const [call] = (JSON.parse(run.stdout) as ScoreReport).calls;
    const distress = call!.findings.filter((f) => f.behaviour === 'customer-distress' && f.confidence >= 0.5);
    expect(distress.map((f) => [f.turn, f.kind, f.attributes?.sentiment])).toEqual([
      [1, 'repeat', 'NEGATIVE (transcribe)'],
      [3, 'fault', 'MIXED (transcribe)'],
    ]);
  });
});
