// Test helpers: a detection engine that returns fixed findings, so eval figures can be computed by hand.
import type { DetectionEngine } from '../../src/detectors/index.js';
import type { Finding, FindingType, Transcript } from '../../src/types.js';

export interface FakeFinding {
  turn: number;
  behaviour: FindingType;
  kind: string;
  confidence: number;
}

/** Findings per transcript id; every finding spans its whole turn. */
export function fakeEngine(byId: Record<string, FakeFinding[]>): DetectionEngine {
  const detectTranscript = (t: Transcript): Finding[] =>
    (byId[t.id] ?? []).map((f) => {
      const text = t.turns[f.turn]!.text;
      return {
        id: `${t.id}#${f.turn}:0-${text.length}:${f.behaviour}`,
        behaviour: f.behaviour,
        kind: f.kind,
        transcriptId: t.id,
        turn: f.turn,
        span: [0, text.length],
        quote: text,
        rule: `fake.${f.behaviour}`,
        confidence: f.confidence,
        message: 'fake',
      };
    });
  return { detect: (call) => detectTranscript(call.transcript), detectTranscript };
}

export const line = (o: unknown): string => JSON.stringify(o);
