// Renders an EvalResult for `empathy eval`: a per-behaviour table, per-corpus F1 and the top errors (pure).
import { BEHAVIOURS, type BehaviourId } from '../types.js';
import type { BehaviourMetrics } from './metrics.js';
import type { EvalError, EvalResult } from './run.js';

const f3 = (x: number): string => x.toFixed(3);

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function metricsRow(name: string, m: BehaviourMetrics): string[] {
  return [
    name,
    String(m.support),
    String(m.tp),
    String(m.fp),
    String(m.fn),
    f3(m.precision),
    f3(m.recall),
    f3(m.f1),
    f3(m.kappa),
    `${f3(m.bestF1)} @ ${m.bestThreshold.toFixed(2)}`,
  ];
}

/** One line of text with newlines flattened and long text cut, for error listings. */
function oneLine(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function errorLines(error: EvalError): string[] {
  const label = error.type === 'false-positive' ? 'FP' : 'FN';
  const found = error.rule ? ` — ${error.kind ?? '?'} via ${error.rule} (${error.confidence?.toFixed(2) ?? '?'})` : '';
  const lines = [`  ${label} ${error.behaviour} ${error.transcriptId} turn ${error.turn} [${error.corpus}]${found}`];
  if (error.previousCustomerText !== undefined) lines.push(`     customer: "${oneLine(error.previousCustomerText)}"`);
  lines.push(`     agent:    "${oneLine(error.text)}"`);
  return lines;
}

/** The first `limit` errors, false positives and false negatives interleaved per behaviour for a fair sample. */
export function topErrors(errors: readonly EvalError[], limit: number): EvalError[] {
  const queues = new Map<string, EvalError[]>();
  for (const e of errors) {
    const key = `${e.behaviour}/${e.type}`;
    if (!queues.has(key)) queues.set(key, []);
    queues.get(key)!.push(e);
  }
  const out: EvalError[] = [];
  const lists = [...queues.values()];
  for (let i = 0; out.length < limit && lists.some((l) => l.length > i); i++) {
    for (const list of lists) if (list[i] && out.length < limit) out.push(list[i]!);
  }
  return out;
}

/**
 * Error examples first and the figures last, as test runners do: the end of the output (what CI logs and `tail`
 * show) is always the per-behaviour table, the per-corpus F1 and macro-F1.
 */
export function formatEvalTable(result: EvalResult, errorLimit: number): string {
  const header = ['behaviour', 'support', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1', 'kappa', 'best f1 @ conf'];
  const rows = BEHAVIOURS.filter((b) => result.behaviours[b]).map((b) => metricsRow(b, result.behaviours[b]!));
  const lines = [`${result.transcripts} transcript(s), ${result.annotatedTurns} annotated agent turn(s)`];
  const shown = topErrors(result.errors, errorLimit);
  if (shown.length > 0) {
    lines.push('', `errors (${shown.length} of ${result.errors.length}; FP = detected but not labelled, FN = labelled but missed):`);
    for (const error of shown) lines.push(...errorLines(error));
  }
  lines.push('', ...pad([header, ...rows]));
  const corpora = Object.keys(result.bySource).sort();
  if (corpora.length > 1) {
    const present = BEHAVIOURS.filter((b) => result.behaviours[b]);
    const cell = (corpus: string, b: BehaviourId): string => {
      const m = result.bySource[corpus]![b];
      return m && m.support > 0 ? f3(m.f1) : '-';
    };
    lines.push('', 'F1 by corpus:', ...pad([['corpus', ...present], ...corpora.map((c) => [c, ...present.map((b) => cell(c, b))])]));
  }
  lines.push('', `macro-F1 ${f3(result.macroF1)} (mean F1 over behaviours with support > 0)`);
  return `${lines.join('\n')}\n`;
}

/** DESIGN §11 shape (macroF1, behaviours, bySource) plus counts and the first `errorLimit` errors. */
export function formatEvalJson(result: EvalResult, errorLimit: number): string {
  const { macroF1, behaviours, bySource, transcripts, annotatedTurns, errors } = result;
  const out = {
    macroF1,
    behaviours,
    bySource,
    transcripts,
    annotatedTurns,
    errorCount: errors.length,
    errors: topErrors(errors, errorLimit),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Behaviours (and "macro-F1") under the --fail-below-f1 gate; only behaviours with support count. */
export function belowF1(result: EvalResult, minimum: number): string[] {
  const failing: string[] = [];
  if (result.macroF1 < minimum) failing.push(`macro-F1 ${f3(result.macroF1)}`);
  for (const b of BEHAVIOURS) {
    const m = result.behaviours[b];
    if (m && m.support > 0 && m.f1 < minimum) failing.push(`${b} ${f3(m.f1)}`);
  }
  return failing;
}
