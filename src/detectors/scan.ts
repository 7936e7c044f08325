// Iteration and de-duplication helpers shared by detectors.
import type { AnalysedCall, AnalysedTurn } from '../nlp/analyse.js';
import type { PhraseMatch, PhraseMatcher } from '../nlp/phrases.js';
import type { FindingDraft } from '../types.js';

export function agentTurns(call: AnalysedCall): AnalysedTurn[] {
  return call.turns.filter((t) => t.turn.role === 'agent');
}

/** Keeps one draft per identical span: the highest-priority kind, then the highest confidence. */
export function bestPerSentence(drafts: FindingDraft[], priority: Record<string, number> = {}): FindingDraft[] {
  const best = new Map<string, FindingDraft>();
  for (const d of drafts) {
    const key = `${d.turn}:${d.span[0]}`;
    const current = best.get(key);
    if (
      !current ||
      (priority[d.kind] ?? 0) > (priority[current.kind] ?? 0) ||
      ((priority[d.kind] ?? 0) === (priority[current.kind] ?? 0) && d.confidence > current.confidence)
    ) {
      best.set(key, d);
    }
  }
  return [...best.values()].sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
}

/**
 * The loop every phrase-led agent detector shares: each lexicon match in each agent turn is judged by `judge`
 * (undefined drops it), then one finding per sentence is kept by kind priority and confidence.
 */
export function scanAgentPhrases(
  call: AnalysedCall,
  matcher: PhraseMatcher,
  priority: Record<string, number>,
  judge: (turn: AnalysedTurn, match: PhraseMatch) => FindingDraft | undefined,
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const turn of agentTurns(call)) {
    const candidates: FindingDraft[] = [];
    for (const match of matcher.matchAll(turn.lower)) {
      const draft = judge(turn, match);
      if (draft) candidates.push(draft);
    }
    if (candidates.length === 1) drafts.push(candidates[0]!);
    else if (candidates.length > 1) drafts.push(...bestPerSentence(candidates, priority));
  }
  return drafts;
}
