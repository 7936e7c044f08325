import { describe, expect, it } from 'vitest';
import { lineFormatter } from '../../src/formatters/line.js';
import { sampleReport } from './fixture.js';

describe('line formatter', () => {
  const out = lineFormatter.format(sampleReport(), { color: false });
  const lines = out.trimEnd().split('\n');

  it('prints one finding per line: file: turn N: span behaviour/kind confidence "quote", turns counted from 1', () => {
    expect(lines).toContain(
      'fixtures/transcripts/text/call-001.txt: turn 2: 0-25 apology/inconvenience 0.92 "I\'m so sorry for the wait"',
    );
    expect(lines).toContain(
      'fixtures/transcripts/csv/export.csv[call-004]: turn 3: 35-70 follow-up-promise/after-call 0.87 "I\'ll call you back tomorrow morning"',
    );
    const call1 = lines.filter((l) => l.startsWith('fixtures/transcripts/text/call-001.txt'));
    expect(call1.map((l) => l.split(' ')[3])).toEqual(['36-57', '0-25', '27-57', '59-109', '0-27', '29-71']);
    // Nothing reads as `file:line`.
    expect(lines.some((l) => /^[^ ]+:\d/.test(l))).toBe(false);
  });

  it('lists missed opportunities with the customer words, quotes kept on one line', () => {
    expect(lines).toContain(
      'fixtures/transcripts/text/call-002.txt: turn 1: missed/acknowledgement "This is ridiculous, my card was charged twice!"',
    );
    expect(lines).toContain('fixtures/transcripts/text/call-002.txt: missed/paraphrasing');
    expect(lines).toContain(
      'fixtures/transcripts/csv/export.csv[call-003]: turn 1: missed/acknowledgement "Do not <script>alert(1)</script> me, and \\" onmouseover=\\"x it was broken!"',
    );
    expect(lines).toHaveLength(23);
  });

  it('names the call when its file holds several (CSV/JSONL exports), quoting an id with spaces', () => {
    expect(lines.filter((l) => l.startsWith('fixtures/transcripts/csv/export.csv[call-003]:')).length).toBeGreaterThan(0);
    expect(lines.some((l) => l.startsWith('fixtures/transcripts/csv/export.csv:'))).toBe(false);
    const r = sampleReport();
    const spaced = { ...r.calls.find((c) => c.line !== undefined)!, transcriptId: 'call 7 [b]' };
    expect(lineFormatter.formatCall!(spaced, r, { color: false })).toMatch(/^fixtures\/transcripts\/csv\/export\.csv\["call 7 \[b\]"\]:/);
  });

  it('streams per call with the same lines as the whole report', () => {
    const r = sampleReport();
    const streamed = r.calls.map((c) => lineFormatter.formatCall!(c, r, { color: false })).join('');
    expect(streamed).toBe(out);
    const call = { ...r.calls[0]!, findings: [{ ...r.calls[0]!.findings[1]!, quote: 'two\nlines' }] };
    expect(lineFormatter.formatCall!(call, r, { color: false })).toContain('"two\\nlines"\n');
  });
});
