// What marks a contact-centre conversation (DESIGN §1): the agent handles the customer's account, order, bill or
// booking, checks details, puts the customer on hold, reports what it did, offers more help; the customer says why they
// called and what went wrong with their order or account. The fitted models (src/model/) were fitted on such calls, so
// they apply to such calls; other conversations (peer talk, counselling, meetings) keep the lexicon priors. Topic
// words alone ("credit cards", "taxes") are not markers: people chat about them too.

/**
 * How a marker counts towards MIN_SERVICE_MARKERS: 'phrase' — each distinct wording once ("let me check" and "let me
 * look" are two); 'concept' — the entry once however it is worded; 'thing' — once per customer thing named, on either
 * side ("your account" and "my account" are one).
 */
export type MarkerCount = 'phrase' | 'concept' | 'thing';

export interface ServiceMarker {
  readonly id: string;
  readonly side: 'agent' | 'customer';
  readonly pattern: string;
  readonly count: MarkerCount;
}

/** The things a customer has with a company; the first capture group of a 'thing' marker names one of them. */
const CUSTOMER_THINGS =
  'account|order|booking|reservation|bill|payment|refund|claim|policy|plan|contract|subscription|tariff|meter|card|parcel|package|delivery|flight|ticket|device|router|modem|broadband|connection|statement|balance|transaction|reference|postcode|zip code|address|email|details|case|complaint|appointment|premium|invoice|membership|car|phone|app|profile|password|application|renewal|points|login|landline|signal|service|booking reference|order number|account number';

export const SERVICE_MARKERS: readonly ServiceMarker[] = [
  // the agent
  { id: 'agent-customer-thing', side: 'agent', count: 'thing', pattern: `(?:your|the|this|that) (${CUSTOMER_THINGS})s?` },
  { id: 'let-me-check', side: 'agent', count: 'phrase', pattern: 'let me (?:check|look|see|pull|just|get|have a look|take a look|find)' },
  { id: 'hold-step', side: 'agent', count: 'phrase', pattern: 'bear with me|one moment|hold on (?:a|one) (?:sec|second|moment)' },
  { id: 'anything-else', side: 'agent', count: 'concept', pattern: 'anything else i can (?:help|do)|is there anything else' },
  { id: 'thanks-for-contacting', side: 'agent', count: 'phrase', pattern: "thank(?:s| you) for (?:calling|contacting|getting in touch|holding|waiting|your patience|reaching out|choosing)|you're through to" },
  { id: 'offer-of-help', side: 'agent', count: 'phrase', pattern: 'how (?:can|may) i (?:help|assist)' },
  { id: 'verification', side: 'agent', count: 'phrase', pattern: 'date of birth|on file|on (?:the|your) account|verify|security (?:check|questions)' },
  { id: 'i-can-see', side: 'agent', count: 'phrase', pattern: 'i can see (?:that|the|your|here)' },
  { id: 'service-roles', side: 'agent', count: 'phrase', pattern: 'engineer|technician|supervisor|our team|fraud team|courier' },
  { id: 'service-nouns', side: 'agent', count: 'phrase', pattern: 'refund|escalat\\w+|tracking|replacement|warranty|invoice|billing|(?:reference|case|ticket) number' },
  { id: 'social-channel', side: 'agent', count: 'phrase', pattern: 'dm us|direct message' },
  { id: 'action-taken', side: 'agent', count: 'phrase', pattern: "i've (?:just )?(?:cancelled|canceled|booked|added|updated|changed|refunded|credited|raised|logged|arranged|reset|reissued|processed|applied|removed|waived|upgraded|rebooked|escalated|flagged|blocked|frozen)" },
  { id: 'offer-of-action', side: 'agent', count: 'phrase', pattern: '(?:i|we) can (?:offer|book|arrange|issue|refund|credit|reset|waive|cancel|transfer|rebook|reissue)' },
  { id: 'sending-to-customer', side: 'agent', count: 'phrase', pattern: "i'll (?:send|email|text) you|i'll (?:give you a )?call you back" },
  { id: 'record-numbers', side: 'agent', count: 'phrase', pattern: '(?:confirmation|reference|order|account|booking|case|policy|membership|customer|tracking) (?:number|email|text|code)' },
  { id: 'charges', side: 'agent', count: 'phrase', pattern: '(?:a|the) (?:confirmation|credit|fee|charge)|(?:fee|charge) of' },
  { id: 'company-systems', side: 'agent', count: 'phrase', pattern: '(?:our|the) (?:system|website|update|terms)|on (?:our|my) (?:end|side|system)' },
  { id: 'im-afraid', side: 'agent', count: 'phrase', pattern: "i'm afraid" },
  { id: 'payment-step', side: 'agent', count: 'phrase', pattern: 'take (?:a|the) payment|secure payment' },
  { id: 'asking-for-details', side: 'agent', count: 'phrase', pattern: "what(?:'s| is) the (?:name|number|reference|postcode|address|email)|can i (?:just )?(?:take|have|get|grab|confirm|ask for) your" },
  // the customer
  { id: 'customer-thing', side: 'customer', count: 'thing', pattern: `(?:my|our) (${CUSTOMER_THINGS})s?` },
  { id: 'reason-for-contact', side: 'customer', count: 'phrase', pattern: "i(?:'m| am) (?:calling|ringing|phoning|writing|contacting you|messaging) (?:to|about|because|regarding|as)" },
  { id: 'service-request', side: 'customer', count: 'phrase', pattern: "i(?:'d| would) like to (?:cancel|change|book|close|order|return|report|upgrade|make a complaint|update|reschedule|rebook|dispute|check)|i want to (?:cancel|close|return|dispute|complain|book)|i need to (?:cancel|change|book|close|update|reset|report|return|rebook|reschedule|dispute)" },
  { id: 'not-received', side: 'customer', count: 'phrase', pattern: "(?:hasn't|has not|haven't|have not|didn't|did not|never) (?:arrived|come|shown up|turned up|been delivered|been refunded|been credited)" },
  { id: 'service-down', side: 'customer', count: 'phrase', pattern: "(?:no|lost (?:my |the )?)(?:phone signal|signal|internet|wi-?fi|broadband|dial tone)|error (?:code|message)" },
  { id: 'account-trouble', side: 'customer', count: 'phrase', pattern: "can't log ?in(?:to)?|locked out|charged (?:me|twice|again)|been charged|customer service" },
];

/** The agent's opening names the company's line ("thanks for calling…", "you're through to…", "Rosa from Nestwell support", "Retentions, Gary speaking"): it counts once more. */
export const SERVICE_GREETING =
  "thank(?:s| you) for (?:calling|contacting|getting in touch|reaching out|choosing)|you're through to|you've reached|(?:i'm|this is|my name is|my name's) [a-z]+ (?:from|at|with) [a-z]+|[a-z]+ speaking(?=[.,!?]| how|$)";
/** The greeting counts when it comes in one of the call's first turns. */
export const GREETING_TURNS = 4;

/** Distinct markers that make a call a service call. */
export const MIN_SERVICE_MARKERS = 3;
/**
 * A short call has fewer turns to show its business in, so it needs fewer markers: a social-media reply of a few
 * turns one, a call of up to eight agent turns two. Peer talk, counselling and meetings with two markers run longer
 * (more than eight agent turns, in the dev proxies).
 */
export const SHORT_CALL_MARKERS: ReadonlyArray<{ readonly maxAgentTurns: number; readonly markers: number }> = [
  { maxAgentTurns: 3, markers: 1 },
  { maxAgentTurns: 8, markers: 2 },
];
/**
 * A contact-centre call sets out its business early (greeting, verification, the account or order): the markers must
 * come within each side's first turns. In the project's service calls the third came by agent turn 11 at the latest;
 * long peer talk, counselling and meetings reach three only by chance, late (agent turn 16 to 145 in the dev proxies).
 */
export const SERVICE_MARKER_WINDOW = 15;
