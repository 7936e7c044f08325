// Opportunity-based call scoring (DESIGN §6).
//
// score = Σ(weight × met/opportunities) / Σ(weight of behaviours with opportunities) × 100
//         − penalties, clamped to 0..100, rounded to 1 decimal.
// A behaviour with no opportunity is N/A and drops out of both sums, so its weight is shared by
// the others. When nothing carried an expectation (no opportunity with weight > 0) and no penalty
// applied, the part has no score (null, "no opportunity"): nothing was asked of the agent, so the
// call says nothing about their empathy and must not lift their mean. With a penalty, it scores
// 100 minus the penalty: what the agent did wrong is still on the record.
// A missed critical behaviour keeps the score but fails the call.
import {
  BEHAVIOURS,
  CUSTOMER_SIGNALS,
  isBehaviour,
  type AgentCallScore,
  type BehaviourId,
  type BehaviourOutcome,
  type CallResult,
  type CustomerSignalId,
  type Finding,
  type Rubric,
  type Transcript,
} from '../types.js';
import { SIGNAL_MIN_CONFIDENCE, type CallPart } from './opportunities.js';
import { countedFindings, scoreBehaviour } from './outcome.js';
import { penaltiesFor } from './penalties.js';
import { isResolved } from './resolution.js';
import { normaliseStatement, similarity, SIMILARITY } from './scripted.js';

/** Agent id used when neither the turn nor the transcript names the agent. */
export const UNKNOWN_AGENT = '(unknown)';

export function roundScore(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Findings below the behaviour's min-confidence (or the signal floor) are dropped. */
export function keptFindings(findings: readonly Finding[], rubric: Rubric): Finding[] {
  return findings.filter((f) =>
    isBehaviour(f.behaviour)
      ? f.confidence >= rubric.behaviours[f.behaviour].minConfidence
      : f.confidence >= SIGNAL_MIN_CONFIDENCE,
  );
}

/**
 * Which agent each turn belongs to: agent turns by their own agentId; customer and other turns
 * to the agent who answers next, or the previous agent when nobody answers.
 */
export function turnOwners(transcript: Transcript): (string | undefined)[] {
  const agentOf = (i: number) => transcript.turns[i]!.agentId ?? transcript.agentId ?? transcript.agentName ?? UNKNOWN_AGENT;
  const owners: (string | undefined)[] = new Array(transcript.turns.length).fill(undefined);
  let next: string | undefined;
  for (let i = transcript.turns.length - 1; i >= 0; i--) {
    if (transcript.turns[i]!.role === 'agent') next = agentOf(i);
    owners[i] = next;
  }
  let previous: string | undefined;
  for (let i = 0; i < transcript.turns.length; i++) {
    if (transcript.turns[i]!.role === 'agent') previous = agentOf(i);
    owners[i] ??= previous;
  }
  return owners;
}

interface ScoredPart {
  score: number | null;
  passed: boolean | null;
  criticalFailures: BehaviourId[];
  behaviours: Record<BehaviourId, BehaviourOutcome>;
  penalties: AgentCallScore['penalties'];
  agentTurns: number;
  counts: Record<BehaviourId, number>;
}

function scorePart(part: CallPart, findings: readonly Finding[], rubric: Rubric): ScoredPart {
  const inPart = new Set([...part.agentTurns, ...part.customerTurns]);
  const agentTurns = new Set(part.agentTurns);
  // Behaviour findings count only on agent turns; signals stay on the turns they describe.
  const partFindings = findings.filter((f) => inPart.has(f.turn) && (!isBehaviour(f.behaviour) || agentTurns.has(f.turn)));
  const behaviours = {} as Record<BehaviourId, BehaviourOutcome>;
  const counts = {} as Record<BehaviourId, number>;
  let earned = 0;
  let possible = 0;
  for (const behaviour of BEHAVIOURS) {
    const outcome = withRepeatCredit(scoreBehaviour(part, partFindings, behaviour, rubric), partFindings, rubric);
    behaviours[behaviour] = outcome;
    counts[behaviour] = countedFindings(partFindings, behaviour, rubric).length;
    if (outcome.opportunities > 0 && outcome.weight > 0) {
      earned += (outcome.weight * (outcome.credit ?? outcome.met)) / outcome.opportunities;
      possible += outcome.weight;
    }
  }
  const penalties = penaltiesFor(partFindings, rubric);
  const deducted = penalties.reduce((sum, p) => sum + p.points, 0);
  const criticalFailures = BEHAVIOURS.filter((b) => rubric.behaviours[b].critical && behaviours[b].status === 'missed');
  const noOpportunity = possible === 0 && deducted === 0;
  const base = possible > 0 ? (earned / possible) * 100 : 100;
  const score = noOpportunity ? null : roundScore(Math.min(100, Math.max(0, base - deducted)));
  return {
    score,
    passed: score === null ? null : score >= rubric.pass && criticalFailures.length === 0,
    criticalFailures,
    behaviours,
    penalties,
    agentTurns: part.agentTurns.length,
    counts,
  };
}

/**
 * Diminishing credit (rubric `repeats: { diminishing: d }`): a counted statement that repeats, near-identically,
 * k earlier counted statements of the behaviour (or of those that also satisfy it) in this part earns d^k of an
 * opportunity instead of 1. "I'm sorry for the inconvenience" answering three distress moments earns 1 + d + d².
 */
function withRepeatCredit(outcome: BehaviourOutcome, partFindings: readonly Finding[], rubric: Rubric): BehaviourOutcome {
  const spec = rubric.behaviours[outcome.behaviour];
  if (spec.diminishing === undefined || outcome.met === 0) return outcome;
  const satisfying = [outcome.behaviour, ...spec.alsoSatisfiedBy]
    .flatMap((b) => countedFindings(partFindings, b, rubric))
    .sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
  const earlier: string[] = [];
  const factor = new Map<string, number>();
  for (const f of satisfying) {
    const key = normaliseStatement(f.quote);
    const repeats = earlier.filter((k) => similarity(k, key) >= SIMILARITY).length;
    factor.set(f.id, spec.diminishing ** repeats);
    earlier.push(key);
  }
  const lost = outcome.findingIds.reduce((sum, id) => sum + (1 - (factor.get(id) ?? 1)), 0);
  if (lost <= 0) return outcome;
  const credit = Math.round(Math.max(0, outcome.met - lost) * 1000) / 1000;
  return { ...outcome, credit, reason: `${outcome.reason}; repeated wording earns ${credit} of ${outcome.met} (×${spec.diminishing} per repeat)` };
}

function signalsOn(findings: readonly Finding[], turns: ReadonlySet<number>): CallPart['signals'] {
  const out: CallPart['signals'] = {};
  for (const f of findings) if (turns.has(f.turn)) (out[f.behaviour as CustomerSignalId] ??= []).push(f);
  return out;
}

export function scoreCall(transcript: Transcript, findings: Finding[], rubric: Rubric): CallResult {
  const kept = keptFindings(findings, rubric).sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
  const resolved = isResolved(transcript, kept);
  const customerSignals = kept.filter((f) => (CUSTOMER_SIGNALS as readonly string[]).includes(f.behaviour));
  const owners = turnOwners(transcript);
  const agentIndexes = transcript.turns.filter((t) => t.role === 'agent').map((t) => t.index);
  const lastAgentTurn = agentIndexes[agentIndexes.length - 1];

  const makePart = (belongs: (turn: number) => boolean): CallPart => {
    const customerTurns = transcript.turns.filter((t) => t.role === 'customer' && belongs(t.index)).map((t) => t.index);
    const customerSet = new Set(customerTurns);
    const agentTurns = agentIndexes.filter(belongs);
    return {
      transcript,
      agentTurns,
      customerTurns,
      signals: signalsOn(customerSignals, customerSet),
      resolved,
      closesCall: lastAgentTurn !== undefined && agentTurns.includes(lastAgentTurn),
    };
  };

  const agentIds = [...new Set(agentIndexes.map((i) => owners[i]!))];
  const agents: AgentCallScore[] = agentIds.map((agentId) => ({
    agentId,
    ...scorePart(makePart((turn) => owners[turn] === agentId), kept, rubric),
  }));
  // With one agent every turn is theirs, so their part is the whole call: scored once, not twice.
  const whole = agents.length === 1 ? agents[0]! : scorePart(makePart(() => true), kept, rubric);

  const result: CallResult = {
    transcriptId: transcript.id,
    file: transcript.source.file,
    turns: transcript.turns,
    findings: kept,
    score: whole.score,
    passed: whole.passed,
    agents,
  };
  if (transcript.source.line !== undefined) result.line = transcript.source.line;
  if (transcript.date !== undefined) result.date = transcript.date;
  if (transcript.team !== undefined) result.team = transcript.team;
  if (transcript.channel !== undefined) result.channel = transcript.channel;
  return result;
}
