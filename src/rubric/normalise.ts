// Validated rubric file → the effective Rubric with every default filled in.
//
// Defaults (documented for users in `empathy rubric show`):
// - a rubric may list only some behaviours; unlisted ones are `weight: 0, expect: never-required`
//   (their findings are still counted for rates, they never affect a score);
// - `kinds` omitted → the behaviour's genuine kinds (DEFAULT_KINDS: no `bare` acknowledgement,
//   no `clarification`/`non-apology` apology, no `in-call` promise);
// - `distress-types` omitted → every distress type opens an on-distress opportunity (likewise `signal-kinds` for
//   on-signal);
// - `within-turns` 2, `min-confidence` 0.5, `critical` false, `also-satisfied-by` [];
// - version 1, pass 70, min-calls 5;
// - a penalty the rubric does not mention is off (0 points);
// - `repeats` omitted → full credit for repeated statements (a behaviour's own `repeats` beats the top-level one).
import { AGENT_SIGNALS, BEHAVIOURS, SIGNAL_KINDS, type CustomerSignalId, type BehaviourId, type PhraseAdd, type PhraseEdits, type Rubric, type RubricBehaviour, type RubricPenalty, type FindingType } from '../types.js';
import type { RubricFile, RubricFileBehaviour } from './schema.js';

export const DEFAULT_KINDS: Record<BehaviourId, string[]> = {
  paraphrasing: ['summary', 'restatement', 'reflection'],
  acknowledgement: ['validation', 'sympathy'],
  apology: ['ownership', 'inconvenience'],
  appreciation: ['patience', 'loyalty', 'information', 'courtesy'],  // not `greeting`: the scripted opening
  'follow-up-promise': ['after-call'],
};

export const DEFAULT_WITHIN_TURNS = 2;
export const DEFAULT_MIN_CONFIDENCE = 0.5;
export const DEFAULT_PASS = 70;
export const DEFAULT_MIN_CALLS = 5;
/** Every agent signal's penalty, then the behaviour penalties (the order penalties are applied and shown in). */
export const PENALTY_IDS = [...AGENT_SIGNALS, 'non-apology', 'overuse'] as const;

function behaviour(id: BehaviourId, spec: RubricFileBehaviour | undefined, repeats: RubricFile['repeats']): RubricBehaviour {
  const signal: CustomerSignalId = spec?.expect === 'on-signal' && spec.signal !== undefined ? spec.signal : 'customer-distress';
  const out: RubricBehaviour = {
    weight: spec?.weight ?? 0,
    expect: spec?.expect ?? 'never-required',
    withinTurns: spec?.['within-turns'] ?? DEFAULT_WITHIN_TURNS,
    signal,
    signalKinds: [...((spec?.expect === 'on-signal' ? spec['signal-kinds'] : spec?.['distress-types']) ?? SIGNAL_KINDS[signal])],
    kinds: [...(spec?.kinds ?? DEFAULT_KINDS[id])],
    minConfidence: spec?.['min-confidence'] ?? DEFAULT_MIN_CONFIDENCE,
    critical: spec?.critical ?? false,
    alsoSatisfiedBy: [...(spec?.['also-satisfied-by'] ?? [])],
  };
  if (spec?.['max-per-call'] !== undefined) out.maxPerCall = spec['max-per-call'];
  const diminishing = spec?.repeats?.diminishing ?? repeats?.diminishing;
  if (diminishing !== undefined && diminishing < 1) out.diminishing = diminishing;
  return out;
}

function penalty(spec: { points: number; 'max-points'?: number; kinds?: string[] } | undefined): RubricPenalty {
  const out: RubricPenalty = { points: spec?.points ?? 0, kinds: [...(spec?.kinds ?? [])] };
  if (spec?.['max-points'] !== undefined) out.maxPoints = spec['max-points'];
  return out;
}

function phraseAdd(entry: string | { text: string; kind?: string } | { pattern: string; kind?: string }): PhraseAdd {
  if (typeof entry === 'string') return { text: entry, regex: false };
  const out: PhraseAdd = 'pattern' in entry ? { text: entry.pattern, regex: true } : { text: entry.text, regex: false };
  if (entry.kind !== undefined) out.kind = entry.kind;
  return out;
}

export function normaliseRubric(file: RubricFile, hash: string, origin: string): Rubric {
  const behaviours = Object.fromEntries(BEHAVIOURS.map((id) => [id, behaviour(id, file.behaviours[id], file.repeats)])) as Record<
    BehaviourId,
    RubricBehaviour
  >;
  const penalties: Record<string, RubricPenalty> = {};
  for (const id of PENALTY_IDS) penalties[id] = penalty(file.penalties?.[id]);
  const phrases: Partial<Record<FindingType, PhraseEdits>> = {};
  for (const [id, edits] of Object.entries(file.phrases ?? {})) {
    if (!edits) continue;
    phrases[id as FindingType] = { add: (edits.add ?? []).map(phraseAdd), remove: [...(edits.remove ?? [])] };
  }
  const rubric: Rubric = {
    name: file.name,
    version: file.version ?? 1,
    pass: file.pass ?? DEFAULT_PASS,
    minCalls: file['min-calls'] ?? DEFAULT_MIN_CALLS,
    behaviours,
    penalties,
    phrases,
    hash,
    origin,
  };
  if (file.description !== undefined) rubric.description = file.description;
  return rubric;
}
