// Follow-up promises as data: one row per after-call promise of every call, for teams that check promises were kept.
// `promises` is CSV (formula-safe), `promises-json` the same records as JSON.
import { extractAllPromises, type FollowUpPromise, type Timeframe } from '../promises.js';
import type { ScoreReport } from '../types.js';
import { csvCell } from './escape.js';
import { extractPromises } from '../promises.js';
import { jsonTail } from './json.js';
import { writeAround } from './shared.js';
import type { CallStream, CallStreamContext, Formatter } from './types.js';

export const PROMISE_COLUMNS = [
  'call_id', 'file', 'call_date', 'agent', 'turn', 'action', 'timeframe', 'due_kind', 'due_value', 'due_date',
  'channel', 'vague', 'confidence', 'quote',
] as const;

/** The value part of a normalised timeframe: `friday`, `24h`, `5`, `17:00`; empty when the kind says it all. */
export function timeframeValue(due: Timeframe | undefined): string {
  if (!due) return '';
  switch (due.kind) {
    case 'weekday':
    case 'time':
      return due.value;
    case 'day-of-month':
      return String(due.day);
    case 'duration':
      return due.businessDays ? `${due.hours / 24} business days` : `${due.hours}h`;
    default:
      return '';
  }
}

function row(p: FollowUpPromise): string {
  return [
    p.callId, p.file, p.callDate, p.agentId, p.turn, p.action, p.timeframe, p.due?.kind, timeframeValue(p.due),
    p.dueDate, p.channel, p.vague, p.confidence, p.quote,
  ]
    .map(csvCell)
    .join(',');
}

export function formatPromisesCsv(report: ScoreReport): string {
  const promises = extractAllPromises(report.calls ?? []);
  return [PROMISE_COLUMNS.join(','), ...promises.map(row)].map((line) => `${line}\r\n`).join('');
}

export function formatPromisesJson(report: ScoreReport): string {
  const promises = extractAllPromises(report.calls ?? []);
  const out = {
    schemaVersion: 1,
    provenance: report.provenance,
    summary: {
      calls: report.calls?.length ?? 0,
      promises: promises.length,
      vague: promises.filter((p) => p.vague).length,
      withDueDate: promises.filter((p) => p.dueDate !== undefined).length,
    },
    promises,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/*
 * The same documents in pieces for the writers that stream the calls (below): the CSV is its header
 * and then each call's rows; the JSON is the record list's head (with the counts) up to `"promises": `, each record
 * indented as JSON.stringify(…, null, 2) nests it, and jsonTail (formatters/json.ts).
 */

export const PROMISES_CSV_HEADER = `${PROMISE_COLUMNS.join(',')}\r\n`;

export function promiseCsvRows(promises: readonly FollowUpPromise[]): string {
  return promises.map((p) => `${row(p)}\r\n`).join('');
}

export interface PromiseCounts {
  calls: number;
  promises: number;
  vague: number;
  withDueDate: number;
}

export function countPromises(counts: PromiseCounts, promises: readonly FollowUpPromise[]): void {
  counts.promises += promises.length;
  for (const p of promises) {
    if (p.vague) counts.vague++;
    if (p.dueDate !== undefined) counts.withDueDate++;
  }
}

export function promisesJsonHead(report: Pick<ScoreReport, 'provenance'>, counts: PromiseCounts): string {
  const whole = JSON.stringify({ schemaVersion: 1, provenance: report.provenance, summary: counts, promises: [] }, null, 2);
  return whole.slice(0, whole.length - '[]\n}'.length);
}

export function promiseJsonPiece(promise: FollowUpPromise, first: boolean): string {
  return `${first ? '[\n' : ',\n'}    ${JSON.stringify(promise, null, 2).replace(/\n/g, '\n    ')}`;
}

function streamPromisesCsv({ write }: CallStreamContext): CallStream {
  let started = false;
  const start = async (): Promise<void> => {
    if (!started) await write(PROMISES_CSV_HEADER);
    started = true;
  };
  return {
    async add(call) {
      await start();
      await write(promiseCsvRows(extractPromises(call)));
    },
    finish: start,
    close: () => {},
  };
}

function streamPromisesJson({ spill: createSpill, write }: CallStreamContext): CallStream {
  const spill = createSpill('promises.json');
  const counts: PromiseCounts = { calls: 0, promises: 0, vague: 0, withDueDate: 0 };
  let written = 0;
  return {
    async add(call) {
      counts.calls++;
      const promises = extractPromises(call);
      for (const p of promises) spill.append(promiseJsonPiece(p, written++ === 0));
      countPromises(counts, promises);
    },
    finish: (report) => writeAround(spill, promisesJsonHead(report, counts), jsonTail(written), write),
    close: () => spill.close(),
  };
}

export const promisesFormatter: Formatter = {
  name: 'promises',
  description: 'every after-call promise as CSV: call, agent, turn, action, timeframe, normalised due date, channel, vague flag',
  extension: 'csv',
  format: formatPromisesCsv,
  streamCalls: streamPromisesCsv,
  callsOnly: true,
};

export const promisesJsonFormatter: Formatter = {
  name: 'promises-json',
  description: 'every after-call promise as JSON records (same fields as --format promises)',
  extension: 'json',
  format: formatPromisesJson,
  streamCalls: streamPromisesJson,
  callsOnly: true,
};
