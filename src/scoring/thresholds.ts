// CI gates: --fail-under and --baseline / --fail-on-regression (DESIGN §5, §12 honest rollups).
//
// One rule for both gates: a group with fewer calls than the rubric's `min-calls` (GroupScorecard.lowSample) is too
// small to judge, so it is exempt from the gate (never failed, but named in `exempt`, which the CLI reports on stderr
// and JUnit shows as a skipped test case) unless the run is --strict. The groups that fail a gate are exactly the
// groups that make the exit code 1.
import {
  BEHAVIOURS,
  type BehaviourId,
  type GroupBy,
  type GroupDelta,
  type GroupScorecard,
  type ScoreReport,
} from '../types.js';

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Keys of groups whose mean score is below `failUnder`; low-sample groups only count when strict. */
export function applyFailUnder(groups: readonly GroupScorecard[], failUnder: number, strict: boolean): string[] {
  return groups
    .filter((g) => g.meanScore !== null && g.meanScore < failUnder && (strict || !g.lowSample))
    .map((g) => g.key)
    .sort();
}

/** Keys of the groups a gate does not judge: low-sample groups, unless strict. */
export function exemptGroups(groups: readonly GroupScorecard[], strict: boolean): string[] {
  return strict ? [] : groups.filter((g) => g.lowSample).map((g) => g.key).sort();
}

/**
 * Deltas against a previous report, matched by group key. Behaviour deltas are in percentage
 * points of the met rate (null when either side had no opportunity). A regression is a group
 * whose mean score dropped by more than `failOnRegression` points; a low-sample group is never
 * a regression unless `strict` (the same `min-calls` rule as --fail-under).
 */
export function compareBaseline(
  groups: readonly GroupScorecard[],
  baseline: Pick<ScoreReport, 'groups'>,
  failOnRegression?: number,
  strict = false,
): { groups: GroupDelta[]; regressions: string[] } {
  const previous = new Map(baseline.groups.map((g) => [g.key, g]));
  const deltas: GroupDelta[] = [];
  const regressions: string[] = [];
  for (const group of [...groups].sort(byKey)) {
    const before = previous.get(group.key);
    const behaviours: Partial<Record<BehaviourId, number | null>> = {};
    for (const b of BEHAVIOURS) {
      const now = group.behaviours[b]?.rate ?? null;
      const then = before?.behaviours?.[b]?.rate ?? null;
      behaviours[b] = now === null || then === null ? null : round1((now - then) * 100);
    }
    const previousScore = before?.meanScore ?? null;
    const scoreDelta = previousScore !== null && group.meanScore !== null ? round1(group.meanScore - previousScore) : null;
    deltas.push({ key: group.key, previousScore, scoreDelta, behaviours });
    if (failOnRegression !== undefined && scoreDelta !== null && -scoreDelta > failOnRegression && (strict || !group.lowSample)) {
      regressions.push(group.key);
    }
  }
  return { groups: deltas, regressions };
}

// ---------------------------------------------------------------------------------------------------------------
// The gates of one run, as the CLI applies them to a finished report (score and merge alike).

/** The rubric identity a report or baseline records (provenance.rubric). */
export interface RubricIdentity {
  name: string;
  version: number;
  hash: string;
}

/** What the report's `thresholds` holds: ScoreReport['thresholds'] plus the exempt groups and the rule. */
export interface FailUnderResult {
  failUnder: number;
  failing: string[];
  /** Low-sample groups not judged (empty with --strict). */
  exempt: string[];
  minCalls: number;
}

/** What the report's `comparison` holds: ScoreReport['comparison'] plus the gate, the exempt groups and any mismatch. */
export interface ComparisonResult {
  baseline: string;
  groups: GroupDelta[];
  regressions: string[];
  failOnRegression?: number;
  /** Low-sample groups not judged for regression (only with --fail-on-regression; empty with --strict). */
  exempt: string[];
  minCalls: number;
  /** Set when the baseline's rubric differs and --allow-rubric-change let the comparison go ahead. */
  rubricChange?: { baseline: RubricIdentity; current: RubricIdentity };
  /** Set when the baseline does not record its rubric or grouping (a report from an older version). */
  unrecorded?: ('rubric' | 'group-by')[];
}

export interface GateOptions {
  failUnder?: number;
  failOnRegression?: number;
  /** The --baseline path (as given) and its report. */
  baseline?: { path: string; report: ScoreReport };
  strict: boolean;
  /** The rubric's min-calls (what lowSample was decided with). */
  minCalls: number;
  allowRubricChange?: boolean;
}

/** One low-sample group a gate did not judge, and what that gate would have said. */
export interface Exemption {
  key: string;
  calls: number;
  /** Of `calls`, those with a score (no-opportunity calls do not count towards min-calls). */
  scored: number;
  minCalls: number;
  meanScore: number | null;
  failUnder?: { threshold: number; wouldFail: boolean };
  regression?: { limit: number; scoreDelta: number | null; wouldFail: boolean };
}

export interface GatedReport {
  report: ScoreReport;
  exemptions: Exemption[];
  /** stderr lines about the baseline (an allowed rubric change, an old baseline without rubric or grouping). */
  notices: string[];
}

/** Why a baseline cannot be compared with this run; exit 2. */
export class BaselineMismatch extends Error {
  override readonly name = 'BaselineMismatch';
}

function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

function describeRubric(r: RubricIdentity): string {
  return `${r.name} v${r.version} (${shortHash(r.hash)})`;
}

/** The rubric a baseline was scored with, when it records one. */
function baselineRubric(report: ScoreReport): RubricIdentity | undefined {
  const r = (report as { provenance?: { rubric?: Partial<RubricIdentity> } }).provenance?.rubric;
  if (!r || typeof r.hash !== 'string' || r.hash === '') return undefined;
  return { name: String(r.name ?? '?'), version: typeof r.version === 'number' ? r.version : 0, hash: r.hash };
}

/** The grouping a baseline was scored with: its groupBy, else its groups' (older reports may lack the top-level key). */
function baselineGroupBy(report: ScoreReport): GroupBy | undefined {
  const top = (report as { groupBy?: unknown }).groupBy;
  if (typeof top === 'string') return top as GroupBy;
  const fromGroups = new Set(report.groups.map((g) => (g as { groupBy?: unknown }).groupBy).filter((x) => typeof x === 'string'));
  return fromGroups.size === 1 ? ([...fromGroups][0] as GroupBy) : undefined;
}

export interface BaselineCheck {
  /** Set when the rubrics differ and the change is allowed. */
  rubricChange?: { baseline: RubricIdentity; current: RubricIdentity };
  unrecorded: ('rubric' | 'group-by')[];
  notices: string[];
}

/**
 * Can `baseline` be compared with a run scored with `rubric`, grouped by `groupBy`? Throws BaselineMismatch (one line)
 * when the grouping differs (the keys would not line up, so every group would look new and nothing could regress)
 * or the rubric hash differs without `allowRubricChange`. A baseline that does not record its rubric or grouping (an
 * older report) is compared with a notice saying what could not be checked.
 */
export function checkBaseline(
  path: string,
  baseline: ScoreReport,
  current: { rubric: RubricIdentity; groupBy: GroupBy },
  allowRubricChange: boolean,
): BaselineCheck {
  const notices: string[] = [];
  const unrecorded: ('rubric' | 'group-by')[] = [];
  const groupBy = baselineGroupBy(baseline);
  if (groupBy === undefined) unrecorded.push('group-by');
  else if (groupBy !== current.groupBy) {
    throw new BaselineMismatch(
      `baseline ${path} is grouped by ${groupBy}, this run by ${current.groupBy}: its groups cannot be compared ` +
        `(score with --group-by ${groupBy}, or make a new baseline with --group-by ${current.groupBy})`,
    );
  }
  const rubric = baselineRubric(baseline);
  let rubricChange: BaselineCheck['rubricChange'];
  if (rubric === undefined) unrecorded.push('rubric');
  else if (rubric.hash !== current.rubric.hash) {
    if (!allowRubricChange) {
      throw new BaselineMismatch(
        `baseline ${path} was scored with rubric ${describeRubric(rubric)}, this run with ${describeRubric(current.rubric)}: ` +
          'scores from different rubrics are not comparable (re-score the baseline with this rubric, or pass --allow-rubric-change)',
      );
    }
    const { name, version, hash } = current.rubric;
    rubricChange = { baseline: rubric, current: { name, version, hash } };
    notices.push(
      `warning: --allow-rubric-change: comparing with baseline ${path} scored with rubric ${describeRubric(rubric)}, ` +
        `this run with ${describeRubric(current.rubric)}; deltas mix the rubric change with the agents' change`,
    );
  }
  if (unrecorded.length > 0) {
    const what = unrecorded.map((u) => (u === 'rubric' ? 'rubric' : '--group-by')).join(' or ');
    notices.push(
      `warning: baseline ${path} does not record its ${what} (a report from an older version); ` +
        `compared as if scored like this run (rubric ${describeRubric(current.rubric)}, --group-by ${current.groupBy})`,
    );
  }
  const check: BaselineCheck = { unrecorded, notices };
  if (rubricChange) check.rubricChange = rubricChange;
  return check;
}

/**
 * Applies --fail-under and --baseline/--fail-on-regression to a finished report: sets `thresholds` and `comparison`
 * (with their exempt groups), and lists the exemptions for stderr. The baseline must have passed checkBaseline().
 */
export function applyGates(report: ScoreReport, options: GateOptions): GatedReport {
  let out: ScoreReport = { ...report };
  const notices: string[] = [];
  const exempt = exemptGroups(report.groups, options.strict);
  if (options.failUnder !== undefined) {
    const thresholds: FailUnderResult = {
      failUnder: options.failUnder,
      failing: applyFailUnder(report.groups, options.failUnder, options.strict),
      exempt,
      minCalls: options.minCalls,
    };
    out.thresholds = thresholds;
  }
  if (options.baseline !== undefined) {
    const { path, report: baseline } = options.baseline;
    const check = checkBaseline(path, baseline, { rubric: report.provenance.rubric, groupBy: report.groupBy }, options.allowRubricChange ?? false);
    notices.push(...check.notices);
    const compared = compareBaseline(report.groups, baseline, options.failOnRegression, options.strict);
    const comparison: ComparisonResult = {
      baseline: path,
      ...compared,
      exempt: options.failOnRegression === undefined ? [] : exempt,
      minCalls: options.minCalls,
    };
    if (options.failOnRegression !== undefined) comparison.failOnRegression = options.failOnRegression;
    if (check.rubricChange) comparison.rubricChange = check.rubricChange;
    if (check.unrecorded.length > 0) comparison.unrecorded = check.unrecorded;
    out = { ...out, comparison };
  }
  return { report: out, exemptions: exemptionsOf(out, options), notices };
}

function exemptionsOf(report: ScoreReport, options: GateOptions): Exemption[] {
  const gated = options.failUnder !== undefined || options.failOnRegression !== undefined;
  return gated ? exemptionsFromReport(report) : [];
}

/**
 * The exempt groups a gated report records (thresholds.exempt, comparison.exempt), with what each gate would have
 * said: what the CLI prints and JUnit shows as skipped test cases. Empty for an ungated or --strict report.
 */
export function exemptionsFromReport(report: Pick<ScoreReport, 'groups' | 'thresholds' | 'comparison'>): Exemption[] {
  const t = report.thresholds as Partial<FailUnderResult> | undefined;
  const c = report.comparison as Partial<ComparisonResult> | undefined;
  const underExempt = new Set(t?.failUnder !== undefined ? (t.exempt ?? []) : []);
  const regressionExempt = new Set(c?.failOnRegression !== undefined ? (c.exempt ?? []) : []);
  if (underExempt.size === 0 && regressionExempt.size === 0) return [];
  const minCalls = t?.minCalls ?? c?.minCalls ?? 0;
  const deltas = new Map((c?.groups ?? []).map((d) => [d.key, d]));
  return [...report.groups]
    .filter((g) => underExempt.has(g.key) || regressionExempt.has(g.key))
    .sort(byKey)
    .map((g) => {
      const e: Exemption = { key: g.key, calls: g.calls, scored: g.calls - (g.noOpportunity ?? 0), minCalls, meanScore: g.meanScore };
      if (underExempt.has(g.key)) e.failUnder = { threshold: t!.failUnder!, wouldFail: g.meanScore !== null && g.meanScore < t!.failUnder! };
      if (regressionExempt.has(g.key)) {
        const limit = c!.failOnRegression!;
        const scoreDelta = deltas.get(g.key)?.scoreDelta ?? null;
        e.regression = { limit, scoreDelta, wouldFail: scoreDelta !== null && -scoreDelta > limit };
      }
      return e;
    });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
}

/**
 * Why a group was not judged, e.g. `1 call, under the rubric's min-calls 3: not held to --fail-under 50 (mean 0.0
 * would fail); --strict holds it` (JUnit's skipped message).
 */
export function exemptionReason(e: Exemption): string {
  const gates: string[] = [];
  if (e.failUnder) {
    const mean = e.meanScore === null ? 'no scored call' : `mean ${e.meanScore.toFixed(1)}${e.failUnder.wouldFail ? ' would fail' : ''}`;
    gates.push(`--fail-under ${e.failUnder.threshold} (${mean})`);
  }
  if (e.regression) {
    const delta =
      e.regression.scoreDelta === null ? 'not in the baseline' : `${signed(e.regression.scoreDelta)} points${e.regression.wouldFail ? ' would fail' : ''}`;
    gates.push(`--fail-on-regression ${e.regression.limit} (${delta})`);
  }
  const hint = (e.failUnder?.wouldFail ?? false) || (e.regression?.wouldFail ?? false) ? '; --strict holds it' : '';
  const calls = e.scored === e.calls ? plural(e.calls, 'call') : `${plural(e.calls, 'call')}, ${e.scored} scored`;
  return `${calls}, under the rubric's min-calls ${e.minCalls}: not held to ${gates.join(' or ')}${hint}`;
}

/** The stderr line for an exempt group: `exempt: one.rude has 1 call, under the rubric's min-calls 3: …`. */
export function exemptionLine(e: Exemption): string {
  return `exempt: ${e.key} has ${exemptionReason(e)}`;
}
