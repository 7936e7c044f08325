// Renders an EvalResult for `empathy eval`: a per-behaviour table, per-corpus F1, the top errors and the call-level
// agreement block (pure).
import { BEHAVIOURS, type OutcomeStatus } from '../types.js';
import { VERDICTS, type CallAgreement } from './calls.js';
import { DISTRESS, EVAL_LABELS, type EvalLabel } from './gold.js';
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
  const lines = [`  ${label} ${error.behaviour} ${error.transcriptId} turn ${error.turn + 1} [${error.corpus}]${found}`];
  if (error.behaviour === DISTRESS) {
    // The customer turn is the one judged; the agent's reply shows what the moment asked of the agent.
    lines.push(`     customer: "${oneLine(error.text)}"`);
    if (error.nextAgentText !== undefined) lines.push(`     agent:    "${oneLine(error.nextAgentText)}"`);
    return lines;
  }
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

const num = (x: number | null, digits = 3): string => (x === null ? 'n/a' : x.toFixed(digits));
const VERDICT_NAMES: Record<string, string> = { met: 'met', missed: 'missed', na: 'n/a' };

/** The "Call-level agreement" block: score MAE, Spearman, pass agreement and κ, per-behaviour verdict agreement. */
export function callAgreementLines(agreement: CallAgreement, rubric?: string): string[] {
  const using = rubric !== undefined ? `, ${rubric} rubric` : '';
  const lines = [`Call-level agreement (${agreement.calls} call(s)${using}; each call scored from the human labels and from detection):`];
  if (agreement.calls === 0) return [...lines, '  no labelled calls'];
  const unscored = agreement.unscored.human + agreement.unscored.detected + agreement.unscored.both;
  if (unscored > 0) {
    lines.push(
      `  ${unscored} call(s) without a score left out of the score figures (human side ${agreement.unscored.human}, detected side ${agreement.unscored.detected}, both ${agreement.unscored.both})`,
    );
  }
  lines.push(
    `  score MAE ${num(agreement.scoreMAE, 1)} points, Spearman ${num(agreement.scoreSpearman)}, pass/fail agreement ${num(agreement.passAgreement)} (kappa ${num(agreement.passKappa)})`,
  );
  if (agreement.distressFromDetection > 0) {
    lines.push(`  ${agreement.distressFromDetection} call(s) without customer-distress labels: their human side uses the detected distress`);
  }
  const present = BEHAVIOURS.filter((b) => agreement.behaviours[b]);
  if (present.length > 0) {
    const pairs = (b: (typeof present)[number], human: OutcomeStatus): string =>
      VERDICTS.map((d) => String(agreement.behaviours[b]!.confusion[`${human}/${d}`])).join('/');
    const header = ['verdicts', 'calls', 'agree', ...VERDICTS.map((h) => `human ${VERDICT_NAMES[h]}`)];
    const rows = present.map((b) => {
      const a = agreement.behaviours[b]!;
      return [b, String(a.calls), f3(a.agreement), ...VERDICTS.map((h) => pairs(b, h))];
    });
    lines.push(...pad([header, ...rows]).map((l) => `  ${l}`));
    lines.push('  (human <verdict>: how many of those calls detection judged met/missed/n/a)');
  }
  return lines;
}

/**
 * Error examples first and the figures last, as test runners do: the end of the output (what CI logs and `tail`
 * show) is always the per-label table, the per-corpus F1, macro-F1 and the call-level agreement block.
 */
export function formatEvalTable(result: EvalResult, errorLimit: number): string {
  const header = ['behaviour', 'support', 'tp', 'fp', 'fn', 'precision', 'recall', 'f1', 'kappa', 'best f1 @ conf'];
  const present = EVAL_LABELS.filter((b) => result.behaviours[b]);
  const rows = present.map((b) => metricsRow(b, result.behaviours[b]!));
  const customers = result.annotatedCustomerTurns > 0 ? `, ${result.annotatedCustomerTurns} labelled customer turn(s)` : '';
  const lines = [`${result.transcripts} transcript(s), ${result.annotatedTurns} annotated agent turn(s)${customers}`];
  const shown = topErrors(result.errors, errorLimit);
  if (shown.length > 0) {
    lines.push('', `errors (${shown.length} of ${result.errors.length}; FP = detected but not labelled, FN = labelled but missed; turns numbered from 1):`);
    for (const error of shown) lines.push(...errorLines(error));
  }
  lines.push('', ...pad([header, ...rows]));
  const corpora = Object.keys(result.bySource).sort();
  if (corpora.length > 1) {
    const cell = (corpus: string, b: EvalLabel): string => {
      const m = result.bySource[corpus]![b];
      return m && m.support > 0 ? f3(m.f1) : '-';
    };
    lines.push('', 'F1 by corpus:', ...pad([['corpus', ...present], ...corpora.map((c) => [c, ...present.map((b) => cell(c, b))])]));
  }
  const distress = (result.behaviours[DISTRESS]?.support ?? 0) > 0 ? ', customer-distress included' : '';
  lines.push('', `macro-F1 ${f3(result.macroF1)} (mean F1 over behaviours with support > 0${distress})`);
  if (result.callAgreement.calls > 0) lines.push('', ...callAgreementLines(result.callAgreement, result.rubric));
  return `${lines.join('\n')}\n`;
}

/**
 * DESIGN §11 shape (macroF1, behaviours, bySource; customer-distress among the behaviours when labelled) plus counts,
 * the first `errorLimit` errors and callAgreement. The raw observations and per-call sides are not printed.
 */
export function formatEvalJson(result: EvalResult, errorLimit: number): string {
  const { macroF1, behaviours, bySource, transcripts, annotatedTurns, annotatedCustomerTurns, errors, callAgreement } = result;
  const out = {
    macroF1,
    behaviours,
    bySource,
    transcripts,
    annotatedTurns,
    annotatedCustomerTurns,
    errorCount: errors.length,
    errors: topErrors(errors, errorLimit),
    callAgreement,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Behaviours, customer-distress (and "macro-F1") under the --fail-below-f1 gate; only those with support count. */
export function belowF1(result: EvalResult, minimum: number): string[] {
  const failing: string[] = [];
  if (result.macroF1 < minimum) failing.push(`macro-F1 ${f3(result.macroF1)}`);
  for (const b of EVAL_LABELS) {
    const m = result.behaviours[b];
    if (m && m.support > 0 && m.f1 < minimum) failing.push(`${b} ${f3(m.f1)}`);
  }
  return failing;
}
