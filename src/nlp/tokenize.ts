// A linear, allocation-light tokeniser and sentence splitter for conversational English. It keeps exact character
// offsets, splits clitics the way detectors expect ("can't" → "ca" + "n't", "I'll" → "I" + "'ll") and never
// backtracks: every pattern below matches in time proportional to the token it consumes.

export type TokenType = 'word' | 'number' | 'punct' | 'url' | 'email' | 'symbol';

export interface RawToken {
  start: number;
  end: number;
  type: TokenType;
}

export interface RawSentence {
  /** Token index range [firstToken, endToken). */
  firstToken: number;
  endToken: number;
}

// One sticky scanner: alternatives are tried in order at the current position.
const SCANNER = new RegExp(
  [
    String.raw`(https?:\/\/[^\s<>"]+|www\.[^\s<>"]+)`,
    // At most 64 characters before the "@" (RFC 5321's local-part limit): unbounded, a long run of "a.a.a…" made
    // every position rescan to the end of the run, quadratic in the turn.
    String.raw`([\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+)`,
    String.raw`(\p{L}[\p{L}\p{M}\p{N}]*(?:['-][\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(\d+(?:[.,:/]\d+)*(?:%|st\b|nd\b|rd\b|th\b)?)`,
    String.raw`('(?:em|cause|til|bout|n)(?![\p{L}]))`,
    String.raw`([.!?]+|…|[-–—]+|[,;:"'()[\]{}<>*\/\\&#@%$£€+=|~^_])`,
    String.raw`(\P{White_Space})`,
  ].join('|'),
  'uy',
);

const SPACE = /\s+/y;
/** Token type of each SCANNER group, by group number (group 3, a word, may split into clitics). */
const GROUP_TYPES: readonly (TokenType | undefined)[] = [undefined, 'url', 'email', 'word', 'number', 'word', 'punct', 'symbol'];

/** Clitics split off the end of a word; the rest of the word stays one token. */
const SUFFIX_CLITICS = ["n't", "'s", "'m", "'re", "'ve", "'ll", "'d"];

export function tokenize(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  const n = text.length;
  let at = 0;
  while (at < n) {
    const c = text.charCodeAt(at);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      at++;
      continue;
    }
    if (isAsciiLetter(c)) {
      const end = scanAsciiWord(text, at);
      if (end > 0) {
        pushWord(tokens, text, at, end);
        at = end;
        continue;
      }
    } else {
      const end = scanAsciiPunct(text, at, c);
      if (end > 0) {
        tokens.push({ start: at, end, type: 'punct' });
        at = end;
        continue;
      }
    }
    at = scanGeneral(tokens, text, at);
  }
  return tokens;
}

/** The same tokens by the general scanner alone (no ASCII fast path): the reference the fast path is tested against. */
export function tokenizeReference(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  let at = 0;
  while (at < text.length) at = scanGeneral(tokens, text, at);
  return tokens;
}

/**
 * Fast path for the common case, a plain ASCII word ("customer", "can't", "follow-up"): its end, or 0 when the
 * characters around it need the full scanner (non-ASCII letters, a URL or an e-mail address).
 */
function scanAsciiWord(text: string, start: number): number {
  const n = text.length;
  let j = start + 1;
  for (;;) {
    while (j < n && isAsciiAlnum(text.charCodeAt(j))) j++;
    const d = text.charCodeAt(j);
    if ((d === 39 || d === 45) && j + 1 < n && isAsciiAlnum(text.charCodeAt(j + 1))) {
      j += 2;
      continue;
    }
    break;
  }
  if (j >= n) return j;
  const d = text.charCodeAt(j);
  if ((d === 39 || d === 45) && text.charCodeAt(j + 1) >= 128) return 0; // "A'ü": the word may go on
  if (d >= 128 || d === 64 /* @ */ || d === 95 /* _ */ || d === 43 /* + */) return 0;
  if ((d === 46 /* . */ || d === 58 /* : */) && j + 1 < n) {
    const e = text.charCodeAt(j + 1);
    if (isAsciiAlnum(e) || e === 47 /* / */) return 0;
  }
  // "john..smith@x.com", "a--b@x.com": the word is the start of an e-mail address's local part.
  if ((d === 46 || d === 45) && localPartRunsToAt(text, j, start + LOCAL_PART_MAX)) return 0;
  return j;
}

/**
 * Fast path for the commonest punctuation (a comma, a full stop, "?!"): its end, or 0 when the general scanner must
 * decide (a dot or hyphen may start an e-mail address such as ".j@x.io", a dash run may be long, "'" a clitic).
 */
function scanAsciiPunct(text: string, start: number, c: number): number {
  if (c === 44 /* , */ || c === 59 /* ; */ || c === 58 /* : */ || c === 34 /* " */ || c === 40 /* ( */ || c === 41 /* ) */) {
    return start + 1;
  }
  if (c !== 46 /* . */ && c !== 33 /* ! */ && c !== 63 /* ? */) return 0;
  let j = start + 1;
  let dot = c === 46;
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 46) dot = true;
    else if (d !== 33 && d !== 63) break;
  }
  // A run with a dot followed by an e-mail character could be the start of an address: the general scanner decides.
  if (dot && j < text.length && isEmailChar(text.charCodeAt(j))) return 0;
  return j;
}

/** The scanner's limit on an e-mail address's local part (the characters before "@"). */
const LOCAL_PART_MAX = 64;

/**
 * Whether the characters an e-mail address's local part may hold ([A-Za-z0-9_.+-]) run from `at` to an "@" before
 * `limit` (the furthest an "@" can be for an address starting at the word: the scan stays bounded).
 */
function localPartRunsToAt(text: string, at: number, limit: number): boolean {
  let k = at;
  const end = Math.min(text.length, limit + 1);
  while (k < end && isLocalPartChar(text.charCodeAt(k))) k++;
  return k < text.length && text.charCodeAt(k) === 64;
}

function isLocalPartChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 95 /* _ */ || c === 46 /* . */ || c === 43 /* + */ || c === 45 /* - */;
}

function isEmailChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 95 /* _ */ || c === 43 /* + */ || c === 45 /* - */ || c === 64 /* @ */ || c >= 128;
}

function scanGeneral(tokens: RawToken[], text: string, at: number): number {
  SPACE.lastIndex = at;
  if (SPACE.test(text)) return SPACE.lastIndex;
  SCANNER.lastIndex = at;
  const m = SCANNER.exec(text);
  if (!m) return at + 1; // unreachable in practice (the last alternative matches any non-space), but never loop forever
  const end = at + m[0].length;
  if (m[3] !== undefined) pushWord(tokens, text, at, end);
  else tokens.push({ start: at, end, type: GROUP_TYPES[m.findIndex((g, i) => i > 0 && g !== undefined)]! });
  return end;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function pushWord(tokens: RawToken[], text: string, start: number, end: number): void {
  if (hasApostropheBetween(text, Math.max(start + 1, end - 3), end)) {
    const tail = text.slice(Math.max(start + 1, end - 3), end).toLowerCase();
    for (const clitic of SUFFIX_CLITICS) {
      if (end - start > clitic.length && tail.endsWith(clitic)) {
        const cut = end - clitic.length;
        tokens.push({ start, end: cut, type: 'word' }, { start: cut, end, type: 'word' });
        return;
      }
    }
  }
  tokens.push({ start, end, type: 'word' });
}

/** Words a full stop does not end a sentence after. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'approx', 'dept', 'no', 'nos', 'ref', 'acct', 'tel',
  'ext', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'ave', 'rd', 'blvd', 'min', 'mins', 'hr', 'hrs',
]);

const TERMINAL = /^(?:[.!?]+|…)$/;
const CLOSING = /^["')\]}]$/;

/**
 * Sentences over `tokens`: a run of . ! ? … (with any closing quote or bracket) ends one, unless it is the full stop of
 * an abbreviation or initial followed by more of the same sentence; a line break always ends one.
 */
export function splitSentences(text: string, tokens: readonly RawToken[]): RawSentence[] {
  const sentences: RawSentence[] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    let boundary = false;
    let last = i;
    const value = token.type === 'punct' ? text.slice(token.start, token.end) : '';
    if (token.type === 'punct' && TERMINAL.test(value)) {
      while (isAttachedClosing(text, tokens, last)) last++;
      boundary = last + 1 < tokens.length && !isAbbreviationStop(text, tokens, i, value);
    } else if (hasLineBreak(text, token.end, next.start)) {
      boundary = true;
    }
    if (boundary) {
      sentences.push({ firstToken: first, endToken: last + 1 });
      first = last + 1;
      i = last;
    }
  }
  if (first < tokens.length) sentences.push({ firstToken: first, endToken: tokens.length });
  return sentences;
}

function isAbbreviationStop(text: string, tokens: readonly RawToken[], i: number, value: string): boolean {
  if (value !== '.') return false;
  const dot = tokens[i]!;
  const next = tokens[i + 1]!;
  if (next.start === dot.end) return true; // "e.g", "3.x", "file.txt": no space, no boundary
  const prev = tokens[i - 1];
  if (!prev || prev.type !== 'word' || prev.end !== dot.start) return false;
  const word = text.slice(prev.start, prev.end);
  const lower = word.toLowerCase();
  const nextChar = text[next.start] ?? '';
  const nextIsUpper = /\p{Lu}/u.test(nextChar);
  // "Dr. Smith", "no. 4" — but "I said no. Then…" ends a sentence.
  if (ABBREVIATIONS.has(lower)) return lower === 'no' ? /\d/.test(nextChar) : true;
  if (word.length !== 1) return false;
  // The last dot of "e.g." / "a.m." runs on into a lower-case continuation.
  const beforePrev = tokens[i - 2];
  if (beforePrev && beforePrev.end === prev.start && text[beforePrev.start] === '.') return !nextIsUpper;
  // An initial: "J. Smith".
  return /\p{Lu}/u.test(word) && word !== 'I' && word !== 'A' && nextIsUpper;
}

/** A closing quote or bracket written straight after the previous token ("…awful!" / "(approx.)"). */
function isAttachedClosing(text: string, tokens: readonly RawToken[], last: number): boolean {
  const next = tokens[last + 1];
  return next !== undefined && next.start === tokens[last]!.end && CLOSING.test(text.slice(next.start, next.end));
}

function hasApostropheBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 39) return true;
  return false;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}
