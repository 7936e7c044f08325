import { describe, expect, it } from 'vitest';
import { junitFormatter } from '../../src/formatters/junit.js';
import type { ScoreReport } from '../../src/types.js';
import { SCRIPT_TEXT, sampleReport } from './fixture.js';

function failedClassnames(xml: string): string[] {
  return [...xml.matchAll(/<testcase [^>]*classname="([^"]*)"[^/]*?>([\s\S]*?)<\/testcase>/g)]
    .filter((m) => m[2]!.includes('<failure'))
    .map((m) => m[1]!);
}

describe('junit formatter', () => {
  // The sample was gated with --fail-under 70 (failing a-102, a-205) and a baseline (a-205 regressed).
  const out = junitFormatter.format(sampleReport(), { color: false });

  it('has a testsuite per group with its gate testcase, and a testcase per call and agent', () => {
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(out).toContain('tests="8" failures="2" errors="0" skipped="0"');
    expect(out).toContain('<testsuite name="Jane Doe (a-102)" tests="3" failures="1" errors="0" skipped="0">');
    expect(out).toContain('<testcase name="call-001" classname="a-102" file="fixtures/transcripts/text/call-001.txt"/>');
    expect(out).toContain('<testcase name="call-004" classname="a-301" file="fixtures/transcripts/csv/export.csv"/>');
    expect(out.match(/<testsuite /g)).toHaveLength(3);
    expect(out.match(/<testcase /g)).toHaveLength(8); // 3 groups + 5 call parts (call-004 has two agents)
  });

  it('fails exactly the groups that failed a gate: one failure per group, whatever gates it failed', () => {
    expect(failedClassnames(out)).toEqual(['a-102', 'a-205']);
    expect(out).toContain('<testcase name="fail-under 70, fail-on-regression" classname="a-205">');
    expect(out).toContain(
      '<failure message="mean score 66.0 below --fail-under 70 over 2 calls; regressed -8.5 points against baselines/2024-02.json" type="empathy.gate">',
    );
    expect(out).toContain('<failure message="mean score 67.5 below --fail-under 70 over 2 calls" type="empathy.gate">');
  });

  it('a call under the pass mark is not a failure: its reasons are in system-out', () => {
    expect(out).toContain('<system-out>a-205 scored 62.0 (pass 70); critical: acknowledgement; missed: paraphrasing, acknowledgement');
    expect(out).toContain('a-102 scored 35.0 (pass 70); missed: paraphrasing, acknowledgement, apology');
    expect(out).not.toMatch(/<failure message="a-\d+ scored/);
  });

  it('no gate, no failures: the report without thresholds or regressions fails nothing', () => {
    const { thresholds: _t, comparison: _c, ...ungated } = sampleReport();
    const xml = junitFormatter.format(ungated as ScoreReport, { color: false });
    expect(xml).toContain('failures="0" errors="0" skipped="0"');
    expect(xml).not.toContain('<failure');
    expect(xml).toContain('<testcase name="mean score" classname="a-102">');
    expect(xml).toContain('no gate: --fail-under or --fail-on-regression decides the exit code');
  });

  it('an exempt group (under min-calls) is a skipped testcase with the reason', () => {
    const report = sampleReport();
    report.thresholds = { failUnder: 95, failing: ['a-102', 'a-205'], exempt: ['a-301'], minCalls: 5 } as ScoreReport['thresholds'];
    delete report.comparison;
    const xml = junitFormatter.format(report, { color: false });
    expect(xml).toContain('tests="8" failures="2" errors="0" skipped="1"');
    expect(xml).toContain('<testsuite name="Priya Shah (a-301)" tests="2" failures="0" errors="0" skipped="1">');
    expect(xml).toContain(
      '<skipped message="exempt: 1 call, under the rubric&apos;s min-calls 5: not held to --fail-under 95 (mean 90.0 would fail); --strict holds it"/>',
    );
    // an ungated report does not skip its low-sample groups: there is nothing to be exempt from
    const { thresholds: _t, comparison: _c, ...ungated } = report;
    expect(junitFormatter.format(ungated as ScoreReport, { color: false })).not.toContain('<skipped');
  });

  it('escapes names and messages and drops characters illegal in XML', () => {
    expect(out).toContain('name="Sam O&apos;Neil &lt;Lead&gt; (a-205)"');
    const r = sampleReport();
    const b = r.calls[2]!.agents[0]!.behaviours.acknowledgement;
    b.reason = `missed after: ${SCRIPT_TEXT}\u0000\u001b`;
    const xml = junitFormatter.format(r, { color: false });
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('" onmouseover="');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; me, and &quot; onmouseover=&quot;x');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('without per-call results each group is its gate testcase alone', () => {
    const xml = junitFormatter.format({ ...sampleReport(), calls: [] }, { color: false });
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('tests="3" failures="2"');
    expect(xml).toContain('<failure message="mean score 67.5 below --fail-under 70 over 2 calls"');
  });
});
