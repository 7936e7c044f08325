import type { FindingDraft } from '../../types.js';
import { OPEN_QUESTION_START } from '../lexicons/signals.js';
import { agentTurns } from '../scan.js';
import type { Detector } from '../types.js';

/** Questions that invite the customer to explain ("What happened when…", "How can I help?"). */
export const openQuestion: Detector = {
  meta: {
    id: 'open-question',
    description: 'The agent asks an open question that invites the customer to explain.',
    speaker: 'agent',
    kinds: ['open'],
    messages: { open: 'Asked an open question' },
  },
  create() {
    return (call) => {
      const drafts: FindingDraft[] = [];
      for (const turn of agentTurns(call)) {
        for (const s of turn.sentences) {
          const text = turn.lower.slice(s.start, s.end).trim();
          if (!text.endsWith('?') || !OPEN_QUESTION_START.test(text)) continue;
          drafts.push({ kind: 'open', turn: turn.turn.index, span: [s.start, s.end], rule: 'open-question.wh-start', confidence: 0.7 });
          break;
        }
      }
      return drafts;
    };
  },
};
