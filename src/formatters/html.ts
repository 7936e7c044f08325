// The coaching report as ONE self-contained HTML file: inline CSS and SVG, no scripts, no network, everything escaped.
import { BEHAVIOURS, type AgentCallScore, type CallResult, type Finding, type GroupScorecard, type ScoreReport } from '../types.js';
import { callsShown, collectCoaching, moreMissed, segmentTurn, speakerLabel, type Coaching, type MissedEntry, type TrendPoint } from './coaching.js';
import { escapeHtml as h } from './escape.js';
import { BEHAVIOUR_COLOURS, STYLE } from './html-style.js';
import { apologyNote, scriptedNotes } from './scripted-notes.js';
import {
  callsPhrase,
  formatInterval,
  formatRate,
  formatScore,
  formatSigned,
  groupName,
  groupsByScore,
  partScore,
  provenanceLine,
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
    const colour = BEHAVIOUR_COLOURS[b] ?? '#667085';
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

function trendChart(points: readonly TrendPoint[], pass: number, id: string): string {
  const width = 360;
  const height = 160;
  const left = 32;
  const top = 10;
  const plotW = width - left - 16;
  const plotH = 110;
  const x = (i: number) => left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (score: number) => top + plotH - (Math.max(0, Math.min(100, score)) / 100) * plotH;
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const dots = points
    .map((p, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(p.score).toFixed(1)}" r="3.5" fill="#2f6690"/>`)
    .join('');
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const summary = points.map((p) => `${p.date} ${formatScore(p.score)}`).join(', ');
  return [
    `<svg role="img" aria-labelledby="${id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">Score by date: ${h(summary)}</title>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#d0d5dd"/>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${width - 16}" y2="${top + plotH}" stroke="#d0d5dd"/>`,
    `<line x1="${left}" y1="${y(pass).toFixed(1)}" x2="${width - 16}" y2="${y(pass).toFixed(1)}" stroke="#b42318" stroke-dasharray="4 3"/>`,
    `<text x="0" y="${top + 4}">100</text><text x="8" y="${top + plotH + 4}">0</text>`,
    `<text x="${width - 60}" y="${(y(pass) - 4).toFixed(1)}">pass ${pass}</text>`,
    `<polyline points="${line}" fill="none" stroke="#2f6690" stroke-width="2"/>${dots}`,
    `<text x="${left}" y="${height - 8}">${h(first.date)}</text>`,
    `<text x="${width - 16}" y="${height - 8}" text-anchor="end">${h(last.date)}</text>`,
    '</svg>',
  ].join('\n');
}

function findingLabel(f: Finding): string {
  return `${f.behaviour}/${f.kind} ${f.confidence.toFixed(2)}`;
}

function transcriptHtml(call: CallResult): string {
  const items = call.turns.map((turn) => {
    const body = segmentTurn(turn, call.findings)
      .map((s) => {
        if (s.findings.length === 0) return h(s.text);
        const first = s.findings[0]!;
        const title = s.findings.map(findingLabel).join('; ');
        const tags = s.findings
          .map((f) => `<span class="tag b-${cls(f.behaviour)}">[${h(`${f.behaviour}/${f.kind}`)}]</span>`)
          .join('');
        return `<mark class="b-${cls(first.behaviour)}" title="${h(title)}">${h(s.text)}</mark>${tags}`;
      })
      .join('');
    return `<li class="${cls(turn.role)}"><span class="who">${h(speakerLabel(turn))}</span><span class="muted">#${turn.index}</span> ${body}</li>`;
  });
  return `<ol class="transcript">\n${items.join('\n')}\n</ol>`;
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

function callDetails(entry: GroupCall, report: ScoreReport): string {
  const { call, parts } = entry;
  const { score, passed } = partScore(entry, report.groupBy);
  const where = `${call.file}${call.line === undefined ? '' : `:${call.line}`}`;
  const meta = [call.date, call.channel, call.team].filter(Boolean).join(' · ');
  return [
    '<details>',
    `<summary>${h(call.transcriptId)} — ${h(formatScore(score))} ${badge(passed)} <span class="muted">${h(meta)}</span></summary>`,
    `<p class="muted">${h(where)}</p>`,
    transcriptHtml(call),
    ...parts.map(breakdownTable),
    '</details>',
  ].join('\n');
}

function missedItem(m: MissedEntry): string {
  const where = m.customerTurn === undefined ? m.transcriptId : `${m.transcriptId}, turn ${m.customerTurn}`;
  if (m.customerQuote === undefined) {
    return `<li><strong>${h(m.behaviour)}</strong> <span class="muted">(${h(where)})</span>: never shown in the call</li>`;
  }
  const next =
    m.agentQuote === undefined ? '<p class="muted">No agent reply followed.</p>' : `<p>Agent said next:</p><blockquote>${h(m.agentQuote)}</blockquote>`;
  return `<li><strong>${h(m.behaviour)}</strong> <span class="muted">(${h(where)})</span><p>Customer said:</p><blockquote>${h(m.customerQuote)}</blockquote>${next}</li>`;
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
        `<li><span class="tag b-${cls(q.behaviour)}">${h(q.behaviour)}</span> <q>${h(f.quote)}</q> <span class="muted">(${h(f.transcriptId)}, turn ${f.turn}, ${f.confidence.toFixed(2)})</span></li>`,
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
    list('Strengths', coaching.strengths.map((s) => `<li>${h(s)}</li>`)),
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
      ? `<h3>Calls</h3>\n${callsShown(coaching).map((t) => `<p class="muted">${h(t)}</p>\n`).join('')}${coaching.calls.map((c) => callDetails(c, report)).join('\n')}`
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
  return `<nav aria-label="Groups by score">\n<table>\n<caption>${h(report.groupBy)} by score</caption>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</nav>`;
}

function teamSummary(report: ScoreReport): string {
  const s = report.summary;
  const groups = report.groups;
  const scoredOf = (g: GroupScorecard): number => g.calls - g.noOpportunity;
  const calls = groups.reduce((n, g) => n + scoredOf(g), 0);
  const mean = calls === 0 ? 0 : groups.reduce((n, g) => n + (g.meanScore ?? 0) * scoredOf(g), 0) / calls;
  const passing = groups.filter((g) => g.passed).length;
  const items = [
    `<li>Read ${s.read} · scored ${s.scored} · skipped ${s.skipped} · failed ${s.failed}</li>`,
    `<li>${groups.length} ${h(report.groupBy)} group${groups.length === 1 ? '' : 's'}, ${passing} at or above the pass mark of ${report.pass}</li>`,
    calls ? `<li>Mean score over ${calls} scored part${calls === 1 ? '' : 's'}: ${h(formatScore(mean))}</li>` : '',
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

export function formatHtml(report: ScoreReport, options: Pick<FormatOptions, 'coaching'> = {}): string {
  const coach = options.coaching ?? collectCoaching(report);
  const ordered = groupsByScore(report.groups).map((g) => coach.coaching(g));
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
    `<p class="prov">${h(provenanceLine(p))} · ${p.inputs.count} inputs <code>${h(p.inputs.hash)}</code></p>`,
    '</header>',
    '<main>',
    teamSummary(report),
    report.groups.length ? indexNav(report, ordered) : '<p>No calls were scored.</p>',
    ...ordered.map((c, i) => groupSection(c, i, report)),
    '</main>',
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
};
