import type { ScoreReport } from '../types.js';
import type { Formatter } from './types.js';

/** The report with its top-level keys in the documented order, whatever order the object was built in. */
export function orderedReport(report: ScoreReport): Record<string, unknown> {
  return {
    schemaVersion: report.schemaVersion,
    provenance: report.provenance,
    groupBy: report.groupBy,
    summary: report.summary,
    pass: report.pass,
    groups: report.groups,
    thresholds: report.thresholds,
    comparison: report.comparison,
    calls: report.calls ?? [],
  };
}

export const jsonFormatter: Formatter = {
  name: 'json',
  description: 'the full report as JSON (schemaVersion 1): groups, summary, every call with findings and evidence',
  extension: 'json',
  format: (report) => `${JSON.stringify(orderedReport(report), null, 2)}\n`,
};
