// `empathy score` and `empathy report`: options → runScore → formatter → stdout or --output.
import { extname } from 'node:path';
import { findFormatter, FORMATTERS, type Formatter } from '../../formatters/index.js';
import { createCoachingCollector } from '../../formatters/coaching.js';
import type { FormatOptions } from '../../formatters/types.js';
import { runScore, type ScoreOptions } from '../../pipeline.js';
import { loadRubric } from '../../rubric/load.js';
import { PARTIAL_FORMAT, partialFormatter, partialText } from '../../partial.js';
import { loadContacts } from '../../transcript/contacts.js';
import { loadRoleMap } from '../../transcript/roles.js';
import type { CallResult, GroupBy, Provenance, Role, ScoreReport } from '../../types.js';
import { printProblems, printWarnings, type CliIO, type GlobalOptions } from '../io.js';
import { checkGateFlags, gate, gateStderrLines, loadCheckedBaseline } from '../gates.js';
import { UsageError } from '../options.js';
import { createProgress, type Progress } from '../progress.js';
import { createSpill } from '../spill.js';
import { decideColor, describeWriteError, openOutput } from '../write-output.js';

/** What commander hands the action for score/report (after the option parsers ran). */
export interface ScoreCommandOptions {
  rubric: string;
  format?: string;
  output?: string;
  groupBy: GroupBy;
  failUnder?: number;
  baseline?: string;
  failOnRegression?: number;
  allowRubricChange?: boolean;
  redact?: boolean;
  jobs?: number;
  strict?: boolean;
  maxCallTurns?: number;
  maxCallChars?: number;
  inputFormat?: string;
  columns?: Record<string, string>;
  agentNames?: string[];
  channelMap?: Record<string, Role>;
  agentId?: string;
  encoding?: string;
  roleMap?: string;
  contacts?: string;
  threadBy?: string;
  agentFromSignature?: boolean;
  contactColumns?: Record<string, string>;
  verbose?: boolean;
}

/**
 * --format if given; else the --output file's extension when a formatter owns it; else `fallback`
 * (score: table on a TTY, json when piped; report: html).
 */
export function chooseFormat(explicit: string | undefined, output: string | undefined, fallback: string): Formatter {
  const name = explicit ?? formatForFile(output) ?? fallback;
  const formatter = findFormatter(name);
  if (!formatter) {
    throw new UsageError(`unknown format "${name}" (expected ${FORMATTERS.map((f) => f.name).join(', ')})`);
  }
  return formatter;
}

function formatForFile(output: string | undefined): string | undefined {
  if (output === undefined) return undefined;
  const ext = extname(output).slice(1).toLowerCase();
  if (ext === '') return undefined;
  if (ext === 'md') return 'markdown';
  if (ext === 'htm') return 'html';
  return FORMATTERS.find((f) => f.extension === ext)?.name;
}

export async function runScoreCommand(
  paths: string[],
  options: ScoreCommandOptions,
  globals: GlobalOptions,
  io: CliIO,
  fallbackFormat: string,
): Promise<number> {
  checkGateFlags(options);
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('stdin (-) can be given only once');
  const formatter = options.format === PARTIAL_FORMAT ? partialFormatter : chooseFormat(options.format, options.output, fallbackFormat);
  const formatOptions: FormatOptions = {
    color: decideColor({ flag: globals.color, env: io.env, isTTY: options.output === undefined && io.stdout.isTTY === true }),
    verbose: options.verbose ?? false,
  };
  const streaming = formatter.formatCall !== undefined;

  // Loaded here, not in runScore, so a baseline scored with another rubric or grouping is refused before scoring.
  const rubric = loadRubric(options.rubric);
  const baseline = await loadCheckedBaseline(options, { rubric, groupBy: options.groupBy });

  // The gates (--fail-under, --baseline, --fail-on-regression) are applied below, to the finished report.
  const scoreOptions: ScoreOptions = {
    rubric,
    groupBy: options.groupBy,
    // No format keeps every call: those that render calls write them as they are scored (Formatter.streamCalls).
    keepCalls: false,
    redact: options.redact ?? false,
    strict: options.strict ?? false,
    stdin: io.stdin,
    jobs: options.jobs ?? 'auto',
  };
  if (options.maxCallTurns !== undefined) scoreOptions.maxCallTurns = options.maxCallTurns;
  if (options.maxCallChars !== undefined) scoreOptions.maxCallChars = options.maxCallChars;
  if (options.inputFormat !== undefined) scoreOptions.inputFormat = options.inputFormat;
  if (options.columns !== undefined) scoreOptions.columns = options.columns;
  if (options.agentNames !== undefined) scoreOptions.agentNames = options.agentNames;
  if (options.channelMap !== undefined) scoreOptions.channelMap = options.channelMap;
  if (options.agentId !== undefined) scoreOptions.agentId = options.agentId;
  if (options.encoding !== undefined) scoreOptions.encoding = options.encoding;
  if (options.agentFromSignature && options.threadBy === undefined) throw new UsageError('--agent-from-signature needs --thread-by <column>');
  if (options.threadBy !== undefined) scoreOptions.threadBy = options.threadBy;
  if (options.agentFromSignature) scoreOptions.agentFromSignature = true;
  if (options.roleMap !== undefined) scoreOptions.roleMap = await loadRoleMap(options.roleMap);
  if (options.contactColumns !== undefined && options.contacts === undefined) throw new UsageError('--contact-columns needs --contacts <file>');
  if (options.contacts !== undefined) scoreOptions.contacts = await loadContacts(options.contacts, options.contactColumns);

  const sink = openOutput(options.output, io.stdout);
  const streamed =
    streaming || formatter === partialFormatter
      ? undefined
      : formatter.streamCalls?.({ groupBy: options.groupBy, pass: rubric.pass, options: formatOptions, write: sink.write, spill: createSpill });
  // Created with the first call, when the expanded input count (provenance) is known.
  let bar: Progress | undefined;
  const progress = {
    tick(file: string, provenance: Provenance): void {
      bar ??= createProgress({ stream: io.stderr, enabled: globals.progress && !globals.quiet, totalFiles: provenance.inputs.count });
      bar.tick(file);
    },
    done: (): void => bar?.done(),
  };
  if (streaming) {
    scoreOptions.onCall = async (call, provenance) => {
      progress.tick(call.file, provenance);
      await sink.write(formatter.formatCall!(call, { provenance }, formatOptions));
    };
    const fromJson = formatter.formatCallJson;
    if (fromJson) {
      scoreOptions.onCallJson = async (json, file, provenance) => {
        progress.tick(file, provenance);
        for (const piece of fromJson(json, { provenance }, formatOptions)) await sink.write(piece);
      };
    }
  } else if (streamed) {
    scoreOptions.onCall = async (call, provenance) => {
      progress.tick(call.file, provenance);
      await streamed.add(call);
    };
  } else if (formatter.collects === 'coaching') {
    const coaching = createCoachingCollector(options.groupBy ?? 'agent', undefined, rubric);
    formatOptions.coaching = coaching;
    scoreOptions.onCall = (call, provenance) => {
      progress.tick(call.file, provenance);
      coaching.add(call);
    };
  } else {
    scoreOptions.onCall = (call, provenance) => progress.tick(call.file, provenance);
    scoreOptions.onCallJson = (_json, file, provenance) => progress.tick(file, provenance);
  }

  // Ctrl-C stops reading new inputs; the partial run is summarised and nothing is written (a second Ctrl-C kills).
  const interrupt = new AbortController();
  const onSigint = (): void => interrupt.abort();
  process.once('SIGINT', onSigint);
  scoreOptions.signal = interrupt.signal;

  let run;
  let gated: ReturnType<typeof gate> | undefined;
  try {
    run = await runScore(paths, scoreOptions);
    progress.done();
    if (run.interrupted) {
      await sink.abort();
      printProblems(io, run.problems);
      io.stderr.write(`${interruptedLine(run.report)}\n`);
      return INTERRUPTED_EXIT;
    }
    gated = gate(run.report, options, baseline, run.rubric.minCalls);
    // Streaming formats wrote their calls already; their format() of a call-less report is the closing summary.
    if (streamed) await streamed.finish(gated.report);
    else await sink.write(formatter === partialFormatter ? partialText(run) : formatter.format(gated.report, formatOptions));
    await sink.commit();
  } catch (err) {
    progress.done();
    await sink.abort();
    if (options.output !== undefined && isFsError(err)) throw new UsageError(describeWriteError(options.output, err));
    throw err;
  } finally {
    streamed?.close();
    process.removeListener('SIGINT', onSigint);
  }

  const report = gated.report;
  printProblems(io, run.problems);
  printWarnings(io, globals, run.warnings);
  if (!globals.quiet && !formatter.showsSummary) io.stderr.write(`${summaryLine(report)}\n`);
  if (!globals.quiet) {
    // The table prints what failed itself; on stderr too when it goes to a file.
    const shownInOutput = formatter.showsSummary === true && options.output === undefined;
    for (const line of gateStderrLines(gated, shownInOutput)) io.stderr.write(`${line}\n`);
  }
  if (report.summary.scored === 0 && report.summary.read === 0) io.stderr.write('no transcripts found\n');
  if (options.output !== undefined && !globals.quiet) io.stderr.write(`wrote ${options.output}\n`);
  return gated.exitCode;
}

/** 128 + SIGINT, as a shell reports a Ctrl-C'd command. */
export const INTERRUPTED_EXIT = 130;

export function interruptedLine(report: ScoreReport): string {
  const { read, scored, skipped, failed } = report.summary;
  return `interrupted: read ${read} · scored ${scored} · skipped ${skipped} · failed ${failed}`;
}

export function summaryLine(report: ScoreReport): string {
  const { read, scored, skipped, failed } = report.summary;
  const { rubric } = report.provenance;
  return `read ${read}, scored ${scored}, skipped ${skipped}, failed ${failed} · ${report.groups.length} ${report.groupBy} group(s) · rubric ${rubric.name} v${rubric.version} (${rubric.hash})`;
}

export { thresholdLines } from '../gates.js';

function isFsError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
