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

export const NON_APOLOGY_AFTER_SORRY = [
  /^\s*(?:that |if )?(?:you|anyone) (?:feel|felt|think|thought|see it|took it|take it|perceive|were offended|are offended|got offended|are upset|were upset|are unhappy|feel that way)/,
  /^\s*(?:if|that) (?:this|that|it) (?:upset|offended|bothered|annoyed) you/,
  /^\s*,?\s*but (?:(?:that|this|it)(?:'s| is)|there(?:'s| is)|(?:the|our) (?:policy|rules?|system)|you(?:'ll| will)? (?:have to|need to|should|must)|i can(?:'t|not)|we can(?:'t|not)|rules are|policy is|nothing)/,
];

/** After "sorry": a request to repeat or clarify. */
export const CLARIFICATION_AFTER_SORRY =
  /^\s*[,.!-]*\s*(?:\?|(?:what|who|where|which|when|pardon|come again)\b|(?:say|said) (?:that|it|again)|(?:could|can|would|will) you (?:please )?(?:repeat|say|spell|speak|go over|tell me that again|give me that again)|repeat that|i (?:didn't|did not|couldn't|could not|don't|can't) (?:quite )?(?:catch|hear|get|follow|understand|make out)|i missed|you(?:'re| are) breaking up|one more time|what was|how do you spell|i lost you|the line)/;

export const OWNERSHIP_CONTEXT =
  /\b(?:(?:my|our) (?:mistake|fault|error|oversight|bad)|on (?:me|us)\b|(?:we|i)(?:'ve| have)? (?:made|got|messed|charged|sent|missed|should(?:n't)? have|didn't|did not|forgot|failed|overcharged|double[- ]charged|lost|broke|mixed up|dropped)|our (?:end|side|system|team|engineer|technician|courier|billing)|dropped the ball|(?:for|about) (?:our|my) (?:error|mistake|oversight|confusion))/;

/** Words before "sorry" that make it someone else's or a description, not the agent's apology. */
export const OTHER_SUBJECTS = new Set(['he', 'she', 'they', 'you', 'it', "it's", 'that', "that's", 'who', 'someone', 'everyone', 'nobody', 'people', 'feel', 'felt', 'feels', 'feeling']);
