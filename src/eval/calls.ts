// Call-level agreement (DESIGN §11): each labelled gold call is scored twice with the rubric in use, from the human
// labels and from detection, and the two call scores, pass verdicts and per-behaviour verdicts are compared. This is
// what a QA lead checks: not "did the detector find this apology" but "would the scorecard have said the same thing
// about this call as the person who listened to it". Scoring is src/scoring's own scoreCall; nothing is re-scored here.
import { scoreCall, UNKNOWN_AGENT } from '../scoring/call.js';
import {
  BEHAVIOUR_KINDS,
  FORMULA_KINDS,
  BEHAVIOURS,
  isBehaviour,
  type BehaviourId,
  type CallResult,
  type Finding,
  type OutcomeStatus,
  type Rubric,
  type Transcript,
} from '../types.js';
import { DISTRESS, type GoldTranscript } from './gold.js';
import { cohensKappa } from './metrics.js';

/**
 * The kind given to a human-labelled distress turn where the detector found no distress to take the type from (gold
 * labels carry no type). `fault` (DESIGN §2.6) is the type every rubric's on-distress behaviours answer by default
 * (acknowledgement and apology), so the human side opens both opportunities.
 */
export const HUMAN_DISTRESS_KIND = 'fault';
/** `rule` of the synthetic findings built from human labels. */
export const HUMAN_RULE = 'gold.label';

/** One side of a comparison: the whole-call score, pass verdict and the verdict per annotated behaviour. */
export interface CallSide {
  /** null when the scoring gave the call no score (then `passed` is null too). */
  score: number | null;
  passed: boolean | null;
  verdicts: Partial<Record<BehaviourId, OutcomeStatus>>;
}

export interface CallComparison {
  transcriptId: string;
  corpus: string;
  human: CallSide;
  detected: CallSide;
  /** The human side took (some of) its distress from detection: customer-distress not annotated or turns unlabelled. */
  distressFromDetection: boolean;
}

export const VERDICTS: readonly OutcomeStatus[] = ['met', 'missed', 'na'];

/** Key of the verdict confusion: `<human>/<detected>`, e.g. `met/missed` = humans say met, detection says missed. */
export type VerdictPair = `${OutcomeStatus}/${OutcomeStatus}`;

export interface BehaviourAgreement {
  /** Calls that annotate the behaviour. */
  calls: number;
  /** Share of those calls with the same verdict on both sides. */
  agreement: number;
  confusion: Record<VerdictPair, number>;
}

export interface CallAgreement {
  /** Gold calls compared (calls with at least one labelled turn of an annotated label). */
  calls: number;
  /** Calls with a score on both sides: the base of scoreMAE, scoreSpearman, passAgreement and passKappa. */
  scored: number;
  /** Calls that one side or both could not score (the scoring returned no score); left out of the figures above. */
  unscored: { human: number; detected: number; both: number };
  /** Calls whose human side used detected distress (customer-distress not annotated, or customer turns unlabelled). */
  distressFromDetection: number;
  /** Mean absolute difference of the call scores, in score points (0..100). */
  scoreMAE: number | null;
  /** Spearman's rank correlation of the call scores (average ranks for ties); null with < 2 calls or no variation. */
  scoreSpearman: number | null;
  /** Share of calls with the same pass/fail verdict. */
  passAgreement: number | null;
  /** Cohen's kappa of the pass/fail verdicts (1 when every call has the same verdict on both sides). */
  passKappa: number | null;
  /** Per annotated behaviour: agreement of the met / missed / N/A verdicts. */
  behaviours: Partial<Record<BehaviourId, BehaviourAgreement>>;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The findings the human labels stand for. For every annotated behaviour, the detector's findings of a kind the
 * rubric counts are replaced, on labelled agent turns, by one synthetic finding per label (confidence 1, the whole
 * turn, the rubric's first counted kind). For customer-distress, when annotated, the detector's distress findings on
 * labelled customer turns are replaced by one `HUMAN_DISTRESS_KIND` finding per turn labelled customer-distress.
 * Everything the annotators did not label is taken from detection as it is, so it is the same on both sides and
 * cannot make them differ: the signals (negative language, personalisation, open questions), kinds the rubric does
 * not count (a non-apology, a bare "I understand"), behaviours outside annotated_behaviours, unlabelled turns, and
 * distress when customer-distress is not annotated for the call (its human side then uses the detected distress).
 */
export function humanFindings(transcript: GoldTranscript, detected: readonly Finding[], rubric: Rubric): Finding[] {
  const annotated = new Set<string>(transcript.annotatedBehaviours ?? BEHAVIOURS);
  const turns = transcript.turns;
  const labelled = (turn: number, role: 'agent' | 'customer'): boolean =>
    turns[turn]?.role === role && turns[turn]!.labels !== undefined;
  const replaced = (f: Finding): boolean => {
    if (!annotated.has(f.behaviour)) return false;
    if (f.behaviour === DISTRESS) return labelled(f.turn, 'customer');
    return isBehaviour(f.behaviour) && labelled(f.turn, 'agent') && labelKinds(f.behaviour).includes(f.kind);
  };
  const labelKinds = (b: BehaviourId): readonly string[] => [...rubric.behaviours[b].kinds, ...(FORMULA_KINDS[b] ?? [])];
  // A label names the behaviour, not its kind: the kind is the detector's on that turn when it found the behaviour
  // there (so a greeting thanks stays a greeting and a loss stays a loss), else the rubric's first counted kind.
  const detectedAt = new Map<string, Finding>();
  for (const f of [...detected].sort((a, b) => b.confidence - a.confidence)) {
    const key = `${f.turn}:${f.behaviour}`;
    if (detectedAt.has(key)) continue;
    if (f.behaviour === DISTRESS || (isBehaviour(f.behaviour) && labelKinds(f.behaviour).includes(f.kind))) detectedAt.set(key, f);
  }
  const detectedKind = new Map([...detectedAt].map(([key, f]) => [key, f.kind]));
  const out = detected.filter((f) => !replaced(f));
  for (const turn of turns) {
    if (turn.labels === undefined) continue;
    for (const label of turn.labels) {
      if (!annotated.has(label)) continue;
      let kind: string;
      if (turn.role === 'agent' && isBehaviour(label)) kind = detectedKind.get(`${turn.index}:${label}`) ?? rubric.behaviours[label].kinds[0] ?? BEHAVIOUR_KINDS[label][0]!;
      else if (turn.role === 'customer' && label === DISTRESS) kind = detectedKind.get(`${turn.index}:${label}`) ?? HUMAN_DISTRESS_KIND;
      else continue;
      const finding: Finding = {
        id: `${transcript.id}#${turn.index}:0-${turn.text.length}:${label}`,
        behaviour: label,
        kind,
        transcriptId: transcript.id,
        turn: turn.index,
        span: [0, turn.text.length],
        quote: turn.text,
        rule: HUMAN_RULE,
        confidence: 1,
        message: `human label: ${label}`,
      };
      if (turn.role === 'agent' && turn.agentId !== undefined) finding.agentId = turn.agentId;
      // A distress moment's other cue types (scoring reads them: distressTypesOf) come with its kind.
      const cues = label === DISTRESS ? detectedAt.get(`${turn.index}:${label}`)?.attributes?.cues : undefined;
      if (cues !== undefined) finding.attributes = { cues };
      out.push(finding);
    }
  }
  return out.sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
}

/**
 * The transcript with every agent turn credited to one agent, so that scoreCall's single part is the whole call and
 * its behaviour outcomes are the whole call's (scoreCall exposes per-behaviour outcomes per agent only). The whole-call
 * score is the same either way: scoreCall scores the whole call as one part of all turns.
 */
function asOnePart(transcript: GoldTranscript): Transcript {
  const t = transcript as Transcript; // scoring does not read annotatedBehaviours
  const agentOf = (i: number) => t.turns[i]!.agentId ?? t.agentId ?? t.agentName ?? UNKNOWN_AGENT;
  const ids = new Set(t.turns.filter((turn) => turn.role === 'agent').map((turn) => agentOf(turn.index)));
  if (ids.size <= 1) return t;
  const [first] = ids;
  return { ...t, turns: t.turns.map((turn) => (turn.role === 'agent' ? { ...turn, agentId: first! } : turn)) };
}

function sideOf(result: CallResult, behaviours: readonly BehaviourId[]): CallSide {
  const score = typeof result.score === 'number' && Number.isFinite(result.score) ? result.score : null;
  const part = result.agents[0];
  const verdicts: CallSide['verdicts'] = {};
  // No agent turn at all: nothing could be expected of an agent, every behaviour is N/A.
  for (const b of behaviours) verdicts[b] = part?.behaviours[b]?.status ?? 'na';
  return { score, passed: score === null ? null : result.passed, verdicts };
}

/** True when a call has something to compare: a labelled turn of a label its annotated_behaviours lists. */
export function hasCallLabels(transcript: GoldTranscript): boolean {
  const annotated = new Set<string>(transcript.annotatedBehaviours ?? BEHAVIOURS);
  return transcript.turns.some(
    (t) =>
      t.labels !== undefined &&
      ((t.role === 'agent' && BEHAVIOURS.some((b) => annotated.has(b))) || (t.role === 'customer' && annotated.has(DISTRESS))),
  );
}

/** Scores one gold call from its human labels and from the detector's findings (all findings, before any floor). */
export function compareCall(transcript: GoldTranscript, detected: readonly Finding[], rubric: Rubric): CallComparison {
  const annotated = new Set<string>(transcript.annotatedBehaviours ?? BEHAVIOURS);
  const behaviours = BEHAVIOURS.filter((b) => annotated.has(b));
  const whole = asOnePart(transcript);
  const human = scoreCall(whole, humanFindings(transcript, detected, rubric), rubric);
  const machine = scoreCall(whole, [...detected], rubric);
  const customers = transcript.turns.filter((t) => t.role === 'customer');
  return {
    transcriptId: transcript.id,
    corpus: transcript.corpus ?? 'gold',
    human: sideOf(human, behaviours),
    detected: sideOf(machine, behaviours),
    distressFromDetection: customers.length > 0 && (!annotated.has(DISTRESS) || customers.some((t) => t.labels === undefined)),
  };
}

/** Ranks 1..n in the order of `xs`, ties sharing the average of their ranks. */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rho: Pearson's correlation of the average ranks. null with < 2 values or when a side never varies. */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length || a.length < 2) return null;
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const mean = (a.length + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = ra[i]! - mean;
    const db = rb[i]! - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

function emptyConfusion(): Record<VerdictPair, number> {
  const c = {} as Record<VerdictPair, number>;
  for (const h of VERDICTS) for (const d of VERDICTS) c[`${h}/${d}`] = 0;
  return c;
}

export function callAgreement(calls: readonly CallComparison[]): CallAgreement {
  const both = calls.filter((c) => c.human.score !== null && c.detected.score !== null);
  const humanScores = both.map((c) => c.human.score!);
  const detectedScores = both.map((c) => c.detected.score!);
  const n = both.length;
  let passTp = 0;
  let passFp = 0;
  let passFn = 0;
  let passTn = 0;
  for (const c of both) {
    if (c.human.passed && c.detected.passed) passTp++;
    else if (c.detected.passed) passFp++;
    else if (c.human.passed) passFn++;
    else passTn++;
  }
  const behaviours: CallAgreement['behaviours'] = {};
  for (const b of BEHAVIOURS) {
    const withB = calls.filter((c) => c.human.verdicts[b] !== undefined && c.detected.verdicts[b] !== undefined);
    if (withB.length === 0) continue;
    const confusion = emptyConfusion();
    for (const c of withB) confusion[`${c.human.verdicts[b]!}/${c.detected.verdicts[b]!}`]++;
    const same = VERDICTS.reduce((s, v) => s + confusion[`${v}/${v}`], 0);
    behaviours[b] = { calls: withB.length, agreement: round3(same / withB.length), confusion };
  }
  const rho = spearman(humanScores, detectedScores);
  return {
    calls: calls.length,
    scored: n,
    unscored: {
      human: calls.filter((c) => c.human.score === null && c.detected.score !== null).length,
      detected: calls.filter((c) => c.detected.score === null && c.human.score !== null).length,
      both: calls.filter((c) => c.human.score === null && c.detected.score === null).length,
    },
    distressFromDetection: calls.filter((c) => c.distressFromDetection).length,
    scoreMAE: n ? round3(both.reduce((s, c) => s + Math.abs(c.human.score! - c.detected.score!), 0) / n) : null,
    scoreSpearman: rho === null ? null : round3(rho),
    passAgreement: n ? round3((passTp + passTn) / n) : null,
    passKappa: n ? round3(cohensKappa(passTp, passFp, passFn, passTn)) : null,
    behaviours,
  };
}
