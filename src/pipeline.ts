// read → analyse + detect → score → aggregate → thresholds. Prints nothing: the CLI and library callers decide
// what to show (DESIGN §8). Memory stays flat unless the caller asks to keep every call.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createCallScorer, type ScoredCall } from './call-scorer.js';
import { createScoringPool, type ScoringPool, type SerialisedCall } from './parallel/score-pool.js';
import { redactReport } from './redact.js';
import { loadRubric } from './rubric/load.js';
import { addDigest, createAccumulator, finalize, type Accumulator } from './scoring/aggregate.js';
import { applyFailUnder, compareBaseline } from './scoring/thresholds.js';
import { InputError } from './transcript/input-error.js';
import { expandPathList, inputBytesReach } from './transcript/expand-paths.js';
import type { ContactTable } from './transcript/contacts.js';
import { createIdentityResolver } from './transcript/identity.js';
import { readInputs } from './transcript/read-inputs.js';
import type { ReadOptions } from './transcript/readers/index.js';
import type { CallResult, GroupBy, InputProblem, Provenance, Rubric, RunSummary, ScoreReport, Transcript } from './types.js';
import { fileErrorReason } from './file-errors.js';

export interface ScoreOptions extends ReadOptions {
  /** A loaded rubric, or a built-in name / file path for loadRubric (throws RubricError). Default `default`. */
  rubric?: Rubric | string;
  groupBy?: GroupBy;
  /** Keep every CallResult in report.calls (formats that render calls); otherwise calls is []. */
  keepCalls?: boolean;
  /** Called with each call as soon as it is scored (already redacted when `redact`), e.g. to stream ndjson. */
  onCall?: (call: CallResult, provenance: Provenance) => void | Promise<void>;
  /**
   * When given, calls scored on worker threads arrive here as their JSON (`JSON.stringify` of the CallResult, as UTF-8
   * bytes) instead of at onCall, saving the parse for callers that only write it out (ndjson).
   */
  onCallJson?: (json: Uint8Array, file: string, provenance: Provenance) => void | Promise<void>;
  /** Mask personal data in every call, quote and reason. */
  redact?: boolean;
  /** --fail-under: groups below this mean score fail (exit 1). */
  failUnder?: number;
  /** --baseline: a previous JSON report (path) to compare against. */
  baseline?: string;
  /** --fail-on-regression: a drop of more than this many points against the baseline fails (exit 1). */
  failOnRegression?: number;
  /** Any failed or skipped input → exit 2; low-sample groups are not exempt from failUnder. */
  strict?: boolean;
  /**
   * Scoring threads (default 1: in-process, no worker; N: N - 1 workers plus this thread). `auto`: one per core, but
   * in-process when the input files total under 1 MB (a worker's start-up would cost more than it saves); stdin, whose
   * size is unknown, uses the pool, whose workers start only once a second batch of calls arrives. Output never
   * depends on it.
   */
  jobs?: number | 'auto';
  /**
   * Per-call limits: a call with more turns, or more characters of turn text, is skipped with the reason instead of
   * scored (scoring is linear in a call's size, but one runaway call — a never-closed chat, a concatenated export —
   * should not hold up or blow the memory of a CI job). 0 = no limit. Defaults: DEFAULT_CALL_LIMITS.
   */
  maxCallTurns?: number;
  maxCallChars?: number;
  /** Source for the `-` path. */
  stdin?: NodeJS.ReadableStream;
  /** `--contacts`: contact-metadata rows joined to calls by contact / call id (agent, team, date). */
  contacts?: ContactTable;
  /** Stops reading new inputs once aborted (Ctrl-C); the run returns what was counted so far, `interrupted: true`. */
  signal?: AbortSignal;
}

export interface ScoreRun {
  report: ScoreReport;
  /** 0 ok, 1 a threshold failed, 2 nothing could be scored or (strict) an input failed. */
  exitCode: number;
  /** Every skipped or failed input, in input order. */
  problems: InputProblem[];
  /** Reader warnings (e.g. a speaker whose role is unknown). */
  warnings: string[];
  /** `signal` aborted before every input was read: the report is partial. */
  interrupted?: boolean;
  /** The mergeable aggregate, the expanded input files and the rubric: what `--format partial` writes. */
  accumulator: Accumulator;
  files: string[];
  rubric: Rubric;
}

/** Far beyond any phone call (a 10-hour call is ~100k words, ~600k characters) or chat; a 10 MB single turn (a dumped log) still scores. */
export const DEFAULT_CALL_LIMITS = { turns: 20_000, chars: 16_000_000 };

/** Why a call is over a per-call limit, or undefined when it is within both (0 = no limit). */
export function overCallLimit(transcript: Pick<Transcript, 'id' | 'turns'>, maxTurns: number, maxChars: number): string | undefined {
  const turns = transcript.turns.length;
  if (maxTurns > 0 && turns > maxTurns) {
    return `call ${transcript.id} has ${turns} turns, over the per-call limit of ${maxTurns} (--max-call-turns; 0 = no limit)`;
  }
  if (maxChars > 0) {
    let chars = 0;
    for (const turn of transcript.turns) chars += turn.text.length;
    if (chars > maxChars) {
      return `call ${transcript.id} has ${chars} characters of text, over the per-call limit of ${maxChars} (--max-call-chars; 0 = no limit)`;
    }
  }
  return undefined;
}

const TOOL = readToolInfo();

/** This package's name and version (read from package.json once). */
export function toolInfo(): { name: string; version: string } {
  return { ...TOOL };
}

function readToolInfo(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      name?: unknown;
      version?: unknown;
    };
    return { name: typeof pkg.name === 'string' ? pkg.name : 'empathy-scorecard', version: String(pkg.version ?? '0.0.0') };
  } catch {
    return { name: 'empathy-scorecard', version: '0.0.0' };
  }
}

/**
 * Tool, rubric and input identity, so a score can be traced to what produced it (DESIGN §12).
 * `files` is the expanded input list (directories and globs resolved); its order does not matter.
 */
export function provenanceFor(rubric: Rubric, files: Iterable<string>): Provenance {
  return {
    tool: TOOL.name,
    version: TOOL.version,
    rubric: { name: rubric.name, version: rubric.version, hash: rubric.hash, origin: rubric.origin },
    inputs: inputsIdentity(files),
  };
}

/** Count and sha256 of the sorted paths joined by newlines, hashed in pieces (a walked directory is sorted already). */
function inputsIdentity(files: Iterable<string>): { count: number; hash: string } {
  let sorted = true;
  let previous: string | undefined;
  for (const file of files) {
    if (previous !== undefined && file < previous) {
      sorted = false;
      break;
    }
    previous = file;
  }
  const hash = createHash('sha256');
  let count = 0;
  let piece = '';
  for (const file of sorted ? files : [...files].sort()) {
    piece += count++ === 0 ? file : `\n${file}`;
    if (piece.length >= 65536) {
      hash.update(piece);
      piece = '';
    }
  }
  hash.update(piece);
  return { count, hash: hash.digest('hex') };
}

/** A previous JSON report for --baseline; throws InputError naming the file when it is not one. */
export async function loadBaseline(file: string): Promise<ScoreReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(file, fileErrorReason(err, 'baseline'));
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(file, `baseline is not JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const groups = (data as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups) || !groups.every((g) => g && typeof g.key === 'string' && typeof g.meanScore === 'number')) {
    throw new InputError(file, 'expected a JSON report from `empathy score --format json` (with groups[].key and meanScore)');
  }
  return data as ScoreReport;
}

const utf8 = new TextDecoder();

export async function runScore(paths: string[], options: ScoreOptions = {}): Promise<ScoreRun> {
  const rubric = typeof options.rubric === 'object' ? options.rubric : loadRubric(options.rubric ?? 'default');
  // Read the baseline before the (possibly long) scoring run so a typo fails fast.
  const baseline = options.baseline === undefined ? undefined : await loadBaseline(options.baseline);
  const groupBy = options.groupBy ?? 'agent';
  // Expanded up front (a cheap walk) so streamed calls carry the same provenance as the final report.
  // Packed off the heap: the list is kept to the end (partial output names every input) and would otherwise grow the
  // heap by ~100 bytes per input.
  const expanded = await expandPathList(paths);
  const provenance = provenanceFor(rubric, expanded.files);
  const accumulator = createAccumulator(groupBy);
  const summary: RunSummary = { read: 0, scored: 0, skipped: 0, failed: 0, skippedInputs: [], failedInputs: [] };
  const calls: CallResult[] = [];
  const problems: InputProblem[] = [];
  const warnings: string[] = [];

  const readOptions: ReadOptions & { stdin?: NodeJS.ReadableStream } = {};
  if (options.inputFormat !== undefined) readOptions.inputFormat = options.inputFormat;
  if (options.columns !== undefined) readOptions.columns = options.columns;
  if (options.agentNames !== undefined) readOptions.agentNames = options.agentNames;
  if (options.roleMap !== undefined) readOptions.roleMap = options.roleMap;
  if (options.channelMap !== undefined) readOptions.channelMap = options.channelMap;
  if (options.agentId !== undefined) readOptions.agentId = options.agentId;
  if (options.encoding !== undefined) readOptions.encoding = options.encoding;
  if (options.threadBy !== undefined) readOptions.threadBy = options.threadBy;
  if (options.agentFromSignature !== undefined) readOptions.agentFromSignature = options.agentFromSignature;
  if (options.stdin !== undefined) readOptions.stdin = options.stdin;

  // Results arrive in input order from either path; aggregation and streaming happen here, on this thread. Scoring,
  // the aggregation digest and redaction were done where the call was scored (a worker, or just below).
  const onScored = async (scored: ScoredCall): Promise<void> => {
    summary.scored++;
    addDigest(accumulator, scored.digest);
    if (options.keepCalls) calls.push(scored.call);
    if (options.onCall) await options.onCall(scored.call, provenance);
  };
  // Worker results stay JSON bytes unless someone needs the object.
  const onSerialised = async (scored: SerialisedCall): Promise<void> => {
    if (!options.onCallJson || options.keepCalls) {
      await onScored({ call: JSON.parse(utf8.decode(scored.json)) as CallResult, digest: scored.digest });
      return;
    }
    summary.scored++;
    addDigest(accumulator, scored.digest);
    await options.onCallJson(scored.json, scored.file, provenance);
  };
  const jobs = options.jobs === 'auto' ? await autoJobs(expanded.files) : (options.jobs ?? 1);
  const scorer = { rubric, groupBy, redact: options.redact ?? false };
  const pool: ScoringPool | undefined = jobs > 1 ? createScoringPool(scorer, jobs, onSerialised) : undefined;
  const score = pool ? undefined : createCallScorer(scorer);

  // Agents the input did not name: joined from --contacts, warned about once (file-name agent ids), strict refuses them.
  const identity = createIdentityResolver(options.contacts ? { contacts: options.contacts, strict: options.strict ?? false } : { strict: options.strict ?? false });
  const maxTurns = options.maxCallTurns ?? DEFAULT_CALL_LIMITS.turns;
  const maxChars = options.maxCallChars ?? DEFAULT_CALL_LIMITS.chars;
  let interrupted = false;
  try {
    let lastYield = Date.now();
    for await (const event of readInputs(expanded, readOptions)) {
      // Files are read synchronously and an in-process run may never wait on I/O: give the event loop a turn now and
      // then, so Ctrl-C (SIGINT → signal) and progress output are handled while scoring.
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      summary.read++;
      if (event.type === 'failed') {
        summary.failed++;
        summary.failedInputs.push(event.problem);
        problems.push(event.problem);
        continue;
      }
      if (event.type === 'skipped') {
        summary.skipped++;
        summary.skippedInputs.push(event.problem);
        problems.push(event.problem);
        continue;
      }
      warnings.push(...event.warnings);
      const transcript = event.transcript;
      const tooLarge = overCallLimit(transcript, maxTurns, maxChars);
      if (tooLarge !== undefined) {
        const problem: InputProblem = { file: transcript.source.file, reason: tooLarge };
        if (transcript.source.line !== undefined) problem.line = transcript.source.line;
        summary.skipped++;
        summary.skippedInputs.push(problem);
        problems.push(problem);
        continue;
      }
      const refused = identity.resolve(transcript);
      if (refused) {
        summary.failed++;
        summary.failedInputs.push(refused);
        problems.push(refused);
        continue;
      }
      if (!transcript.turns.some((t) => t.role === 'agent')) {
        const problem: InputProblem = { file: transcript.source.file, reason: `no agent turns in call ${transcript.id}` };
        if (transcript.source.line !== undefined) problem.line = transcript.source.line;
        summary.skipped++;
        summary.skippedInputs.push(problem);
        problems.push(problem);
        continue;
      }
      if (pool) await pool.add(transcript);
      else await onScored(score!(transcript));
    }
    if (pool && interrupted) await pool.destroy();
    else if (pool) await pool.finish();
    warnings.push(...identity.warnings());
  } catch (err) {
    await pool?.destroy();
    throw err;
  }

  let report: ScoreReport = {
    schemaVersion: 1,
    provenance,
    groupBy,
    summary,
    pass: rubric.pass,
    groups: finalize(accumulator, rubric),
    calls,
  };
  if (options.failUnder !== undefined) {
    report.thresholds = {
      failUnder: options.failUnder,
      failing: applyFailUnder(report.groups, options.failUnder, options.strict ?? false),
    };
  }
  if (baseline !== undefined) {
    report.comparison = {
      baseline: options.baseline!,
      ...compareBaseline(report.groups, baseline, options.failOnRegression, options.strict ?? false),
    };
  }
  // Calls were redacted one by one above; redactReport also masks the problem reasons.
  if (options.redact) report = { ...redactReport({ ...report, calls: [] }), calls };

  const run: ScoreRun = {
    report,
    exitCode: exitCodeFor(report, options.strict ?? false),
    problems,
    warnings,
    accumulator,
    rubric,
    // Unpacked only when asked for (partial output, library callers).
    get files() {
      return expanded.files.toArray();
    },
  };
  if (interrupted) run.interrupted = true;
  return run;
}

/** How long the read-score loop may keep the event loop busy before letting signals and timers run. */
const YIELD_EVERY_MS = 25;

/** Inputs under this many bytes in total are scored in-process under `jobs: 'auto'`. */
const AUTO_PARALLEL_MIN_BYTES = 1024 * 1024;

async function autoJobs(files: Iterable<string>): Promise<number> {
  const cores = availableParallelism();
  if (cores <= 1) return 1;
  return (await inputBytesReach(files, AUTO_PARALLEL_MIN_BYTES)) ? cores : 1;
}

/** 2 nothing scored (or, strict, any input failed or skipped), 1 a threshold or regression failed, else 0. */
export function exitCodeFor(report: ScoreReport, strict: boolean): number {
  const { summary } = report;
  if (summary.scored === 0) return 2;
  if (strict && summary.failed + summary.skipped > 0) return 2;
  if ((report.thresholds?.failing.length ?? 0) > 0) return 1;
  if ((report.comparison?.regressions.length ?? 0) > 0) return 1;
  return 0;
}
