import { describe, expect, it } from 'vitest';
import { markdownFormatter } from '../../src/formatters/markdown.js';
import { SCRIPT_TEXT, sampleReport } from './fixture.js';

const render = (verbose = false) => markdownFormatter.format(sampleReport(), { color: false, verbose });

describe('markdown formatter', () => {
  it('has title, summary, an index table lowest score first, and provenance in a footer', () => {
    const out = render();
    expect(out.startsWith('# Empathy coaching report\n\n**Summary:** 4 of 6 calls scored · skipped 1 · failed 1 · pass mark 70 · grouped by agent')).toBe(true);
    expect(out).toContain('Agents who need coaching first (lowest score first; no opportunity last).');
    expect(out.trimEnd().split('\n').slice(-1)[0]).toMatch(/^_Produced by empathy-scorecard 0\.1\.0 with rubric default v1 \(rubric hash 3f9a0c1b2d4e\) from \d+ inputs? \(inputs hash [0-9a-f]+\)\._$/);
    expect(out.slice(0, out.indexOf('\n## '))).not.toContain('3f9a0c1b2d4e');
    const rows = out.split('\n').filter((l) => /^\| (Priya|Jane|Sam)/.test(l));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(["| Sam O'Neil &lt;Lead&gt; (a-205)", '| Jane Doe (a-102)', '| Priya Shah (a-301) \\*']);
    expect(rows[1]).toBe('| Jane Doe (a-102) | 2 | 67.5 [45.2–89.8] | **FAIL** | 50% | 33% | 50% | 100% | 100% |');
  });

  it('writes strengths and gaps in plain words', () => {
    const out = render();
    expect(out).toContain('- Strong at appreciation (100% of opportunities met)');
    expect(out).toContain('- Missed acknowledgement after distress in 2 of 3 moments');
    expect(out).toContain('- Missed acknowledgement once (1 moment)'); // Sam: no distress flagged on that turn
    expect(out).not.toMatch(/ 1 of 1 moments/);
    expect(out).toContain('- Penalised for negative-language in 1 call');
    expect(out).toContain('- Critical failure in 1 call');
  });

  it('quotes the best findings by confidence and every missed moment with what the agent said next', () => {
    const out = render();
    const jane = out.slice(out.indexOf('## Jane Doe'), out.indexOf('## Priya Shah'));
    const appreciation = jane.split('\n').filter((l) => l.startsWith('- **appreciation**'));
    expect(appreciation).toEqual([
      '- **appreciation**: “Thank you for your patience” (call-001, turn 4, 0.95)',
      '- **appreciation**: “Thanks for holding” (call-002, turn 4, 0.90)',
    ]);
    expect(jane).toContain(
      '- Customer said “It\'s 12345678 and I\'m still upset about it.” (turn 3): no acknowledgement in the agent\'s reply “Thanks for holding. You should have read the terms \\| they are clear.” (turn 4) (call-002)',
    );
    expect(jane).toContain('- Never showed paraphrasing in the call (call-002)');
  });

  it('escapes hostile transcript text so it cannot become HTML, links or table cells', () => {
    const out = render(true);
    expect(SCRIPT_TEXT).toContain('<script>');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toMatch(/<[a-z]/i);
    const r = sampleReport();
    r.calls[2]!.turns[0]!.text = '# heading `code` [x](http://evil) | cell';
    r.calls[2]!.agents[0]!.behaviours.acknowledgement.missed[0]!.customerQuote = r.calls[2]!.turns[0]!.text;
    const md = markdownFormatter.format(r, { color: false, verbose: true });
    expect(md).toContain('“\\# heading \\`code\\` \\[x\\](http://evil) \\| cell”');
    expect(md).not.toMatch(/^# heading/m);
  });

  it('shows per-call transcripts with highlighted findings only when verbose, deterministically', () => {
    expect(render()).not.toContain('#### call-001');
    const out = render(true);
    expect(out).toContain(
      "> **Agent (a-102)** (turn 2): **I'm so sorry for the wait** *\\[apology/inconvenience\\]*, **that sounds really frustrating** *\\[acknowledgement/validation\\]*.",
    );
    expect(out).toContain('#### call-002 — 35.0 **FAIL**');
    expect(out).toBe(render(true));
  });
});
