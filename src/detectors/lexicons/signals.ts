// Lexicons for the signals beyond the five behaviours (DESIGN §2.6).
export const NEGATIVE_LANGUAGE_PHRASES = [
  { id: 'calm-down', pattern: "calm down|relax|settle down|there'?s no need to (?:shout|yell|get (?:upset|angry))|stop (?:shouting|yelling)", kind: 'dismissive', confidence: 0.85 },
  { id: 'not-my-job', pattern: "(?:that'?s|it'?s|that is|it is) not my (?:department|job|problem|fault|responsibility|area)|not (?:my|our) problem|i just work here|nothing to do with me", kind: 'dismissive', confidence: 0.9 },
  { id: 'as-i-said', pattern: "(?:as|like) i (?:already )?(?:said|told you|explained|mentioned)|i(?:'ve)? already (?:told|explained to) you|are you (?:even )?listening|i'?m not going to repeat|whatever", kind: 'dismissive', confidence: 0.75 },
  { id: 'blame', pattern: "(?:it'?s|that'?s|that is|it is) (?:your|all your) (?:fault|problem|own fault)|you should(?:'?ve| have) (?:read|checked|known|called|paid)|you (?:didn'?t|did not|failed to|never) (?:read|follow|check|pay|listen)|you must have (?:done|entered|typed|clicked)|you(?:'re| are) (?:wrong|mistaken|confused)|if you had (?:read|listened)", kind: 'blame', confidence: 0.85 },
  { id: 'refusal', pattern: "(?:there'?s|there is) nothing (?:i|we|more i|more we) can do|i can'?t (?:do anything|help you)|nothing i can do|(?:that'?s|it'?s) (?:impossible|not possible)|no way|we don'?t do that|(?:that'?s|it'?s) (?:just )?(?:the|our) policy|take it or leave it|not happening", kind: 'refusal', confidence: 0.8 },
  { id: 'commanding', pattern: "you (?:need|have|got) to|you(?:'ll)? have to|you must|you(?:'re| are) (?:required|supposed) to|read the (?:terms|contract|small print|manual)", kind: 'commanding', confidence: 0.55 },
] as const;

export const OPEN_QUESTION_START =
  /^(?:so |and |okay,? |ok,? |alright,? |now,? )?(?:what (?:happened|happens|seems|is (?:going on|the (?:problem|issue))|would|could|can|do you|did you|have you|made|kind|sort)|how (?:can|may|could|do|did|does|is|are|has|have|would|long has|often)|why (?:do|did|does|is|are|would)|tell me (?:more|about|what)|could you (?:tell|describe|walk|explain)|can you (?:tell|describe|walk|explain)|walk me through|describe|what'?s (?:been|going on|happening|the (?:problem|issue|trouble)))/;
