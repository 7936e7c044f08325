// The commander program: commands, options, and every error mapped to one stderr line and an exit code
// (0 ok · 1 a threshold failed · 2 usage, rubric or input error).
import { Command, CommanderError, Option } from 'commander';
import { FORMATTER_NAMES } from '../formatters/index.js';
import { PARTIAL_FORMAT } from '../partial.js';
import { DEFAULT_CALL_LIMITS, toolInfo } from '../pipeline.js';
import { RubricError, formatRubricProblem } from '../rubric/errors.js';
import { BUILTIN_RUBRICS } from '../rubric/load.js';
import { InputError, formatProblem } from '../transcript/input-error.js';
import { GROUP_BYS } from '../types.js';
import { runEvalCommand, type EvalCommandOptions } from './commands/eval.js';
import { runMergeCommand, type MergeCommandOptions } from './commands/merge.js';
import { formatsJson, formatsText } from './commands/formats.js';
import { runRubricCheck, runRubricShow, type CommandResult } from './commands/rubric.js';
import { runScoreCommand, type ScoreCommandOptions } from './commands/score.js';
import type { CliIO, GlobalOptions } from './io.js';
import {
  UsageError,
  parseCount,
  parseFraction,
  parsePoints,
  parsePositiveInt,
  parseScore,
} from './options.js';
import { readingOptions } from './reading-options.js';
import { writeResult } from './write-output.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  a threshold failed (--fail-under, --fail-on-regression, --fail-below-f1)
  2  usage, rubric or input error (with --strict: any unreadable input, or a call whose agent id is only its file name)
  130  interrupted (Ctrl-C): partial counts on stderr, no output written`;

function addScoreOptions(cmd: Command, format: Option): Command {
  cmd
    .option('--rubric <name|file>', `rubric: built-in (${BUILTIN_RUBRICS.join(', ')}) or a YAML file`, 'default')
    .addOption(format)
    .option('-o, --output <file>', 'write results to a file (atomically) instead of stdout')
    .addOption(new Option('--group-by <key>', 'group scorecards by').choices([...GROUP_BYS]).default('agent'))
    .option('--fail-under <score>', 'exit 1 if any group\'s mean score is below this (0-100; groups under the rubric\'s min-calls are exempt unless --strict)', parseScore)
    .option('--baseline <json>', 'compare with a previous `--format json` report')
    .option('--fail-on-regression <points>', 'exit 1 if a group dropped more than this many points vs --baseline (min-calls exempt as for --fail-under)', parsePoints)
    .option('--allow-rubric-change', 'compare with a --baseline scored with another rubric (refused otherwise)')
    .option('--redact', 'mask emails, phone and card numbers and addresses in every output')
    .option('--jobs <n>', 'threads that score (default: one per core; 1 = no worker; N = N-1 workers plus the reading thread)', parsePositiveInt)
    .option('--strict', 'any failed or skipped input → exit 2; low-sample groups can fail --fail-under and --fail-on-regression')
    .option('--max-call-turns <n>', `skip (with the reason) a call of more turns than this (default ${DEFAULT_CALL_LIMITS.turns}; 0 = no limit)`, parseCount)
    .option('--max-call-chars <n>', `skip (with the reason) a call of more characters of text than this (default ${DEFAULT_CALL_LIMITS.chars}; 0 = no limit)`, parseCount);
  for (const option of readingOptions()) cmd.addOption(option);
  return cmd.option('--verbose', 'per-call details in the table');
}

export interface ProgramRun {
  exitCode: number;
}

export function buildProgram(io: CliIO, run: ProgramRun): Command {
  const program = new Command('empathy');
  const globals = (): GlobalOptions => {
    const o = program.opts<{ color: boolean; progress: boolean; quiet?: boolean; debug?: boolean }>();
    return { color: o.color, progress: o.progress, quiet: o.quiet ?? false, debug: o.debug ?? false };
  };
  const emit = (result: CommandResult): void => {
    io.stdout.write(result.stdout);
    io.stderr.write(result.stderr);
    run.exitCode = result.exitCode;
  };

  program
    .description('Find agent empathy behaviours in call-centre transcripts and write per-agent scorecards.')
    .version(toolInfo().version, '-V, --version')
    .option('--no-color', 'no colours (also NO_COLOR, or when output is not a terminal)')
    .option('--no-progress', 'no progress counter on stderr')
    .option('-q, --quiet', 'no warnings or summary on stderr (problems are still reported)')
    .option('--debug', 'show stack traces for internal errors')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError()
    .addHelpText('after', EXIT_CODES_HELP);

  addScoreOptions(
    program.command('score').description('score transcripts and print or write scorecards').argument('<paths...>', 'files, directories, globs or - for stdin'),
    new Option('--format <name>', 'output format (default: table on a terminal, json when piped; partial: for `empathy merge`)').choices([...FORMATTER_NAMES, PARTIAL_FORMAT]),
  )
    .addHelpText('after', '\nExamples:\n  empathy score fixtures/transcripts\n  empathy score calls/ --format json -o scores.json --fail-under 70\n  cat call.txt | empathy score - --input-format text')
    .action(async (paths: string[], options: ScoreCommandOptions) => {
      const fallback = io.stdout.isTTY === true ? 'table' : 'json';
      run.exitCode = await runScoreCommand(paths, options, globals(), io, fallback);
    });

  addScoreOptions(
    program.command('report').description('coaching report (html or markdown): score + render').argument('<paths...>', 'files, directories, globs or - for stdin'),
    new Option('--format <name>', 'report format').choices(['html', 'markdown']),
  )
    .addHelpText('after', '\nExamples:\n  empathy report fixtures/transcripts -o coaching.html\n  empathy report calls/ --format markdown > coaching.md')
    .action(async (paths: string[], options: ScoreCommandOptions) => {
      run.exitCode = await runScoreCommand(paths, options, globals(), io, 'html');
    });

  program
    .command('merge')
    .description('merge partial results (`score --format partial`) from shards or machines into one report')
    .argument('<partials...>', 'partial result files, or - for partials on stdin (one JSON partial per line)')
    .addOption(new Option('--format <name>', 'output format (default: table on a terminal, json when piped); partial: merge again later').choices([...FORMATTER_NAMES, PARTIAL_FORMAT]))
    .option('-o, --output <file>', 'write results to a file (atomically) instead of stdout')
    .option('--fail-under <score>', 'exit 1 if any group\'s mean score is below this (0-100; groups under the rubric\'s min-calls are exempt unless --strict)', parseScore)
    .option('--baseline <json>', 'compare with a previous `--format json` report')
    .option('--fail-on-regression <points>', 'exit 1 if a group dropped more than this many points vs --baseline (min-calls exempt as for --fail-under)', parsePoints)
    .option('--allow-rubric-change', 'compare with a --baseline scored with another rubric (refused otherwise)')
    .option('--strict', 'any failed or skipped input in any shard → exit 2; low-sample groups can fail --fail-under and --fail-on-regression')
    .option('--verbose', 'per-group details in the table')
    .addHelpText('after', '\nExamples:\n  empathy score calls/a --format partial -o parts/a.json\n  empathy merge parts/*.json --format json -o scores.json --fail-under 70\n  cat parts/*.json | empathy merge - --format json')
    .action(async (files: string[], options: MergeCommandOptions) => {
      const fallback = io.stdout.isTTY === true ? 'table' : 'json';
      run.exitCode = await runMergeCommand(files, options, globals(), io, fallback);
    });

  program
    .command('eval')
    .description('precision/recall/F1 per behaviour against human labels, with error examples')
    .argument('<gold...>', 'gold JSONL files')
    .option('--rubric <name|file>', 'rubric whose kinds and min-confidence decide what counts', 'default')
    .addOption(new Option('--format <name>', 'output format').choices(['table', 'json']).default('table'))
    .option('--errors <n>', 'how many false positives/negatives to list', parseCount, 10)
    .option('-o, --output <file>', 'write results to a file (atomically) instead of stdout')
    .option('--fail-below-f1 <x>', 'exit 1 if macro-F1 or any behaviour F1 (with support) is below x (0-1)', parseFraction)
    .addHelpText('after', '\nExamples:\n  empathy eval fixtures/gold/service.jsonl\n  empathy eval gold.jsonl --format json --fail-below-f1 0.6')
    .action(async (files: string[], options: EvalCommandOptions) => {
      run.exitCode = await runEvalCommand(files, options, io);
    });

  const rubric = program.command('rubric').description('validate or print rubrics');
  rubric
    .command('check')
    .description('validate a rubric file; problems as file:line:column')
    .argument('<file>', 'rubric YAML')
    .action((file: string) => emit(runRubricCheck(file)));
  rubric
    .command('show')
    .description('print the effective rubric (a built-in name or a file)')
    .argument('[name]', `built-in (${BUILTIN_RUBRICS.join(', ')}) or a YAML file`, 'default')
    .action((name: string) => emit(runRubricShow(name)));

  program
    .command('formats')
    .description('list input formats (and the fields each reads) and output formats')
    .option('--json', 'as JSON')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (options: { json?: boolean; output?: string }) => {
      await writeResult(options.json ? formatsJson() : formatsText(), options.output, io.stdout);
      run.exitCode = 0;
    });

  return program;
}

const CLEAN_EXITS = new Set(['commander.helpDisplayed', 'commander.version']);

/** Runs the CLI and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const run: ProgramRun = { exitCode: 0 };
  const program = buildProgram(io, run);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (err) {
    const debug = argv.includes('--debug');
    return reportError(err, io, debug);
  }
}

function reportError(err: unknown, io: CliIO, debug: boolean): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (and usage hint) through configureOutput
    if (CLEAN_EXITS.has(err.code) || (err.code === 'commander.help' && err.exitCode === 0)) return 0;
    return 2;
  }
  if (err instanceof RubricError) {
    for (const problem of err.problems) io.stderr.write(`${formatRubricProblem(problem)}\n`);
    return 2;
  }
  if (err instanceof InputError) {
    io.stderr.write(`${formatProblem(err)}\n`);
    return 2;
  }
  if (err instanceof UsageError) {
    io.stderr.write(`error: ${err.message}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`internal error: ${message}${debug ? '' : ' (rerun with --debug for details)'}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
  return 2;
}
