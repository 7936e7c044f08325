// Social and chat threads in a CSV export (issue 21): `--thread-by in_response_to_tweet_id` rebuilds conversations
// from reply-to ids (a row whose parent is in the file joins the parent's call), orders each by its timestamp column,
// decodes HTML entities, splits leading @handles and trailing signatures (`^MM`, `/AY`, `- Mike`) off the text and,
// with `--agent-from-signature`, names the agent by the signature. Shaped on the public "Customer Support on Twitter"
// dataset (tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id).
//
// It works on rows already parsed by the CSV reader (which only hands them over), so how the reader gets its rows
// (whole file or streamed) does not matter here: a thread needs every row of the file before it is complete.
import type { InputProblem } from '../types.js';
import { InputError } from './input-error.js';
import { buildTranscript, roleFromLabel, type CallHeader, type RawTurn } from './roles.js';
import type { ReadContext, ReadOutput } from './readers/types.js';
import { cleanText } from './util.js';

export interface ParsedRow {
  record: string[];
  /** 1-based line the row starts on. */
  line: number;
  /** The record's number as the CSV reader counts it in messages. */
  row: number;
}

type ThreadField = 'id' | 'parent' | 'text' | 'author' | 'inbound' | 'role' | 'timestamp';

const THREAD_COLUMNS: Record<Exclude<ThreadField, 'parent'>, string[]> = {
  id: ['tweet_id', 'id', 'message_id', 'post_id', 'status_id', 'comment_id'],
  text: ['text', 'message', 'content', 'body', 'utterance', 'transcript'],
  author: ['author_id', 'author', 'screen_name', 'user', 'user_id', 'username', 'from', 'sender', 'speaker'],
  inbound: ['inbound', 'is_inbound', 'incoming'],
  role: ['role', 'participant_role', 'speaker_role'],
  timestamp: ['created_at', 'timestamp', 'time', 'date', 'datetime', 'sent_at', 'posted_at'],
};

/** `--columns` keys that name thread columns. */
const OPTION_KEYS: Record<string, ThreadField> = {
  id: 'id', text: 'text', role: 'author', speaker: 'author', author: 'author', inbound: 'inbound', timestamp: 'timestamp', start: 'timestamp',
};

const normaliseName = (name: string): string => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/**
 * Epoch milliseconds of an absolute timestamp: ISO 8601 (`2017-10-11T06:55:44Z`, with an offset or none = UTC),
 * `YYYY-MM-DD HH:MM:SS` (UTC) or Twitter's `Wed Oct 11 06:55:44 +0000 2017`. Undefined for anything else.
 */
export function parseAbsoluteTime(value: string): number | undefined {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = iso;
    return utc(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(`0.${frac}`) * 1000, zone);
  }
  const twitter = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-]\d{4})\s+(\d{4})$/.exec(text);
  if (twitter) {
    const [, mon, d, h, mi, s, zone, y] = twitter;
    const month = MONTHS[mon!.toLowerCase()];
    if (month === undefined) return undefined;
    return utc(Number(y), month, Number(d), Number(h), Number(mi), Number(s), 0, zone);
  }
  return undefined;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string | undefined): number | undefined {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo, d, h, mi, s, ms);
  const date = new Date(t);
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo) return undefined;
  if (zone === undefined || /^z$/i.test(zone)) return t;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offset = (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return m[1] === '+' ? t - offset : t + offset;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', pound: '£', euro: '€', copy: '©', reg: '®', trade: '™',
};

/** `&amp;` `&lt;` `&#39;` `&#x1F600;` … decoded once (so `&amp;lt;` is `&lt;`, as the author typed it). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** Trailing agent signatures: `^MM`, `^JS`, `/AY`, `- Mike`, `-Mike`, `~Sarah`, `*TW`. */
const SIGNATURE = /\s(?:\^\s?([A-Z][A-Za-z]{0,3})|\/\s?([A-Z]{2,4})|[-–—~]\s?([A-Z][a-z]{1,15}(?: [A-Z]\.?)?)|\*([A-Z]{2,4}))\s*$/;
/** Leading @handles (the people a reply is addressed to). */
const LEADING_HANDLES = /^(?:@[A-Za-z0-9_]{1,30}[\s,:]*)+/;

/** Text with entities decoded, leading @handles split off, and (when `signed`) a trailing signature split off. */
export function splitSocialText(raw: string, signed: boolean): { text: string; handles: string[]; signature?: string } {
  let text = cleanText(decodeEntities(raw));
  const lead = LEADING_HANDLES.exec(text);
  const handles = lead ? [...lead[0].matchAll(/@([A-Za-z0-9_]+)/g)].map((m) => m[1]!) : [];
  if (lead && lead[0].length < text.length) text = text.slice(lead[0].length).trim();
  if (!signed) return { text, handles };
  const sig = SIGNATURE.exec(` ${text}`);
  if (!sig) return { text, handles };
  const signature = (sig[1] ?? sig[2] ?? sig[3] ?? sig[4])!;
  const rest = ` ${text}`.slice(0, sig.index).trim();
  return rest === '' ? { text, handles } : { text: rest, handles, signature };
}

/** Ids as exported: a numeric id written as a float by a spreadsheet or pandas ("110.0") is the id "110". */
function postId(value: string): string {
  return /^\d+\.0+$/.test(value) ? value.slice(0, value.indexOf('.')) : value;
}

const TRUE = new Set(['true', 't', '1', 'yes', 'y']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n']);

interface Post {
  row: ParsedRow;
  id: string;
  parent: string;
  time?: number;
  turn: RawTurn;
  /** Company handle of an agent post (its author). */
  company?: string;
}

/**
 * Reads threaded rows into one call per thread. `header` is the CSV header row, `rows` the data rows; problems are
 * per row (file:line), a missing --thread-by column is an InputError on line 1.
 */
export function readThreads(header: string[], rows: readonly ParsedRow[], ctx: ReadContext): ReadOutput {
  const threadBy = ctx.options.threadBy!;
  const columns = mapThreadColumns(header, threadBy, ctx);
  const signed = ctx.options.agentFromSignature === true;
  const problems: InputProblem[] = [];
  const warnings: string[] = [];
  const posts: Post[] = [];
  const byId = new Map<string, Post>();
  let unsigned = 0;
  let badTimes = 0;
  let firstBadTime: string | undefined;

  for (const row of rows) {
    const cell = (field: ThreadField): string => {
      const index = columns[field];
      return index === undefined ? '' : (row.record[index] ?? '').trim();
    };
    if (row.record.every((c) => c.trim() === '')) continue;
    const where = `row ${row.row}`;
    const id = postId(cell('id'));
    if (id === '') {
      problems.push({ file: ctx.file, line: row.line, reason: `${where}: missing id in column "${header[columns.id!]}"` });
      continue;
    }
    const author = cell('author');
    const inboundCell = cell('inbound').toLowerCase();
    const inbound = TRUE.has(inboundCell) ? true : FALSE.has(inboundCell) ? false : undefined;
    if (columns.inbound !== undefined && inbound === undefined && inboundCell !== '') {
      problems.push({ file: ctx.file, line: row.line, reason: `${where}: "${cell('inbound')}" in column "${header[columns.inbound]}" is not True or False` });
      continue;
    }
    const stated = inbound === true ? 'customer' : inbound === false ? 'agent' : (roleFromLabel(cell('role')) ?? undefined);
    // Signatures are split off agent posts only: a customer's "- Jo" is part of what they wrote.
    const split = splitSocialText(cell('text'), signed && stated === 'agent');
    if (split.text === '') {
      problems.push({ file: ctx.file, line: row.line, reason: `${where}: missing text in column "${header[columns.text!]}"` });
      continue;
    }
    if (author === '' && stated === undefined) {
      problems.push({ file: ctx.file, line: row.line, reason: `${where}: missing author in column "${header[columns.author!]}"` });
      continue;
    }
    const turn: RawTurn = { speaker: author || stated!, text: split.text };
    if (stated) turn.role = stated;
    const post: Post = { row, id, parent: postId(cell('parent')), turn };
    if (stated === 'agent' && author !== '') {
      post.company = author;
      // The company handle is the agent unless the signature names the person who wrote the reply.
      turn.agentId = split.signature !== undefined ? `${split.signature}@${author}` : author;
      if (signed && split.signature === undefined) unsigned++;
    }
    const stamp = cell('timestamp');
    if (stamp !== '') {
      const time = parseAbsoluteTime(stamp);
      if (time === undefined) {
        badTimes++;
        firstBadTime ??= `${ctx.file}:${row.line}: ${where}: "${stamp}"`;
      } else post.time = time;
    }
    if (byId.has(id)) {
      problems.push({ file: ctx.file, line: row.line, reason: `${where}: id "${id}" is already on row ${byId.get(id)!.row.row}` });
      continue;
    }
    byId.set(id, post);
    posts.push(post);
  }

  // Each post joins the call of its oldest ancestor in the file; memoised, and a reply loop ends the walk.
  const rootOf = new Map<string, string>();
  const findRoot = (post: Post): string => {
    const chain: Post[] = [];
    const seen = new Set<string>();
    let at: Post = post;
    let root: string | undefined;
    for (;;) {
      const known = rootOf.get(at.id);
      if (known !== undefined) {
        root = known;
        break;
      }
      chain.push(at);
      seen.add(at.id);
      const parent = at.parent === '' ? undefined : byId.get(at.parent);
      if (parent === undefined) {
        root = at.id;
        break;
      }
      if (seen.has(parent.id)) {
        root = chain[0]!.id; // a reply loop: the call is named by the post the walk started from
        break;
      }
      at = parent;
    }
    for (const p of chain) rootOf.set(p.id, root);
    return root;
  };
  const threads = new Map<string, Post[]>();
  for (const post of posts) {
    const root = findRoot(post);
    let list = threads.get(root);
    if (!list) threads.set(root, (list = []));
    list.push(post);
  }

  const transcripts = [];
  for (const [root, list] of threads) {
    // Timestamp order; posts without one keep their place after their parent (file order breaks ties).
    const depth = (p: Post): number => {
      let d = 0;
      for (let at = p; at.parent !== '' && byId.has(at.parent) && rootOf.get(at.parent) === root && d < list.length; d++) at = byId.get(at.parent)!;
      return d;
    };
    const timed = list.every((p) => p.time !== undefined);
    const ordered = list
      .map((p, i) => ({ p, i, d: timed ? 0 : depth(p) }))
      .sort((a, b) => (timed ? a.p.time! - b.p.time! : a.d - b.d) || a.i - b.i)
      .map((x) => x.p);
    const origin = ordered.find((p) => p.time !== undefined)?.time;
    const turns = ordered.map((p) => {
      if (origin !== undefined && p.time !== undefined) p.turn.start = (p.time - origin) / 1000;
      return p.turn;
    });
    const first = byId.get(root)!;
    const header: CallHeader = { id: root, line: first.row.line, channel: 'social' };
    if (origin !== undefined) header.date = new Date(origin).toISOString().slice(0, 10);
    const company = ordered.find((p) => p.company !== undefined)?.company;
    if (company !== undefined) header.team = company;
    const built = buildTranscript(header, turns, ctx);
    transcripts.push(built.transcript);
    warnings.push(...built.warnings);
  }
  if (badTimes > 0) {
    warnings.push(
      `${firstBadTime} is not a timestamp (expected ISO 8601, YYYY-MM-DD HH:MM:SS or Twitter's "Wed Oct 11 06:55:44 +0000 2017")` +
        `${badTimes > 1 ? `; ${badTimes} rows like it` : ''}: their thread keeps reply order`,
    );
  }
  if (unsigned > 0) {
    warnings.push(`${ctx.file}: ${unsigned} agent post(s) carry no signature (^MM, /AY, - Mike): their agent id is the company handle`);
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { transcripts, problems, warnings };
}

function mapThreadColumns(header: string[], threadBy: string, ctx: ReadContext): Partial<Record<ThreadField, number>> {
  const names = header.map(normaliseName);
  const result: Partial<Record<ThreadField, number>> = {};
  const parent = names.indexOf(normaliseName(threadBy));
  if (parent < 0) throw new InputError(ctx.file, `--thread-by ${threadBy}: no column "${threadBy}" in the header (${header.join(', ')})`, 1);
  result.parent = parent;
  for (const [key, column] of Object.entries(ctx.options.columns ?? {})) {
    const field = OPTION_KEYS[normaliseName(key)];
    if (!field) continue; // call_id, agent_id… mean nothing for threads: the thread is the call
    const index = names.indexOf(normaliseName(column));
    if (index < 0) throw new InputError(ctx.file, `--columns ${key}=${column}: no column "${column}" in the header (${header.join(', ')})`, 1);
    result[field] = index;
  }
  const taken = new Set(Object.values(result));
  for (const field of Object.keys(THREAD_COLUMNS) as Array<keyof typeof THREAD_COLUMNS>) {
    if (result[field] !== undefined) continue;
    const index = THREAD_COLUMNS[field].map((c) => names.indexOf(c)).find((i) => i >= 0 && !taken.has(i));
    if (index !== undefined) {
      result[field] = index;
      taken.add(index);
    }
  }
  const need = (field: keyof typeof THREAD_COLUMNS, what: string): void => {
    if (result[field] === undefined) {
      throw new InputError(ctx.file, `--thread-by: no ${what} column in the header (expected one of ${THREAD_COLUMNS[field].join(', ')}, or --columns ${field}=<name>)`, 1);
    }
  };
  need('id', 'post id');
  need('text', 'text');
  if (result.inbound === undefined && result.role === undefined) need('author', 'author');
  return result;
}
