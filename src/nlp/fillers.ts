// Hesitation fillers: what speech-to-text writes for a pause in speech ("uh", "um", "erm"). One list, so every rule
// that looks past them (an apology's lead-in, a promise's verb, a question's opening, content overlap) skips the same
// words.

export const HESITATIONS = ['uh', 'um', 'umm', 'er', 'erm', 'uhm', 'hmm'] as const;

/** The hesitations as a regex alternation (no group, no boundaries): `\b(?:${HESITATION})\b`. */
export const HESITATION = HESITATIONS.join('|');
