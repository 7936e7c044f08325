// Formats that render every call, written as the calls are scored instead of from a report holding them all: memory
// stays flat in the number of calls. A format whose run-wide sections come first (json's summary and groups, junit's
// suite counts, table --verbose's summary) renders each call at once into a spill file (os.tmpdir(), removed at the
// end) and writes the document around it once the report is final; csv --group-by call and promises write each call
// straight to the output. The bytes are the same as the formatter's format() of the report with every call.
import { extractPromises } from '../promises.js';
import { jsonCallPiece, jsonHead, jsonTail } from '../formatters/json.js';
import { junitCallCase, junitPieces } from '../formatters/junit.js';
import { csvCallHeader, csvCallRow } from '../formatters/csv.js';
import {
  countPromises,
  promiseCsvRows,
  promiseJsonPiece,
  PROMISES_CSV_HEADER,
  promisesJsonHead,
  type PromiseCounts,
} from '../formatters/promises.js';
import { groupEntriesOf } from '../formatters/shared.js';
import { verboseCallPiece } from '../formatters/table.js';
import type { FormatOptions, Formatter } from '../formatters/types.js';
import type { CallResult, GroupBy, ScoreReport } from '../types.js';
import { createSpill, type Spill } from './spill.js';

type Write = (chunk: string | Uint8Array) => Promise<void>;

export interface StreamedOutput {
  /** Each scored call (redacted when asked), in input order. */
  add(call: CallResult): Promise<void>;
  /** Writes the rest of the document for the final (gated) report. */
  finish(report: ScoreReport): Promise<void>;
  /** Removes any spill file; always call it (also after a failure). */
  close(): void;
}

export interface StreamedOutputContext {
  groupBy: GroupBy;
  /** The rubric's pass mark (junit's call testcases say when a part is under it). */
  pass: number;
  options: FormatOptions;
  write: Write;
}

/** The streamed writer for `formatter`, or undefined when the format does not render individual calls. */
export function createStreamedOutput(formatter: Formatter, ctx: StreamedOutputContext): StreamedOutput | undefined {
  switch (formatter.name) {
    case 'json':
      return jsonOutput(ctx);
    case 'junit':
      return junitOutput(ctx);
    case 'csv':
      return ctx.groupBy === 'call' ? csvCallsOutput(formatter, ctx) : undefined;
    case 'table':
      return ctx.options.verbose ? tableVerboseOutput(formatter, ctx) : undefined;
    case 'promises':
      return promisesCsvOutput(ctx);
    case 'promises-json':
      return promisesJsonOutput(ctx);
    default:
      return undefined;
  }
}

/** Head (needs the final report), then the spilled pieces, then the tail. */
async function writeAround(spill: Spill, head: string, tail: string, write: Write): Promise<void> {
  await write(head);
  for (const chunk of spill.read()) await write(chunk);
  await write(tail);
}

function jsonOutput({ write }: StreamedOutputContext): StreamedOutput {
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

function tableVerboseOutput(formatter: Formatter, { options, write }: StreamedOutputContext): StreamedOutput {
  const spill = createSpill('calls.txt');
  return {
    async add(call) {
      spill.append(verboseCallPiece(call, options));
    },
    finish: (report) => writeAround(spill, formatter.format({ ...report, calls: [] }, options), '', write),
    close: () => spill.close(),
  };
}

/**
 * Suites are per group, in the report's group order, each with its calls' testcases in input order: every testcase
 * is rendered into the spill as its call is scored, and each group keeps where its testcases are (two numbers each).
 */
function junitOutput({ groupBy, pass, write }: StreamedOutputContext): StreamedOutput {
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
      const cases = {
        count: (group: { key: string }) => (where.get(group.key)?.length ?? 0) / 2,
        *render(group: { key: string }) {
          const list = where.get(group.key) ?? [];
          for (let i = 0; i < list.length; i += 2) {
            yield Buffer.concat([...spill.read(list[i]!, list[i + 1]!)]).toString('utf8');
          }
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

/** One row per call needs nothing run-wide: the header with the first call, then each row as it is scored. */
function csvCallsOutput(formatter: Formatter, { options, write }: StreamedOutputContext): StreamedOutput {
  let calls = 0;
  return {
    async add(call) {
      await write(`${calls++ === 0 ? csvCallHeader() : ''}${csvCallRow(call)}`);
    },
    // With no call scored the csv formatter writes the (empty) group table instead.
    finish: async (report) => {
      if (calls === 0) await write(formatter.format({ ...report, calls: [] }, options));
    },
    close: () => {},
  };
}

function promisesCsvOutput({ write }: StreamedOutputContext): StreamedOutput {
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

function promisesJsonOutput({ write }: StreamedOutputContext): StreamedOutput {
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
