import type { CoachingCollector } from './coaching.js';
import type { CallResult, Rubric, ScoreReport } from '../types.js';

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
  /** Streaming formats: one call at a time. */
  formatCall?(call: CallResult, report: Pick<ScoreReport, 'provenance'>, options: FormatOptions): string;
  /**
   * The same output as formatCall, from the call's JSON as UTF-8 bytes (as workers deliver it), where that is cheaper:
   * pieces to write in order, so the bytes go out without being decoded and encoded again.
   */
  formatCallJson?(json: Uint8Array, report: Pick<ScoreReport, 'provenance'>, options: FormatOptions): (string | Uint8Array)[];
}
