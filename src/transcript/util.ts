// Small helpers shared by the readers: names, slugs, timestamps, dates.
import { stripQuotedReplies } from './quoted-reply.js';

/** File name without directories and without its (last) extension; `x.json.gz` → `x`. */
export function baseName(file: string): string {
  const name = (file.split(/[\\/]/).pop() ?? file).replace(/(?<=.)\.gz$/i, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Lower-case id made of letters, digits, dots, underscores and hyphens ("Tom Nguyen" → "tom-nguyen"). */
export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
}

/**
 * Agent id implied by a file name: an `agent-<id>` segment (e.g. `agent-r.patel_call-7781.json` → `r.patel`),
 * else the slug of the whole name.
 */
export function agentIdFromFileName(file: string): string {
  return agentIdInFileName(file) ?? (slug(baseName(file)) || 'unknown-agent');
}

/** The id of an `agent-<id>` segment of a file name (a naming convention that states the agent), if there is one. */
export function agentIdInFileName(file: string): string | undefined {
  const match = /(?:^|[_\s])agent[-_=]([A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*?)(?:_|$)/i.exec(baseName(file));
  return match?.[1] ? match[1].toLowerCase() : undefined;
}

/**
 * The contact id in an Amazon Connect Contact Lens output file name: `<contact id>_analysis_<timestamp>.json`
 * (also `<contact id>_analysis_redacted_<timestamp>`), else undefined.
 */
export function contactIdFromFileName(file: string): string | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_analysis(?:_|$)/i.exec(baseName(file));
  return match?.[1]?.toLowerCase();
}

/** Id for a transcript that has none: the file's base name (plus a suffix when a file holds several). */
export function idFromFileName(file: string, suffix?: string | number): string {
  const base = baseName(file) || 'transcript';
  return suffix === undefined ? base : `${base}#${suffix}`;
}

/**
 * Seconds from `HH:MM:SS(.mmm)`, `MM:SS(.mmm)` (comma decimal separator accepted) or a plain number.
 * `unit: 'ms'` treats a plain number as milliseconds. Returns undefined when the value is not a time.
 */
export function parseTimestamp(value: string, unit: 's' | 'ms' = 's'): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (/^-?\d+(?:\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) return undefined;
    return unit === 'ms' ? n / 1000 : n;
  }
  const match = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,6}))?$/.exec(text);
  if (!match) return undefined;
  const [, h, m, s, frac] = match;
  const seconds = Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (frac ? Number(`0.${frac}`) : 0);
  return Math.round(seconds * 1000) / 1000;
}

/** ISO `YYYY-MM-DD` for a date-like value, or undefined. */
export function normaliseDate(value: string): string | undefined {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(text);
  if (iso) {
    const [, y, m, d] = iso;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCMonth() + 1 === Number(m) && date.getUTCDate() === Number(d)) return `${y}-${m}-${d}`;
    return undefined;
  }
  if (!/\d{4}/.test(text)) return undefined;
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return undefined;
  return new Date(parsed).toISOString().slice(0, 10);
}

/** Splits text into lines, accepting LF, CRLF and CR; strips a leading BOM. */
export function splitLines(text: string): string[] {
  return stripBom(text).split(/\r\n|\n|\r/);
}

/** The first `count` lines of `text` that are not blank, as splitLines would give them, without splitting the rest. */
export function firstNonBlankLines(text: string, count: number): string[] {
  const body = stripBom(text);
  const out: string[] = [];
  let start = 0;
  while (out.length < count && start <= body.length) {
    let end = start;
    while (end < body.length && body.charCodeAt(end) !== 10 && body.charCodeAt(end) !== 13) end++;
    const line = body.slice(start, end);
    if (line.trim() !== '') out.push(line);
    if (end >= body.length) break;
    start = end + (body.charCodeAt(end) === 13 && body.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return out;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Collapses runs of whitespace (turn text is single-line prose), after dropping an e-mail's quoted earlier messages. */
export function cleanText(text: string): string {
  // Most turns are already clean: skip the replace (the largest cost of reading a text file) when it would change
  // nothing but the ends.
  if (!MESSY_SPACE.test(text)) return text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32 ? text.trim() : text;
  return stripQuotedReplies(text).replace(/\s+/g, ' ').trim();
}

/** Whitespace other than a single space: what cleanText has to collapse. */
const MESSY_SPACE = /[^\S ]| {2}/;

/**
 * Redaction tokens vendors put in place of personal data: `[PII]`, `[NAME]`, `[REDACTED]`, `[CREDIT_CARD]`,
 * `<PII>`, `****`. They stay in the text as opaque tokens; readers never take one for a speaker name.
 */
export const REDACTION_TOKEN = /\[(?:[A-Z][A-Z0-9_ -]{0,30}[A-Z0-9]|PII)\]|<(?:PII|REDACTED|[A-Z][A-Z0-9_]{1,30})>|\*{3,}/;

/** True when the whole value is one redaction token (a masked speaker name, say). */
export function isRedactionToken(value: string): boolean {
  const m = REDACTION_TOKEN.exec(value.trim());
  return m !== null && m[0] === value.trim();
}
