// Explicit detector registry: the order here is the order findings are produced and documented.
import { analyseCall, type AnalysedCall } from '../nlp/analyse.js';
import type { Finding, FindingDraft, FindingType, PhraseEdits, Transcript } from '../types.js';
import { acknowledgement } from './acknowledgement.js';
import { apology } from './apology.js';
import { appreciation } from './appreciation.js';
import { followUpPromise } from './follow-up-promise.js';
import { paraphrasing } from './paraphrasing.js';
import { customerDistress } from './signals/distress.js';
import { negativeLanguage } from './signals/negative-language.js';
import { openQuestion } from './signals/open-question.js';
import { personalisation } from './signals/personalisation.js';
import { DEFAULT_MODELS, modelConfidence, priorOffset, REPORT_FLOOR, type DetectorModel, type DetectorModels } from '../model/index.js';
import { predictParts, type Features } from '../model/logistic.js';
import { LiteralIndex } from '../nlp/required-literals.js';
import { isServiceCall } from './conversation.js';
import { agentContextFeatures, agentDeepFeatures, callFeatures, deepFeaturesBound, DEEP_ANALYSED, type DistressByTurn } from './features.js';
import type { Detector } from './types.js';

export const DETECTORS: readonly Detector[] = [
  paraphrasing,
  acknowledgement,
  apology,
  appreciation,
  followUpPromise,
  customerDistress,
  negativeLanguage,
  personalisation,
  openQuestion,
];

export type { Detector, DetectorMeta, DetectorOptions } from './types.js';

export function findDetector(id: string): Detector | undefined {
  return DETECTORS.find((d) => d.meta.id === id);
}

export interface DetectionEngine {
  detect(call: AnalysedCall): Finding[];
  detectTranscript(transcript: Transcript): Finding[];
}

/**
 * Compiles every detector once (with the rubric's lexicon edits) and returns a per-call scanner. Candidates of the
 * kinds a fitted model covers get the model's confidence (customer detectors first, so agent candidates can see the
 * customer's distress); candidates the model rejects outright (below REPORT_FLOOR) are not reported. The agent
 * models were fitted on contact-centre calls and start from the lexicon's prior: in other conversations (peer talk,
 * counselling, meetings: no labelled data of theirs may be fitted) the prior stands.
 */
export function createDetectionEngine(
  phrases: Partial<Record<FindingType, PhraseEdits>> = {},
  models: DetectorModels = DEFAULT_MODELS,
): DetectionEngine {
  // One literal index per speaker: a turn is scanned only for the literals of the lexicons that read its speaker's
  // turns (customer turns for none of the agent lexicons' thousands), with a smaller automaton each.
  const literals = { agent: new LiteralIndex(), customer: new LiteralIndex() };
  const scanners = DETECTORS.map((d) => ({ detector: d, scan: d.create({ phrases: phrases[d.meta.id], literals: literals[d.meta.speaker] }), model: models[d.meta.id] }));
  const ordered = [...scanners.filter((s) => s.detector.meta.speaker === 'customer'), ...scanners.filter((s) => s.detector.meta.speaker !== 'customer')];
  const detect = (call: AnalysedCall): Finding[] => {
    const findings: Finding[] = [];
    const distress = new Map<number, number>();
    const service = isServiceCall(call);
    for (const { detector, scan, model } of ordered) {
      for (const draft of scan(call)) {
        if (model && model.kinds.includes(draft.kind) && (service || !model.fromPrior)) {
          draft.confidence = scoredConfidence(model, detector, call, draft, distress);
        }
        if (draft.confidence < REPORT_FLOOR) continue;
        if (detector.meta.id === 'customer-distress') recordDistress(distress, draft.turn, draft.confidence);
        findings.push(toFinding(call, detector, draft));
      }
    }
    literals.agent.forget();
    literals.customer.forget();
    return findings.sort(compareFindings);
  };
  return { detect, detectTranscript: (t) => detect(analyseCall(t)) };
}

export interface Candidate {
  detector: FindingType;
  /** The call is a contact-centre conversation: models that start from a prior apply only to those. */
  service: boolean;
  draft: FindingDraft;
  /** What the detector's model sees. */
  features: Record<string, number>;
}

/**
 * Every candidate of a call with the features its model sees (for `npm run calibrate`): the same path as detect. The
 * agent candidates' distress context comes from `distressModel` (the customer model is fitted first, then the rest).
 */
export function createCandidateCollector(
  phrases: Partial<Record<FindingType, PhraseEdits>> = {},
): (call: AnalysedCall, distressModel: DetectorModels['customer-distress']) => Candidate[] {
  const literals = { agent: new LiteralIndex(), customer: new LiteralIndex() };
  const scanners = DETECTORS.map((d) => ({ detector: d, scan: d.create({ phrases: phrases[d.meta.id], literals: literals[d.meta.speaker] }) }));
  return (call, distressModel) => {
    const drafts = scanners.map(({ detector, scan }) => ({ detector, drafts: scan(call) }));
    const distress = new Map<number, number>();
    for (const { detector, drafts: list } of drafts) {
      if (detector.meta.id !== 'customer-distress' || !distressModel) continue;
      for (const d of list) {
        // As in detect: only the distress the engine would report is context for the agent's candidates.
        const confidence = modelConfidence(distressModel, modelFeatures(detector, call, d, distress), d.confidence);
        if (confidence >= REPORT_FLOOR) recordDistress(distress, d.turn, confidence);
      }
    }
    const service = isServiceCall(call);
    return drafts.flatMap(({ detector, drafts: list }) =>
      list.map((draft) => ({ detector: detector.meta.id, service, draft, features: modelFeatures(detector, call, draft, distress) })),
    );
  };
}
/** What a detector's model sees: the draft's own features, for agent candidates the shared context, and the deep ones. */
function modelFeatures(detector: Detector, call: AnalysedCall, draft: FindingDraft, distress: DistressByTurn): Features {
  const deep = deepFeaturesOf(detector, call, draft);
  return { ...cheapFeatures(detector, call, draft, distress), ...(deep ? deep() : {}) };
}

function cheapFeatures(detector: Detector, call: AnalysedCall, draft: FindingDraft, distress: DistressByTurn): Features {
  return Object.assign({}, ...cheapParts(detector, call, draft, distress)) as Features;
}

/** The cheap features in parts (no name in two): the shared agent context, then the draft's own. */
function cheapParts(detector: Detector, call: AnalysedCall, draft: FindingDraft, distress: DistressByTurn): Features[] {
  const own = draft.features ?? {};
  if (detector.meta.speaker === 'customer') return [own];
  return [agentContextFeatures(call, draft, callFeatures(call), distress), own];
}

function deepFeaturesOf(detector: Detector, call: AnalysedCall, draft: FindingDraft): (() => Features) | undefined {
  if (!DEEP_ANALYSED.has(detector.meta.id)) return undefined;
  return () => agentDeepFeatures(call.turns[draft.turn]!.text.slice(draft.span[0], draft.span[1]));
}

/**
 * The model's confidence in a candidate. The deep analysis (wink-nlp) runs only when it could matter: a candidate the
 * model rejects even with every deep feature at its most favourable value is dropped without it. The result is the
 * same as scoring every candidate with all its features.
 */
function scoredConfidence(model: DetectorModel, detector: Detector, call: AnalysedCall, draft: FindingDraft, distress: DistressByTurn): number {
  const parts = cheapParts(detector, call, draft, distress);
  const deep = deepFeaturesOf(detector, call, draft);
  if (deep) {
    // Rounding to two decimals reports 0.195 as 0.2: the bound must clear that.
    if (predictParts(model, parts, priorOffset(model, draft.confidence) + deepBound(model)) < REPORT_FLOOR - 0.005) return 0;
    parts.push(deep());
  }
  return modelConfidence(model, parts, draft.confidence);
}

const bounds = new WeakMap<DetectorModel, number>();

function deepBound(model: DetectorModel): number {
  let bound = bounds.get(model);
  if (bound === undefined) {
    bound = deepFeaturesBound(model.weights);
    bounds.set(model, bound);
  }
  return bound;
}

function recordDistress(distress: Map<number, number>, turn: number, confidence: number): void {
  distress.set(turn, Math.max(distress.get(turn) ?? 0, confidence));
}

function toFinding(call: AnalysedCall, detector: Detector, draft: FindingDraft): Finding {
  const { transcript } = call;
  const turn = transcript.turns[draft.turn]!;
  const finding: Finding = {
    id: `${transcript.id}#${draft.turn}:${draft.span[0]}-${draft.span[1]}:${detector.meta.id}`,
    behaviour: detector.meta.id,
    kind: draft.kind,
    transcriptId: transcript.id,
    turn: draft.turn,
    span: draft.span,
    quote: turn.text.slice(draft.span[0], draft.span[1]),
    rule: draft.rule,
    confidence: draft.confidence,
    message: detector.meta.messages[draft.kind] ?? `${detector.meta.id}/${draft.kind}`,
  };
  if (turn.role === 'agent' && turn.agentId !== undefined) finding.agentId = turn.agentId;
  if (draft.attributes && Object.keys(draft.attributes).length > 0) finding.attributes = draft.attributes;
  if (draft.evidence && draft.evidence.length > 0) finding.evidence = draft.evidence;
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.turn - b.turn || a.span[0] - b.span[0] || a.behaviour.localeCompare(b.behaviour) || a.kind.localeCompare(b.kind);
}
