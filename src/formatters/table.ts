// Terminal scorecard: one aligned row per group, then the run summary, thresholds and regressions.
import { Chalk, type ChalkInstance } from 'chalk';
import { formatProblem } from '../transcript/input-error.js';
import { BEHAVIOURS, type CallResult, type GroupScorecard, type ScoreReport } from '../types.js';
import {
  formatInterval,
  formatRate,
  formatScore,
  formatSigned,
  groupName,
  provenanceLine,
} from './shared.js';
import { soundsScripted } from '../scoring/scripted.js';
import { scriptedLine } from './scripted-notes.js';
import { writeAround } from './shared.js';
import type { CallStream, CallStreamContext, FormatOptions, Formatter } from './types.js';

type Align = 'left' | 'right';
interface Cell {
  text: string;
  style?: (s: string) => string;
}

const LOW_SAMPLE_MARK = '*';

function visibleLength(text: string): number {
  return [...text].length;
}

/** Pads on plain text and colours afterwards, so ANSI codes never disturb the alignment. */
function renderRow(cells: Cell[], widths: number[], aligns: Align[]): string {
  return cells
    .map((cell, i) => {
      const pad = ' '.repeat(Math.max(0, widths[i]! - visibleLength(cell.text)));
      const styled = cell.style ? cell.style(cell.text) : cell.text;
      if (i === cells.length - 1 && aligns[i] === 'left') return styled;
      return aligns[i] === 'right' ? pad + styled : styled + pad;
    })
    .join('  ');
}

function renderGrid(header: string[], rows: Cell[][], aligns: Align[], c: ChalkInstance): string[] {
  const widths = header.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i]!.text))));
  const headerCells = header.map((text) => ({ text, style: (s: string) => c.bold(s) }));
  return [renderRow(headerCells, widths, aligns), ...rows.map((r) => renderRow(r, widths, aligns))].map((l) =>
    l.trimEnd(),
  );
}

function groupRow(group: GroupScorecard, report: ScoreReport, c: ChalkInstance): Cell[] {
  const name = group.lowSample ? `${groupName(group)} ${LOW_SAMPLE_MARK}` : groupName(group);
  const cells: Cell[] = [
    { text: name },
    { text: String(group.calls) },
    { text: `${formatScore(group.meanScore)} ${formatInterval(group.ci95, group.meanScore)}`.trim(), style: group.meanScore === null ? c.dim : undefined },
    group.meanScore === null
      ? { text: 'n/a', style: c.dim }
      : group.passed
        ? { text: 'pass', style: c.green }
        : { text: 'FAIL', style: (s) => c.red.bold(s) },
  ];
  if (report.comparison) {
    const delta = report.comparison.groups.find((d) => d.key === group.key);
    const text = !delta || delta.scoreDelta === null ? 'new' : formatSigned(delta.scoreDelta);
    const regressed = report.comparison.regressions.includes(group.key);
    cells.push({ text, style: regressed ? c.red : undefined });
  }
  for (const b of BEHAVIOURS) {
    const rate = group.behaviours[b]?.rate ?? null;
    cells.push({ text: formatRate(rate), style: rate === null ? c.dim : undefined });
  }
  return cells;
}

function callBlock(call: CallResult, c: ChalkInstance): string[] {
  const where = call.line === undefined ? call.file : `${call.file}:${call.line}`;
  const verdict = (passed: boolean | null) => (passed === null ? c.dim('(nothing expected)') : passed ? c.green('pass') : c.red.bold('FAIL'));
  const lines = [
    `${c.bold(call.transcriptId)}  ${where}${call.date ? `  ${call.date}` : ''}  score ${formatScore(call.score)} ${verdict(call.passed)}`,
  ];
  for (const part of call.agents) {
    const critical = part.criticalFailures.length ? `  critical: ${part.criticalFailures.join(', ')}` : '';
    lines.push(`  agent ${part.agentId}  score ${formatScore(part.score)} ${verdict(part.passed)}${critical}`);
    const width = Math.max(...BEHAVIOURS.map((b) => b.length));
    for (const b of BEHAVIOURS) {
      const outcome = part.behaviours[b];
      if (!outcome) continue;
      const status =
        outcome.status === 'met' ? c.green('met   ') : outcome.status === 'missed' ? c.red('missed') : c.dim('n/a   ');
      lines.push(`    ${b.padEnd(width)}  ${status}  ${outcome.reason}`);
    }
    for (const p of part.penalties) lines.push(`    ${c.yellow(`penalty ${p.id} -${p.points}`)}  ${p.reason}`);
  }
  return lines;
}

export function formatTable(report: ScoreReport, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [c.dim(`${provenanceLine(report.provenance)} · ${report.provenance.inputs.count} inputs`), ''];

  const header = [report.groupBy, 'calls', 'score', 'result'];
  const aligns: Align[] = ['left', 'right', 'left', 'left'];
  if (report.comparison) {
    header.push('Δ score');
    aligns.push('right');
  }
  header.push(...BEHAVIOURS);
  aligns.push(...BEHAVIOURS.map((): Align => 'right'));

  if (report.groups.length === 0) lines.push('no calls scored');
  else {
    const [head, ...rows] = renderGrid(header, report.groups.map((g) => groupRow(g, report, c)), aligns, c);
    lines.push(head!);
    rows.forEach((row, i) => {
      lines.push(row);
      const scripted = report.groups[i]!.scripted;
      const note = soundsScripted(scripted) ? scriptedLine(scripted!) : undefined;
      if (note) lines.push(c.yellow(`  ${note}`));
    });
  }

  lines.push('');
  if (report.groups.some((g) => g.lowSample)) {
    lines.push(`${LOW_SAMPLE_MARK} low sample: too few calls to judge; exempt from thresholds unless --strict`);
  }
  const s = report.summary;
  lines.push(`read ${s.read} · scored ${s.scored} · skipped ${s.skipped} · failed ${s.failed}`);
  for (const p of s.skippedInputs) lines.push(c.yellow(`  skipped ${formatProblem(p)}`));
  for (const p of s.failedInputs) lines.push(c.red(`  failed  ${formatProblem(p)}`));

  const t = report.thresholds;
  if (t && t.failing.length > 0) {
    lines.push(c.red.bold(`FAIL  below ${t.failUnder ?? report.pass}: ${t.failing.join(', ')}`));
  }
  if (report.comparison && report.comparison.regressions.length > 0) {
    const deltas = report.comparison.regressions.map((key) => {
      const d = report.comparison!.groups.find((g) => g.key === key);
      return d && d.scoreDelta !== null ? `${key} (${formatSigned(d.scoreDelta)})` : key;
    });
    lines.push(c.red(`Regressions vs ${report.comparison.baseline}: ${deltas.join(', ')}`));
  }

  if (options.verbose && report.calls?.length) {
    for (const call of report.calls) lines.push('', ...callBlock(call, c));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What --verbose adds after the summary for one call, exactly as formatTable writes it: a writer that streams the calls
 * writes formatTable of the call-less report and then this for each call, in input order.
 */
export function verboseCallPiece(call: CallResult, options: FormatOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  return `\n${callBlock(call, c).join('\n')}\n`;
}

/** --verbose renders every call: each into the spill as it is scored, after the summary once the report is final. */
function streamVerboseTable({ options, spill: createSpill, write }: CallStreamContext): CallStream | undefined {
  if (!options.verbose) return undefined;
  const spill = createSpill('calls.txt');
  return {
    async add(call) {
      spill.append(verboseCallPiece(call, options));
    },
    finish: (report) => writeAround(spill, formatTable({ ...report, calls: [] }, options), '', write),
    close: () => spill.close(),
  };
}

export const tableFormatter: Formatter = {
  name: 'table',
  description: 'aligned terminal scorecard: one row per group with score, pass/fail and per-behaviour rates',
  extension: 'txt',
  format: formatTable,
  showsSummary: true,
  streamCalls: streamVerboseTable,
};
