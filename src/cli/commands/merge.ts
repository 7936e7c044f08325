// `empathy merge <partials...>`: partial results from shards (`empathy score --format partial`) → one report in any
// format that does not list individual calls, or one merged partial (so merges can be merged again).
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MergeConflict, PARTIAL_FORMAT, formatPartial, mergePartials, readPartial, reportFromPartial, type Partial } from '../../partial.js';
import { checkGateFlags, gate, gateStderrLines, loadCheckedBaseline } from '../gates.js';
import type { CliIO, GlobalOptions } from '../io.js';
import { UsageError } from '../options.js';
import { decideColor, describeWriteError, openOutput } from '../write-output.js';
import { chooseFormat, summaryLine } from './score.js';

export interface MergeCommandOptions {
  format?: string;
  output?: string;
  failUnder?: number;
  baseline?: string;
  failOnRegression?: number;
  allowRubricChange?: boolean;
  strict?: boolean;
  verbose?: boolean;
}

/**
 * Formats made of individual calls: a partial carries aggregates only, so merge refuses them rather than print an
 * empty list. (json, csv, table, markdown, html and junit render from the groups; their per-call parts are empty.)
 */
export const CALL_ONLY_FORMATS: readonly string[] = ['line', 'ndjson', 'promises', 'promises-json'];

export async function runMergeCommand(files: string[], options: MergeCommandOptions, globals: GlobalOptions, io: CliIO, fallbackFormat: string): Promise<number> {
  checkGateFlags(options);
  const asPartial = options.format === PARTIAL_FORMAT;
  const formatter = asPartial ? undefined : chooseFormat(options.format, options.output, fallbackFormat);
  if (formatter && CALL_ONLY_FORMATS.includes(formatter.name)) {
    throw new UsageError(
      `--format ${formatter.name} lists individual calls, which partial results do not carry (they hold aggregates only); ` +
        'use json, csv, table, markdown, html or junit, or score with --format ndjson to keep every call',
    );
  }
  await refuseRepeatedFiles(files);

  const partials: { file: string; partial: Partial }[] = [];
  for (const file of files) partials.push({ file, partial: await readPartial(file) });
  let merged: ReturnType<typeof mergePartials>;
  try {
    merged = mergePartials(partials);
  } catch (err) {
    if (err instanceof MergeConflict) throw new UsageError(err.message);
    throw err;
  }

  const { rubric, groupBy } = merged.partial;
  const baseline = await loadCheckedBaseline(options, { rubric, groupBy });
  const gated = gate(reportFromPartial(merged.partial), options, baseline, rubric.minCalls);
  const report = gated.report;

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
    }
    // The table prints what failed itself; on stderr too when it goes to a file.
    const shownInOutput = formatter?.name === 'table' && options.output === undefined;
    for (const line of gateStderrLines(gated, shownInOutput)) io.stderr.write(`${line}\n`);
    if (options.output !== undefined) io.stderr.write(`wrote ${options.output}\n`);
  }
  return gated.exitCode;
}

/**
 * The same partial named twice (`p/1.json p/1.json`, or `p/1.json ./p/1.json`, or through a symlink) would count its
 * calls twice: refused, exit 2. Paths are compared resolved to their real location; a file that does not exist is
 * left for readPartial to report.
 */
export async function refuseRepeatedFiles(files: readonly string[]): Promise<void> {
  const seen = new Map<string, string>();
  for (const file of files) {
    let where: string;
    try {
      where = await realpath(file);
    } catch {
      where = resolve(file);
    }
    const earlier = seen.get(where);
    if (earlier !== undefined) {
      throw new UsageError(
        earlier === file
          ? `${file} is given twice: its calls would count twice (name each partial once)`
          : `${earlier} and ${file} are the same file: its calls would count twice (name each partial once)`,
      );
    }
    seen.set(where, file);
  }
}

