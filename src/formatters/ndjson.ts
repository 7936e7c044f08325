// Streaming JSON: one line per call as it is scored, then one summary line; mergeable by `empathy merge`.
import type { CallResult, ScoreReport } from '../types.js';
import type { Formatter } from './types.js';

export function callLine(call: CallResult, report: Pick<ScoreReport, 'provenance'>): string {
  return `${JSON.stringify({ type: 'call', ...call, provenance: report.provenance })}\n`;
}

/**
 * callLine for a call that is already JSON (from a worker, as UTF-8 bytes): the same bytes, spliced instead of
 * parsing and re-serialising 30 KB per call. `json` must be JSON.stringify of a CallResult (an object with keys),
 * encoded; its braces are one byte each, so the inside is bytes 1 to length - 1.
 */
export function callLineFromJson(json: Uint8Array, report: Pick<ScoreReport, 'provenance'>): (string | Uint8Array)[] {
  return ['{"type":"call",', json.subarray(1, json.length - 1), `,"provenance":${JSON.stringify(report.provenance)}}\n`];
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
  callsOnly: true,
  formatCallJson: callLineFromJson,
};
