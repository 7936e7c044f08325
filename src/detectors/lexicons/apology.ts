// Default apology triggers. Context rules in detectors/apology.ts decide the kind (or drop the match).
export const APOLOGY_PHRASES = [
  { id: 'sorry', pattern: 'sorry', kind: 'inconvenience', confidence: 0.85 },
  { id: 'apologise', pattern: "apologi[sz]e[sd]?|apologies|apology|apologi[sz]ing", kind: 'inconvenience', confidence: 0.95 },
  { id: 'our-mistake', pattern: "(?:my|our) (?:mistake|fault|error|bad|oversight)", kind: 'ownership', confidence: 0.85 },
  { id: 'on-us', pattern: "that(?:'s| is| was) (?:on (?:me|us)|our (?:fault|mistake|error))", kind: 'ownership', confidence: 0.85 },
  { id: 'dropped-ball', pattern: "we (?:really )?(?:dropped the ball|messed (?:this |that |it )?up|got (?:this|that|it) wrong|let you down)", kind: 'ownership', confidence: 0.85 },
  { id: 'forgive-me', pattern: 'forgive me', kind: 'inconvenience', confidence: 0.7 },
  { id: 'excuse-me', pattern: 'excuse me|pardon(?: me)?|beg your pardon', kind: 'clarification', confidence: 0.5 },
  { id: 'didnt-mean-to', pattern: "(?:i )?didn't mean to (?:interrupt|cut you off|keep you|talk over)", kind: 'inconvenience', confidence: 0.8 },
] as const;

/** Regret for someone's misfortune is sympathy (acknowledgement), not an apology. */
export const SYMPATHY_AFTER_SORRY =
  /^\s*(?:so |very |really |truly )*(?:(?:that |about |for )?(?:he|she|they)(?:'s| is| has| was| were| had| got| lost| died| passed)\b|to (?:hear|learn|see|read)|for (?:your|the) loss|about your (?:loss|\w+'s (?:passing|death))|(?:that )?you(?:'re| are|'ve been| have been) (?:going through|dealing with|feeling|in pain|unwell|ill|sick|struggling|having (?:a|such))|for what you(?:'re| are)? (?:going|gone) through)/;

/**
 * "Sorry about your dad", "so sorry for your dog": regret aimed at a person or pet of the customer's is sympathy for a
 * loss or illness; "sorry about your dad's bill" (a possessive) is about the bill and stays an apology.
 */
export const SYMPATHY_FOR_RELATIVE =
  /^\s*[,.!-]*\s*(?:so |very |really |truly )*(?:about|for|to hear about) (?:your|ur) (?:(?:late|poor|dear|little|lovely|beloved|old) )?(?:dad|daddy|mum|mom|mummy|mommy|mother|father|parents?|husband|wife|partner|fianc[eé]e?|son|daughter|brother|sister|sibling|grandma|grandmother|grandad|grandpa|granddad|grandfather|granny|nan|nana|uncle|aunt|auntie|aunty|baby|child|kids?|boy|girl|friend|family|dog|cat|pet|puppy|kitten|horse)\b(?!'s|’s| account| bill| order| card| booking| policy| claim)/;

/** A bare "sorry" answered by a judgement of the situation ("Sorry, that's annoying"): sympathy, unless fault is named. */
export const EVALUATION_AFTER_SORRY =
  /^\s*[,.!-]*\s*(?:oh\s+)?(?:that(?:'s| is| sounds| must be| must have been| must feel)|how|what an?) (?:(?:so|really|very|super|such|just|truly|absolutely|incredibly|a bit|pretty) )*(?:annoying|frustrating|awful|horrible|horrid|terrible|rubbish|a pain|a nightmare|stressful|upsetting|worrying|scary|frightening|heartbreaking|heart-breaking|gutting|devastating|rough|tough|hard|difficult|miserable|sad|painful|a lot|an awful lot|not (?:fun|nice|great|good))\b/;

/** The customer's loss is what the regret is about: a death, a loss, a judgement of hardship. */
export const MISFORTUNE_CUE =
  /\b(?:losing|lost (?:your|him|her|them)|loss|passing|passed (?:away|on)|died|death|bereave\w*|funeral|heartbreaking|heart-breaking|gutting|devastating|an awful lot (?:to|on)|so much to (?:deal with|carry)|(?:that|it) makes it (?:even )?(?:more|worse|harder))\b/;

/** Words that name a fault, a wait or trouble the regret could be for: with them, the "sorry" apologises. */
export const FAULT_CUE =
  /\b(?:should(?:n't| not| never)? (?:have|be|'ve)|shouldn't|mistake|error|fault|oversight|on (?:us|me)\b|our (?:end|side|part)|let (?:you|them) down|wait(?:ing|ed)?|delay(?:ed|s)?|on hold|holding|hassle|inconvenience|trouble|runaround|chas(?:e|ed|ing)|confusion|mix-?up|again|(?:we|i)(?:'ve| have)? (?:made|sent|missed|forgot|failed|lost|charged|given|told|kept|left|put|taken))\b/;

export const NON_APOLOGY_AFTER_SORRY = [
  /^\s*(?:that |if )?(?:you|anyone) (?:feel|felt|think|thought|see it|took it|take it|perceive|were offended|are offended|got offended|are upset|were upset|are unhappy|feel that way)/,
  // "sorry you're unhappy with the service": regret aimed at the customer's reaction, not at what caused it
  /^\s*(?:that |if )?you(?:'re| are| were|'ve been| have been| feel| felt) (?:so |very |really )?(?:unhappy|upset|offended|dissatisfied|disappointed|not happy|displeased)\b/,
  /^\s*(?:if|that) (?:this|that|it) (?:upset|offended|bothered|annoyed) you/,
  /^\s*(?:if|that) (?:that|this|it)(?:'s| is| was) (?:how|the way) (?:it|you|that|this)/,
  /^\s*if (?:that|this|it|i) (?:came|comes|come|is coming|was coming|sounded|sounds|seemed|seems) /,
  /^\s*[,.!-]*\s*but (?:(?:that|this|it)(?:'s| is)|there(?:'s| is)|(?:the|our) (?:policy|rules?|system)|you(?:'ll| will)? (?:have to|need to|should|must)|i can(?:'t|not)|we can(?:'t|not)|rules are|policy is|nothing)/,
];

/**
 * Regret that introduces a refusal or a limit, with no "but" ("sorry that's the earliest we've got", "Sorry, no. I
 * can't amend a bill", "I'm sorry, I don't have access to …"): the sorry softens a no, it is not an apology.
 */
export const REFUSAL_AFTER_SORRY =
  /^\s*[,.!-]*\s*(?:(?:sir|madam|ma'am|mate|love)\s*[,.]?\s*)?(?:(?:that|this|it)(?:'s| is| was) (?:the (?:earliest|soonest|latest|best|only|most|first|closest|cheapest|lowest|highest|answer|position|process|policy|rule|limit)|all (?:i|we)\b|as (?:far|much|early|soon|good|low|high) as|not (?:possible|something (?:i|we) can))|there(?:'s| is) (?:nothing|no (?:way|option|record))|(?:i|we) (?:(?:can't|cannot|can not|won't|will not|couldn't|am not able to|'m not able to|are not able to|'re not able to|'m unable to|am unable to|'re unable to|are unable to)(?: really| actually| just)?(?! (?:remember|recall|believe|imagine|wait|stress|thank|apologi[sz]e|say|tell you how|hear|see you|hear you|understand|follow|catch))|don't have (?:access|the (?:ability|authority|power|option))|do not have (?:access|the)|have no (?:way|access|record)|only (?:have|do|offer))|no(?:pe)?(?=\s*(?:[,.!]|$|i |we |that |it |there ))|(?:the|our) (?:policy|rules?|system) (?:is|says|doesn't|does not|won't|only))/;

/** A refusal before a sentence-final "sorry" ("I can't offer a refund, sorry."). */
export const REFUSAL_BEFORE_SORRY =
  /\b(?:(?:i|we) (?:can't|cannot|can not|won't|am not able to|'m not able to|are not able to|'re not able to|'m unable to|am unable to|'re unable to|are unable to)(?: really| actually| just)? (?:offer|do|give|refund|change|amend|accept|process|make|issue|approve|waive|book|send|extend|release|cancel|allow|authori[sz]e|override|reverse|remove|reopen|move|transfer|guarantee|promise|honou?r|provide|replace|exchange|take|help)|(?:that|it)(?:'s| is) not (?:possible|something we)|there(?:'s| is) nothing (?:i|we) can)\b[^.?!]*$/;

/** After "sorry": a request to repeat or clarify. */
export const CLARIFICATION_AFTER_SORRY =
  /^\s*[,.!-]*\s*(?:\?|(?:what|who|where|which|when|pardon|come again)\b|(?:say|said) (?:that|it|again)|(?:could|can|would|will) you (?:please )?(?:repeat|say|spell|speak|go over|tell me that again|give me that again)|repeat that|i (?:didn't|did not|couldn't|could not|don't|can't) (?:quite )?(?:catch|hear(?! (?:back|from))|get(?! (?:back|to|round|around|it (?:sorted|fixed|done)))|follow(?:ed)?(?! up)|understand|make out)|i missed(?! (?:your|the|our|it|that (?:call|email|appointment)))|you(?:'re| are) breaking up|one more time|what was|how do you spell|i lost you\b|the line)/;

/** What may stand between a "sorry" and what follows it: punctuation and a term of address ("sorry sir, …"). */
const AFTER_SORRY_LEAD = "^\\s*[,.!-]*\\s*(?:(?:sir|madam|ma'am|mam|miss|mate|love|my friend|again)\\s*[,.]?\\s+)?";

/**
 * After a bare "sorry" (fillers and a term of address may stand between), a hearing problem: "sorry you cut out a bit
 * there", "sorry sir the line is breaking". Unpunctuated speech-to-text has no comma or question mark to show the
 * question, so the words must.
 */
export const CLARIFICATION_AFTER_BARE_SORRY = new RegExp(
  `${AFTER_SORRY_LEAD}(?:` +
    [
      // the connection, not the customer, is at fault
      "(?:you|your (?:voice|line|phone|signal|connection|mic|microphone)|the (?:line|call|connection|signal|audio|sound)|it)(?:'s| is| was|'re| are| were| just| kind of| kinda| a bit| a little)* (?:cut(?:ting)? out|breaking(?: up)?|broke up)",
      "(?:you|your (?:voice|line|signal|connection|mic|microphone)|the (?:line|connection|signal|audio|sound))(?:'s| is| was|'re| are| were| just| kind of| kinda| a bit| a little| really| very)* (?:went (?:quiet|silent|dead)|going (?:quiet|silent)|dropped out|dropping out|froze|freezing|frozen|muffled|faint|crackly|crackling|glitch(?:ed|ing|y)|lagg(?:ed|ing|y)|echo(?:ing|ey)?|quiet|bad|poor|terrible)",
      "(?:it's |it is |that's |this is )?(?:a |such a )?(?:bad|poor|terrible|crackly|noisy) (?:line|connection|signal)",
      "i (?:didn't|did not|couldn't|could not|don't|can't|cannot) (?:quite |really )?(?:catch|hear(?! (?:back|from))|make out|get (?:that|what|all|the last|the (?:first|last|end)|your (?:name|number|postcode|last)))",
      "i (?:missed|lost) (?:you|that|what you|the (?:first|last|end) (?:bit|part|few|digits?|number)|a bit|the end)\\b",
    ].join('|') +
    ')',
);

/**
 * After a "sorry", a check of what the customer said: "sorry was that q as in quebec", "sorry did you say fifteen".
 * Whatever comes before it in the sentence ("h c four four one nine two seven sorry was that c for charlie": a
 * read-back runs into it when speech-to-text has no full stop), the sorry asks; it does not regret.
 */
export const CHECK_AFTER_SORRY = new RegExp(
  `${AFTER_SORRY_LEAD}(?:` +
    [
      "(?:was|is|were|are) (?:that|it|this|those) (?:a |an |the |with |as in |for |spelt |spelled |double |capital |\\w+ (?:as in|for) |(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z|oh|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\\b|\\d)",
      '(?:did|do) you (?:say|mean|said)',
      'you said',
      'say (?:again|that again)',
      'could (?:i|you) (?:get|have) (?:that|it) again',
    ].join('|') +
    ')',
);

/** After a "sorry", the speaker correcting their own words: "the fourteenth sorry i mean the fifteenth", "Sorry — I mean…". */
export const SELF_CORRECTION_AFTER_SORRY = /^\s*[,.!—–-]*\s*(?:i mean(?! it\b)|i meant|or rather|make that|scratch that|let me rephrase|what i meant)\b/;

/** A bare "sorry" opening a question that is not about regret ("i'm sorry is there anything else", "sorry can i take your name"). */
export const QUESTION_AFTER_BARE_SORRY =
  /^\s*[,.!-]*\s*(?:(?:sir|madam|ma'am|mam|miss|mate|love)\s*[,.]?\s+)?(?:is there|are there|can i|could i|may i|shall i|should i|would you|could you|can you|will you|do you|did you|does|have you|has|what|which|where|when|who|how (?:do|did|can|many|much|long))\b/;

export const OWNERSHIP_CONTEXT =
  /\b(?:(?:my|our) (?:mistake|fault|error|oversight|bad)|on (?:me|us)\b|(?:we|i)(?:'ve| have)? (?:made|got (?:it|this|that|the \w+|your \w+) (?:wrong|mixed up)|messed|charged|sent|missed|should(?:n't)? have|didn't|did not|forgot|failed|overcharged|double[- ]charged|lost|broke|mixed up|dropped)|our (?:end|side|system|team|engineer|technician|courier|billing)|dropped the ball|(?:for|about) (?:our|my) (?:error|mistake|oversight|confusion))/;

/** Words before "sorry" that make it someone else's or a description, not the agent's apology. */
export const OTHER_SUBJECTS = new Set(['he', 'she', 'they', 'you', 'it', "it's", 'that', "that's", 'who', 'someone', 'everyone', 'nobody', 'people', 'feel', 'felt', 'feels', 'feeling']);
