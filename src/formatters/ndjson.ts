// Streaming JSON: one line per call as it is scored, then one summary line; mergeable by `empathy merge`.
import type { CallResult, ScoreReport } from '../types.js';
import type { Formatter } from './types.js';

export function callLine(call: CallResult, report: Pick<ScoreReport, 'provenance'>): string {
  return `${JSON.stringify({ type: 'call', ...call, provenance: report.provenance })}\n`;
}

/**
 * callLine for a call that is already JSON text (from a worker): the same bytes, built by splicing instead of
 * parsing and re-serialising 30 KB per call. `json` must be JSON.stringify of a CallResult (an object with keys).
 */
export function callLineFromJson(json: string, report: Pick<ScoreReport, 'provenance'>): string {
  return `{"type":"call",${json.slice(1, -1)},"provenance":${JSON.stringify(report.provenance)}}\n`;
}

export function summaryLine(report: ScoreReport): string {
  return `${JSON.stringify({
    type: 'summary',
    summary: report.summary,
    groups: report.groups,
    provenance: report.provenance,
    groupBy: report.groupBy,
    pass: report.pass,
    thresholds: report.thresholds,
    comparison: report.comparison,
  })}\n`;
}

export const ndjsonFormatter: Formatter = {
  name: 'ndjson',
  description: 'newline-delimited JSON: one {"type":"call"} line per call (streamed), then a {"type":"summary"} line',
  extension: 'ndjson',
  format: (report) => (report.calls ?? []).map((c) => callLine(c, report)).join('') + summaryLine(report),
  formatCall: callLine,
  formatCallJson: callLineFromJson,
};
