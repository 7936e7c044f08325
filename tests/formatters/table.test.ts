import { describe, expect, it } from 'vitest';
import { tableFormatter } from '../../src/formatters/table.js';
import { ANSI, sampleReport } from './fixture.js';

const plain = () => tableFormatter.format(sampleReport(), { color: false });

describe('table formatter', () => {
  it('starts with provenance: tool version, rubric name and hash', () => {
    expect(plain().split('\n')[0]).toBe('empathy-scorecard 0.1.0 · rubric default v1 (3f9a0c1b2d4e) · 4 inputs');
  });

  it('prints one aligned row per group with calls, score [95% interval], result, delta and rates', () => {
    const lines = plain().split('\n');
    const header = lines.find((l) => l.startsWith('agent'))!;
    const jane = lines.find((l) => l.startsWith('Jane Doe (a-102)'))!;
    const priya = lines.find((l) => l.startsWith('Priya Shah (a-301) *'))!;
    expect(jane).toMatch(/\s2\s+67\.5 \[45\.2–89\.8\]\s+FAIL\s+\+4\.0\s+50%\s+33%\s+50%\s+100%\s+100%$/);
    expect(priya).toMatch(/\s1\s+90\.0 \[n<2\]\s+pass\s+new\s+n\/a\s+n\/a\s+n\/a\s+100%\s+100%$/);
    // right-aligned columns end at the same position as their header
    for (const column of ['calls', 'acknowledgement', 'follow-up-promise']) {
      const end = header.indexOf(column) + column.length;
      for (const row of [jane, priya]) expect(row[end - 1]).toMatch(/[0-9%a]/);
      for (const row of [jane, priya]) expect(row[end] ?? ' ').toBe(' ');
    }
    expect(header.indexOf('score')).toBe(jane.indexOf('67.5'));
  });

  it('marks low-sample groups and explains the mark', () => {
    const out = plain();
    expect(out).toContain('Priya Shah (a-301) *');
    expect(out).not.toContain('Jane Doe (a-102) *');
    expect(out).toContain('* low sample: too few calls to judge');
  });

  it('ends with the summary, failing thresholds and regressions', () => {
    const out = plain();
    expect(out).toContain('read 6 · scored 4 · skipped 1 · failed 1');
    expect(out).toContain('failed  fixtures/transcripts/bad.csv:3: expected a "speaker" column');
    expect(out).toContain('FAIL  below 70: a-102, a-205');
    expect(out).toContain('Regressions vs baselines/2024-02.json: a-205 (-8.5)');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('colours only when asked: pass green, FAIL red', () => {
    expect(plain()).not.toMatch(ANSI);
    const coloured = tableFormatter.format(sampleReport(), { color: true });
    expect(coloured).toContain('\u001b[32mpass\u001b[39m');
    expect(coloured).toMatch(/\u001b\[31m(\u001b\[1m)?FAIL/);
    // alignment is identical once the escapes are stripped
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain());
  });

  it('shows per-call breakdown with reasons only when verbose', () => {
    expect(plain()).not.toContain('call-002');
    const out = tableFormatter.format(sampleReport(), { color: false, verbose: true });
    expect(out).toContain('call-003  fixtures/transcripts/csv/export.csv:14  2024-03-02  score 62.0 FAIL');
    expect(out).toContain('  agent a-205  score 62.0 FAIL  critical: acknowledgement');
    expect(out).toMatch(/ {4}apology {12}met {5}met: 'I'm so sorry for the wait' \(turn 1\)/);
    expect(out).toMatch(/follow-up-promise {2}n\/a {5}n\/a: no opportunity/);
    expect(out).toContain("penalty negative-language -10  blame: 'You should have read the terms' (turn 3)");
  });

  it('is deterministic and handles an empty run', () => {
    expect(plain()).toBe(plain());
    const empty = { ...sampleReport(), groups: [], calls: [], thresholds: undefined, comparison: undefined };
    expect(tableFormatter.format(empty, { color: false })).toContain('no calls scored');
  });
});
