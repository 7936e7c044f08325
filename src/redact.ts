// --redact: mask personal data in every text the report carries, keeping finding spans true to the masked text.
// Every pattern is anchored by a lookbehind and uses bounded or unambiguous repetition, so matching stays linear.
import type { CallResult, Evidence, Finding, MissedMoment, ScoreReport, Span, Turn } from './types.js';

interface Masker {
  mask: string;
  pattern: RegExp;
  /** Further check on the matched text (e.g. Luhn); rejected matches stay as they are. */
  accept?: (match: string) => boolean;
  /** A cheap test the text must pass before `pattern` is run over it (most turns have no house number in them). */
  prefilter?: RegExp;
}

/** A number followed by a word: what any street address starts with. */
const NUMBER_THEN_WORD = /(?<![-/\d])\d[-/\d]*(?:[A-Za-z][-/\d]*)?,?\s{1,3}[A-Za-z]/;

const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';

// Street addresses (UK/US/AU/IN): a house number, one to four street-name words and a street suffix. The name
// words are bounded and cannot contain spaces, so each start position tries a constant number of splits.
const STREET_SUFFIXES =
  'Street|Road|Avenue|Lane|Drive|Close|Court|Crescent|Grove|Place|Way|Gardens|Terrace|Square|Boulevard|Parade|' +
  'Highway|Parkway|Circle|Mews|Row|Walk|Hill|Rise|View|Green|Park|Esplanade|Quay|Wharf|Marg|Salai|Plaza|Trail';
/** Abbreviated suffixes, which may carry a full stop ("St.", "Ave."). */
const STREET_ABBREVIATIONS = 'St|Rd|Ave|Ln|Dr|Ct|Cres|Pl|Gdns|Tce|Sq|Blvd|Pde|Hwy|Pkwy|Cir';
/** `12`, `221B`, `12-14`, `3/27` (AU unit/number). */
const HOUSE_NUMBER = String.raw`\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?`;
/** `Flat 3, ` / `Apt 4B ` before the number, `, Apt 4` after the street. */
const UNIT = String.raw`(?:Flat|Apartment|Apt\.?|Unit|Suite|Ste\.?)\s{1,3}#?\d{1,5}[A-Za-z]?`;
const DIRECTION = String.raw`(?:\s{1,3}(?:NE|NW|SE|SW|N|S|E|W)(?![A-Za-z0-9]))?`;
/** Capitalised street-name words ("Beech", "MG", "St John's", "5th"). */
const TITLE_ADDRESS = new RegExp(
  String.raw`(?<![\w.,:/£$€-])(?:${UNIT},?\s{1,3})?${HOUSE_NUMBER}(?:\s{1,3}(?:[A-Z][A-Za-z'’-]{0,30}|St\.|\d{1,4}(?:st|nd|rd|th))){1,4}?` +
    String.raw`\s{1,3}(?:(?:${STREET_SUFFIXES})|(?:${STREET_ABBREVIATIONS})\.?)(?![A-Za-z0-9'’-])${DIRECTION}(?:,?\s{1,3}${UNIT}(?![A-Za-z0-9]))?`,
  'g',
);
/**
 * Lower-case transcripts ("27 beech avenue"): only the unambiguous suffixes, and no name word that makes an ordinary
 * phrase of it ("5 on the road", "2 weeks down the road", "a 10 minute drive").
 */
const LOWER_STOP_WORDS =
  'the|a|an|on|in|at|to|of|for|by|from|down|up|along|off|across|over|onto|into|my|your|his|her|their|our|its|this|' +
  'that|these|those|more|less|other|few|many|and|or|but|was|were|is|are|be|been|i|we|you|they|he|she|it|me|us|them|' +
  '(?:second|minute|hour|day|week|month|year|time|mile|km|kilometre|kilometer|metre|meter|yard|block|door|house|lane|car|kid|people|person)s?|feet|foot';
const LOWER_ADDRESS = new RegExp(
  String.raw`(?<![\w.,:/£$€-])${HOUSE_NUMBER}(?:\s{1,3}(?!(?:${LOWER_STOP_WORDS})(?![a-z]))[a-z][a-z'’-]{0,30}){1,3}?\s{1,3}(?:street|road|avenue|crescent|boulevard)(?![A-Za-z0-9'’-])`,
  'gi',
);

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Numbers written with +, brackets or separators are phones at 9–15 digits; a bare run only as a UK 0… number. */
function looksLikePhone(match: string): boolean {
  const digits = digitsOf(match);
  if (/^\d+$/.test(match)) return digits.startsWith('0') && digits.length >= 10 && digits.length <= 11;
  if (match.startsWith('+')) return digits.length >= 9 && digits.length <= 15;
  return digits.length >= 10 && digits.length <= 15;
}

/** In priority order: an earlier masker's match wins over any later one it overlaps. */
const MASKERS: readonly Masker[] = [
  {
    mask: '[EMAIL]',
    pattern: /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
    accept: (m) => /\.[A-Za-z]{2,}$/.test(m),
  },
  {
    mask: '[CARD]',
    pattern: /(?<![\d-]|\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)/g,
    accept: (m) => luhn(digitsOf(m)),
  },
  {
    mask: '[PHONE]',
    pattern: /(?<![\w+]|\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .-]?\d){6,14}(?![ .-]?\d)/g,
    accept: looksLikePhone,
  },
  {
    mask: '[ACCOUNT]',
    pattern: /(?<=\bsort[ -]?code\s{0,3}(?:is\s{1,3})?:?\s{0,3})\d{2}[ -]?\d{2}[ -]?\d{2}(?![ -]?\d)/gi,
  },
  { mask: '[ACCOUNT]', pattern: /(?<!\d)\d{8,}(?!\d)/g },
  // Long grouped numbers that are neither a valid card nor a phone (a mistyped card, an IBAN-like run).
  { mask: '[ACCOUNT]', pattern: /(?<![\d-]|\d[ -])\d(?:[ -]?\d){11,}(?![ -]?\d)/g },
  {
    mask: '[POSTCODE]',
    pattern: /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![A-Za-z0-9])/g,
  },
  {
    mask: '[POSTCODE]',
    pattern: new RegExp(`(?<=\\b(?:${US_STATES}),?\\s{1,3})\\d{5}(?:-\\d{4})?(?![\\d-])`, 'g'),
  },
  {
    mask: '[POSTCODE]',
    pattern: /(?<=\b(?:zip|postal)(?:[ -]?code)?\s{0,3}(?:is\s{1,3})?:?\s{0,3})\d{5}(?:-\d{4})?(?![\d-])/gi,
  },
  { mask: '[ADDRESS]', pattern: TITLE_ADDRESS, prefilter: NUMBER_THEN_WORD },
  { mask: '[ADDRESS]', pattern: LOWER_ADDRESS, prefilter: NUMBER_THEN_WORD },
];

/** One replacement in original-text coordinates. */
interface Edit {
  start: number;
  end: number;
  mask: string;
}

function findEdits(text: string): Edit[] {
  const edits: Edit[] = [];
  for (const { mask, pattern, accept, prefilter } of MASKERS) {
    if (prefilter && !prefilter.test(text)) continue;
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (accept && !accept(m[0])) continue;
      if (edits.some((e) => start < e.end && e.start < end)) continue;
      edits.push({ start, end, mask });
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.mask;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Where an original offset lands after the edits. An offset inside a masked stretch moves outward (start to the
 * mask's start, end to its end), so a span that cut through personal data covers the whole mask afterwards.
 */
function mapOffset(offset: number, edits: readonly Edit[], side: 'start' | 'end'): number {
  let shift = 0;
  for (const e of edits) {
    if (offset <= e.start) break;
    if (offset < e.end) return e.start + shift + (side === 'end' ? e.mask.length : 0);
    shift += e.mask.length - (e.end - e.start);
  }
  return offset + shift;
}

/**
 * Mask emails, phones, card numbers (Luhn-checked), account numbers and sort codes, UK postcodes, US ZIPs and street
 * addresses (house number + street name + suffix).
 */
export function redactText(text: string): string {
  return applyEdits(text, findEdits(text));
}

interface RedactedTurn {
  text: string;
  edits: Edit[];
}

/** Re-point a span and its quote at the redacted turn so `turn.text.slice(...span) === quote` still holds. */
function redactSpan(span: Span, quote: string, turn: RedactedTurn | undefined): { span: Span; quote: string } {
  if (!turn) return { span, quote: redactText(quote) };
  const start = mapOffset(span[0], turn.edits, 'start');
  const end = Math.max(start, mapOffset(span[1], turn.edits, 'end'));
  const mapped = turn.text.slice(start, end);
  if (mapped === redactText(quote) || turn.edits.length === 0) return { span: [start, end], quote: mapped };
  // The span no longer matched its quote before redaction: fall back to finding the redacted quote itself.
  const redactedQuote = redactText(quote);
  const at = turn.text.indexOf(redactedQuote);
  if (at >= 0) return { span: [at, at + redactedQuote.length], quote: redactedQuote };
  return { span: [start, end], quote: mapped };
}

function redactEvidence(ev: Evidence, turns: Map<number, RedactedTurn>): Evidence {
  const { span, quote } = redactSpan(ev.span, ev.quote, turns.get(ev.turn));
  return { ...ev, span, quote };
}

function redactFinding(f: Finding, turns: Map<number, RedactedTurn>): Finding {
  const { span, quote } = redactSpan(f.span, f.quote, turns.get(f.turn));
  const out: Finding = { ...f, span, quote, message: redactText(f.message) };
  if (f.evidence) out.evidence = f.evidence.map((ev) => redactEvidence(ev, turns));
  if (f.attributes) {
    out.attributes = Object.fromEntries(Object.entries(f.attributes).map(([k, v]) => [k, redactText(v)]));
  }
  return out;
}

function redactMissed(m: MissedMoment): MissedMoment {
  const out: MissedMoment = { ...m };
  if (m.customerQuote !== undefined) out.customerQuote = redactText(m.customerQuote);
  if (m.agentQuote !== undefined) out.agentQuote = redactText(m.agentQuote);
  return out;
}

export function redactCall(call: CallResult): CallResult {
  const redactedTurns = new Map<number, RedactedTurn>();
  const turns: Turn[] = call.turns.map((t) => {
    const edits = findEdits(t.text);
    const text = applyEdits(t.text, edits);
    redactedTurns.set(t.index, { text, edits });
    return { ...t, text };
  });
  return {
    ...call,
    turns,
    findings: call.findings.map((f) => redactFinding(f, redactedTurns)),
    agents: call.agents.map((part) => ({
      ...part,
      behaviours: Object.fromEntries(
        Object.entries(part.behaviours).map(([b, o]) => [
          b,
          { ...o, reason: redactText(o.reason), missed: o.missed.map(redactMissed) },
        ]),
      ) as typeof part.behaviours,
      penalties: part.penalties.map((p) => ({ ...p, reason: redactText(p.reason) })),
    })),
  };
}

/** A copy of the report with personal data masked in every quote, turn, evidence, missed moment and reason. */
export function redactReport(report: ScoreReport): ScoreReport {
  const problems = (list: ScoreReport['summary']['skippedInputs']) =>
    list.map((p) => ({ ...p, reason: redactText(p.reason) }));
  return {
    ...report,
    summary: {
      ...report.summary,
      skippedInputs: problems(report.summary.skippedInputs),
      failedInputs: problems(report.summary.failedInputs),
    },
    calls: (report.calls ?? []).map(redactCall),
  };
}
