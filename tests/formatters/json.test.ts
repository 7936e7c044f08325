import { describe, expect, it } from 'vitest';
import { jsonFormatter } from '../../src/formatters/json.js';
import type { ScoreReport } from '../../src/types.js';
import { sampleReport } from './fixture.js';

describe('json formatter', () => {
  it('writes the documented top-level key order whatever the object order, 2-space indent, trailing newline', () => {
    const r = sampleReport();
    const shuffled = Object.fromEntries(Object.entries(r).reverse()) as unknown as ScoreReport;
    const out = jsonFormatter.format(shuffled, { color: false });
    expect(Object.keys(JSON.parse(out))).toEqual([
      'schemaVersion', 'provenance', 'groupBy', 'summary', 'pass', 'groups', 'thresholds', 'comparison', 'calls',
    ]);
    expect(out.startsWith('{\n  "schemaVersion": 1,\n  "provenance": {\n    "tool": "empathy-scorecard"')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toBe(jsonFormatter.format(r, { color: false }));
  });

  it('round-trips every finding with span and quote, and leaves out absent optional sections', () => {
    const r = sampleReport();
    const back = JSON.parse(jsonFormatter.format(r, { color: true })) as ScoreReport;
    expect(back).toEqual(r);
    const f = back.calls[0]!.findings.find((x) => x.behaviour === 'apology')!;
    expect(back.calls[0]!.turns[f.turn]!.text.slice(...f.span)).toBe(f.quote);
    const bare = JSON.parse(jsonFormatter.format({ ...r, thresholds: undefined, comparison: undefined }, { color: false }));
    expect('thresholds' in bare).toBe(false);
    expect('comparison' in bare).toBe(false);
  });
});
