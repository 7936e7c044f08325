// The CI gates as score and merge apply them: the baseline is loaded and checked before any work (a wrong baseline
// fails fast, exit 2), the gates are applied to the finished report, and what they decided goes to stderr in every
// output format: the failing groups (except where the table already prints them), one line per exempt group, and
// any notice about the baseline.
import { exitCodeFor, loadBaseline } from '../pipeline.js';
import {
  applyGates,
  BaselineMismatch,
  checkBaseline,
  exemptionLine,
  type GatedReport,
  type RubricIdentity,
} from '../scoring/thresholds.js';
import type { GroupBy, ScoreReport } from '../types.js';
import { UsageError } from './options.js';

export interface GateFlags {
  failUnder?: number;
  baseline?: string;
  failOnRegression?: number;
  allowRubricChange?: boolean;
  strict?: boolean;
}

/** Option combinations that make no sense; exit 2 before anything is read. */
export function checkGateFlags(flags: GateFlags): void {
  if (flags.failOnRegression !== undefined && flags.baseline === undefined) {
    throw new UsageError('--fail-on-regression needs --baseline <json>');
  }
  if (flags.allowRubricChange && flags.baseline === undefined) {
    throw new UsageError('--allow-rubric-change needs --baseline <json>');
  }
}

/** Reads --baseline and refuses it (UsageError, exit 2) when it cannot be compared with a run like this one. */
export async function loadCheckedBaseline(
  flags: GateFlags,
  current: { rubric: RubricIdentity; groupBy: GroupBy },
): Promise<{ path: string; report: ScoreReport } | undefined> {
  if (flags.baseline === undefined) return undefined;
  const report = await loadBaseline(flags.baseline);
  try {
    checkBaseline(flags.baseline, report, current, flags.allowRubricChange ?? false);
  } catch (err) {
    if (err instanceof BaselineMismatch) throw new UsageError(err.message);
    throw err;
  }
  return { path: flags.baseline, report };
}

/** The gated report and the exit code it gives (0 ok, 1 a gate failed, 2 nothing scored or --strict input problems). */
export function gate(
  report: ScoreReport,
  flags: GateFlags,
  baseline: { path: string; report: ScoreReport } | undefined,
  minCalls: number,
): GatedReport & { exitCode: number } {
  const options: Parameters<typeof applyGates>[1] = {
    strict: flags.strict ?? false,
    minCalls,
    allowRubricChange: flags.allowRubricChange ?? false,
  };
  if (flags.failUnder !== undefined) options.failUnder = flags.failUnder;
  if (flags.failOnRegression !== undefined) options.failOnRegression = flags.failOnRegression;
  if (baseline !== undefined) options.baseline = baseline;
  let gated: GatedReport;
  try {
    gated = applyGates(report, options);
  } catch (err) {
    if (err instanceof BaselineMismatch) throw new UsageError(err.message);
    throw err;
  }
  return { ...gated, exitCode: exitCodeFor(gated.report, flags.strict ?? false) };
}

/** What failed a gate, one line each. */
export function thresholdLines(report: ScoreReport): string[] {
  const lines: string[] = [];
  const failing = report.thresholds?.failing ?? [];
  if (failing.length > 0) {
    lines.push(`fail-under ${report.thresholds!.failUnder}: ${failing.length} ${report.groupBy} group(s) below: ${failing.join(', ')}`);
  }
  const regressions = report.comparison?.regressions ?? [];
  if (regressions.length > 0) {
    const deltas = new Map(report.comparison!.groups.map((d) => [d.key, d.scoreDelta]));
    const named = regressions.map((key) => {
      const delta = deltas.get(key);
      return delta === null || delta === undefined ? key : `${key} (${delta >= 0 ? '+' : ''}${delta.toFixed(1)})`;
    });
    const limit = (report.comparison as { failOnRegression?: number }).failOnRegression;
    const what = limit === undefined ? '' : ` (dropped more than ${limit} points)`;
    lines.push(`regression against ${report.comparison!.baseline}${what}: ${named.join(', ')}`);
  }
  return lines;
}

/**
 * The gate lines for stderr: notices about the baseline, what failed (unless `failuresShownInOutput`: the table on a
 * terminal prints them itself), and one line per exempt group.
 */
export function gateStderrLines(gated: GatedReport, failuresShownInOutput: boolean): string[] {
  return [
    ...gated.notices,
    ...(failuresShownInOutput ? [] : thresholdLines(gated.report)),
    ...gated.exemptions.map(exemptionLine),
  ];
}
