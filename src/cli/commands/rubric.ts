// `empathy rubric check <file>` and `empathy rubric show [name|file]` as pure functions
// (no process access); main.ts wires them into commander and writes the streams.
import { loadYaml } from '../../lazy-deps.js';
import { RubricError, formatRubricProblem } from '../../rubric/errors.js';
import { findDetector } from '../../detectors/index.js';
import { unmatchedRemovals } from '../../nlp/phrases.js';
import { lintRubric } from '../../rubric/lint.js';
import { loadRubric } from '../../rubric/load.js';
import { AGENT_SIGNALS, BEHAVIOURS, type PhraseAdd, type Rubric } from '../../types.js';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function failure(err: unknown): CommandResult {
  if (err instanceof RubricError) {
    return { stdout: '', stderr: err.problems.map(formatRubricProblem).join('\n') + '\n', exitCode: 2 };
  }
  throw err;
}

export function runRubricCheck(file: string): CommandResult {
  try {
    const rubric = loadRubric(file);
    const listed = BEHAVIOURS.filter((b) => rubric.behaviours[b].weight > 0 || rubric.behaviours[b].expect !== 'never-required');
    const warnings = lintRubric(rubric, (id) => findDetector(id)?.meta.lexicon, unmatchedRemovals);
    const noted = warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : '';
    return {
      stdout: `${file}: ok (${rubric.name} v${rubric.version}, ${listed.length} behaviours, hash ${rubric.hash}${noted})\n`,
      stderr: warnings.map((w) => `${file}: warning: ${w}\n`).join(''),
      exitCode: 0,
    };
  } catch (err) {
    return failure(err);
  }
}

function phraseEntry(p: PhraseAdd): string | Record<string, string> {
  const base: Record<string, string> = p.regex ? { pattern: p.text } : { text: p.text };
  if (p.kind !== undefined) base.kind = p.kind;
  return !p.regex && p.kind === undefined ? p.text : base;
}

/** The effective rubric in the file's own (kebab-case) shape, every default filled in. */
export function rubricToYamlObject(rubric: Rubric): Record<string, unknown> {
  const out: Record<string, unknown> = { name: rubric.name, version: rubric.version };
  if (rubric.description !== undefined) out.description = rubric.description;
  out.pass = rubric.pass;
  out['min-calls'] = rubric.minCalls;
  out.behaviours = Object.fromEntries(
    BEHAVIOURS.map((id) => {
      const b = rubric.behaviours[id];
      const spec: Record<string, unknown> = {
        weight: b.weight,
        expect: b.expect,
        ...(b.expect === 'on-distress' ? { 'within-turns': b.withinTurns, 'distress-types': b.signalKinds } : {}),
        ...(b.expect === 'on-signal' ? { signal: b.signal, 'within-turns': b.withinTurns, 'signal-kinds': b.signalKinds } : {}),
        kinds: b.kinds,
        'min-confidence': b.minConfidence,
        critical: b.critical,
        'also-satisfied-by': b.alsoSatisfiedBy,
      };
      if (b.maxPerCall !== undefined) spec['max-per-call'] = b.maxPerCall;
      if (b.diminishing !== undefined) spec.repeats = { diminishing: b.diminishing };
      return [id, spec];
    }),
  );
  out.penalties = Object.fromEntries(
    Object.entries(rubric.penalties).map(([id, p]) => {
      const spec: Record<string, unknown> = { points: p.points };
      if (p.maxPoints !== undefined) spec['max-points'] = p.maxPoints;
      if ((AGENT_SIGNALS as readonly string[]).includes(id)) spec.kinds = p.kinds;
      return [id, spec];
    }),
  );
  out.phrases = Object.fromEntries(
    Object.entries(rubric.phrases).map(([id, edits]) => [id, { add: edits!.add.map(phraseEntry), remove: edits!.remove }]),
  );
  return out;
}

export function runRubricShow(nameOrFile = 'default'): CommandResult {
  try {
    const rubric = loadRubric(nameOrFile);
    const header =
      `# Effective rubric "${rubric.name}" v${rubric.version} from ${rubric.origin} (hash ${rubric.hash}).\n` +
      '# Defaults are filled in: unlisted behaviours are weight 0 / never-required; penalties not\n' +
      '# mentioned in the file are 0 points.\n';
    return { stdout: header + loadYaml().stringify(rubricToYamlObject(rubric), { lineWidth: 0 }), stderr: '', exitCode: 0 };
  } catch (err) {
    return failure(err);
  }
}
