// Partial results (`empathy score --format partial`) and their merge (`empathy merge`), DESIGN §8 last paragraph.
//
// A partial is one shard's mergeable accumulator plus what is needed to finish it elsewhere: the rubric identity and
// the two rubric numbers finalize() uses (pass, minCalls), the summary counts with every problem, and the sorted
// input file list (so the merged provenance hash equals a single run's over the same files). Everything in it is
// plain JSON; merging is order-independent, so re-running a failed shard and merging again gives the same bytes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadZod } from './lazy-deps.js';
import type { Formatter } from './formatters/types.js';
import type { ScoreRun } from './pipeline.js';
import { createAccumulator, finalize, mergeAccumulators, type Accumulator } from './scoring/aggregate.js';
import { InputError } from './transcript/input-error.js';
import { BEHAVIOURS, GROUP_BYS, type GroupBy, type InputProblem, type Provenance, type RunSummary, type ScoreReport } from './types.js';
import { fileErrorReason } from './file-errors.js';

export const PARTIAL_TYPE = 'empathy-partial';
export const PARTIAL_FORMAT = 'partial';
/** The stdin path as it appears in input lists; several shards may each have read their own stdin. */
const STDIN_INPUT = '-';

export interface PartialRubric {
  name: string;
  version: number;
  hash: string;
  origin: string;
  /** The rubric's pass mark and minimum calls per group: all finalize() needs, so merge needs no rubric file. */
  pass: number;
  minCalls: number;
}

export interface Partial {
  type: typeof PARTIAL_TYPE;
  schemaVersion: 1;
  tool: string;
  version: string;
  rubric: PartialRubric;
  groupBy: GroupBy;
  summary: RunSummary;
  /** Expanded input files, sorted and de-duplicated (`-` for stdin); count and hash as in the report's provenance. */
  inputs: { count: number; hash: string; files: string[] };
  accumulator: Accumulator;
}

let built: ReturnType<typeof buildPartialSchema> | undefined;

/** Built on first use: only reading a partial back needs zod (see lazy-deps.ts). */
function partialSchema(): ReturnType<typeof buildPartialSchema> {
  return (built ??= buildPartialSchema());
}

function buildPartialSchema() {
  const { z } = loadZod();
  const count = z.number().int().min(0);
  const problemSchema = z.object({
    file: z.string(),
    line: count.optional(),
    column: count.optional(),
    reason: z.string(),
  });
  const behaviourTally = z.object({ opportunities: count, met: count, findings: count, missed: count });
  const statementTally = z.object({ text: z.string(), count, calls: count });
  const groupTally = z.object({
    calls: count,
    noOpportunity: count.optional(),
    passed: count,
    sumTenths: count,
    sumSquaresTenths: count,
    histogram: z.array(count).length(101),
    agentTurns: count,
    penaltyTenths: count,
    missedOpportunities: count,
    criticalFailures: count,
    behaviours: z.object(Object.fromEntries(BEHAVIOURS.map((b) => [b, behaviourTally])) as Record<(typeof BEHAVIOURS)[number], typeof behaviourTally>),
    label: z.string().optional(),
    scripted: z
      .object({
        statements: count,
        apologies: count,
        apologiesWithoutAction: count,
        evicted: count,
        phrases: z.record(z.string(), statementTally),
      })
      .optional(),
  });
  const groupBySchema = z.enum(GROUP_BYS);

  return z.object({
    type: z.literal(PARTIAL_TYPE),
    schemaVersion: z.literal(1),
    tool: z.string(),
    version: z.string(),
    rubric: z.object({
      name: z.string(),
      version: z.number(),
      hash: z.string().min(1),
      origin: z.string(),
      pass: z.number(),
      minCalls: count,
    }),
    groupBy: groupBySchema,
    summary: z.object({
      read: count,
      scored: count,
      skipped: count,
      failed: count,
      skippedInputs: z.array(problemSchema),
      failedInputs: z.array(problemSchema),
    }),
    inputs: z.object({ count, hash: z.string(), files: z.array(z.string()) }),
    accumulator: z.object({
      kind: z.literal('empathy-accumulator'),
      version: z.literal(1),
      groupBy: groupBySchema,
      groups: z.record(z.string(), groupTally),
    }),
  });
}

/** The partial for a finished run; `files` is the run's expanded input list. */
export function partialOf(run: Pick<ScoreRun, 'report' | 'accumulator' | 'files'>, rubric: { pass: number; minCalls: number }): Partial {
  const { report } = run;
  const { provenance } = report;
  const files = sortedUnique(run.files);
  return {
    type: PARTIAL_TYPE,
    schemaVersion: 1,
    tool: provenance.tool,
    version: provenance.version,
    rubric: { ...provenance.rubric, pass: rubric.pass, minCalls: rubric.minCalls },
    groupBy: report.groupBy,
    summary: sortedSummary(report.summary),
    inputs: { count: files.length, hash: inputsHash(files), files },
    accumulator: run.accumulator,
  };
}

/** Stable text: keys in a fixed order (the object is built that way), one compact line (`jq .` to read it). */
export function formatPartial(partial: Partial): string {
  return `${JSON.stringify(partial)}\n`;
}

/** Same hash as the pipeline's provenance: sha256 over the sorted file list joined by newlines. */
export function inputsHash(sortedFiles: readonly string[]): string {
  return createHash('sha256').update(sortedFiles.join('\n')).digest('hex');
}

/** Parses a partial file's text; throws InputError naming the file (and the first bad field) when it is not one. */
export function parsePartial(text: string, file: string): Partial {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(file, `not a partial result: invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if ((data as { type?: unknown } | null)?.type !== PARTIAL_TYPE) {
    throw new InputError(file, `not a partial result (expected "type": "${PARTIAL_TYPE}" from \`empathy score --format partial\`)`);
  }
  const parsed = partialSchema().safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new InputError(file, `not a valid partial result: ${where}: ${issue.message}`);
  }
  const partial = parsed.data as Partial;
  if (partial.accumulator.groupBy !== partial.groupBy) {
    throw new InputError(file, `not a valid partial result: accumulator.groupBy ${partial.accumulator.groupBy} ≠ groupBy ${partial.groupBy}`);
  }
  const files = partial.inputs.files;
  if (partial.inputs.count !== files.length || partial.inputs.hash !== inputsHash(files)) {
    throw new InputError(file, 'not a valid partial result: inputs.count/hash do not match inputs.files (edited or truncated?)');
  }
  return partial;
}

export async function readPartial(file: string): Promise<Partial> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(file, fileErrorReason(err, 'partial result'));
  }
  return parsePartial(text, file);
}

/** Why two partials cannot be merged (a one-line message naming both files), or undefined. */
function conflict(a: { file: string; partial: Partial }, b: { file: string; partial: Partial }): string | undefined {
  if (a.partial.rubric.hash !== b.partial.rubric.hash) {
    return (
      `cannot merge partials scored with different rubrics: ${a.file} has ${a.partial.rubric.name} v${a.partial.rubric.version} ` +
      `(${a.partial.rubric.hash}), ${b.file} has ${b.partial.rubric.name} v${b.partial.rubric.version} (${b.partial.rubric.hash})`
    );
  }
  if (a.partial.groupBy !== b.partial.groupBy) {
    return `cannot merge partials with different --group-by: ${a.file} is grouped by ${a.partial.groupBy}, ${b.file} by ${b.partial.groupBy}`;
  }
  return undefined;
}

export class MergeConflict extends Error {
  override readonly name = 'MergeConflict';
}

/**
 * Merges partials into one partial (so merges can themselves be merged: a reduce tree). Refuses (MergeConflict) the same
 * partial file twice, mixed rubric hashes, mixed group-by and a file scored in two partials. The result does not depend on the order of `partials`.
 */
export function mergePartials(partials: readonly { file: string; partial: Partial }[]): { partial: Partial; warnings: string[] } {
  if (partials.length === 0) throw new MergeConflict('no partial results to merge');
  // The same partial twice would count its calls twice (and, read from stdin, no input list could tell). The CLI also
  // compares real paths (\`p/1.json\` and \`./p/1.json\`); here the names are all there is.
  const names = new Set<string>();
  for (const { file } of partials) {
    if (names.has(file)) throw new MergeConflict(`${file} is given twice: its calls would count twice (name each partial once)`);
    names.add(file);
  }
  // Sorted by content, not by argument order, so the first-seen values (rubric origin, tool) are order-independent.
  const sorted = partials
    .map((x) => ({ ...x, text: formatPartial(x.partial) }))
    .sort((x, y) => compare(x.text, y.text) || compare(x.file, y.file));
  const first = sorted[0]!;
  for (const other of sorted.slice(1)) {
    const why = conflict(first, other);
    if (why !== undefined) throw new MergeConflict(why);
  }
  const seen = new Map<string, string>();
  for (const { file, partial } of sorted) {
    for (const input of partial.inputs.files) {
      const earlier = seen.get(input);
      if (earlier !== undefined && input !== STDIN_INPUT && earlier !== file) {
        throw new MergeConflict(`cannot merge: ${input} was scored in both ${earlier} and ${file} (its calls would count twice)`);
      }
      seen.set(input, file);
    }
  }
  const p = first.partial;
  let accumulator = createAccumulator(p.groupBy);
  for (const { partial } of sorted) accumulator = mergeAccumulators(accumulator, partial.accumulator);
  const files = sortedUnique(sorted.flatMap((x) => x.partial.inputs.files));
  const summary = sortedSummary(
    sorted.reduce<RunSummary>(
      (sum, { partial: { summary: s } }) => ({
        read: sum.read + s.read,
        scored: sum.scored + s.scored,
        skipped: sum.skipped + s.skipped,
        failed: sum.failed + s.failed,
        skippedInputs: [...sum.skippedInputs, ...s.skippedInputs],
        failedInputs: [...sum.failedInputs, ...s.failedInputs],
      }),
      { read: 0, scored: 0, skipped: 0, failed: 0, skippedInputs: [], failedInputs: [] },
    ),
  );
  const merged: Partial = {
    type: PARTIAL_TYPE,
    schemaVersion: 1,
    tool: p.tool,
    version: p.version,
    rubric: p.rubric,
    groupBy: p.groupBy,
    summary,
    inputs: { count: files.length, hash: inputsHash(files), files },
    accumulator,
  };
  const versions = sortedUnique(sorted.map((x) => `${x.partial.tool}@${x.partial.version}`));
  const warnings = versions.length > 1 ? [`warning: merging partials from different tool versions (${versions.join(', ')}); provenance names ${p.tool}@${p.version}`] : [];
  return { partial: merged, warnings };
}

/** The call-less report a partial finalises to: what `empathy merge` renders. */
export function reportFromPartial(partial: Partial): ScoreReport {
  const { pass, minCalls, ...rubric } = partial.rubric;
  const provenance: Provenance = {
    tool: partial.tool,
    version: partial.version,
    rubric,
    inputs: { count: partial.inputs.count, hash: partial.inputs.hash },
  };
  return {
    schemaVersion: 1,
    provenance,
    groupBy: partial.groupBy,
    summary: partial.summary,
    pass,
    groups: finalize(partial.accumulator, { pass, minCalls }),
    calls: [],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(list: readonly string[]): string[] {
  return [...new Set(list)].sort(compare);
}

/** Problems in (file, line, column, reason) order, so summing shards in any order gives the same list. */
function sortedSummary(summary: RunSummary): RunSummary {
  return { ...summary, skippedInputs: sortProblems(summary.skippedInputs), failedInputs: sortProblems(summary.failedInputs) };
}

function sortProblems(problems: readonly InputProblem[]): InputProblem[] {
  const key = (p: InputProblem): [string, number, number, string] => [p.file, p.line ?? 0, p.column ?? 0, p.reason];
  return [...problems].sort((x, y) => {
    const [a, b] = [key(x), key(y)];
    return compare(a[0], b[0]) || a[1] - b[1] || a[2] - b[2] || compare(a[3], b[3]);
  });
}

/**
 * `--format partial` for `empathy score`. Not in the formatter registry: a partial is the run's accumulator, which a
 * ScoreReport does not carry, so the score command renders it with `partialText(run)` instead of `format(report)`.
 */
export const partialFormatter: Formatter = {
  name: PARTIAL_FORMAT,
  description: 'mergeable partial result (accumulator + summary + inputs) for `empathy merge`',
  extension: 'json',
  format(): string {
    throw new Error('the partial format renders a run (partialText), not a report');
  },
};

/** The partial's text for a finished run. */
export function partialText(run: Pick<ScoreRun, 'report' | 'accumulator' | 'files' | 'rubric'>): string {
  return formatPartial(partialOf(run, run.rubric));
}
