// Hand-built transcripts and findings for scoring tests.
import type { Finding, FindingType, Rubric, Transcript, Turn } from '../../src/types.js';

/** Lines like "A: text", "A2: text" (agent a2), "C: text" → a transcript. Bare "A" is agent a1. */
export function call(lines: string[], extra: Partial<Transcript> = {}): Transcript {
  const turns: Turn[] = lines.map((line, index) => {
    const m = /^(A\d*|C):\s?(.*)$/.exec(line);
    if (!m) throw new Error(`bad test line ${line}`);
    const [, who, text] = m;
    if (who === 'C') return { index, role: 'customer', speaker: 'Customer', text: text! };
    return { index, role: 'agent', speaker: 'Agent', agentId: who === 'A' ? 'a1' : `a${who!.slice(1)}`, text: text! };
  });
  return { id: 'call-1', source: { file: 'calls/call-1.txt' }, turns, ...extra };
}

/** A finding quoting the whole turn (or `quote` inside it). */
export function finding(
  transcript: Transcript,
  behaviour: FindingType,
  kind: string,
  turn: number,
  confidence = 0.9,
  quote?: string,
): Finding {
  const text = transcript.turns[turn]!.text;
  const q = quote ?? text;
  const start = Math.max(0, text.indexOf(q));
  const span: [number, number] = [start, start + q.length];
  const f: Finding = {
    id: `${transcript.id}#${turn}:${span[0]}-${span[1]}:${behaviour}`,
    behaviour,
    kind,
    transcriptId: transcript.id,
    turn,
    span,
    quote: q,
    rule: `test.${behaviour}`,
    confidence,
    message: `${behaviour} (${kind})`,
  };
  const agentId = transcript.turns[turn]!.agentId;
  if (agentId) f.agentId = agentId;
  return f;
}

/** A copy of `rubric` with one behaviour changed. */
export function withBehaviour(rubric: Rubric, id: keyof Rubric['behaviours'], change: Partial<Rubric['behaviours'][typeof id]>): Rubric {
  return { ...rubric, behaviours: { ...rubric.behaviours, [id]: { ...rubric.behaviours[id], ...change } } };
}
