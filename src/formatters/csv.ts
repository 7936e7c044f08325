// Spreadsheet export: one row per group (or per call with --group-by call); RFC 4180, formula-safe cells.
import { BEHAVIOURS, type BehaviourId, type CallResult, type GroupScorecard, type ScoreReport } from '../types.js';
import { csvCell } from './escape.js';
import type { CallStream, CallStreamContext, Formatter } from './types.js';

type Value = string | number | boolean | null | undefined;

function rows(table: Value[][]): string {
  return table.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

/** Rates as fractions with 4 decimals so spreadsheets can format them; empty means n/a. */
function fraction(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10000) / 10000;
}

function round1(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

const GROUP_COLUMNS = [
  'group_by', 'key', 'label', 'calls', 'no_opportunity', 'mean_score', 'ci95_low', 'ci95_high', 'std_dev', 'pass_rate', 'passed',
  'low_sample', 'agent_turns', 'penalty_points', 'missed_opportunities', 'critical_failures',
];

function groupRow(g: GroupScorecard): Value[] {
  const row: Value[] = [
    g.groupBy, g.key, g.label ?? '', g.calls, g.noOpportunity, round1(g.meanScore), round1(g.ci95?.[0] ?? null), round1(g.ci95?.[1] ?? null),
    round1(g.stdDev), fraction(g.passRate), g.passed, g.lowSample, g.agentTurns, g.penaltyPoints,
    g.missedOpportunities, g.criticalFailures,
  ];
  for (const b of BEHAVIOURS) {
    const r = g.behaviours[b];
    row.push(fraction(r?.rate ?? null), r?.opportunities ?? 0, r?.met ?? 0, r?.findings ?? 0);
  }
  return row;
}

const CALL_COLUMNS = [
  'transcript_id', 'file', 'line', 'date', 'team', 'channel', 'agents', 'score', 'passed', 'critical_failures',
];

/** Whole-call view of one behaviour across all agent parts: met if no part missed it, n/a if none had a chance. */
function callBehaviour(call: CallResult, b: BehaviourId): Value[] {
  let opportunities = 0;
  let met = 0;
  for (const part of call.agents) {
    const o = part.behaviours[b];
    if (!o) continue;
    opportunities += o.opportunities;
    met += o.met;
  }
  const outcomes = call.agents.map((p) => p.behaviours[b]?.status ?? 'na');
  const status = outcomes.includes('missed') ? 'missed' : outcomes.includes('met') ? 'met' : 'n/a';
  return [status, opportunities === 0 ? null : fraction(met / opportunities), opportunities, met];
}

function callRow(call: CallResult): Value[] {
  const critical = [...new Set(call.agents.flatMap((p) => p.criticalFailures))];
  const row: Value[] = [
    call.transcriptId, call.file, call.line, call.date, call.team, call.channel,
    call.agents.map((p) => p.agentId).join(' '), round1(call.score), call.passed, critical.join(' '),
  ];
  for (const b of BEHAVIOURS) row.push(...callBehaviour(call, b));
  return row;
}

/** --group-by call: the header line of the one-row-per-call table (a streamed writer writes it, then each row). */
export function csvCallHeader(): string {
  return rows([[...CALL_COLUMNS, ...BEHAVIOURS.flatMap((b) => [`${b}_status`, `${b}_rate`, `${b}_opportunities`, `${b}_met`])]]);
}

export function csvCallRow(call: CallResult): string {
  return rows([callRow(call)]);
}

export function formatCsv(report: ScoreReport): string {
  if (report.groupBy === 'call' && report.calls?.length) return csvCallHeader() + report.calls.map(csvCallRow).join('');
  const header = [...GROUP_COLUMNS, ...BEHAVIOURS.flatMap((b) => [`${b}_rate`, `${b}_opportunities`, `${b}_met`, `${b}_findings`])];
  return rows([header, ...report.groups.map(groupRow)]);
}

/** --group-by call: one row per call needs nothing run-wide, so the header goes with the first call, then each row. */
function streamCallRows({ groupBy, write }: CallStreamContext): CallStream | undefined {
  if (groupBy !== 'call') return undefined;
  let calls = 0;
  return {
    async add(call) {
      await write(`${calls++ === 0 ? csvCallHeader() : ''}${csvCallRow(call)}`);
    },
    // With no call scored the csv formatter writes the (empty) group table instead.
    finish: async (report) => {
      if (calls === 0) await write(formatCsv({ ...report, calls: [] }));
    },
    close: () => {},
  };
}

export const csvFormatter: Formatter = {
  name: 'csv',
  description: 'one row per group (per call with --group-by call) with per-behaviour rates; formula-safe',
  extension: 'csv',
  format: formatCsv,
  streamCalls: streamCallRows,
};
