// Commitment heads, action vocabularies and timeframe/channel extraction for follow-up promises.
export const FOLLOW_UP_PHRASES = [
  { id: 'first-person-future', pattern: "(?:i|we)(?: (?:definitely|certainly|surely|really|absolutely|promise|do promise) will| promise to| promise i'?ll|'ll| will| shall|(?:'m| am|'re| are) (?:just |also |actually |definitely |really |now |then |personally )?(?:going to|gonna))", kind: 'after-call', confidence: 0.75 },
  { id: 'let-me-and-get-back', pattern: "let me (?:\\w+ ){0,5}?and (?:get back|call you back|come back to you|let you know|update you|follow up|email you|send you)", kind: 'after-call', confidence: 0.85 },
  { id: 'let-me', pattern: "let me|let's|allow me to", kind: 'in-call', confidence: 0.7 },
  { id: 'you-will-receive', pattern: "you(?:'ll| will| should) (?:also )?(?:(?:receive|get|be (?:getting|receiving)) (?:(?:a|an|the|your|our|it|that|this|some)\\s+)?(?:\\w+\\s+)?(?:e-?mail|text|sms|message|letter|call|callback|confirmation|refund|update|notification|credit|replacement|package|parcel|engineer|technician|reference|link|code|voucher|statement|invoice|bill|card)|be (?:contacted|notified|called|emailed|sent)|hear (?:back|from))", kind: 'after-call', confidence: 0.8 },
  { id: 'someone-will', pattern: "(?:someone|somebody|an engineer|a technician|a specialist|the (?:team|department|engineer|technician|specialist)|our (?:team|engineers?|technicians?|billing team|specialists?)|my (?:manager|supervisor|colleague)|a (?:manager|supervisor|colleague)|they)(?:'ll| will| is going to| are going to)(?: be)? (?:call|contact|email|be in touch|reach out|get back|visit|come|ring|phone|follow up|send|deliver|refund|process|review|look into|calling|contacting|emailing|in touch|reaching out)", kind: 'after-call', confidence: 0.8 },
  // "Your refund will be processed within 5 days", "it'll be with you by Friday": the outcome promised on the company's
  // behalf; classify() keeps it only with a service participle or a timeframe right after "be".
  { id: 'it-will-be', pattern: "(?:it|that|this|your \\w+|the \\w+)(?:'ll| will) (?:(?!not |never )\\w+ )?be", kind: 'after-call', confidence: 0.7 },
  { id: 'hold-step', pattern: "(?:one|just a|give me a|bear with me (?:for )?a?) ?(?:moment|second|sec|minute|mo)|bear with me|hold on|(?:please )?hold (?:the line|for a)", kind: 'in-call', confidence: 0.7 },
] as const;

/** Verb phrases after a first-person future head that commit to something after the call. */
export const AFTER_CALL_ACTION =
  /^\s*(?:(?:also|then|personally|definitely|certainly|just|actually|now|still|immediately|right away|make sure (?:to|that|i|we)|be sure to|try (?:and|to)|go ahead and|have (?:someone|somebody|an? \w+)|get (?:someone|somebody))\s+)*(?:call (?:you|him|her|them) back|call you|ring (?:you|back)|phone you|message (?:you|back)|drop you (?:a|an) (?:line|email|text|message|note)|give you a (?:call|ring)|e-?mail|text|send|post|mail|update|follow(?:-| )up|get back|come back to you|escalate|be in touch|keep you (?:posted|updated|informed)|reach out|contact|raise|log|file|open (?:a|up a)|process|refund|credit|reimburse|waive|arrange|schedule|book|ship|dispatch|replace|investigate|look into|chase|monitor|keep an eye(?! (?:out|open) for)|let you know|notify|sort (?:it|this|that) out|fix|resolve|report|pass (?:this|it|that) on|flag|put (?:in|through) (?:a|the|your)|submit|cancel|reinstate|restore|reset|issue|order|deliver|confirm (?:it )?(?:by|in|via) (?:e-?mail|text|writing|letter)|get (?:this|that|it|you|your) \w+|be (?:calling|sending|emailing|contacting|checking|monitoring|following)|do (?:that|it|this) (?:today|tomorrow|by|first thing|this|after)|look at (?:it|this|that) (?:today|tomorrow|later|first thing|this|after|again)|work on)/;

/** The same actions later in the sentence ("I'll check your meter now and then email you the reading"). */
export const LATER_AFTER_CALL_ACTION = new RegExp(`\\band (?:then )?${AFTER_CALL_ACTION.source.replace(/^\^\\s\*/, '')}`);

/** Verb phrases that are steps inside the call. */
export const IN_CALL_ACTION =
  /^\s*(?:just\s+)?(?:be (?:right )?back|be with you|dig (?:in|into|around)|(?:walk|talk|guide|take) you (?:through|step by step)|stay (?:on (?:the|this) (?:line|call|chat|phone)|with you|on here|connected)|(?:add|make|leave|put) (?:a |an )?(?:quick )?(?:note|notes)|note (?:that|it|this|your \w+) (?:down|on)|put (?:that|it|this) (?:down|on (?:the|your) (?:file|account|case|record|notes?))|check(?! (?:on|with|into|back|in with))|look(?: at| up| for| into (?:your|the) account)?|pull (?:up|that)|have a (?:quick )?look|see (?:what|if|whether)|transfer|put you (?:on hold|through)|place you on hold|pop you|bring (?:up|that)|verify|go (?:ahead|through|over)|read|take (?:a|your|down)|grab|find|open|confirm (?:your|the|that|a few)|ask you|need (?:to|you)|start|get (?:your|the) (?:details|account|name))/;

/** Heads followed by these are not commitments at all ("I'll be honest", "we'll see", "I'll tell you what", "we'll keep this as simple as we can"). */
export const NON_COMMITMENT =
  /^\s*(?:be\b(?! (?:right back|back with you|with you|in touch|calling|sending|emailing|contacting|checking|monitoring|following|back in touch|happy to|glad to|raising|escalating|arranging|booking))|(?:just |also |probably |undoubtedly |all )*(?:think|talk|stop|pretend|discuss|want|need|wait|start|begin|continue|find|get to|come to|look at (?:this|that|the|some)|hear|learn|understand|know|end up|leave|keep it|use)\b|(?:just |also )*let\s*(?:==|$)|(?:(?:all|also|just|probably|definitely|certainly|really|still) )*(?:not|never)\b|be (?:honest|frank|fine|ok|okay|there|happy)|tell you (?:what|the truth)|say|guess|bet|admit|have to|need|see\b|see how|maybe|hope|assume|leave it|take (?:that|your word)|try my best|do my best|go with|let it|(?:keep|make) (?:it|this|things|everything)(?: (?:as|really|nice and|very|super|nice))* (?:simple|short|quick|brief|easy|straightforward|painless|light|smooth)\b)/;

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const UNIT = '(?:one|two|three|four|five|six|seven|eight|nine)';
const NUMBER = `(?:\\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]${UNIT})?|${UNIT}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)`;
/** "5", "five", "forty eight", "three to five", "a couple of": the count in "within five working days". */
const NUMBER_WORD = `(?:${NUMBER}(?:\\s*(?:to|or|-)\\s*${NUMBER})?|a|an|a couple of|a few|the next)`;
export const TIMEFRAME = new RegExp(
  [
    `\\b(?:by|before|until|no later than) (?:the )?(?:end of (?:the |today|tomorrow)?\\s?(?:day|week|month|business(?: day)?)?|close of business|cob|eod|tomorrow(?: morning| afternoon| evening)?|tonight|${WEEKDAY}|next ${WEEKDAY}|next week|noon|midday|\\d{1,2}(?::\\d{2})?\\s?(?:am|pm|o'clock)?|\\d{1,2}(?:st|nd|rd|th)(?: of \\w+)?)`,
    `\\bwithin (?:the )?(?:next )?${NUMBER_WORD} (?:business |working )?(?:hours?|days?|weeks?|minutes?)`,
    `\\bin (?:the next )?${NUMBER_WORD} (?:business |working )?(?:hours?|days?|weeks?)`,
    `\\b(?:later )?(?:today|tomorrow|tonight)(?: (?:morning|afternoon|evening))?`,
    `\\bthis (?:afternoon|evening|morning|week)\\b`,
    // a bare "first thing" is a time only where the clause ends ("i'll do it first thing"), not in "first thing take a breath"
    `\\bfirst thing(?: (?:tomorrow(?: morning)?|in the morning|(?:on )?${WEEKDAY}(?: morning)?)|(?=\\s*(?:[.,;!?]|$|(?:and|so|then)\\b)))`,
    `\\b(?:on|by) the (?:morning|afternoon|evening) of\\b`,
    `\\b(?:next|on|this) ${WEEKDAY}\\b|\\bnext (?:week|month|bill|statement|billing (?:date|cycle))\\b`,
    `\\bon the \\d{1,2}(?:st|nd|rd|th)\\b`,
    `\\b(?:as soon as (?:possible|i can|we can|it's|i hear|i have)|asap|right after (?:this|the) call|after (?:this|the) call)`,
  ].join('|'),
);

export const CHANNELS: ReadonlyArray<readonly [channel: string, cue: RegExp]> = [
  ['email', /\b(?:e-?mail(?:ed|ing)?|inbox)\b/],
  ['text', /\b(?:text(?:ed|ing)?|sms|message you)\b/],
  ['call', /\b(?:call(?:ing)? (?:you|back)|ring|phone|give you a call|callback|call back)\b/],
  ['post', /\b(?:letter|post(?:ed)?|mail(?:ed)? (?:you|it|out)|in the mail)\b/],
];

/** "…now", "…first", "while you're on the line": the action happens during the call. */
export const DURING_CALL = /\b(?:now|right now|right away|straight away|first|while you(?:'re| are)? (?:on the line|waiting|holding)|for you now|as we speak|in a (?:moment|second|sec|minute))\b/;

/** What "it will be …" must go on with to promise an outcome: a service step done, or a time. */
export const OUTCOME_AFTER_BE =
  /^\s*(?:(?:all|also|then|definitely|certainly|automatically|fully)\s+)?(?:done|ready|sent|sent out|posted|fixed|sorted|processed|delivered|refunded|credited|reimbursed|resolved|arranged|booked|scheduled|cancelled|canceled|reinstated|restored|replaced|repaired|updated|applied|reversed|waived|dispatched|shipped|escalated|with you|in your account|on its way|in the post|back up|up and running)\b/;
/** "…will be ready shortly", "…in a minute": the outcome arrives during the contact. */
export const SOON_IN_CALL = /\b(?:shortly|soon|momentarily|in no time|in a (?:minute|moment|second|sec|few minutes)|right now|now)\b/;

/**
 * Waiting for something that comes from the customer or a third party ("we'll keep an eye out for your update", "I'll
 * look out for the vet's email"): watching commits to no action unless one follows ("… and message you").
 */
export const AWAITING =
  /^\s*(?:(?:also|just|then|definitely|certainly|personally)\s+)*(?:keep (?:an eye|a lookout|an eye open|my eyes? (?:open|peeled)|a look ?out) (?:out )?for|look out for|watch (?:out )?for|wait (?:for|on)|be (?:looking|watching|waiting) (?:out )?for|await)\b/;

/**
 * Reassurance about this call rather than a follow-up: "i will definitely help you with that", "I'm going to do
 * everything I can to help", "we'll get you sorted". The help happens while the customer is on the line.
 */
export const ASSURANCE =
  /^\s*(?:(?:definitely|certainly|absolutely|just|also|really|surely|happily|gladly|personally|now|right now)\s+)*(?:help(?! (?:you )?(?:by|with (?:the|your) (?:claim|refund|application|paperwork)) (?:tomorrow|today|later))|do (?:everything|all|whatever|what) (?:i|we) can|(?:get|have) (?:you|everything|it all|this all|things|all (?:of )?(?:this|that)) (?:all )?sorted(?: out)?(?: (?:for you|from here|now|right now|today))?(?!\s+(?:by|within|before|tomorrow|this|first|as soon))|sort (?:you|everything|it all) out|look after you|get to the bottom of (?:this|it|that))\b/;

/** A third party the agent contacts while the customer holds ("Give me 5 minutes, I'm going to call the duty manager"). */
export const THIRD_PARTY_CONTACT =
  /^\s*(?:(?:just|quickly|now|also|then)\s+)*(?:call|ring|phone|contact|speak (?:to|with)|talk to|check with|ask|message|chat (?:to|with)|get hold of|reach) (?:the|my|our|a|one of (?:the|our)) (?:duty |shift |team |store |site |floor |night )?(?:manager|supervisor|team(?:s)?|depot|warehouse|department|colleague|courier|engineers?|hotel|store|branch|driver|lead|specialist|back office|office|reception|kitchen|carrier|hub)\b/;

/** In the same turn, the agent asks the customer to hold: what it does next happens while they wait. */
export const HOLD_REQUEST =
  /\b(?:give me (?:a|an|one|two|five|ten|\d+|a few|a couple of) (?:moment|mo|minute|min|sec|second)s?|bear with me|hold (?:on|the line|for)|one (?:moment|sec|second|minute)|just a (?:moment|sec|second|minute)|(?:\d+|two|five|ten) mins?\b)/;

/**
 * The action waits for an event after the call: "… once the vet's paperwork comes in", "as soon as it's been approved".
 */
export const DEFERRED =
  /\b(?:once|as soon as|when|the moment) (?:(?:the|your|it|it's|they|they've|we|we've|i|i've|he|she|that|this|his|her|our)\s+)(?:[\w']+\s+){0,4}?(?:comes? (?:in|through|back)|arrives?|(?:is|are|'s|has|have|'ve|gets?) (?:been )?(?:back|approved|processed|received|fixed|done|through|in|sorted|confirmed|resolved|marked|returned|sent|delivered|ready|left|cleared|signed)|(?:hear|hears) (?:back|from)|(?:get|gets|have|has) (?:it|them|that|the \w+) back)\b/;

/** Notices a system sends by itself ("you'll get an automated email", "You'll receive a confirmation email shortly"). */
export const NOTIFICATION_ONLY = /(?:e-?mail|text|sms|message|notification|confirmation|link|code|reference)$/;
