import type { CoachingCollector } from './coaching.js';
import type { CallResult, GroupBy, Rubric, ScoreReport } from '../types.js';

export interface FormatOptions {
  color: boolean;
  /** Include per-call details. */
  verbose?: boolean;
  /**
   * Coaching gathered while the calls were scored (html, markdown), so a run need not keep every call; without it the
   * formatter coaches from report.calls.
   */
  coaching?: CoachingCollector;
  /**
   * The rubric the report was scored with (html, markdown): which kinds it counts, for showing findings it does not
   * count as such. Without it (and without `coaching`) that is read off the report's calls (see CountedKinds).
   */
  rubric?: Pick<Rubric, 'behaviours'>;
}

/**
 * Scratch storage for pieces of a document that must wait for the final report (json's summary comes before its
 * calls): a temporary file the CLI creates and removes (src/cli/spill.ts), so formatters stay free of I/O.
 */
export interface Spill {
  /** Appends text; returns its byte offset and length in the spill. */
  append(text: string): { offset: number; length: number };
  /** Bytes written so far. */
  readonly size: number;
  /** The spill from `offset`, `length` bytes, in fresh buffers of at most 1 MB (safe to hand to a stream). */
  read(offset?: number, length?: number): Generator<Buffer>;
  /** Deletes the file (idempotent). */
  close(): void;
}

/** What a format writing its calls as they are scored gets from the CLI. */
export interface CallStreamContext {
  groupBy: GroupBy;
  /** The rubric's pass mark (junit's call testcases say when a part is under it). */
  pass: number;
  options: FormatOptions;
  write(chunk: string | Uint8Array): Promise<void>;
  spill(label: string): Spill;
}

/**
 * A format's output written call by call: memory stays flat in the number of calls. The bytes are the same as the
 * formatter's format() of the report holding every call.
 */
export interface CallStream {
  /** Each scored call (redacted when asked), in input order. */
  add(call: CallResult): Promise<void>;
  /** Writes the rest of the document for the final (gated) report. */
  finish(report: ScoreReport): Promise<void>;
  /** Removes any spill; always called (also after a failure). */
  close(): void;
}

/** A pure renderer: no I/O, clock, env or process access; the same report always gives the same text. */
export interface Formatter {
  name: string;
  description: string;
  /** File extension for --output suggestions, without the dot. */
  extension: string;
  format(report: ScoreReport, options: FormatOptions): string;
  /**
   * What the format needs gathered while the calls are scored, beyond the summary and groups every report has:
   * `coaching` (a bounded selection of calls per group, src/formatters/coaching.ts), so a run need not keep every call.
   */
  collects?: 'coaching';
  /**
   * The output is the human summary itself (the table): it shows the run's one-line summary and the failed gates, so
   * the CLI repeats them on stderr only when the output goes to a file.
   */
  showsSummary?: true;
  /** Made of individual calls only (no group table): nothing to render from aggregates, so `empathy merge` refuses it. */
  callsOnly?: true;
  /**
   * How a format that renders every call writes them as they are scored instead of from a report holding them all;
   * undefined when, with these options, it renders no individual call (csv grouped by agent, table without --verbose).
   */
  streamCalls?(ctx: CallStreamContext): CallStream | undefined;
  /** Line-per-call formats (ndjson, line): each call rendered on its own, the summary from format() of a call-less report. */
  formatCall?(call: CallResult, report: Pick<ScoreReport, 'provenance'>, options: FormatOptions): string;
  /**
   * The same output as formatCall, from the call's JSON as UTF-8 bytes (as workers deliver it), where that is cheaper:
   * pieces to write in order, so the bytes go out without being decoded and encoded again.
   */
  formatCallJson?(json: Uint8Array, report: Pick<ScoreReport, 'provenance'>, options: FormatOptions): (string | Uint8Array)[];
}
