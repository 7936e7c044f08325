// zod schema of a rubric file as users write it (kebab-case keys, optional fields).
// Structure only; defaults are filled in by ./normalise.ts.
import type { z } from 'zod';
import { loadZod } from '../lazy-deps.js';
import {
  AGENT_SIGNALS,
  BEHAVIOURS,
  CUSTOMER_SIGNALS,
  BEHAVIOUR_KINDS,
  DISTRESS_TYPES,
  EXPECTS,
  SIGNALS,
  SIGNAL_KINDS,
  type BehaviourId,
  type FindingType,
} from '../types.js';
import { checkPattern, MAX_PATTERN_LENGTH } from './regex-safety.js';

/** Built on first use (zod is loaded lazily, see lazy-deps.ts). */
let built: ReturnType<typeof buildRubricFileSchema> | undefined;

export function rubricFileSchema(): ReturnType<typeof buildRubricFileSchema> {
  return (built ??= buildRubricFileSchema());
}

function buildRubricFileSchema() {
  const { z } = loadZod();
  const percent = z.number().min(0).max(100);

  /** `repeats: { diminishing: 0.5 }`: the k-th near-identical repeat of a statement in a call earns 0.5^k credit. */
  const repeatsSchema = z.strictObject({ diminishing: z.number().min(0).max(1) });

  function kindEnum(kinds: readonly string[]) {
    return z.enum(kinds as [string, ...string[]]);
  }

  function behaviourSchema(behaviour: BehaviourId) {
    return z.strictObject({
      weight: percent,
      expect: z.enum(EXPECTS),
      'within-turns': z.number().int().min(1).max(20).optional(),
      'distress-types': z.array(z.enum(DISTRESS_TYPES)).min(1).optional(),
      signal: z.enum(CUSTOMER_SIGNALS).optional(),
      /** Checked against the named signal's kinds once the structure is valid (load.ts). */
      'signal-kinds': z.array(z.string().min(1)).min(1).optional(),
      kinds: z.array(kindEnum(BEHAVIOUR_KINDS[behaviour])).min(1).optional(),
      'max-per-call': z.number().int().min(1).optional(),
      'min-confidence': z.number().min(0).max(1).optional(),
      critical: z.boolean().optional(),
      'also-satisfied-by': z.array(z.enum(BEHAVIOURS)).optional(),
      repeats: repeatsSchema.optional(),
    });
  }

  const penaltyPoints = {
    points: percent,
    'max-points': percent.optional(),
  };

  // Every agent signal can carry a penalty per finding (optionally only some kinds); plus the two penalties on
  // behaviours: a non-apology, and counted findings beyond a behaviour's max-per-call.
  const signalPenalty = (id: (typeof AGENT_SIGNALS)[number]) =>
    z.strictObject({ ...penaltyPoints, kinds: z.array(kindEnum(SIGNAL_KINDS[id])).optional() }).optional();
  const penaltiesSchema = z.strictObject({
    ...(Object.fromEntries(AGENT_SIGNALS.map((id) => [id, signalPenalty(id)])) as Record<
      (typeof AGENT_SIGNALS)[number],
      ReturnType<typeof signalPenalty>
    >),
    'non-apology': z.strictObject(penaltyPoints).optional(),
    overuse: z.strictObject(penaltyPoints).optional(),
  });

  const phraseText = z.string().trim().min(1).max(MAX_PATTERN_LENGTH);

  const safePattern = z
    .string()
    .min(1)
    .max(MAX_PATTERN_LENGTH)
    .superRefine((pattern, ctx) => {
      const problem = checkPattern(pattern);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

  /** One `add` entry: "phrase", {text, kind} or {pattern, kind}. */
  function phraseAddSchema(kinds: readonly string[]) {
    const kind = kindEnum(kinds).optional();
    return z.union([
      phraseText,
      z.strictObject({ text: phraseText, kind }),
      z.strictObject({ pattern: safePattern, kind }),
    ]);
  }

  function phraseEditsSchema(kinds: readonly string[]) {
    return z.strictObject({
      add: z.array(phraseAddSchema(kinds)).optional(),
      remove: z.array(phraseText).optional(),
    });
  }

  function kindsOf(id: FindingType): readonly string[] {
    return (BEHAVIOUR_KINDS as Record<string, readonly string[]>)[id] ?? SIGNAL_KINDS[id as keyof typeof SIGNAL_KINDS];
  }

  const behaviourShape = Object.fromEntries(BEHAVIOURS.map((b) => [b, behaviourSchema(b).optional()])) as {
    [B in BehaviourId]: z.ZodOptional<ReturnType<typeof behaviourSchema>>;
  };

  const phraseShape = Object.fromEntries(
    [...BEHAVIOURS, ...SIGNALS].map((id) => [id, phraseEditsSchema(kindsOf(id)).optional()]),
  ) as Record<FindingType, z.ZodOptional<ReturnType<typeof phraseEditsSchema>>>;

  return z.strictObject({
    name: z.string().trim().min(1).max(80),
    version: z.number().int().min(1).optional(),
    description: z.string().optional(),
    pass: percent.optional(),
    'min-calls': z.number().int().min(1).optional(),
    /** Default `repeats` for every behaviour; a behaviour's own `repeats` wins. */
    repeats: repeatsSchema.optional(),
    behaviours: z.strictObject(behaviourShape),
    penalties: penaltiesSchema.optional(),
    phrases: z.strictObject(phraseShape).optional(),
  });
}

export type RubricFile = z.infer<ReturnType<typeof buildRubricFileSchema>>;
export type RubricFileBehaviour = NonNullable<RubricFile['behaviours'][BehaviourId]>;
