// Coaching report in Markdown for tickets and wikis. All transcript-derived text goes through escapeMarkdown.
import { BEHAVIOURS, type CallResult, type GroupScorecard, type ScoreReport } from '../types.js';
import {
  callsShown,
  collectCoaching,
  moreMissed,
  notCountedReason,
  segmentTurn,
  speakerLabel,
  standingsOf,
  type Coaching,
  type MissedEntry,
} from './coaching.js';
import { escapeMarkdown as md } from './escape.js';
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
} from './shared.js';
import type { FormatOptions, Formatter } from './types.js';

function verdict(passed: boolean | null): string {
  if (passed === null) return '(no opportunity)';
  return passed ? 'PASS' : '**FAIL**';
}

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function indexTable(report: ScoreReport): string[] {
  const rows = groupsForCoaching(report.groups).map((g) => [
    `${md(groupName(g))}${g.lowSample ? ' \\*' : ''}`,
    String(g.calls),
    `${formatScore(g.meanScore)} ${formatInterval(g.ci95, g.meanScore)}`.trim(),
    verdict(g.meanScore === null ? null : g.passed),
    ...BEHAVIOURS.map((b) => formatRate(g.behaviours[b]?.rate ?? null)),
  ]);
  return table(
    [md(report.groupBy), 'Calls', 'Score', 'Result', ...BEHAVIOURS],
    ['l', 'r', 'r', 'l', ...BEHAVIOURS.map((): 'r' => 'r')],
    rows,
  );
}

function quote(text: string | undefined): string {
  return text === undefined ? '—' : `“${md(text)}”`;
}

/**
 * One line per missed moment with every behaviour it missed:
 * `Customer said “…” (turn 4): no acknowledgement, no apology in the agent's reply “…” (turn 5)`.
 */
export function missedLine(m: MissedEntry): string {
  const where = `(${md(m.transcriptId)})`;
  if (m.customerQuote === undefined) {
    return `- Never showed ${behaviourList(m.behaviours)} in the call ${where}`;
  }
  const at = m.customerTurn === undefined ? '' : ` (turn ${turnNumber(m.customerTurn)})`;
  const missed = m.behaviours.map((b) => `no ${behaviourName(b)}`).join(', ');
  const reply =
    m.agentQuote === undefined
      ? `; no agent reply followed`
      : ` in the agent's reply ${quote(m.agentQuote)}${m.agentTurn === undefined ? '' : ` (turn ${turnNumber(m.agentTurn)})`}`;
  return `- Customer said ${quote(m.customerQuote)}${at}: ${missed}${reply} ${where}`;
}

function callSection(call: CallResult, coaching: Coaching, report: ScoreReport): string[] {
  const entry = coaching.calls.find((c) => c.call === call)!;
  const standings = standingsOf(call, coaching.counted);
  const { score, passed } = partScore(entry, report.groupBy);
  const lines = [`#### ${md(call.transcriptId)} — ${formatScore(score)} ${verdict(passed)}`, ''];
  lines.push(`${md(call.file)}${call.line === undefined ? '' : `:${call.line}`}${call.date ? ` · ${call.date}` : ''}`, '');
  for (const turn of call.turns) {
    const text = segmentTurn(turn, call.findings)
      .map((s) => {
        if (s.findings.length === 0) return md(s.text);
        // Bold is credit: a stretch whose every match the rubric does not count stays plain, marked as not counted.
        const tags = s.findings
          .map((f) => (standings.get(f.id) === 'not-counted' ? `${f.behaviour}/${f.kind} — ${notCountedReason(f)}` : `${f.behaviour}/${f.kind}`))
          .join(', ');
        const counts = s.findings.some((f) => standings.get(f.id) !== 'not-counted');
        return `${counts ? `**${md(s.text)}**` : md(s.text)} *\\[${md(tags)}\\]*`;
      })
      .join('');
    lines.push(`> **${md(speakerLabel(turn))}** (turn ${turnNumber(turn.index)}): ${text}`, '>');
  }
  if (lines[lines.length - 1] === '>') lines.pop();
  lines.push('');
  for (const part of entry.parts) {
    lines.push(
      ...table(
        ['Behaviour', 'Status', 'Reason'],
        ['l', 'l', 'l'],
        BEHAVIOURS.filter((b) => part.behaviours[b]).map((b) => [
          b,
          part.behaviours[b].status === 'na' ? 'n/a' : part.behaviours[b].status,
          md(part.behaviours[b].reason),
        ]),
      ),
      '',
    );
  }
  return lines;
}

function groupSection(coaching: Coaching, report: ScoreReport, options: FormatOptions): string[] {
  const g: GroupScorecard = coaching.group;
  const lines = [`## ${md(groupName(g))}`, ''];
  const sample = g.lowSample ? ' · low sample: too few calls to judge' : '';
  lines.push(
    `**Score ${formatScore(g.meanScore)} ${formatInterval(g.ci95, g.meanScore)} — ${g.meanScore === null ? 'no opportunity' : g.passed ? 'PASS' : 'FAIL'}** (pass mark ${report.pass}) · ${callsPhrase(g)}${sample}`,
    '',
  );
  const delta = report.comparison?.groups.find((d) => d.key === g.key);
  if (delta && delta.scoreDelta !== null) {
    lines.push(`Change since ${md(report.comparison!.baseline)}: ${formatSigned(delta.scoreDelta)}`, '');
  }
  if (coaching.trend.length > 0) {
    lines.push(`Trend: ${coaching.trend.map((p) => `${p.date} ${formatScore(p.score)}`).join(' → ')}`, '');
  }
  lines.push(
    ...table(
      ['Behaviour', 'Rate', 'Met', 'Opportunities', 'Findings'],
      ['l', 'r', 'r', 'r', 'r'],
      BEHAVIOURS.map((b) => {
        const r = g.behaviours[b];
        return [b, formatRate(r?.rate ?? null), String(r?.met ?? 0), String(r?.opportunities ?? 0), String(r?.findings ?? 0)];
      }),
    ),
    '',
  );
  const list = (title: string, items: string[]) => (items.length ? [`### ${title}`, '', ...items, ''] : []);
  lines.push(
    ...list('Strengths', [...coaching.strengths.map((s) => `- ${s}`), ...(coaching.strengthsNote === undefined ? [] : [`- _${coaching.strengthsNote}_`])]),
  );
  lines.push(...list('Gaps', coaching.gaps.map((s) => `- ${s}`)));
  lines.push(
    ...list(
      'Sounds scripted',
      g.scripted
        ? scriptedNotes(g.scripted).map((n) => (n.phrase === undefined ? `- ${n.text}` : `- ${quote(n.phrase)} ${n.text}`))
        : coaching.scripted.map((s) => `- ${quote(s.phrase)} in ${s.calls} calls`),
    ),
  );
  const unactioned = g.scripted ? apologyNote(g.scripted) : undefined;
  lines.push(...list('Apologies without action', unactioned ? [`- ${unactioned}`] : []));
  lines.push(
    ...list(
      'Best quotes',
      coaching.bestQuotes.flatMap((q) =>
        q.findings.map((f) => `- **${q.behaviour}**: ${quote(f.quote)} (${md(f.transcriptId)}, turn ${turnNumber(f.turn)}, ${f.confidence.toFixed(2)})`),
      ),
    ),
  );
  lines.push(...list('Missed opportunities', [...coaching.missed.map(missedLine), ...moreMissed(coaching).map((t) => `- ${t}`)]));
  if (options.verbose) {
    lines.push('### Calls', '', ...callsShown(coaching).flatMap((t) => [t, '']));
    for (const { call } of coaching.calls) lines.push(...callSection(call, coaching, report));
  }
  return lines;
}

export function formatMarkdown(report: ScoreReport, options: FormatOptions): string {
  const s = report.summary;
  const footer = ['---', '', `_${md(provenanceFooter(report.provenance))}_`];
  const lines = [
    '# Empathy coaching report',
    '',
    `**Summary:** ${s.scored} of ${s.read} calls scored · skipped ${s.skipped} · failed ${s.failed} · pass mark ${report.pass} · grouped by ${report.groupBy}`,
    '',
  ];
  if (report.thresholds && report.thresholds.failing.length > 0) {
    lines.push(`**Below ${report.thresholds.failUnder ?? report.pass}:** ${report.thresholds.failing.map(md).join(', ')}`, '');
  }
  if (report.comparison && report.comparison.regressions.length > 0) {
    lines.push(`**Regressions vs ${md(report.comparison.baseline)}:** ${report.comparison.regressions.map(md).join(', ')}`, '');
  }
  if (report.groups.length === 0) {
    lines.push('No calls were scored.', '', ...footer);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${coachingOrderNote(report.groupBy)}.`, '', ...indexTable(report), '');
  if (report.groups.some((g) => g.lowSample)) lines.push('\\* low sample: too few calls to judge; exempt from thresholds', '');
  const coach = options.coaching ?? collectCoaching(report, options.rubric);
  for (const g of groupsForCoaching(report.groups)) lines.push(...groupSection(coach.coaching(g), report, options));
  while (lines[lines.length - 1] === '') lines.pop();
  lines.push('', ...footer);
  return `${lines.join('\n')}\n`;
}

export const markdownFormatter: Formatter = {
  name: 'markdown',
  description: 'coaching report in Markdown: per group strengths, gaps, best quotes and missed opportunities',
  extension: 'md',
  format: formatMarkdown,
  collects: 'coaching',
};
