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

/** Compiles every detector once (with the rubric's lexicon edits) and returns a per-call scanner. */
export function createDetectionEngine(phrases: Partial<Record<FindingType, PhraseEdits>> = {}): DetectionEngine {
  const scanners = DETECTORS.map((d) => ({ detector: d, scan: d.create({ phrases: phrases[d.meta.id] }) }));
  const detect = (call: AnalysedCall): Finding[] => {
    const findings: Finding[] = [];
    for (const { detector, scan } of scanners) {
      for (const draft of scan(call)) findings.push(toFinding(call, detector, draft));
    }
    return findings.sort(compareFindings);
  };
  return { detect, detectTranscript: (t) => detect(analyseCall(t)) };
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
