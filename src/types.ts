// Core data model shared by every layer (DESIGN §3, §8). Pure types and constant tables only.

export type Role = 'agent' | 'customer' | 'system' | 'unknown';

export interface Turn {
  /** 0-based position in Transcript.turns. */
  index: number;
  role: Role;
  /** Speaker label as it appeared in the input ("Agent", "Jane", "spk_1"). */
  speaker: string;
  /** Agent identity for agent turns; set per turn so transfers credit each agent. */
  agentId?: string;
  text: string;
  /** Seconds from call start, when the input has timestamps. */
  start?: number;
  end?: number;
  /** Gold labels (eval only): absent = not annotated, [] = annotated with none present. */
  labels?: string[];
  /**
   * The vendor's sentiment of this turn, when the export carries one (Contact Lens / Transcribe `Sentiment`): evidence
   * about the speaker, never instead of the text. `source` names the reader that took it ("transcribe").
   */
  sentiment?: { label: 'NEGATIVE' | 'POSITIVE' | 'NEUTRAL' | 'MIXED'; score?: number; source: string };
}

export interface Transcript {
  id: string;
  source: { file: string; line?: number };
  agentId?: string;
  agentName?: string;
  team?: string;
  /** ISO date (YYYY-MM-DD) of the call when known. */
  date?: string;
  channel?: string;
  turns: Turn[];
  /** Gold data (eval only). */
  corpus?: string;
  annotatedBehaviours?: BehaviourId[];
}

/** [start, end) UTF-16 offsets into Turn.text, so text.slice(...span) === quote. */
export type Span = [number, number];

export const BEHAVIOURS = [
  'paraphrasing',
  'acknowledgement',
  'apology',
  'appreciation',
  'follow-up-promise',
] as const;
export type BehaviourId = (typeof BEHAVIOURS)[number];

export const BEHAVIOUR_KINDS: Record<BehaviourId, readonly string[]> = {
  paraphrasing: ['summary', 'restatement', 'reflection'],
  acknowledgement: ['validation', 'sympathy', 'bare'],
  apology: ['ownership', 'inconvenience', 'clarification', 'non-apology'],
  appreciation: ['patience', 'loyalty', 'information', 'courtesy', 'greeting'],
  'follow-up-promise': ['after-call', 'in-call'],
};

/**
 * Kinds that are the behaviour (annotators label them) but that a rubric may choose not to count: the scripted
 * "thank you for calling" opening. `empathy eval` measures detection with the rubric's kinds plus these.
 */
export const FORMULA_KINDS: Partial<Record<BehaviourId, readonly string[]>> = { appreciation: ['greeting'] };

/** Types of a customer-distress moment (its finding's kind); rubrics say which types expect which behaviour. */
export const DISTRESS_TYPES = ['fault', 'repeat', 'worry', 'loss', 'hardship'] as const;
export type DistressType = (typeof DISTRESS_TYPES)[number];

/** Signals beyond the five behaviours (DESIGN §2.6). */
export const SIGNALS = [
  'customer-distress',
  'personalisation',
  'open-question',
  'negative-language',
] as const;
export type SignalId = (typeof SIGNALS)[number];

export const SIGNAL_KINDS: Record<SignalId, readonly string[]> = {
  'customer-distress': DISTRESS_TYPES,
  personalisation: ['name'],
  'open-question': ['open'],
  'negative-language': ['dismissive', 'blame', 'refusal', 'commanding'],
};

/**
 * Signals found in the customer's turns: they open opportunities (rubric `expect: on-signal`, or `on-distress` for
 * customer-distress). Every other signal is the agent's and can carry a penalty (rubric `penalties.<signal>`).
 */
export const CUSTOMER_SIGNALS = ['customer-distress'] as const satisfies readonly SignalId[];
export type CustomerSignalId = (typeof CUSTOMER_SIGNALS)[number];
export type AgentSignalId = Exclude<SignalId, CustomerSignalId>;
export const AGENT_SIGNALS: readonly AgentSignalId[] = SIGNALS.filter(
  (s): s is AgentSignalId => !(CUSTOMER_SIGNALS as readonly string[]).includes(s),
);

export type FindingType = BehaviourId | SignalId;

export function isBehaviour(id: string): id is BehaviourId {
  return (BEHAVIOURS as readonly string[]).includes(id);
}

export interface Evidence {
  turn: number;
  span: Span;
  quote: string;
}

/** What a detector returns: positions and reasons, no ids or prose. */
export interface FindingDraft {
  kind: string;
  turn: number;
  span: Span;
  rule: string;
  /** Set by the detector only when no fitted model scores this kind (src/model/): otherwise the model decides. */
  confidence: number;
  /** What the candidate looks like, for the fitted model (feature name → value). */
  features?: Record<string, number>;
  attributes?: Record<string, string>;
  evidence?: Evidence[];
}

export interface Finding {
  /** Stable id `<transcript>#<turn>:<start>-<end>:<behaviour>` (baselines, diffs). */
  id: string;
  behaviour: FindingType;
  kind: string;
  transcriptId: string;
  turn: number;
  /** Agent who spoke the turn (agent findings only). */
  agentId?: string;
  span: Span;
  quote: string;
  rule: string;
  confidence: number;
  /** Human sentence rendered from the kind template. */
  message: string;
  attributes?: Record<string, string>;
  evidence?: Evidence[];
}

// ---------- Rubric (DESIGN §6) ----------

export const EXPECTS = ['always', 'once', 'on-problem', 'on-distress', 'on-signal', 'when-unresolved', 'never-required'] as const;
export type Expect = (typeof EXPECTS)[number];

export interface RubricBehaviour {
  weight: number;
  expect: Expect;
  /** For on-distress / on-signal: agent turns after the customer's moment in which the behaviour must appear. */
  withinTurns: number;
  /** The customer signal whose moments open the opportunities: customer-distress for on-distress, `signal` for on-signal. */
  signal: CustomerSignalId;
  /**
   * Kinds of that signal that open one (rubric `distress-types` for on-distress, `signal-kinds` for on-signal); all
   * kinds by default.
   */
  signalKinds: string[];
  /** Kinds that count as meeting the behaviour. */
  kinds: string[];
  /** More than this many counted findings in one call is overuse (penalised when set). */
  maxPerCall?: number;
  /** Findings below this confidence are dropped. */
  minConfidence: number;
  /** A missed opportunity fails the call outright. */
  critical: boolean;
  /** Other behaviours that also satisfy this one's opportunity (e.g. apology satisfies acknowledgement). */
  alsoSatisfiedBy: BehaviourId[];
  /**
   * Diminishing credit for repeats (rubric `repeats: { diminishing }`): the k-th near-identical repeat of a
   * statement in one call part earns factor^k of an opportunity's credit. Absent = full credit for every repeat.
   */
  diminishing?: number;
}

export interface RubricPenalty {
  points: number;
  /** Kinds that trigger it; empty = any kind of that finding. */
  kinds: string[];
  /** Cap on the total points this penalty can take from one call. */
  maxPoints?: number;
}

export interface PhraseAdd {
  /** A phrase (word-bounded, case-insensitive) or, when regex is true, a vetted pattern. */
  text: string;
  /** Kind the match reports; defaults to the behaviour's first counted kind. */
  kind?: string;
  regex: boolean;
}

export interface PhraseEdits {
  add: PhraseAdd[];
  /** Default phrases to drop (matched case-insensitively against the lexicon entries). */
  remove: string[];
}

export interface Rubric {
  name: string;
  version: number;
  description?: string;
  /** Score needed to pass, 0..100. */
  pass: number;
  /** Groups with fewer calls are marked low-sample and exempt from --fail-under unless --strict. */
  minCalls: number;
  behaviours: Record<BehaviourId, RubricBehaviour>;
  /** Keys: 'negative-language', 'non-apology', 'overuse'. */
  penalties: Record<string, RubricPenalty>;
  /** Lexicon edits per behaviour or signal. */
  phrases: Partial<Record<FindingType, PhraseEdits>>;
  /** sha256 of the effective rubric (first 12 hex chars; src/rubric/load.ts effectiveRubricHash) for provenance. */
  hash: string;
  /** Where the rubric came from: built-in name or file path. */
  origin: string;
}

// ---------- Scoring results (DESIGN §6) ----------

export type OutcomeStatus = 'met' | 'missed' | 'na';

export interface MissedMoment {
  behaviour: BehaviourId;
  /** Customer turn that opened the opportunity (absent for always/once expectations). */
  customerTurn?: number;
  customerQuote?: string;
  /** The agent's next turn after the moment, i.e. what they said instead. */
  agentTurn?: number;
  agentQuote?: string;
}

export interface BehaviourOutcome {
  behaviour: BehaviourId;
  status: OutcomeStatus;
  weight: number;
  opportunities: number;
  met: number;
  /** Ids of counted findings that met the opportunities. */
  findingIds: string[];
  /** Credit for `met` after diminishing repeats (rubric `repeats`), when it is less than `met`. */
  credit?: number;
  missed: MissedMoment[];
  /** One-line explanation, e.g. "met: 'I'm so sorry about that' (turn 4)". */
  reason: string;
}

export interface PenaltyApplied {
  id: string;
  points: number;
  findingIds: string[];
  reason: string;
}

/** The score of one agent's part of one call (the unit that is aggregated). */
export interface AgentCallScore {
  agentId: string;
  /** null: no opportunity (nothing was expected of this agent and no penalty applied), so no score. */
  score: number | null;
  /** null with a null score. */
  passed: boolean | null;
  criticalFailures: BehaviourId[];
  behaviours: Record<BehaviourId, BehaviourOutcome>;
  penalties: PenaltyApplied[];
  agentTurns: number;
  /** Counted findings per behaviour in this part. */
  counts: Record<BehaviourId, number>;
}

export interface CallResult {
  transcriptId: string;
  file: string;
  line?: number;
  date?: string;
  team?: string;
  channel?: string;
  turns: Turn[];
  findings: Finding[];
  /** Whole-call score (all agents together); null when nothing was expected in the call (no opportunity). */
  score: number | null;
  passed: boolean | null;
  agents: AgentCallScore[];
}

export interface InputProblem {
  file: string;
  line?: number;
  column?: number;
  reason: string;
}

export interface RunSummary {
  read: number;
  scored: number;
  skipped: number;
  failed: number;
  skippedInputs: InputProblem[];
  failedInputs: InputProblem[];
}

// ---------- Aggregation and the report every formatter renders ----------

export const GROUP_BYS = ['agent', 'team', 'date', 'call'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface BehaviourRate {
  behaviour: BehaviourId;
  opportunities: number;
  met: number;
  /** met / opportunities, or null when the behaviour never had an opportunity (N/A). */
  rate: number | null;
  /** Counted findings of the behaviour. */
  findings: number;
  /** Counted findings per 100 agent turns. */
  per100Turns: number;
  missed: number;
}

export interface GroupScorecard {
  key: string;
  groupBy: GroupBy;
  /** Display name when known (agent name). */
  label?: string;
  /** Calls (agent parts) in the group, scored or not. */
  calls: number;
  /** Of `calls`, those with no opportunity: no score, so outside the mean, the pass rate and min-calls. */
  noOpportunity: number;
  /** Mean over the scored calls (calls − noOpportunity); null when none was scored. */
  meanScore: number | null;
  stdDev: number | null;
  /** 95% Student-t interval of the mean score, clamped to 0..100; null with fewer than 2 scored calls. */
  ci95: [number, number] | null;
  /** Share of the scored calls that passed; null when none was scored. */
  passRate: number | null;
  /** 95% Wilson interval of the pass rate; null when none was scored. */
  passRateCi95: [number, number] | null;
  /** meanScore >= rubric.pass (false when nothing was scored). */
  passed: boolean;
  /** scored calls < rubric.minCalls */
  lowSample: boolean;
  agentTurns: number;
  behaviours: Record<BehaviourId, BehaviourRate>;
  penaltyPoints: number;
  missedOpportunities: number;
  criticalFailures: number;
  /** Scripted or overused empathy (DESIGN §12); absent for group-by call. */
  scripted?: ScriptedSummary;
}

/** Near-identical empathy statements across a group's calls and apologies with no action after them. */
export interface ScriptedSummary {
  /** Share (0..1) of the group's empathy statements that belong to a phrase said in >= 3 calls. */
  share: number;
  /** Those phrases, most calls first (at most 5): an original wording, its calls and the group's calls. */
  phrases: { text: string; calls: number; totalCalls: number }[];
  /** Apologies with no follow-up or action verb in the agent's next 2 turns. */
  apologiesWithoutAction: number;
  /** Empathy statements considered (acknowledgement, apology, appreciation; courtesy excluded). */
  statements: number;
  apologies: number;
}

export interface GroupDelta {
  key: string;
  previousScore: number | null;
  scoreDelta: number | null;
  behaviours: Partial<Record<BehaviourId, number | null>>;
}

export interface Provenance {
  tool: string;
  version: string;
  rubric: { name: string; version: number; hash: string; origin: string };
  inputs: { count: number; hash: string };
}

export interface ScoreReport {
  schemaVersion: 1;
  provenance: Provenance;
  groupBy: GroupBy;
  summary: RunSummary;
  pass: number;
  groups: GroupScorecard[];
  /** Per-call results; may be omitted (streaming formats, huge runs). */
  calls: CallResult[];
  /** Set by --fail-under (scoring/thresholds.ts FailUnderResult); `exempt` lists the groups under min-calls. */
  thresholds?: { failUnder?: number; failing: string[]; exempt?: string[]; minCalls?: number };
  /** Set by --baseline (scoring/thresholds.ts ComparisonResult). */
  comparison?: {
    baseline: string;
    groups: GroupDelta[];
    regressions: string[];
    failOnRegression?: number;
    exempt?: string[];
    minCalls?: number;
    rubricChange?: { baseline: { name: string; version: string | number; hash: string }; current: { name: string; version: string | number; hash: string } };
    unrecorded?: string[];
  };
}
