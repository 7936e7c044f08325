import type { CallResult, ScoreReport } from '../types.js';
import { writeAround } from './shared.js';
import type { CallStream, CallStreamContext, Formatter } from './types.js';

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

/*
 * The same document in pieces, for a writer that cannot hold every call (streamJson below): `calls` is the last
 * key, so the document is the call-less report up to `"calls": `, then the calls as JSON.stringify(…, null, 2) nests
 * them (each indented by two levels; JSON strings hold no raw line breaks, so indenting every line is exact), then the
 * closing brackets. Byte for byte what `format` gives for the same report with its calls.
 */

/** Everything before the calls array: the report without calls, cut after `"calls": `. */
export function jsonHead(report: ScoreReport): string {
  const whole = JSON.stringify(orderedReport({ ...report, calls: [] }), null, 2);
  return whole.slice(0, whole.length - '[]\n}'.length);
}

/** One call as an element of the calls array; `first` for the first call (no separating comma). */
export function jsonCallPiece(call: CallResult, first: boolean): string {
  return `${first ? '[\n' : ',\n'}    ${JSON.stringify(call, null, 2).replace(/\n/g, '\n    ')}`;
}

/** What closes the document after `calls` calls were written. */
export function jsonTail(calls: number): string {
  return calls === 0 ? '[]\n}\n' : '\n  ]\n}\n';
}

/** Each call rendered into the spill as it is scored; the head (summary, groups) once the report is final. */
function streamJson({ spill: createSpill, write }: CallStreamContext): CallStream {
  const spill = createSpill('calls.json');
  let calls = 0;
  return {
    async add(call) {
      spill.append(jsonCallPiece(call, calls++ === 0));
    },
    finish: (report) => writeAround(spill, jsonHead(report), jsonTail(calls), write),
    close: () => spill.close(),
  };
}

export const jsonFormatter: Formatter = {
  name: 'json',
  description: 'the full report as JSON (schemaVersion 1): groups, summary, every call with findings and evidence',
  extension: 'json',
  format: (report) => `${JSON.stringify(orderedReport(report), null, 2)}\n`,
  streamCalls: streamJson,
};
