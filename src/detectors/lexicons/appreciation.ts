// Default appreciation triggers; the kind is refined from what the thanks is for (see detectors/appreciation.ts).
export const APPRECIATION_PHRASES = [
  { id: 'thank-you', pattern: "thank(?:s| you| ya| u)(?: (?:so|very) much| a lot| a million| kindly| again)?|thankyou|thanx", kind: 'courtesy', confidence: 0.9 },
  { id: 'many-thanks', pattern: 'many thanks|much appreciated|ta very much', kind: 'courtesy', confidence: 0.85 },
  { id: 'cheers', pattern: 'cheers(?= for\\b|\\s*[.!]|\\s*$)', kind: 'courtesy', confidence: 0.7 },
  { id: 'appreciate', pattern: "(?:i|we) (?:really |truly |do |greatly |very much |totally |certainly |so )?appreciate(?= (?:you|your|it(?! when)|that|this|the|all|everything|everyone|yo)\\b|\\s*[.!,]|\\s*$)", kind: 'information', confidence: 0.85 },
  { id: 'grateful', pattern: "(?:i'm|i am|we're|we are) (?:very |so |really |truly )?grateful(?= (?:for (?:your|you|the|all|everything|that)|to you)\\b|\\s*[.!,]|\\s*$)", kind: 'courtesy', confidence: 0.85 },
  { id: 'great-question', pattern: '(?:great|excellent|brilliant|fantastic) question', kind: 'information', confidence: 0.7 },
  // "That's really helpful, actually": appreciation of what the customer gave; "I hope that's helpful" (checked in
  // detectors/appreciation.ts) is the agent's own offering
  { id: 'helpful', pattern: "(?:that's|that was|you've been|you have been|you're being) (?:(?:really|very|so|super|incredibly|extremely|actually|genuinely|hugely|massively|all) )*(?:helpful|useful)", kind: 'information', confidence: 0.7 },
  // "Good thing to ask before you commit", "that's a really sensible thing to check": praise for the customer's question
  { id: 'good-to-ask', pattern: "(?:(?:really|very|such a|a) )?(?:good|great|sensible|smart|wise|fair) (?:thing|question|one) to (?:ask|check|raise|bring up|flag|query)", kind: 'information', confidence: 0.7 },
  // Agreement more often than appreciation in conversation: reported below the default threshold.
  { id: 'good-question', pattern: '(?:good|fair|very good|really good) (?:question|point)', kind: 'information', confidence: 0.4 },
] as const;

/** Declining an offer: "no thanks", "no, thank you", "Not Reaganomics, thank you", "thanks but no"; not "no worries, thanks". */
export const DECLINING_BEFORE =
  /(?:^\s*(?:(?:oh|um|uh|er)\s+)?not|\b(?:no(?!\s+(?:worries|problem|problems|probs|prob|bother|trouble|rush|need|pressure|stress|harm|way)\b)|nope|not interested|don't (?:want|need) (?:it|that|anything|any)))\b[,.!]?\s*(?:\w+\s*){0,2}[,.!]?\s*$/;
/** "No, thank you for calling", "oh no thank you for bearing with me": thanks with an object of its own turn the thanks back, they do not decline. */
export const THANKS_OBJECT_AFTER = /^\s*(?:(?:so|very) much |again |a lot |kindly )?(?:for|to you for)\b/;
export const DECLINING_AFTER = /^\s*,?\s*but\s+(?:no|i'?m (?:good|fine|ok|okay)|not)\b|^\s*,?\s*i'?m (?:good|fine|ok)\b/;
/** Causal "thanks to the update, …" and exclamations "thank god". */
export const NOT_APPRECIATION_AFTER = /^\s+(?:to (?:the|this|that|a|an|our|their|his|her|its|new|recent|some|all (?:the|this|that))\b|god|goodness|heavens|the lord)/;

export const KIND_CUES: ReadonlyArray<readonly [kind: string, cue: RegExp]> = [
  ['patience', /\b(?:patien(?:ce|t)|waiting|wait|hold(?:ing)?|bearing with|bear with|understanding while)\b/],
  ['loyalty', /\b(?:loyal(?:ty)?|being (?:a|with us|our)|customer (?:for|since)|choosing|business|years|member|staying)\b/],
  ['information', /\b(?:letting|telling|explaining|bringing|sharing|information|info|confirming|clarifying|providing|sending|checking|pointing|flagging|reporting|details|feedback|question|raising|mentioning|that|those|it)\b/],
  ['courtesy', /\b(?:calling|call|contacting|reaching out|your time|coming|joining|having me|help|bye|goodbye|day|evening|chatting|talking)\b/],
];
