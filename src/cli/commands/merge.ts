// `empathy merge <partials...>`: partial results from shards (`empathy score --format partial`) → one report in any
// format that does not list individual calls, or one merged partial (so merges can be merged again).
import { exitCodeFor, loadBaseline } from '../../pipeline.js';
import { MergeConflict, PARTIAL_FORMAT, formatPartial, mergePartials, readPartial, reportFromPartial, type Partial } from '../../partial.js';
import { applyFailUnder, compareBaseline } from '../../scoring/thresholds.js';
import type { ScoreReport } from '../../types.js';
import type { CliIO, GlobalOptions } from '../io.js';
import { UsageError } from '../options.js';
import { decideColor, describeWriteError, openOutput } from '../write-output.js';
import { chooseFormat, summaryLine, thresholdLines } from './score.js';

export interface MergeCommandOptions {
  format?: string;
  output?: string;
  failUnder?: number;
  baseline?: string;
  failOnRegression?: number;
  strict?: boolean;
  verbose?: boolean;
}

/**
 * Formats made of individual calls: a partial carries aggregates only, so merge refuses them rather than print an
 * empty list. (json, csv, table, markdown, html and junit render from the groups; their per-call parts are empty.)
 */
export const CALL_ONLY_FORMATS: readonly string[] = ['line', 'ndjson', 'promises', 'promises-json'];

export async function runMergeCommand(files: string[], options: MergeCommandOptions, globals: GlobalOptions, io: CliIO, fallbackFormat: string): Promise<number> {
  if (options.failOnRegression !== undefined && options.baseline === undefined) {
    throw new UsageError('--fail-on-regression needs --baseline <json>');
  }
  const asPartial = options.format === PARTIAL_FORMAT;
  const formatter = asPartial ? undefined : chooseFormat(options.format, options.output, fallbackFormat);
  if (formatter && CALL_ONLY_FORMATS.includes(formatter.name)) {
    throw new UsageError(
      `--format ${formatter.name} lists individual calls, which partial results do not carry (they hold aggregates only); ` +
        'use json, csv, table, markdown, html or junit, or score with --format ndjson to keep every call',
    );
  }
  const baseline = options.baseline === undefined ? undefined : await loadBaseline(options.baseline);

  const partials: { file: string; partial: Partial }[] = [];
  for (const file of files) partials.push({ file, partial: await readPartial(file) });
  let merged: ReturnType<typeof mergePartials>;
  try {
    merged = mergePartials(partials);
  } catch (err) {
    if (err instanceof MergeConflict) throw new UsageError(err.message);
    throw err;
  }

  let report: ScoreReport = reportFromPartial(merged.partial);
  if (options.failUnder !== undefined) {
    report = { ...report, thresholds: { failUnder: options.failUnder, failing: applyFailUnder(report.groups, options.failUnder, options.strict ?? false) } };
  }
  if (baseline !== undefined) {
    report = { ...report, comparison: { baseline: options.baseline!, ...compareBaseline(report.groups, baseline, options.failOnRegression) } };
  }

  const text = formatter
    ? formatter.format(report, {
        color: decideColor({ flag: globals.color, env: io.env, isTTY: options.output === undefined && io.stdout.isTTY === true }),
        verbose: options.verbose ?? false,
      })
    : formatPartial(merged.partial);
  const sink = openOutput(options.output, io.stdout);
  try {
    await sink.write(text);
    await sink.commit();
  } catch (err) {
    await sink.abort();
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (options.output !== undefined && typeof code === 'string') throw new UsageError(describeWriteError(options.output, err));
    throw err;
  }

  if (!globals.quiet) {
    for (const warning of merged.warnings) io.stderr.write(`${warning}\n`);
    if (formatter?.name !== 'table') {
      io.stderr.write(`merged ${partials.length} partial(s): ${summaryLine(report)}\n`);
      for (const line of thresholdLines(report)) io.stderr.write(`${line}\n`);
    }
    if (options.output !== undefined) io.stderr.write(`wrote ${options.output}\n`);
  }
  return exitCodeFor(report, options.strict ?? false);
}

