// The coaching report as ONE self-contained HTML file: inline CSS and SVG, no scripts, no network, everything escaped.
import { BEHAVIOURS, type AgentCallScore, type CallResult, type Finding, type GroupScorecard, type ScoreReport } from '../types.js';
import {
  callsShown,
  collectCoaching,
  kindName,
  moreMissed,
  notCountedReason,
  segmentTurn,
  speakerLabel,
  standingsOf,
  type Coaching,
  type CountedKinds,
  type MissedEntry,
  type Standing,
  type TrendPoint,
} from './coaching.js';
import { escapeHtml as h } from './escape.js';
import { BEHAVIOUR_COLOURS, STYLE } from './html-style.js';
import { apologyNote, scriptedNotes } from './scripted-notes.js';
import {
  behaviourList,
  behaviourName,
  callsPhrase,
  coachingOrderNote,
  formatInterval,
  formatRate,
  formatScore,
  formatSigned,
  groupName,
  groupsForCoaching,
  partScore,
  provenanceFooter,
  turnNumber,
  type GroupCall,
} from './shared.js';
import type { FormatOptions, Formatter } from './types.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Class-safe token for a behaviour or signal id (ids come from detectors, but never trust a string in markup). */
function cls(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

function badge(passed: boolean | null): string {
  if (passed === null) return '<span class="badge na">NO OPPORTUNITY</span>';
  return passed ? '<span class="badge pass">PASS</span>' : '<span class="badge fail">FAIL</span>';
}

function num(value: string): string {
  return `<td class="num">${h(value)}</td>`;
}

function behaviourChart(coaching: Coaching, id: string): string {
  const g = coaching.group;
  const labelWidth = 130;
  const barWidth = 220;
  const row = 24;
  const height = BEHAVIOURS.length * row + 8;
  const width = labelWidth + barWidth + 50;
  const bars = BEHAVIOURS.map((b, i) => {
    const rate = g.behaviours[b]?.rate ?? null;
    const y = 4 + i * row;
    const w = rate === null ? 0 : Math.round(rate * barWidth);
    const colour = BEHAVIOUR_COLOURS[b];
    return [
      `<text x="0" y="${y + 15}">${h(b)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="16" fill="#f2f4f7"/>`,
      rate === null ? '' : `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="16" fill="${colour}"/>`,
      `<text x="${labelWidth + barWidth + 6}" y="${y + 15}">${h(formatRate(rate))}</text>`,
    ].join('');
  }).join('\n');
  const summary = BEHAVIOURS.map((b) => `${b} ${formatRate(g.behaviours[b]?.rate ?? null)}`).join(', ');
  return `<svg role="img" aria-labelledby="${id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">Share of opportunities met: ${h(summary)}</title>\n${bars}\n</svg>`;
}

/** An axis-aligned box: a circle's bounds or a text label's estimated extent. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TrendLabel extends Box {
  text: string;
  /** Where the text is drawn: anchor point and baseline. */
  at: { x: number; y: number; anchor: 'start' | 'middle' | 'end' };
}

export interface TrendLayout {
  width: number;
  height: number;
  plot: Box;
  passY: number;
  points: { cx: number; cy: number; r: number; point: TrendPoint }[];
  labels: TrendLabel[];
}

const TREND_FONT = 12;
/** A generous average advance of a system-ui glyph at TREND_FONT (digits and dashes are narrower). */
const GLYPH_WIDTH = TREND_FONT * 0.62;
const POINT_RADIUS = 3.5;

function textBox(text: string, x: number, baseline: number, anchor: TrendLabel['at']['anchor']): TrendLabel {
  const width = text.length * GLYPH_WIDTH;
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  return { text, x: left, y: baseline - TREND_FONT * 0.85, width, height: TREND_FONT * 1.1, at: { x, y: baseline, anchor } };
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Keeps labels left to right that do not overlap one already kept, always keeping the last (the latest date). */
function thin(labels: TrendLabel[]): TrendLabel[] {
  const kept: TrendLabel[] = [];
  labels.forEach((label, i) => {
    const last = i === labels.length - 1;
    while (last && kept.length > 0 && boxesOverlap(kept[kept.length - 1]!, label)) kept.pop();
    if (kept.length === 0 || !boxesOverlap(kept[kept.length - 1]!, label)) kept.push(label);
  });
  return kept;
}

/**
 * Where everything of the trend chart goes. Points and the line stay inside the plot, inset from its edges; every label
 * is outside it — the y-axis values and the pass mark in the gutter on the left, each point's score and date in rows
 * beneath the axis under its point — so no label can cover a point, and labels that would overlap each other are
 * thinned (the SVG title always lists every point).
 */
export function trendLayout(points: readonly TrendPoint[], pass: number): TrendLayout {
  const width = 420;
  const left = 64;
  const top = 10;
  const plotW = width - left - 12;
  const plotH = 110;
  const inset = 16;
  const x = (i: number) => left + inset + (points.length === 1 ? (plotW - 2 * inset) / 2 : (i * (plotW - 2 * inset)) / (points.length - 1));
  const y = (score: number) => top + plotH - (Math.max(0, Math.min(100, score)) / 100) * plotH;
  const passY = y(pass);
  const bottom = top + plotH;
  const gutter = left - 8;
  const passLabel = textBox(`pass ${pass}`, gutter, passY + 4, 'end');
  const axis = [textBox('100', gutter, y(100) + 4, 'end'), textBox('0', gutter, y(0) + 4, 'end')].filter((l) => !boxesOverlap(l, passLabel));
  const valueRow = bottom + 18;
  const dateRow = bottom + 34;
  const values = thin(points.map((p, i) => textBox(formatScore(p.score), x(i), valueRow, 'middle')));
  const dates = thin(points.map((p, i) => textBox(p.date, x(i), dateRow, 'middle')));
  return {
    width,
    height: dateRow + 8,
    plot: { x: left, y: top, width: plotW, height: plotH },
    passY,
    points: points.map((point, i) => ({ cx: x(i), cy: y(point.score), r: POINT_RADIUS, point })),
    labels: [...axis, passLabel, ...values, ...dates],
  };
}

function trendChart(points: readonly TrendPoint[], pass: number, id: string): string {
  const layout = trendLayout(points, pass);
  const { plot, width, height } = layout;
  const f = (n: number) => n.toFixed(1);
  const line = layout.points.map((p) => `${f(p.cx)},${f(p.cy)}`).join(' ');
  const dots = layout.points.map((p) => `<circle cx="${f(p.cx)}" cy="${f(p.cy)}" r="${p.r}" fill="#2f6690"/>`).join('');
  const labels = layout.labels
    .map((l) => `<text x="${f(l.at.x)}" y="${f(l.at.y)}"${l.at.anchor === 'start' ? '' : ` text-anchor="${l.at.anchor}"`}>${h(l.text)}</text>`)
    .join('');
  const summary = points.map((p) => `${p.date} ${formatScore(p.score)}`).join(', ');
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  return [
    `<svg role="img" aria-labelledby="${id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">Score by date: ${h(summary)}</title>`,
    `<line x1="${plot.x}" y1="${plot.y}" x2="${plot.x}" y2="${bottom}" stroke="#d0d5dd"/>`,
    `<line x1="${plot.x}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#d0d5dd"/>`,
    `<line x1="${plot.x}" y1="${f(layout.passY)}" x2="${right}" y2="${f(layout.passY)}" stroke="#b42318" stroke-dasharray="4 3"/>`,
    `<polyline points="${line}" fill="none" stroke="#2f6690" stroke-width="2"/>${dots}`,
    labels,
    '</svg>',
  ].join('\n');
}

function findingLabel(f: Finding, standing: Standing | undefined): string {
  const label = `${f.behaviour}/${f.kind} ${f.confidence.toFixed(2)}`;
  return standing === 'not-counted' ? `${label} (${notCountedReason(f)})` : label;
}

function transcriptHtml(call: CallResult, counted: CountedKinds): string {
  const standings = standingsOf(call, counted);
  const items = call.turns.map((turn) => {
    const body = segmentTurn(turn, call.findings)
      .map((s) => {
        if (s.findings.length === 0) return h(s.text);
        // A stretch is highlighted as credit when any finding in it counts; only matches the rubric does not count
        // are shown muted, with the reason in the title and in the legend.
        const counts = s.findings.filter((f) => standings.get(f.id) !== 'not-counted');
        const title = s.findings.map((f) => findingLabel(f, standings.get(f.id))).join('; ');
        const tags = s.findings
          .map((f) =>
            standings.get(f.id) === 'not-counted'
              ? `<span class="tag uncounted" title="${h(notCountedReason(f))}">[${h(`${f.behaviour}/${f.kind}`)}]</span><span class="uncounted-note">not counted</span>`
              : `<span class="tag b-${cls(f.behaviour)}">[${h(`${f.behaviour}/${f.kind}`)}]</span>`,
          )
          .join('');
        const mark = counts.length > 0 ? `<mark class="b-${cls(counts[0]!.behaviour)}"` : '<mark class="uncounted"';
        return `${mark} title="${h(title)}">${h(s.text)}</mark>${tags}`;
      })
      .join('');
    return `<li class="${cls(turn.role)}"><span class="who">${h(speakerLabel(turn))}</span><span class="muted">turn ${turnNumber(turn.index)}</span> ${body}</li>`;
  });
  return `<ol class="transcript">\n${items.join('\n')}\n</ol>`;
}

/** What the highlighting means, with every reason a match in the shown calls was not counted. */
function legend(coaching: Coaching): string {
  const kinds = new Set<string>();
  for (const { call } of coaching.calls) {
    const standings = standingsOf(call, coaching.counted);
    for (const f of call.findings) if (standings.get(f.id) === 'not-counted') kinds.add(kindName(f.behaviour, f.kind));
  }
  const muted = kinds.size === 0 ? [] : [`<li><mark class="uncounted">muted</mark> not counted by the rubric: ${[...kinds].sort().map(h).join(' · ')}</li>`];
  return [
    '<ul class="legend plain">',
    '<li><mark class="b-acknowledgement">highlighted</mark> counted by the rubric (colour = behaviour; hover for kind and confidence)</li>',
    ...muted,
    '</ul>',
  ].join('\n');
}

function breakdownTable(part: AgentCallScore): string {
  const rows = BEHAVIOURS.filter((b) => part.behaviours[b]).map((b) => {
    const o = part.behaviours[b];
    const status = o.status === 'na' ? 'n/a' : o.status;
    return `<tr><th scope="row">${h(b)}</th><td>${h(status)}</td>${num(String(o.weight))}${num(`${o.met}/${o.opportunities}`)}<td>${h(o.reason)}</td></tr>`;
  });
  for (const p of part.penalties) {
    rows.push(`<tr><th scope="row">penalty: ${h(p.id)}</th><td>−${h(String(p.points))}</td><td></td><td></td><td>${h(p.reason)}</td></tr>`);
  }
  const critical = part.criticalFailures.length ? ` · critical: ${h(part.criticalFailures.join(', '))}` : '';
  return [
    '<table>',
    `<caption>${h(part.agentId)}: ${h(formatScore(part.score))} ${badge(part.passed)}${critical}</caption>`,
    '<thead><tr><th scope="col">Behaviour</th><th scope="col">Status</th><th scope="col" class="num">Weight</th><th scope="col" class="num">Met</th><th scope="col">Reason</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

function callDetails(entry: GroupCall, report: ScoreReport, counted: CountedKinds): string {
  const { call, parts } = entry;
  const { score, passed } = partScore(entry, report.groupBy);
  const where = `${call.file}${call.line === undefined ? '' : `:${call.line}`}`;
  const meta = [call.date, call.channel, call.team].filter(Boolean).join(' · ');
  return [
    '<details>',
    `<summary>${h(call.transcriptId)} — ${h(formatScore(score))} ${badge(passed)} <span class="muted">${h(meta)}</span></summary>`,
    `<p class="muted">${h(where)}</p>`,
    transcriptHtml(call, counted),
    ...parts.map(breakdownTable),
    '</details>',
  ].join('\n');
}

function missedItem(m: MissedEntry): string {
  const missed = m.behaviours.map((b) => `no ${behaviourName(b)}`).join(', ');
  if (m.customerQuote === undefined) {
    return `<li><strong>Never showed ${h(behaviourList(m.behaviours))}</strong> <span class="muted">(${h(m.transcriptId)})</span></li>`;
  }
  const at = m.customerTurn === undefined ? '' : ` (turn ${turnNumber(m.customerTurn)})`;
  const reply =
    m.agentQuote === undefined
      ? '<p class="muted">No agent reply followed.</p>'
      : `<p>Agent's reply${m.agentTurn === undefined ? '' : ` (turn ${turnNumber(m.agentTurn)})`}:</p><blockquote>${h(m.agentQuote)}</blockquote>`;
  return `<li><strong>${h(missed.charAt(0).toUpperCase() + missed.slice(1))}</strong> <span class="muted">(${h(m.transcriptId)})</span><p>Customer said${at}:</p><blockquote>${h(m.customerQuote)}</blockquote>${reply}</li>`;
}

function list(title: string, items: string[]): string {
  return items.length === 0 ? '' : `<h3>${h(title)}</h3>\n<ul class="plain">\n${items.join('\n')}\n</ul>`;
}

function groupSection(coaching: Coaching, index: number, report: ScoreReport): string {
  const g = coaching.group;
  const delta = report.comparison?.groups.find((d) => d.key === g.key);
  const regressed = report.comparison?.regressions.includes(g.key) ?? false;
  const change =
    delta && delta.scoreDelta !== null
      ? ` · ${h(formatSigned(delta.scoreDelta))} since baseline${regressed ? ' <strong>(regression)</strong>' : ''}`
      : '';
  const low = g.lowSample ? ' <span class="low">low sample: too few calls to judge</span>' : '';
  const rateRows = BEHAVIOURS.map((b) => {
    const r = g.behaviours[b];
    return `<tr><th scope="row">${h(b)}</th>${num(formatRate(r?.rate ?? null))}${num(String(r?.met ?? 0))}${num(String(r?.opportunities ?? 0))}${num(String(r?.findings ?? 0))}${num((r?.per100Turns ?? 0).toFixed(1))}</tr>`;
  }).join('\n');
  const charts = [behaviourChart(coaching, `chart-${index}-rates`)];
  if (coaching.trend.length >= 2) charts.push(trendChart(coaching.trend, report.pass, `chart-${index}-trend`));
  const quotes = coaching.bestQuotes.flatMap((q) =>
    q.findings.map(
      (f) =>
        `<li><span class="tag b-${cls(q.behaviour)}">${h(q.behaviour)}</span> <q>${h(f.quote)}</q> <span class="muted">(${h(f.transcriptId)}, turn ${turnNumber(f.turn)}, ${f.confidence.toFixed(2)})</span></li>`,
    ),
  );
  return [
    `<section class="group" id="group-${index}" aria-labelledby="group-${index}-h">`,
    `<h2 id="group-${index}-h">${h(groupName(g))}</h2>`,
    `<p><span class="score">${h(formatScore(g.meanScore))}</span> <span class="muted">${h(formatInterval(g.ci95, g.meanScore))}</span> ${badge(g.meanScore === null ? null : g.passed)} · pass mark ${report.pass} · ${h(callsPhrase(g))}${change}${low}</p>`,
    `<div class="charts">${charts.join('\n')}</div>`,
    '<table>',
    '<caption>Behaviours</caption>',
    '<thead><tr><th scope="col">Behaviour</th><th scope="col" class="num">Rate</th><th scope="col" class="num">Met</th><th scope="col" class="num">Opportunities</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Per 100 turns</th></tr></thead>',
    `<tbody>${rateRows}</tbody>`,
    '</table>',
    list('Strengths', [
      ...coaching.strengths.map((s) => `<li>${h(s)}</li>`),
      ...(coaching.strengthsNote === undefined ? [] : [`<li class="muted">${h(coaching.strengthsNote)}</li>`]),
    ]),
    list('Gaps', coaching.gaps.map((s) => `<li>${h(s)}</li>`)),
    list(
      'Sounds scripted',
      g.scripted
        ? scriptedNotes(g.scripted).map((n) => (n.phrase === undefined ? `<li>${h(n.text)}</li>` : `<li><q>${h(n.phrase)}</q> ${h(n.text)}</li>`))
        : coaching.scripted.map((s) => `<li><q>${h(s.phrase)}</q> in ${s.calls} calls</li>`),
    ),
    list('Apologies without action', g.scripted && apologyNote(g.scripted) ? [`<li>${h(apologyNote(g.scripted)!)}</li>`] : []),
    list('Best quotes', quotes),
    list('Missed opportunities', [...coaching.missed.map(missedItem), ...moreMissed(coaching).map((t) => `<li class="muted">${h(t)}</li>`)]),
    coaching.calls.length
      ? `<h3>Calls</h3>\n${callsShown(coaching).map((t) => `<p class="muted">${h(t)}</p>\n`).join('')}${legend(coaching)}\n${coaching.calls.map((c) => callDetails(c, report, coaching.counted)).join('\n')}`
      : '',
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function indexNav(report: ScoreReport, ordered: Coaching[]): string {
  const rows = ordered.map((c, i) => {
    const g = c.group;
    return `<tr><th scope="row"><a href="#group-${i}">${h(groupName(g))}</a>${g.lowSample ? ' <span class="low">low sample</span>' : ''}</th>${num(String(g.calls))}${num(`${formatScore(g.meanScore)} ${formatInterval(g.ci95, g.meanScore)}`.trim())}<td>${badge(g.meanScore === null ? null : g.passed)}</td>${BEHAVIOURS.map((b) => num(formatRate(g.behaviours[b]?.rate ?? null))).join('')}</tr>`;
  });
  const head = `<tr><th scope="col">${h(report.groupBy)}</th><th scope="col" class="num">Calls</th><th scope="col" class="num">Score</th><th scope="col">Result</th>${BEHAVIOURS.map((b) => `<th scope="col" class="num">${h(b)}</th>`).join('')}</tr>`;
  return `<nav aria-label="Groups, lowest score first">\n<table>\n<caption>${h(coachingOrderNote(report.groupBy))}</caption>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</nav>`;
}

function teamSummary(report: ScoreReport): string {
  const s = report.summary;
  const groups = report.groups;
  const scoredOf = (g: GroupScorecard): number => g.calls - g.noOpportunity;
  const calls = groups.reduce((n, g) => n + scoredOf(g), 0);
  const mean = calls === 0 ? 0 : groups.reduce((n, g) => n + (g.meanScore ?? 0) * scoredOf(g), 0) / calls;
  const passing = groups.filter((g) => g.passed).length;
  const noun = report.groupBy === 'call' ? 'call' : report.groupBy;
  const problems = s.skipped + s.failed;
  const transfers = report.groupBy === 'agent' && calls > s.scored ? ' (a transferred call counts for each agent)' : '';
  const items = [
    `<li>${s.scored} of ${s.read} call${s.read === 1 ? '' : 's'} scored${problems ? ` · ${s.skipped} skipped · ${s.failed} could not be read` : ''}</li>`,
    `<li>${groups.length} ${h(noun)}${groups.length === 1 ? '' : 's'}, ${passing} at or above the pass mark of ${report.pass}</li>`,
    calls ? `<li>Average score ${h(formatScore(mean))} over ${calls} call${calls === 1 ? '' : 's'} with something to score${transfers}</li>` : '',
  ];
  if (report.thresholds && report.thresholds.failing.length) {
    items.push(`<li><strong>Below ${h(String(report.thresholds.failUnder ?? report.pass))}:</strong> ${h(report.thresholds.failing.join(', '))}</li>`);
  }
  if (report.comparison && report.comparison.regressions.length) {
    items.push(`<li><strong>Regressions vs ${h(report.comparison.baseline)}:</strong> ${h(report.comparison.regressions.join(', '))}</li>`);
  }
  for (const p of [...s.skippedInputs, ...s.failedInputs]) {
    items.push(`<li class="muted">${h(`${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.reason}`)}</li>`);
  }
  return `<section class="summary" aria-labelledby="summary-h">\n<h2 id="summary-h">Team summary</h2>\n<ul class="plain">\n${items.filter(Boolean).join('\n')}\n</ul>\n</section>`;
}

export function formatHtml(report: ScoreReport, options: Pick<FormatOptions, 'coaching' | 'rubric'> = {}): string {
  const coach = options.coaching ?? collectCoaching(report, options.rubric);
  const ordered = groupsForCoaching(report.groups).map((g) => coach.coaching(g));
  const p = report.provenance;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${h(`${p.tool} ${p.version}`)}">`,
    '<title>Empathy coaching report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>Empathy coaching report</h1>',
    `<p class="muted">Pass mark ${report.pass} · one section per ${h(report.groupBy)}, lowest score first</p>`,
    '</header>',
    '<main>',
    teamSummary(report),
    report.groups.length ? indexNav(report, ordered) : '<p>No calls were scored.</p>',
    ...ordered.map((c, i) => groupSection(c, i, report)),
    '</main>',
    `<footer>\n<p class="prov">${h(provenanceFooter(p))}</p>\n</footer>`,
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

export const htmlFormatter: Formatter = {
  name: 'html',
  description: 'self-contained HTML coaching report: inline CSS and SVG charts, highlighted transcripts, no scripts',
  extension: 'html',
  format: formatHtml,
  collects: 'coaching',
};
