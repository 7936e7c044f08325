// What marks a contact-centre conversation (DESIGN §1): the agent handles the customer's account, order, bill or
// booking, checks details, puts the customer on hold, offers more help. The fitted models (src/model/) were fitted on
// such calls, so they apply to such calls; other conversations (peer talk, counselling, meetings) keep the lexicon
// priors. Topic words alone ("credit cards", "taxes") are not markers: people chat about them too.
const CUSTOMER_THINGS =
  'account|order|booking|reservation|bill|payment|refund|claim|policy|plan|contract|subscription|tariff|meter|card|parcel|package|delivery|flight|ticket|device|router|modem|broadband|connection|statement|balance|transaction|reference|postcode|zip code|address|email|details|case|complaint|appointment|premium|invoice|membership|car|phone|app|profile|password|application|booking reference|order number|account number';
export const SERVICE_MARKERS = `(?:your|the|this|that) (?:${CUSTOMER_THINGS})s?|let me (?:check|look|see|pull|just|get|have a look|take a look|find)|bear with me|one moment|hold on (?:a|one) (?:sec|second|moment)|anything else i can (?:help|do)|thank(?:s| you) for (?:calling|contacting|getting in touch|holding|waiting|your patience|reaching out|choosing)|you're through to|how can i help|how may i help|how can i assist|date of birth|on file|on (?:the|your) account|i can see (?:that|the|your|here)|engineer|technician|refund|escalat\\w+|supervisor|our team|dm us|direct message|verify|security (?:check|questions)|fraud team|tracking|courier|replacement|warranty|invoice|billing|reference number|case number|ticket number`;
/** Distinct markers in the agent's turns that make a call a service call (fewer in a call of a few agent turns). */
export const MIN_SERVICE_MARKERS = 3;
export const SHORT_CALL_AGENT_TURNS = 3;
/**
 * A contact-centre call sets out its business early (greeting, verification, the account or order): the markers must
 * come within the agent's first turns. In the project's service calls the third came by agent turn 11 at the latest;
 * long peer talk, counselling and meetings reach three only by chance, late (agent turn 16 to 145 in the dev proxies).
 */
export const SERVICE_MARKER_WINDOW = 15;
