// `empathy merge <partials...>`: partial results from shards (`empathy score --format partial`) → one report in any
// format that does not list individual calls, or one merged partial (so merges can be merged again).
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { MergeConflict, PARTIAL_FORMAT, formatPartial, mergePartials, parsePartial, readPartial, reportFromPartial, type Partial } from '../../partial.js';
import { FORMATTERS } from '../../formatters/index.js';
import { InputError } from '../../transcript/input-error.js';
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


export async function runMergeCommand(files: string[], options: MergeCommandOptions, globals: GlobalOptions, io: CliIO, fallbackFormat: string): Promise<number> {
  checkGateFlags(options);
  const asPartial = options.format === PARTIAL_FORMAT;
  const formatter = asPartial ? undefined : chooseFormat(options.format, options.output, fallbackFormat);
  // A partial carries aggregates only: a format made of individual calls would print an empty list.
  if (formatter?.callsOnly) {
    const fromGroups = FORMATTERS.filter((f) => !f.callsOnly).map((f) => f.name);
    throw new UsageError(
      `--format ${formatter.name} lists individual calls, which partial results do not carry (they hold aggregates only); ` +
        `use ${fromGroups.slice(0, -1).join(', ')} or ${fromGroups[fromGroups.length - 1]}, or score with --format ndjson to keep every call`,
    );
  }
  if (files.filter((f) => f === STDIN).length > 1) throw new UsageError('- (stdin) is given twice: name it once');
  await refuseRepeatedFiles(files.filter((f) => f !== STDIN));

  const partials: { file: string; partial: Partial }[] = [];
  for (const file of files) {
    if (file === STDIN) partials.push(...(await readStdinPartials(io.stdin)));
    else partials.push({ file, partial: await readPartial(file) });
  }
  if (partials.length === 0) throw new UsageError('- (stdin) held no partial result: nothing to merge');
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
    if (!formatter?.showsSummary) {
      io.stderr.write(`merged ${partials.length} partial(s): ${summaryLine(report)}\n`);
    }
    // The table prints what failed itself; on stderr too when it goes to a file.
    const shownInOutput = formatter?.showsSummary === true && options.output === undefined;
    for (const line of gateStderrLines(gated, shownInOutput)) io.stderr.write(`${line}\n`);
    if (options.output !== undefined) io.stderr.write(`wrote ${options.output}\n`);
  }
  return gated.exitCode;
}

const STDIN = '-';

/**
 * `empathy merge -`: partials from stdin, one JSON partial per line (what `score --format partial` writes), so
 * `cat parts/* | empathy merge -` and `hdfs dfs -cat /partials/part-* | empathy merge -` need no temp files. Each is
 * named `-:<line>` in messages. Blank lines are skipped. The same partial twice (byte-identical lines scored from
 * named files) is refused like a file named twice; identical partials of stdin shards (inputs `-`) cannot be told
 * apart from two shards that happened to hold the same calls, so they are kept.
 */
async function readStdinPartials(stdin: NodeJS.ReadableStream): Promise<{ file: string; partial: Partial }[]> {
  const out: { file: string; partial: Partial }[] = [];
  const seen = new Map<string, number>();
  let lineNo = 0;
  for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    const name = `${STDIN}:${lineNo}`;
    let partial: Partial;
    try {
      partial = parsePartial(line, STDIN);
    } catch (err) {
      if (err instanceof InputError) throw new InputError(STDIN, err.reason, lineNo);
      throw err;
    }
    if (!partial.inputs.files.every((f) => f === STDIN)) {
      const digest = createHash('sha256').update(line.trim()).digest('hex');
      const earlier = seen.get(digest);
      if (earlier !== undefined) {
        throw new UsageError(`${name} repeats the partial at line ${earlier} of stdin: its calls would count twice (give each partial once)`);
      }
      seen.set(digest, lineNo);
    }
    out.push({ file: name, partial });
  }
  return out;
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

