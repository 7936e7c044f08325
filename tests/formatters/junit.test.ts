import { describe, expect, it } from 'vitest';
import { junitFormatter } from '../../src/formatters/junit.js';
import { SCRIPT_TEXT, sampleReport } from './fixture.js';

describe('junit formatter', () => {
  const out = junitFormatter.format(sampleReport(), { color: false });

  it('has a testsuite per group and a testcase per call with counts', () => {
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(out).toContain('tests="5" failures="2"');
    expect(out).toContain('<testsuite name="Jane Doe (a-102)" tests="2" failures="1" errors="0">');
    expect(out).toContain('<testcase name="call-001" classname="a-102" file="fixtures/transcripts/text/call-001.txt"/>');
    expect(out).toContain('<testcase name="call-004" classname="a-301" file="fixtures/transcripts/csv/export.csv"/>');
    expect(out.match(/<testsuite /g)).toHaveLength(3);
    expect(out.match(/<testcase /g)).toHaveLength(5);
  });

  it('fails a call whose agent part failed, naming score, critical failures and missing behaviours', () => {
    expect(out).toContain(
      '<failure message="a-205 scored 62.0 (pass 70); critical: acknowledgement; missed: paraphrasing, acknowledgement" type="empathy.score">',
    );
    expect(out).toContain('a-102 scored 35.0 (pass 70); missed: paraphrasing, acknowledgement, apology');
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

  it('falls back to one testcase per group when calls are omitted', () => {
    const xml = junitFormatter.format({ ...sampleReport(), calls: [] }, { color: false });
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<failure message="mean score 66.0 below pass 70 over 2 calls"');
  });
});
