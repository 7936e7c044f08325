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
  /^\s*(?:(?:also|then|personally|definitely|certainly|just|actually|now|still|immediately|right away|make sure (?:to|that|i|we)|be sure to|try (?:and|to)|go ahead and|have (?:someone|somebody|an? \w+)|get (?:someone|somebody))\s+)*(?:call (?:you|him|her|them) back|call you|ring (?:you|back)|phone you|give you a (?:call|ring)|e-?mail|text|send|post|mail|update|follow(?:-| )up|get back|come back to you|escalate|be in touch|keep you (?:posted|updated|informed)|reach out|contact|raise|log|file|open (?:a|up a)|process|refund|credit|reimburse|waive|arrange|schedule|book|ship|dispatch|replace|investigate|look into|chase|monitor|keep an eye|let you know|notify|sort (?:it|this|that) out|fix|resolve|report|pass (?:this|it|that) on|flag|put (?:in|through) (?:a|the|your)|submit|cancel|reinstate|restore|reset|issue|order|deliver|confirm (?:it )?(?:by|in|via) (?:e-?mail|text|writing|letter)|get (?:this|that|it|you|your) \w+|be (?:calling|sending|emailing|contacting|checking|monitoring|following)|do (?:that|it|this) (?:today|tomorrow|by|first thing|this|after)|look at (?:it|this|that) (?:today|tomorrow|later|first thing|this|after|again)|work on)/;

/** The same actions later in the sentence ("I'll check your meter now and then email you the reading"). */
export const LATER_AFTER_CALL_ACTION = new RegExp(`\\band (?:then )?${AFTER_CALL_ACTION.source.replace(/^\^\\s\*/, '')}`);

/** Verb phrases that are steps inside the call. */
export const IN_CALL_ACTION =
  /^\s*(?:just\s+)?(?:be (?:right )?back|be with you|check(?! (?:on|with|into|back|in with))|look(?: at| up| for| into (?:your|the) account)?|pull (?:up|that)|have a (?:quick )?look|see (?:what|if|whether)|transfer|put you (?:on hold|through)|place you on hold|pop you|bring (?:up|that)|verify|go (?:ahead|through|over)|read|take (?:a|your|down)|grab|find|open|confirm (?:your|the|that|a few)|ask you|need (?:to|you)|start|get (?:your|the) (?:details|account|name))/;

/** Heads followed by these are not commitments at all ("I'll be honest", "we'll see", "I'll tell you what"). */
export const NON_COMMITMENT =
  /^\s*(?:be\b(?! (?:right back|back with you|with you|in touch|calling|sending|emailing|contacting|checking|monitoring|following|back in touch|happy to|glad to|raising|escalating|arranging|booking))|(?:just |also |probably |undoubtedly |all )*(?:think|talk|stop|pretend|let\\s*(?:==|$)|discuss|want|need|wait|start|begin|continue|find|get to|come to|look at (?:this|that|the|some)|hear|learn|understand|know|end up|leave|keep it|use)\b|(?:(?:all|also|just|probably|definitely|certainly|really|still) )*(?:not|never)\b|be (?:honest|frank|fine|ok|okay|there|happy)|tell you (?:what|the truth)|say|guess|bet|admit|have to|need|see\b|see how|maybe|hope|assume|leave it|take (?:that|your word)|try my best|do my best|go with|let it)/;

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const NUMBER_WORD = '(?:\\d+|a|an|one|two|three|four|five|six|seven|ten|twelve|twenty-four|twenty four|forty-eight|forty eight|seventy-two|a couple of|a few|the next)';
export const TIMEFRAME = new RegExp(
  [
    `\\b(?:by|before|until|no later than) (?:the )?(?:end of (?:the |today|tomorrow)?\\s?(?:day|week|month|business(?: day)?)?|close of business|cob|eod|tomorrow(?: morning| afternoon| evening)?|tonight|${WEEKDAY}|next ${WEEKDAY}|next week|noon|midday|\\d{1,2}(?::\\d{2})?\\s?(?:am|pm|o'clock)?|\\d{1,2}(?:st|nd|rd|th)(?: of \\w+)?)`,
    `\\bwithin (?:the )?(?:next )?${NUMBER_WORD} (?:business |working )?(?:hours?|days?|weeks?|minutes?)`,
    `\\bin (?:the next )?${NUMBER_WORD} (?:business |working )?(?:hours?|days?|weeks?)`,
    `\\b(?:later )?(?:today|tomorrow|tonight)(?: (?:morning|afternoon|evening))?`,
    `\\bthis (?:afternoon|evening|morning|week)\\b`,
    `\\bfirst thing(?: (?:tomorrow|in the morning|monday))?`,
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
