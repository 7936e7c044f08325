// Follow-up promises as data (DESIGN §12): every after-call promise of a call as what / when / channel, with the
// timeframe normalised and, when the call has a date, resolved to a due date. Pure: no clock, the call date is
// the only reference point.
import { AFTER_CALL_ACTION, CHANNELS, TIMEFRAME } from './detectors/lexicons/follow-up-promise.js';
import type { CallResult, Finding } from './types.js';

export type Timeframe =
  | { kind: 'today' }
  | { kind: 'end-of-day' }
  | { kind: 'tomorrow' }
  | { kind: 'end-of-week' }
  | { kind: 'next-week' }
  | { kind: 'end-of-month' }
  | { kind: 'weekday'; value: string }
  | { kind: 'day-of-month'; day: number }
  | { kind: 'duration'; hours: number; businessDays?: true }
  | { kind: 'time'; value: string }
  | { kind: 'asap' };

export interface FollowUpPromise {
  callId: string;
  file: string;
  /** Call date (YYYY-MM-DD) when the transcript has one. */
  callDate?: string;
  agentId: string;
  turn: number;
  /** The sentence that holds the promise. */
  quote: string;
  /** What was promised, from the commitment onwards. */
  action: string;
  /** The timeframe as said ("by Friday"). */
  timeframe?: string;
  /** The timeframe normalised, when it has a known shape. */
  due?: Timeframe;
  /** ISO date the promise is due by, relative to the call date. */
  dueDate?: string;
  channel?: string;
  /** No timeframe and no channel: "I'll look into it". */
  vague: boolean;
  confidence: number;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const WEEKDAY = new RegExp(`\\b(${WEEKDAYS.join('|')})\\b`);
const NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  twelve: 12, 'twenty-four': 24, 'twenty four': 24, 'forty-eight': 48, 'forty eight': 48, 'seventy-two': 72,
  'seventy two': 72, 'a couple of': 2, eleven: 11, thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30,
};
/** The counts NUMBERS knows, longest first so "twenty-four" is not read as "twenty". */
const NUMBER_WORDS = Object.keys(NUMBERS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const COUNT = `(?:\\d+|${NUMBER_WORDS})`;
/** "within 24 hours", "in three to five working days" (the later bound is the deadline), "within a couple of days". */
const DURATION = new RegExp(
  `\\b(?:within|in) (?:the )?(?:next )?(?:${COUNT}\\s*(?:to|or|-)\\s*)?(${COUNT}) (business |working )?(minute|hour|day|week)s?\\b`,
);
/** "within the hour", "in an hour", "within the next half hour", "in half an hour". */
const HOUR = /\b(?:within|in) (?:the next |the |an? )?(?:(half)(?: an)? )?hour\b/;
/** "by the 24th", "on the 5th of June": TIMEFRAME reads "by the 24" as a clock time first. */
const ORDINAL_DAY = /\b(?:by|before|on|until|no later than) (?:the )?\d{1,2}(?:st|nd|rd|th)\b(?: of [a-z]+)?/;
const UNIT_HOURS: Record<string, number> = { minute: 1 / 60, hour: 1, day: 24, week: 168 };

/** A spoken timeframe → its normalised shape, or undefined when it has none we know ("in a few days"). */
export function normaliseTimeframe(raw: string): Timeframe | undefined {
  const t = raw.toLowerCase().replace(/[\u2019]/g, "'").replace(/\s+/g, ' ').trim();
  const hour = HOUR.exec(t);
  if (hour) return { kind: 'duration', hours: hour[1] === undefined ? 1 : 0.5 };
  const duration = DURATION.exec(t);
  if (duration) {
    const n = /^\d+$/.test(duration[1]!) ? Number(duration[1]) : NUMBERS[duration[1]!];
    if (n === undefined) return undefined;
    const business = duration[2] !== undefined && duration[3] === 'day';
    const hours = Math.round(n * UNIT_HOURS[duration[3]!]! * 100) / 100;
    return business ? { kind: 'duration', hours, businessDays: true } : { kind: 'duration', hours };
  }
  if (/\bend of (?:the )?(?:business )?day\b|\bclose of business\b|\bcob\b|\beod\b/.test(t)) return { kind: 'end-of-day' };
  if (/\bend of (?:the )?(?:this )?week\b|\bthis week\b/.test(t)) return { kind: 'end-of-week' };
  if (/\bend of (?:the )?month\b/.test(t)) return { kind: 'end-of-month' };
  if (/\bnext week\b/.test(t)) return { kind: 'next-week' };
  if (/\btomorrow\b/.test(t)) return { kind: 'tomorrow' };
  if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(t)) return { kind: 'today' };
  const weekday = WEEKDAY.exec(t);
  if (weekday) return { kind: 'weekday', value: weekday[1]! };
  const day = /\b(\d{1,2})(?:st|nd|rd|th)\b/.exec(t);
  if (day && Number(day[1]) >= 1 && Number(day[1]) <= 31) return { kind: 'day-of-month', day: Number(day[1]) };
  const clock = /\b(\d{1,2})(?::(\d{2}))?\s?(am|pm|o'clock)?\b/.exec(t);
  if (/\b(?:noon|midday)\b/.test(t)) return { kind: 'time', value: '12:00' };
  if (clock && /^(?:by|before|until|no later than) /.test(t)) {
    let hour = Number(clock[1]);
    if (clock[3] === 'pm' && hour < 12) hour += 12;
    if (clock[3] === 'am' && hour === 12) hour = 0;
    if (hour <= 23) return { kind: 'time', value: `${String(hour).padStart(2, '0')}:${clock[2] ?? '00'}` };
  }
  if (/\b(?:as soon as|asap|after (?:this|the) call)\b/.test(t)) return { kind: 'asap' };
  return undefined;
}

function parseDate(iso: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3]) ? undefined : d;
}

function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

function addBusinessDays(d: Date, n: number): Date {
  let out = d;
  for (let left = n; left > 0; ) {
    out = addDays(out, 1);
    if (out.getUTCDay() !== 0 && out.getUTCDay() !== 6) left--;
  }
  return out;
}

const FRIDAY = 5;

/**
 * The latest date (YYYY-MM-DD) that keeps the promise, counted from the call date: a weekday is its next
 * occurrence after the call, "end of the week" that week's Friday (the next one from a weekend), "next week" the
 * Friday after, a duration rounds up to whole days. Undefined for asap or a call without a date.
 */
export function dueDate(due: Timeframe, callDate: string): string | undefined {
  const day = parseDate(callDate);
  if (!day) return undefined;
  const weekday = day.getUTCDay();
  let out: Date | undefined;
  switch (due.kind) {
    case 'today':
    case 'end-of-day':
    case 'time':
      out = day;
      break;
    case 'tomorrow':
      out = addDays(day, 1);
      break;
    case 'end-of-week':
      out = addDays(day, (FRIDAY - weekday + 7) % 7);
      break;
    case 'next-week':
      // The Friday of the week (Monday to Sunday) after the call's week.
      out = addDays(day, FRIDAY - 1 - ((weekday + 6) % 7) + 7);
      break;
    case 'end-of-month':
      out = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0));
      break;
    case 'weekday': {
      const target = WEEKDAYS.indexOf(due.value as (typeof WEEKDAYS)[number]);
      out = addDays(day, (target - weekday + 7) % 7 || 7);
      break;
    }
    case 'day-of-month': {
      const year = day.getUTCFullYear();
      const month = day.getUTCMonth() + (due.day < day.getUTCDate() ? 1 : 0);
      // Clamp "the 31st" to the month's last day.
      const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      out = new Date(Date.UTC(year, month, Math.min(due.day, last)));
      break;
    }
    case 'duration':
      out = due.businessDays ? addBusinessDays(day, Math.ceil(due.hours / 24)) : addDays(day, Math.floor(due.hours / 24));
      break;
    case 'asap':
      out = undefined;
  }
  return out?.toISOString().slice(0, 10);
}

function agentOf(call: CallResult, f: Finding): string {
  return f.agentId ?? call.turns[f.turn]?.agentId ?? (call.agents.length === 1 ? call.agents[0]!.agentId : '(unknown)');
}

/** A commitment head that starts a promise of its own inside a sentence: "…, and I'll ring you tomorrow". */
const HEAD = /\b(?:i|we)(?:'ll| will| shall|(?:'m| am|'re| are) going to)\b/;
const CLAUSE_BREAK = /(?:[,;]\s*|\s+)(?:and|then|plus)\s+(?:then\s+|also\s+)?(?=(?:i|we)(?:'ll| will| shall|(?:'m| am|'re| are) going to)\b)/g;

/**
 * The timeframe said in a stretch of text, as said: the earliest of TIMEFRAME's and the shapes it misses ("within the
 * hour", "by the 24th"), the longest where two start together.
 */
export function findTimeframe(text: string): string | undefined {
  const lower = text.toLowerCase().replace(/\u2019/g, "'");
  let best: { index: number; length: number } | undefined;
  for (const re of [TIMEFRAME, HOUR, ORDINAL_DAY]) {
    const m = re.exec(lower);
    if (!m) continue;
    if (!best || m.index < best.index || (m.index === best.index && m[0].length > best.length)) best = { index: m.index, length: m[0].length };
  }
  return best && text.slice(best.index, best.index + best.length);
}

interface Clause {
  text: string;
  timeframe?: string;
  channel?: string;
}

/**
 * The promises one sentence holds: "I'll send a drying company out today, and I'll ring you tomorrow" is two, each with
 * its own timeframe and channel. A clause counts as a promise of its own only when it is specific (a timeframe, a
 * channel or an after-call action); a sentence with fewer than two such clauses is one promise.
 */
function clausesOf(quote: string, action: string | undefined): Clause[] {
  const lower = quote.toLowerCase().replace(/\u2019/g, "'");
  const cuts = [0];
  for (const m of lower.matchAll(CLAUSE_BREAK)) cuts.push(m.index! + m[0].length);
  if (cuts.length < 2) return [];
  const actionAt = action === undefined ? -1 : quote.indexOf(action);
  const clauses: Clause[] = [];
  cuts.forEach((start, i) => {
    const end = i + 1 < cuts.length ? cuts[i + 1]! : quote.length;
    const piece = lower.slice(start, end);
    const head = HEAD.exec(piece);
    const headAt = head ? start + head.index : actionAt >= start && actionAt < end ? actionAt : -1;
    if (headAt < 0) return;
    const text = quote.slice(headAt, end).replace(/(?:[,;]\s*|\s+)(?:and|then|plus)(?:\s+(?:then|also))?\s*$/i, '').trim();
    const clause: Clause = { text };
    const timeframe = findTimeframe(text);
    if (timeframe !== undefined) clause.timeframe = timeframe;
    const channel = CHANNELS.find(([, cue]) => cue.test(text.toLowerCase()))?.[0];
    if (channel !== undefined) clause.channel = channel;
    const rest = text.toLowerCase().slice(head ? head[0].length : 0);
    if (clause.timeframe !== undefined || clause.channel !== undefined || AFTER_CALL_ACTION.test(rest)) clauses.push(clause);
  });
  return clauses.length >= 2 ? clauses : [];
}

/** Every after-call promise of one call, in turn order; a sentence with two specific promises gives two. */
export function extractPromises(call: CallResult): FollowUpPromise[] {
  return call.findings
    .filter((f) => f.behaviour === 'follow-up-promise' && f.kind === 'after-call')
    .sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0])
    .flatMap((f) => {
      const attrs = f.attributes ?? {};
      const clauses = clausesOf(f.quote, attrs.action);
      if (clauses.length > 0) {
        return clauses.map((c) => promiseOf(call, f, { action: c.text, timeframe: c.timeframe, channel: c.channel, vague: c.timeframe === undefined && c.channel === undefined }));
      }
      // One promise: the detector's reading, with the timeframes its pattern misses ("within the hour", "by the 24th").
      let timeframe = attrs.timeframe;
      if (timeframe === undefined || normaliseTimeframe(timeframe) === undefined) timeframe = findTimeframe(f.quote) ?? timeframe;
      const vague = timeframe === undefined && attrs.channel === undefined;
      return [promiseOf(call, f, { action: attrs.action ?? f.quote, timeframe, channel: attrs.channel, vague })];
    });
}

function promiseOf(
  call: CallResult,
  f: Finding,
  what: { action: string; timeframe: string | undefined; channel: string | undefined; vague: boolean },
): FollowUpPromise {
  const due = what.timeframe === undefined ? undefined : normaliseTimeframe(what.timeframe);
  const date = due === undefined || call.date === undefined ? undefined : dueDate(due, call.date);
  // Built in the documented key order so JSON output reads the same for every promise.
  return {
    callId: call.transcriptId,
    file: call.file,
    ...(call.date !== undefined && { callDate: call.date }),
    agentId: agentOf(call, f),
    turn: f.turn,
    quote: f.quote,
    action: what.action,
    ...(what.timeframe !== undefined && { timeframe: what.timeframe }),
    ...(due !== undefined && { due }),
    ...(date !== undefined && { dueDate: date }),
    ...(what.channel !== undefined && { channel: what.channel }),
    vague: what.vague,
    confidence: f.confidence,
  };
}

/** The promises of every call kept in a report. */
export function extractAllPromises(calls: readonly CallResult[]): FollowUpPromise[] {
  return calls.flatMap(extractPromises);
}
