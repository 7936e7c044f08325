// JUnit XML for CI dashboards, telling the same story as the exit code: a testsuite per group whose gate testcase
// fails exactly when the group fails --fail-under or --fail-on-regression and is skipped (with the reason) when the
// group is under the rubric's min-calls and exempt; one testcase per call besides, never failed, with the reasons of
// a part under the pass mark in its system-out.
import { exemptionReason, exemptionsFromReport, type ComparisonResult, type Exemption } from '../scoring/thresholds.js';
import { BEHAVIOURS, type GroupScorecard, type ScoreReport } from '../types.js';
import { escapeXml } from './escape.js';
import { callsOfGroup, formatScore, formatSigned, groupEntriesOf, groupName, type GroupCall } from './shared.js';
import type { CallStream, CallStreamContext, Formatter } from './types.js';

interface Case {
  name: string;
  classname: string;
  file?: string;
  failure?: { message: string; detail: string };
  skipped?: string;
  /** Shown with the case but not a failure (a call under the pass mark is information, not a failed gate). */
  out?: string;
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** A call's testcase: it never fails (only a gate decides the exit code); a part under the pass mark says why in system-out. */
function callCase(entry: GroupCall, groupKey: string, pass: number): Case {
  const { call, parts } = entry;
  const c: Case = { name: call.transcriptId, classname: groupKey, file: call.file };
  const failed = parts.filter((p) => p.passed === false);
  if (failed.length === 0) return c;
  const lines: string[] = [];
  for (const p of failed) {
    const why = [`${p.agentId} scored ${formatScore(p.score)}${p.score !== null && p.score < pass ? ` (pass ${pass})` : ''}`];
    if (p.criticalFailures.length) why.push(`critical: ${p.criticalFailures.join(', ')}`);
    const missing = BEHAVIOURS.filter((b) => p.behaviours[b]?.status === 'missed');
    if (missing.length) why.push(`missed: ${missing.join(', ')}`);
    lines.push(why.join('; '));
  }
  for (const p of failed) {
    for (const b of BEHAVIOURS) {
      const o = p.behaviours[b];
      if (o) lines.push(`${p.agentId} ${b}: ${o.reason}`);
    }
    for (const pen of p.penalties) lines.push(`${p.agentId} penalty ${pen.id} -${pen.points}: ${pen.reason}`);
  }
  c.out = lines.join('\n');
  return c;
}

function calls(n: number): string {
  return `${n} call${n === 1 ? '' : 's'}`;
}

function behaviourCounts(group: GroupScorecard): string {
  return BEHAVIOURS.map((b) => `${b}: ${group.behaviours[b]?.met ?? 0}/${group.behaviours[b]?.opportunities ?? 0}`).join('\n');
}

/** The gates this report was run with, as a testcase name: `fail-under 70, fail-on-regression 5`. */
function gateNames(report: ScoreReport): string[] {
  const names: string[] = [];
  if (report.thresholds?.failUnder !== undefined) names.push(`fail-under ${report.thresholds.failUnder}`);
  const comparison = report.comparison as Partial<ComparisonResult> | undefined;
  if (comparison?.failOnRegression !== undefined) names.push(`fail-on-regression ${comparison.failOnRegression}`);
  else if ((comparison?.regressions?.length ?? 0) > 0) names.push('fail-on-regression'); // a report from before the limit was recorded
  return names;
}

/**
 * The group's own testcase. With a gate (--fail-under, --fail-on-regression) it is the gate: a failure exactly when the
 * group fails it (so `failures` counts the groups that make the exit code 1), skipped when the group is under the
 * rubric's min-calls and exempt. Without a gate it only reports the mean score.
 */
function groupCase(group: GroupScorecard, report: ScoreReport, exemption: Exemption | undefined): Case {
  const gates = gateNames(report);
  const c: Case = { name: gates.length > 0 ? gates.join(', ') : 'mean score', classname: group.key };
  const reasons: string[] = [];
  if (report.thresholds?.failing.includes(group.key)) {
    reasons.push(`mean score ${formatScore(group.meanScore)} below --fail-under ${report.thresholds.failUnder} over ${calls(group.calls)}`);
  }
  const comparison = report.comparison as Partial<ComparisonResult> | undefined;
  if (comparison?.regressions?.includes(group.key)) {
    const delta = comparison.groups?.find((d) => d.key === group.key)?.scoreDelta;
    const by = delta === null || delta === undefined ? '' : ` ${formatSigned(delta)} points`;
    const limit = comparison.failOnRegression === undefined ? '' : ` (--fail-on-regression ${comparison.failOnRegression})`;
    reasons.push(`regressed${by} against ${comparison.baseline}${limit}`);
  }
  const summary = `mean score ${formatScore(group.meanScore)} (pass ${report.pass}) over ${calls(group.calls)}`;
  if (reasons.length > 0) c.failure = { message: reasons.join('; '), detail: behaviourCounts(group) };
  else if (exemption && gates.length > 0) c.skipped = `exempt: ${exemptionReason(exemption)}`;
  else c.out = gates.length > 0 ? summary : `${summary}; no gate: --fail-under or --fail-on-regression decides the exit code`;
  return c;
}

function renderCase(c: Case): string {
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file })}`;
  const body: string[] = [];
  if (c.failure) {
    body.push(`      <failure${attrs({ message: c.failure.message, type: 'empathy.gate' })}>${escapeXml(c.failure.detail)}</failure>`);
  }
  if (c.skipped !== undefined) body.push(`      <skipped${attrs({ message: c.skipped })}/>`);
  if (c.out !== undefined) body.push(`      <system-out>${escapeXml(c.out)}</system-out>`);
  if (body.length === 0) return `${open}/>`;
  return [`${open}>`, ...body, '    </testcase>'].join('\n');
}

/** A call's testcase in the suite of group `groupKey`, rendered (what a streamed writer keeps per call). */
export function junitCallCase(entry: GroupCall, groupKey: string, pass: number): string {
  return renderCase(callCase(entry, groupKey, pass));
}

/** Where a document's call testcases come from: how many a group has, and them rendered, in input order. */
export interface JunitCallCases {
  count(group: GroupScorecard): number;
  render(group: GroupScorecard): Iterable<string>;
}

/**
 * The document as pieces (each a line and its newline), the call testcases drawn from `cases` group by group, so a
 * writer can keep them outside memory. Call testcases never fail and are never skipped: only the group's testcase
 * counts in `failures` and `skipped`.
 */
export function* junitPieces(report: ScoreReport, cases: JunitCallCases): Generator<string> {
  const exemptions = new Map(exemptionsFromReport(report).map((e) => [e.key, e]));
  const suites = report.groups.map((group) => {
    const own = groupCase(group, report, exemptions.get(group.key));
    return { group, own, tests: 1 + cases.count(group), failures: own.failure ? 1 : 0, skipped: own.skipped !== undefined ? 1 : 0 };
  });
  const total = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const skipped = suites.reduce((n, s) => n + s.skipped, 0);
  const p = report.provenance;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs({ name: `${p.tool} ${p.version} rubric ${p.rubric.name} v${p.rubric.version} (${p.rubric.hash})`, tests: total, failures, errors: 0, skipped })}>\n`;
  for (const s of suites) {
    yield `  <testsuite${attrs({ name: groupName(s.group), tests: s.tests, failures: s.failures, errors: 0, skipped: s.skipped })}>\n`;
    yield '    <properties>\n';
    const props: Record<string, string> = {
      'group-by': report.groupBy,
      calls: String(s.group.calls),
      'mean-score': formatScore(s.group.meanScore),
      passed: String(s.group.passed),
      'low-sample': String(s.group.lowSample),
    };
    for (const [name, value] of Object.entries(props)) yield `      <property${attrs({ name, value })}/>\n`;
    yield '    </properties>\n';
    yield `${renderCase(s.own)}\n`;
    for (const c of cases.render(s.group)) yield `${c}\n`;
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

/**
 * A testsuite per group: the group's testcase (the gate, when there is one) and a testcase per call when the report
 * has them. `failures` counts exactly the groups that fail a gate, `skipped` the groups exempt from it.
 */
export function formatJunit(report: ScoreReport): string {
  const byGroup = new Map<string, GroupCall[]>();
  for (const group of report.groups) byGroup.set(group.key, callsOfGroup(report, group));
  const cases: JunitCallCases = {
    count: (group) => byGroup.get(group.key)?.length ?? 0,
    render: (group) => (byGroup.get(group.key) ?? []).map((e) => junitCallCase(e, group.key, report.pass)),
  };
  return [...junitPieces(report, cases)].join('');
}

/**
 * Suites are per group, in the report's group order, each with its calls' testcases in input order: every testcase
 * is rendered into the spill as its call is scored, and each group keeps where its testcases are (two numbers each).
 */
function streamJunit({ groupBy, pass, spill: createSpill, write }: CallStreamContext): CallStream {
  const spill = createSpill('cases.xml');
  const where = new Map<string, number[]>();
  return {
    async add(call) {
      for (const [key, entry] of groupEntriesOf(call, groupBy)) {
        const { offset, length } = spill.append(junitCallCase(entry, key, pass));
        let list = where.get(key);
        if (!list) where.set(key, (list = []));
        list.push(offset, length);
      }
    },
    async finish(report) {
      const cases: JunitCallCases = {
        count: (group) => (where.get(group.key)?.length ?? 0) / 2,
        *render(group) {
          const list = where.get(group.key) ?? [];
          for (let i = 0; i < list.length; i += 2) yield Buffer.concat([...spill.read(list[i]!, list[i + 1]!)]).toString('utf8');
        },
      };
      // Pieces are small; gather them into larger writes.
      let pending = '';
      for (const piece of junitPieces(report, cases)) {
        pending += piece;
        if (pending.length >= 64 * 1024) {
          await write(pending);
          pending = '';
        }
      }
      await write(pending);
    },
    close: () => spill.close(),
  };
}

export const junitFormatter: Formatter = {
  name: 'junit',
  description: 'JUnit XML: a testsuite per group; its gate is a testcase (failed or skipped), and a testcase per call',
  extension: 'xml',
  format: formatJunit,
  streamCalls: streamJunit,
};
