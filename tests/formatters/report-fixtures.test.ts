// The coaching report as a coach reads it (issue 20, "A coaching report a coach can act on"), each behaviour on a
// purpose-built transcript in fixtures/report/ named after what it shows, scored by the real pipeline.
import { beforeAll, describe, expect, it } from 'vitest';
import { collectCoaching, missedPhrase } from '../../src/formatters/coaching.js';
import { boxesOverlap, formatHtml, trendLayout, type Box } from '../../src/formatters/html.js';
import { formatJunit } from '../../src/formatters/junit.js';
import { formatCallLines } from '../../src/formatters/line.js';
import { formatMarkdown } from '../../src/formatters/markdown.js';
import { formatTable } from '../../src/formatters/table.js';
import { runScore } from '../../src/pipeline.js';
import { extractPromises } from '../../src/promises.js';
import { loadRubric } from '../../src/rubric/load.js';
import type { ScoreReport } from '../../src/types.js';

const DIR = 'fixtures/report';
const reports = new Map<string, ScoreReport>();

async function scored(...paths: string[]): Promise<ScoreReport> {
  const key = paths.join('|');
  if (!reports.has(key)) reports.set(key, (await runScore(paths.map((p) => `${DIR}/${p}`), { keepCalls: true })).report);
  return reports.get(key)!;
}

beforeAll(async () => {
  await Promise.all([
    scored('lowest-score-first'),
    scored('not-counted-kinds.txt'),
    scored('missed-moment-several-behaviours.txt'),
    scored('strong-needs-min-calls'),
    scored('turns-numbered-from-one.txt'),
    scored('trend-labels'),
    scored('two-promises-one-sentence.txt'),
    scored('within-the-hour.txt'),
  ]);
}, 60_000);

/** Text of an html fragment as a reader sees it (tags dropped, entities kept). */
function text(html: string): string {
  return html.replace(/<[^>]+>/g, '');
}

describe('lowest-score-first: agents who need coaching first', () => {
  it('orders html sections and the index lowest mean score first, no opportunity last, and the index says so', async () => {
    const report = await scored('lowest-score-first');
    expect(report.groups.map((g) => [g.key, g.meanScore])).toEqual(
      expect.arrayContaining([['h.high', 100], ['l.low', 0], ['n.none', null]]),
    );
    const html = formatHtml(report);
    const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    const order = (within: string) => ['l.low', 'h.high', 'n.none'].map((k) => within.indexOf(k));
    expect(order(nav).every((at, i, all) => at > 0 && (i === 0 || at > all[i - 1]!))).toBe(true);
    expect(nav).toContain('<caption>Agents who need coaching first (lowest score first; no opportunity last)</caption>');
    const sections = [...html.matchAll(/<h2 id="group-\d+-h">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(sections).toEqual(['l.low', 'h.high', 'n.none']);
  });

  it('orders markdown the same way and keeps provenance (tool, version, rubric hash) out of the header, in a footer', async () => {
    const report = await scored('lowest-score-first');
    const rubric = loadRubric('default');
    const md = formatMarkdown(report, { color: false });
    const rows = md.split('\n').filter((l) => /^\| [lhn]\./.test(l));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual(['| l.low \\*', '| h.high \\*', '| n.none \\*']);
    expect(rows[2]).toContain('| no opportunity | (no opportunity) |');
    expect(md).toContain('Agents who need coaching first (lowest score first; no opportunity last).');
    const head = md.slice(0, md.indexOf('\n## '));
    expect(head).not.toContain(rubric.hash);
    expect(head).not.toMatch(/scored parts|empathy-scorecard/);
    expect(md.trimEnd().split('\n').pop()).toBe(
      `_Produced by empathy-scorecard ${report.provenance.version} with rubric default v1 (rubric hash ${rubric.hash}) from 3 inputs (inputs hash ${report.provenance.inputs.hash})._`,
    );

    const html = formatHtml(report);
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
    expect(header + main).not.toContain(rubric.hash);
    expect(text(header + main)).not.toMatch(/scored parts?\b/);
    const footer = html.slice(html.indexOf('<footer>'), html.indexOf('</footer>'));
    expect(footer).toContain(`Produced by empathy-scorecard ${report.provenance.version} with rubric default v1 (rubric hash ${rubric.hash})`);
  });
});

describe('not-counted-kinds: only findings that count are highlighted as credit', () => {
  const uncounted = [
    ['I understand.', 'acknowledgement/bare', 'not counted by the rubric: bare acknowledgement'],
    ['Sorry, could you repeat your account number?', 'apology/clarification', 'not counted by the rubric: apology for a clarification'],
    ['Hold on.', 'follow-up-promise/in-call', 'not counted by the rubric: in-call step, not a follow-up'],
    ['Thank you for calling Northwind Energy, this is Nina.', 'appreciation/greeting', 'not counted by the rubric: scripted greeting'],
  ] as const;

  it('html: matches the rubric does not count are muted, with the reason in the title and the legend', async () => {
    const report = await scored('not-counted-kinds.txt');
    const html = formatHtml(report);
    for (const [quote, kind, reason] of uncounted) {
      const escaped = quote.replace(/'/g, '&#39;');
      const mark = new RegExp(`<mark class="uncounted" title="${kind} \\d\\.\\d\\d \\(${reason}\\)">${escaped.replace(/[.?]/g, '\\$&')}</mark><span class="tag uncounted" title="${reason}">\\[${kind}\\]</span><span class="uncounted-note">not counted</span>`);
      expect(html).toMatch(mark);
    }
    expect(html).toContain(
      '<li><mark class="uncounted">muted</mark> not counted by the rubric: apology for a clarification · bare acknowledgement · in-call step, not a follow-up · scripted greeting</li>',
    );
    // What counts is still highlighted as credit, in its behaviour's colour.
    expect(html).toContain('<mark class="b-follow-up-promise" title="follow-up-promise/after-call 1.00">I&#39;ll email you a breakdown of the new tariff today.</mark>');
    expect(html).toMatch(/<mark class="b-acknowledgement" title="acknowledgement\/validation [\d.]+; apology\/ownership [\d.]+">That sounds really stressful/);
  });

  it('html: the same from the rubric itself when the caller passes it', async () => {
    const report = await scored('not-counted-kinds.txt');
    expect(formatHtml(report, { rubric: loadRubric('default') })).toBe(formatHtml(report));
    // A rubric that counts bare acknowledgement shows it as credit-coloured, not muted.
    const rubric = loadRubric('default');
    rubric.behaviours.acknowledgement.kinds.push('bare');
    const html = formatHtml(report, { rubric });
    expect(html).toMatch(/<mark class="b-acknowledgement" title="acknowledgement\/bare [\d.]+">I understand\.<\/mark>/);
  });

  it('markdown: not bolded as credit, marked as not counted with the reason', async () => {
    const report = await scored('not-counted-kinds.txt');
    const md = formatMarkdown(report, { color: false, verbose: true });
    expect(md).toContain('I understand. *\\[acknowledgement/bare — not counted by the rubric: bare acknowledgement\\]*');
    expect(md).toContain('Hold on. *\\[follow-up-promise/in-call — not counted by the rubric: in-call step, not a follow-up\\]*');
    expect(md).toContain('Thank you for calling Northwind Energy, this is Nina. *\\[appreciation/greeting — not counted by the rubric: scripted greeting\\]*');
    expect(md).not.toMatch(/\*\*(I understand\.|Hold on\.|Thank you for calling)/);
    expect(md).toContain("**I'll email you a breakdown of the new tariff today.** *\\[follow-up-promise/after-call\\]*");
    // Best quotes are credit only.
    const quotes = md.slice(md.indexOf('### Best quotes'), md.indexOf('### Missed'));
    expect(quotes).not.toMatch(/I understand|Hold on|Thank you for calling/);
  });
});

describe('missed-moment-several-behaviours: a missed moment is listed once', () => {
  it('with every behaviour it missed and the agent reply, turns from 1 (markdown and html)', async () => {
    const report = await scored('missed-moment-several-behaviours.txt');
    const md = formatMarkdown(report, { color: false });
    const missed = md.slice(md.indexOf('### Missed opportunities'), md.indexOf('\n---\n'));
    const furious = missed.split('\n').filter((l) => l.includes('furious'));
    expect(furious).toEqual([
      "- Customer said “It's 7731 0042. And you took my payment twice this month, that's your mistake and I'm furious about it.” (turn 4): no paraphrasing, no acknowledgement, no apology in the agent's reply “Right. Your balance is forty pounds in credit.” (turn 5) (REP-MISSED-MOMENT)",
    ]);
    expect(missed).toContain('- Never showed appreciation in the call (REP-MISSED-MOMENT)');

    const html = formatHtml(report);
    const list = html.slice(html.indexOf('<h3>Missed opportunities</h3>'), html.indexOf('<h3>Calls</h3>'));
    expect(list.match(/furious/g)).toHaveLength(1);
    expect(list).toContain('<strong>No paraphrasing, no acknowledgement, no apology</strong>');
    expect(list).toContain('<p>Customer said (turn 4):</p>');
    expect(list).toContain("<p>Agent's reply (turn 5):</p><blockquote>Right. Your balance is forty pounds in credit.</blockquote>");
  });

  it('gap lines read as sentences a person would write', async () => {
    expect(missedPhrase(1, 1)).toBe('once (1 moment)');
    expect(missedPhrase(4, 4)).toBe('every time (4 moments)');
    expect(missedPhrase(1, 3)).toBe('once in 3 moments');
    expect(missedPhrase(3, 5)).toBe('in 3 of 5 moments');
    const md = formatMarkdown(await scored('missed-moment-several-behaviours.txt'), { color: false });
    expect(md).toContain('- Missed acknowledgement after distress once (1 moment)');
    expect(md).toContain('- Missed appreciation once (1 moment)');
    expect(md).not.toMatch(/1 of 1 moments/);
  });
});

describe('strong-needs-min-calls: "Strong at X" needs the rubric\'s min-calls scored calls', () => {
  it('five calls (min-calls 5) name strengths; two of the same calls do not, and say why', async () => {
    const minCalls = loadRubric('default').minCalls;
    expect(minCalls).toBe(5);
    const five = formatMarkdown(await scored('strong-needs-min-calls'), { color: false });
    expect(five).toContain('- Strong at acknowledgement (100% of opportunities met)');
    expect(five).toContain('- Strong at follow-up promise (100% of opportunities met)');
    const two = await scored('strong-needs-min-calls/call-1.txt', 'strong-needs-min-calls/call-2.txt');
    expect(two.groups[0]!.lowSample).toBe(true);
    const md = formatMarkdown(two, { color: false });
    expect(md).not.toContain('Strong at');
    expect(md).toContain("- _Too few scored calls (2) to name strengths: the rubric's min-calls decides when a rate is a strength._");
    expect(formatHtml(two)).not.toContain('Strong at');
  });
});

describe('turns-numbered-from-one: turns are numbered from 1 in everything a person reads', () => {
  // Index 1 is the customer's distress, index 2 the agent's reply.
  it('html, markdown, table --verbose, line and junit say turn 2 / turn 3; json keeps the 0-based indices', async () => {
    const report = await scored('turns-numbered-from-one.txt');
    const call = report.calls[0]!;
    expect(call.agents[0]!.behaviours.acknowledgement.missed[0]).toMatchObject({ customerTurn: 1, agentTurn: 2 });
    const reply = '"Account number?" (turn 3)';

    const html = formatHtml(report);
    expect(html).toContain('<span class="who">Agent (t.turns)</span><span class="muted">turn 1</span>');
    expect(html).toContain('<p>Customer said (turn 2):</p>');
    expect(html).not.toMatch(/<span class="muted">#\d/);

    const md = formatMarkdown(report, { color: false, verbose: true });
    expect(md).toContain('> **Agent (t.turns)** (turn 1):');
    expect(md).toContain('(turn 2): no paraphrasing, no acknowledgement, no apology in the agent\'s reply “Account number?” (turn 3)');

    const table = formatTable(report, { color: false, verbose: true });
    expect(table).toContain(`(turn 2), agent replied ${reply}`);

    const line = formatCallLines(call).split('\n');
    expect(line).toContain('fixtures/report/turns-numbered-from-one.txt: turn 1: 31-46 open-question/open 0.70 "How can I help?"');
    expect(line.some((l) => l.startsWith('fixtures/report/turns-numbered-from-one.txt: turn 2: missed/acknowledgement "You'))).toBe(true);

    const junit = formatJunit(report);
    expect(junit).toContain('agent replied &quot;Account number?&quot; (turn 3)');

    const json = JSON.parse(JSON.stringify(report)) as ScoreReport;
    expect(json.calls[0]!.turns[0]!.index).toBe(0);
    expect(json.calls[0]!.findings.find((f) => f.behaviour === 'open-question')!.turn).toBe(0);
  });
});

describe('trend-labels: the trend chart\'s labels never overlap its points', () => {
  const circle = (p: { cx: number; cy: number; r: number }): Box => ({ x: p.cx - p.r, y: p.cy - p.r, width: 2 * p.r, height: 2 * p.r });

  function check(scores: number[], pass: number): void {
    const points = scores.map((score, i) => ({ date: `2026-05-${String(i + 1).padStart(2, '0')}`, score, calls: 1 }));
    const layout = trendLayout(points, pass);
    const dots = layout.points.map(circle);
    for (const label of layout.labels) {
      for (const dot of dots) expect(boxesOverlap(label, dot), `${label.text} over a point`).toBe(false);
      // Nor the plot, where the line runs.
      expect(boxesOverlap(label, layout.plot), `${label.text} inside the plot`).toBe(false);
    }
    for (let i = 0; i < layout.labels.length; i++) {
      for (let j = i + 1; j < layout.labels.length; j++) {
        expect(boxesOverlap(layout.labels[i]!, layout.labels[j]!), `${layout.labels[i]!.text} / ${layout.labels[j]!.text}`).toBe(false);
      }
    }
    // Every point lies inside the plot, and the last point's score and date are always labelled.
    for (const dot of dots) expect(dot.x >= layout.plot.x && dot.x + dot.width <= layout.plot.x + layout.plot.width).toBe(true);
    expect(layout.labels.map((l) => l.text)).toEqual(expect.arrayContaining([points.at(-1)!.date, points.at(-1)!.score.toFixed(1)]));
  }

  it.each([
    [[100, 0, 100, 0, 100], 70],
    [[70, 70], 70], // the points sit on the pass line, where "pass 70" used to be drawn
    [[100, 99, 98], 100],
    [[0, 1], 0],
    [[55, 62, 70, 68, 71, 90, 40, 73, 69, 70, 100, 0, 70, 35, 80, 66, 72, 71, 70, 74], 70], // many dates
  ])('%j with pass %i', (scores, pass) => check(scores, pass));

  it('the rendered chart on the fixture draws exactly the layout: no <text> box over a <circle>', async () => {
    const report = await scored('trend-labels');
    const html = formatHtml(report);
    const title = html.indexOf('<title id="chart-0-trend">');
    const svg = html.slice(html.lastIndexOf('<svg', title), html.indexOf('</svg>', title));
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g)].map((m) => circle({ cx: +m[1]!, cy: +m[2]!, r: +m[3]! }));
    expect(circles).toHaveLength(5);
    const texts = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"(?: text-anchor="(middle|end)")?>([^<]+)<\/text>/g)];
    const trend = collectCoaching(report).coaching(report.groups[0]!).trend;
    expect(trend.map((p) => p.score)).toEqual([100, 0, 100, 0, 100]);
    const layout = trendLayout(trend, report.pass);
    expect(texts.map((t) => t[4])).toEqual(layout.labels.map((l) => l.text));
    for (const label of layout.labels) for (const c of circles) expect(boxesOverlap(label, c)).toBe(false);
    expect(svg).toContain('Score by date: 2026-05-01 100.0, 2026-05-02 0.0, 2026-05-03 100.0, 2026-05-04 0.0, 2026-05-05 100.0');
  });
});

describe('promises: timeframes and one promise per commitment', () => {
  it('within-the-hour: "within the hour" gets a one-hour timeframe and a due date', async () => {
    const [promise] = extractPromises((await scored('within-the-hour.txt')).calls[0]!);
    expect(promise).toMatchObject({
      action: "I'll email you the payment receipt within the hour.",
      timeframe: 'within the hour',
      due: { kind: 'duration', hours: 1 },
      dueDate: '2026-05-06',
      channel: 'email',
      vague: false,
    });
  });

  it('two-promises-one-sentence: "…out today, and I\'ll ring you tomorrow" is two promises with their own due dates', async () => {
    const promises = extractPromises((await scored('two-promises-one-sentence.txt')).calls[0]!);
    expect(promises.map((p) => [p.turn, p.action, p.timeframe, p.dueDate, p.channel ?? null])).toEqual([
      [2, "I'll send a drying company out today", 'today', '2026-05-06', null],
      [2, "I'll ring you tomorrow to check they've been.", 'tomorrow', '2026-05-07', 'call'],
      [4, "I'll email you the claim reference within the hour.", 'within the hour', '2026-05-06', 'email'],
    ]);
    // Both come from the same sentence, which each keeps as its quote.
    expect(promises[0]!.quote).toBe(promises[1]!.quote);
  });
});
