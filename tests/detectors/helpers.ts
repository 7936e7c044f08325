// Inline transcripts and finding checks shared by the detector tests.
import { expect } from 'vitest';
import { createDetectionEngine } from '../../src/detectors/index.js';
import { loadRubric } from '../../src/rubric/load.js';
import { isBehaviour, type Finding, type FindingType, type PhraseEdits, type Transcript, type Turn } from '../../src/types.js';

export type Line = readonly ['C' | 'A', string];

/** `call(['C', 'my bill is wrong'], ['A', 'sorry about that'])` → a transcript; agent turns are spoken by agent-7. */
export function call(...lines: Line[]): Transcript {
  const turns: Turn[] = lines.map(([who, text], index) =>
    who === 'C'
      ? { index, role: 'customer', speaker: 'Customer', text }
      : { index, role: 'agent', speaker: 'Agent', agentId: 'agent-7', text },
  );
  return { id: 't1', source: { file: 'inline.txt' }, turns };
}

const defaultEngine = createDetectionEngine();

/** Runs every detector and checks the invariants each finding must hold (quote = span slice, id, confidence). */
export function detect(transcript: Transcript, phrases?: Partial<Record<FindingType, PhraseEdits>>): Finding[] {
  const engine = phrases ? createDetectionEngine(phrases) : defaultEngine;
  const findings = engine.detectTranscript(transcript);
  for (const f of findings) expectWellFormed(transcript, f);
  return findings;
}

export function expectWellFormed(transcript: Transcript, f: Finding): void {
  const turn = transcript.turns[f.turn]!;
  expect(turn.text.slice(f.span[0], f.span[1])).toBe(f.quote);
  expect(f.id).toBe(`${transcript.id}#${f.turn}:${f.span[0]}-${f.span[1]}:${f.behaviour}`);
  expect(f.confidence).toBeGreaterThanOrEqual(0);
  expect(f.confidence).toBeLessThanOrEqual(1);
  expect(f.span[0]).toBeLessThanOrEqual(f.span[1]);
  if (turn.role === 'agent') expect(f.agentId).toBe(turn.agentId);
  for (const e of f.evidence ?? []) expect(transcript.turns[e.turn]!.text.slice(e.span[0], e.span[1])).toBe(e.quote);
}

/** A customer line with no service marker: the two-turn call it opens is not a service call (no fitted model applies). */
export const PEER_LINE = 'I have a question.';

/**
 * Findings of one behaviour on one agent line said after a neutral customer line. The default line names the
 * customer's account, so the call is a (short) service call and the fitted models score the candidates.
 */
export function agentSays(text: string, behaviour: FindingType, customer = 'I have a question about my account.'): Finding[] {
  return detect(call(['C', customer], ['A', text])).filter((f) => f.behaviour === behaviour && f.turn === 1);
}

/**
 * Findings the default rubric would count (confidence at or above its min-confidence). A fitted model may report a weak
 * candidate below it ("it will be hard to get a refund" names something bad, so it is a candidate for validation):
 * hard negatives must stay under the line, not necessarily unreported.
 */
export function counted(findings: readonly Finding[]): Finding[] {
  const rubric = loadRubric('default');
  return findings.filter((f) => !isBehaviour(f.behaviour) || f.confidence >= rubric.behaviours[f.behaviour].minConfidence);
}

/** Kinds found for a behaviour in an agent line. */
export function kindsOf(text: string, behaviour: FindingType, customer?: string): string[] {
  return agentSays(text, behaviour, customer).map((f) => f.kind);
}
