import { describe, expect, it } from 'vitest';
import { htmlFormatter } from '../../src/formatters/html.js';
import { SCRIPT_TEXT, sampleReport } from './fixture.js';

const render = () => htmlFormatter.format(sampleReport(), { color: true });

describe('html formatter', () => {
  it('is one self-contained document with a strict CSP and no scripts, handlers or network references', () => {
    const out = render();
    expect(out.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(out).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(out).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(out).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(out).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(out).toContain('@media print');
  });

  it('escapes hostile transcript text everywhere it appears', () => {
    expect(SCRIPT_TEXT).toContain('" onmouseover="x');
    const out = render();
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('" onmouseover="');
    expect(out).toContain('Do not &lt;script&gt;alert(1)&lt;/script&gt; me, and &quot; onmouseover=&quot;x it was broken!');
    expect(out).toContain('Sam O&#39;Neil &lt;Lead&gt; (a-205)');
  });

  it('uses semantic structure and an index of groups, lowest score first, with PASS/FAIL as text', () => {
    const out = render();
    for (const tag of ['<header>', '<nav aria-label="Groups, lowest score first">', '<footer>', '<main>', '<section class="group"', '<h1>', '<h2', '<h3>', '<caption>', '<th scope="col"', '<th scope="row"']) {
      expect(out).toContain(tag);
    }
    const nav = out.slice(out.indexOf('<nav'), out.indexOf('</nav>'));
    const order = ['Sam O&#39;Neil', 'Jane Doe (a-102)', 'Priya Shah (a-301)'].map((n) => nav.indexOf(n));
    expect(order.every((pos, i) => pos > 0 && (i === 0 || pos > order[i - 1]!))).toBe(true);
    expect(nav).toContain('<span class="badge fail">FAIL</span>');
    expect(nav).toContain('<span class="badge pass">PASS</span>');
    expect(nav).toContain('<caption>Agents who need coaching first (lowest score first; no opportunity last)</caption>');
    expect(out).toContain('4 of 6 calls scored · 1 skipped · 1 could not be read');
  });

  it('draws a behaviour bar chart per group and a trend line only with two or more dates', () => {
    const out = render();
    expect(out.match(/<svg role="img"/g)).toHaveLength(3 + 2); // 3 bar charts, trends for Jane and Sam
    expect(out).toContain('Score by date: 2024-03-01 100.0, 2024-03-04 35.0');
    expect(out).toContain('<polyline points=');
    const priya = out.slice(out.indexOf('id="group-2"'));
    expect(priya).not.toContain('Score by date');
  });

  it('highlights findings in transcripts with a mark, a title and a visible label, and shows coaching content', () => {
    const out = render();
    expect(out).toContain(
      '<mark class="b-apology" title="apology/inconvenience 0.92">I&#39;m so sorry for the wait</mark><span class="tag b-apology">[apology/inconvenience]</span>',
    );
    expect(out).toContain('<details>\n<summary>call-002 — 35.0 <span class="badge fail">FAIL</span>');
    expect(out).toContain('<li>Missed acknowledgement after distress in 2 of 3 moments</li>');
    expect(out).toContain('<li>Strong at appreciation (100% of opportunities met)</li>');
    expect(out).toContain('<blockquote>This is ridiculous, my card was charged twice!</blockquote>');
    expect(out).toContain('<q>Thank you for your patience</q>');
  });

  it('merges overlapping findings (transitively) into one mark that keeps every label', () => {
    const r = sampleReport();
    const call = r.calls[0]!;
    const text = call.turns[1]!.text;
    call.findings.push({ ...call.findings[1]!, id: 'x', behaviour: 'acknowledgement', kind: 'sympathy', span: [4, 30], quote: text.slice(4, 30) });
    const out = htmlFormatter.format(r, { color: false });
    expect(out).toContain(`<mark class="b-apology" title="apology/inconvenience 0.92; acknowledgement/sympathy 0.92; acknowledgement/validation 0.88">I&#39;m so sorry for the wait, that sounds really frustrating</mark><span class="tag b-apology">[apology/inconvenience]</span><span class="tag b-acknowledgement">[acknowledgement/sympathy]</span><span class="tag b-acknowledgement">[acknowledgement/validation]</span>`);
  });

  it('is deterministic and renders an empty run', () => {
    expect(render()).toBe(render());
    const empty = htmlFormatter.format({ ...sampleReport(), groups: [], calls: [] }, { color: false });
    expect(empty).toContain('<p>No calls were scored.</p>');
    expect(empty).not.toContain('<nav');
  });
});
