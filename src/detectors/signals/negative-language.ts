import { SIGNAL_KINDS } from '../../types.js';
import { NEGATIVE_LANGUAGE_PHRASES } from '../lexicons/signals.js';
import { phraseSignal } from './phrase-signal.js';

export const negativeLanguage = phraseSignal(
  {
    id: 'negative-language',
    description: 'Agent language that blames, dismisses, commands or flatly refuses ("calm down", "that\'s not my department").',
    speaker: 'agent',
    kinds: SIGNAL_KINDS['negative-language'],
    messages: {
      dismissive: 'Dismissive language',
      blame: 'Blamed the customer',
      refusal: 'Flat refusal with no alternative',
      commanding: 'Commanding phrasing ("you need to")',
    },
  },
  'agent',
  NEGATIVE_LANGUAGE_PHRASES,
  { negationExempt: new Set(['refusal', 'not-my-job']) },
);
