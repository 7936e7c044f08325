// JUnit XML for CI dashboards: a testsuite per group, a testcase per call, a failure when the agent part failed.
import { BEHAVIOURS, type GroupScorecard, type ScoreReport } from '../types.js';
import { escapeXml } from './escape.js';
import { callsOfGroup, formatScore, groupName, type GroupCall } from './shared.js';
import type { Formatter } from './types.js';

interface Case {
  name: string;
  classname: string;
  file?: string;
  failure?: { message: string; detail: string };
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function callCase(entry: GroupCall, group: GroupScorecard, pass: number): Case {
  const { call, parts } = entry;
  const c: Case = { name: call.transcriptId, classname: group.key, file: call.file };
  const failed = parts.filter((p) => !p.passed);
  if (failed.length === 0) return c;
  const messages: string[] = [];
  const detail: string[] = [];
  for (const p of failed) {
    const why = [`${p.agentId} scored ${formatScore(p.score)}${p.score < pass ? ` (pass ${pass})` : ''}`];
    if (p.criticalFailures.length) why.push(`critical: ${p.criticalFailures.join(', ')}`);
    const missing = BEHAVIOURS.filter((b) => p.behaviours[b]?.status === 'missed');
    if (missing.length) why.push(`missed: ${missing.join(', ')}`);
    messages.push(why.join('; '));
    for (const b of BEHAVIOURS) {
      const o = p.behaviours[b];
      if (o) detail.push(`${p.agentId} ${b}: ${o.reason}`);
    }
    for (const pen of p.penalties) detail.push(`${p.agentId} penalty ${pen.id} -${pen.points}: ${pen.reason}`);
  }
  c.failure = { message: messages.join(' | '), detail: detail.join('\n') };
  return c;
}

/** Without per-call results, each group is its own testcase. */
function groupCase(group: GroupScorecard, pass: number): Case {
  const c: Case = { name: group.key, classname: group.key };
  if (!group.passed) {
    c.failure = {
      message: `mean score ${formatScore(group.meanScore)} below pass ${pass} over ${group.calls} calls`,
      detail: BEHAVIOURS.map((b) => `${b}: ${group.behaviours[b]?.met ?? 0}/${group.behaviours[b]?.opportunities ?? 0}`).join('\n'),
    };
  }
  return c;
}

function renderCase(c: Case): string {
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file })}`;
  if (!c.failure) return `${open}/>`;
  return [
    `${open}>`,
    `      <failure${attrs({ message: c.failure.message, type: 'empathy.score' })}>${escapeXml(c.failure.detail)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

export function formatJunit(report: ScoreReport): string {
  const hasCalls = (report.calls?.length ?? 0) > 0;
  const suites = report.groups.map((group) => {
    const cases = hasCalls
      ? callsOfGroup(report, group).map((e) => callCase(e, group, report.pass))
      : [groupCase(group, report.pass)];
    return { group, cases, failures: cases.filter((c) => c.failure).length };
  });
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const p = report.provenance;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: `${p.tool} ${p.version} rubric ${p.rubric.name} v${p.rubric.version} (${p.rubric.hash})`, tests: total, failures, errors: 0 })}>`,
  ];
  for (const s of suites) {
    lines.push(`  <testsuite${attrs({ name: groupName(s.group), tests: s.cases.length, failures: s.failures, errors: 0 })}>`);
    lines.push('    <properties>');
    const props: Record<string, string> = {
      'group-by': report.groupBy,
      'mean-score': formatScore(s.group.meanScore),
      passed: String(s.group.passed),
      'low-sample': String(s.group.lowSample),
    };
    for (const [name, value] of Object.entries(props)) lines.push(`      <property${attrs({ name, value })}/>`);
    lines.push('    </properties>');
    for (const c of s.cases) lines.push(renderCase(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

export const junitFormatter: Formatter = {
  name: 'junit',
  description: 'JUnit XML: a testsuite per group, a testcase per call, failures for calls under pass',
  extension: 'xml',
  format: formatJunit,
};
