// A signal found by phrase lexicon alone on one speaker's turns, negation-aware (distress, negative language).
import type { AnalysedTurn } from '../../nlp/analyse.js';
import { applyPhraseEdits, PhraseMatcher, type PhraseEntry } from '../../nlp/phrases.js';
import type { FindingDraft, Role } from '../../types.js';
import { clamp01, isNegatedAt, isReportedAt, sentenceAt } from '../context.js';
import type { Detector, DetectorMeta } from '../types.js';

export function phraseSignal(
  meta: DetectorMeta,
  role: Role,
  entries: readonly PhraseEntry[],
  options: { negationExempt?: ReadonlySet<string>; perTurnBoost?: number } = {},
): Detector {
  return {
    meta: { ...meta, lexicon: entries },
    create(detectorOptions) {
      const matcher = new PhraseMatcher(applyPhraseEdits(entries, detectorOptions.phrases, meta.kinds[0]!), detectorOptions.literals);
      return (call) => {
        const drafts: FindingDraft[] = [];
        for (const turn of call.turns) {
          if (turn.turn.role !== role) continue;
          const hits = matcher
            .matchAll(turn.lower)
            .filter((m) => options.negationExempt?.has(m.entry.id) || !isNegatedAt(turn, m.start, 2))
            .filter((m) => !isReportedAt(turn, m.start));
          if (hits.length === 0) continue;
          drafts.push(strongest(turn, hits, meta.id, options.perTurnBoost ?? 0));
        }
        return drafts;
      };
    },
  };
}

/** One finding per turn: the most confident cue, boosted when several cues co-occur. */
function strongest(
  turn: AnalysedTurn,
  hits: { entry: PhraseEntry; start: number; end: number }[],
  id: string,
  boost: number,
): FindingDraft {
  const top = hits.reduce((a, b) => (b.entry.confidence > a.entry.confidence ? b : a));
  const sentence = sentenceAt(turn, top.start);
  const kinds = new Set(hits.map((h) => h.entry.kind));
  const draft: FindingDraft = {
    kind: top.entry.kind,
    turn: turn.turn.index,
    span: sentence ? [sentence.start, sentence.end] : [top.start, top.end],
    rule: `${id}.${top.entry.id}`,
    confidence: clamp01(top.entry.confidence + boost * (hits.length - 1)),
  };
  if (kinds.size > 1) draft.attributes = { cues: [...kinds].sort().join(',') };
  return draft;
}
