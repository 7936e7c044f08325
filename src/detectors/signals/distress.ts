import { DISTRESS_PHRASES } from '../lexicons/signals.js';
import { phraseSignal } from './phrase-signal.js';

/** Customer distress opens an opportunity for acknowledgement/apology in the agent's next turns. */
export const customerDistress = phraseSignal(
  {
    id: 'customer-distress',
    description: 'Negative emotion, complaint, repeated contact or urgency in a customer turn (opens an opportunity).',
    speaker: 'customer',
    kinds: ['emotion', 'complaint', 'repeat-contact', 'urgency'],
    messages: {
      emotion: 'Customer expressed a negative emotion',
      complaint: 'Customer complained about the service',
      'repeat-contact': 'Customer has had to contact us repeatedly',
      urgency: 'Customer needs this urgently',
    },
  },
  'customer',
  DISTRESS_PHRASES,
  { negationExempt: new Set(['complaint', 'repeat-contact']), perTurnBoost: 0.05 },
);
