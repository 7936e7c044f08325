// Scripted or overused empathy (DESIGN §12): per group, near-identical empathy statements across calls and
// apologies that no action follows.
//
// Mergeable like the rest of the accumulator: a ScriptedTally is plain JSON of counts keyed by the normalised
// statement, bounded to MAX_STATEMENTS distinct keys per group. Merging sums the counts key by key and then evicts
// the rarest keys (fewest calls, then fewest uses, then key order), so merge(a, b) = merge(b, a) always, and the
// result does not depend on merge order while nothing is evicted. Clustering of similar keys happens only at
// finalize time, so partial results never need to agree on clusters.
import { redactText } from '../redact.js';
import type { CallResult, Finding, ScriptedSummary } from '../types.js';

/** Kinds whose statements count as "empathy statements". Courtesy openings and closings are meant to be scripted. */
export const STATEMENT_KINDS: Readonly<Record<string, readonly string[]>> = {
  acknowledgement: ['validation', 'sympathy'],
  apology: ['ownership', 'inconvenience'],
  appreciation: ['patience', 'loyalty', 'information'],
};
/** Apology kinds that are expected to come with an action. */
const ACTIONABLE_APOLOGY = ['ownership', 'inconvenience'];

/** Token-set (Jaccard) similarity at or above this puts two statements in one cluster. */
export const SIMILARITY = 0.8;
/** A cluster used in at least this many calls is scripted. */
export const SCRIPTED_MIN_CALLS = 3;
/** Distinct normalised statements kept per group; rarer ones are evicted. */
export const MAX_STATEMENTS = 200;
/** Statements shorter than this (normalised tokens) are too short to read as a script ("thanks so much"). */
export const MIN_TOKENS = 3;
/** Agent turns after the apology turn in which an action must appear. */
export const ACTION_WITHIN_TURNS = 2;
/** Phrases listed per group. */
const PHRASES_SHOWN = 5;

export interface StatementTally {
  /** A readable original wording (the lexically smallest seen, redacted), so merges commute. */
  text: string;
  /** Times said. */
  count: number;
  /** Calls it was said in. */
  calls: number;
}

export interface ScriptedTally {
  /** Empathy statements of at least MIN_TOKENS tokens. */
  statements: number;
  apologies: number;
  apologiesWithoutAction: number;
  /** Statements whose key was evicted (still in `statements`). */
  evicted: number;
  phrases: Record<string, StatementTally>;
}

export function emptyScriptedTally(): ScriptedTally {
  return { statements: 0, apologies: 0, apologiesWithoutAction: 0, evicted: 0, phrases: {} };
}

const FILLERS = new Set([
  'um', 'uh', 'er', 'erm', 'uhm', 'hmm', 'ah', 'oh', 'well', 'so', 'just', 'really', 'very', 'truly', 'terribly',
  'awfully', 'extremely', 'genuinely', 'sincerely', 'deeply', 'actually', 'basically', 'okay', 'ok', 'right',
]);
const NUMBER_WORDS =
  /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|first|second|third|fourth|fifth)$/;
const TITLES = /^(?:mr|mrs|ms|miss|mx|dr|sir|madam)$/;

/**
 * The comparable form of a statement: lower-case, no punctuation or fillers ("um", "really", "just"), numbers as
 * `#`, names (capitalised words inside a sentence, words after Mr/Mrs/…) as `<name>`.
 */
export function normaliseStatement(text: string): string {
  const words = text.replace(/[\u2018\u2019\u02bc]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*|[.!?]/gu) ?? [];
  const out: string[] = [];
  let sentenceStart = true;
  let afterTitle = false;
  for (const word of words) {
    if (/^[.!?]$/.test(word)) {
      sentenceStart = true;
      continue;
    }
    const lower = word.toLowerCase();
    let token = lower;
    if (/\d/.test(word) || NUMBER_WORDS.test(lower)) token = '#';
    else if (afterTitle || (!sentenceStart && /^\p{Lu}/u.test(word) && lower !== 'i' && !lower.startsWith("i'"))) token = '<name>';
    afterTitle = TITLES.test(lower);
    sentenceStart = false;
    if (FILLERS.has(token)) continue;
    if (token !== out[out.length - 1] || token === '#') out.push(token); // "sorry sorry" is one word said twice
  }
  return out.join(' ');
}

/** Jaccard similarity of the token sets of two normalised statements. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = tokenSet(a);
  const y = tokenSet(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * A statement's token set, kept for the statements met again: clustering compares each key with every cluster's head,
 * and repeat credit each statement with the earlier ones, so the same few keys were split into sets over and over.
 */
const tokenSets = new Map<string, ReadonlySet<string>>();
const TOKEN_SET_CACHE_SIZE = 20000;

function tokenSet(statement: string): ReadonlySet<string> {
  let set = tokenSets.get(statement);
  if (set === undefined) {
    set = new Set(statement.split(' ').filter(Boolean));
    if (tokenSets.size >= TOKEN_SET_CACHE_SIZE) tokenSets.clear();
    tokenSets.set(statement, set);
  }
  return set;
}

/** "I've refunded", "I'm raising", "we'll send", "let me book": an action taken or committed to. */
const ACTION =
  /\b(?:i(?:'ve| have)|we(?:'ve| have)|i(?:'m| am)|we(?:'re| are)|i(?:'ll| will)|we(?:'ll| will)|let me|i can|i've just|i just|i'm going to|i am going to)\s+(?:just\s+|now\s+|already\s+|gone ahead and\s+|go ahead and\s+)?(?:refund|rais|sen[dt]|book|cancel|credit|escalat|fix|reset|arrang|updat|process|issu|schedul|logg?|chang|waiv|replac|order|add|remov|correct|revers|appl|restor|reinstat|reconnect|dispatch|ship|compensat|put (?:in|through)|submit|flag|sort)/i;

function agentOfTurn(call: CallResult, turn: number): string | undefined {
  const t = call.turns[turn];
  if (!t || t.role !== 'agent') return undefined;
  return t.agentId ?? (call.agents.length === 1 ? call.agents[0]!.agentId : undefined);
}

/** Whether an action follows an apology: later in its turn or in the agent's next ACTION_WITHIN_TURNS turns. */
export function apologyHasAction(call: CallResult, apology: Finding): boolean {
  const agent = agentOfTurn(call, apology.turn);
  const turns = [apology.turn];
  for (let i = apology.turn + 1; i < call.turns.length && turns.length <= ACTION_WITHIN_TURNS; i++) {
    if (call.turns[i]!.role === 'agent' && agentOfTurn(call, i) === agent) turns.push(i);
  }
  const promises = promiseTurns(call);
  if (turns.some((i) => promises.has(i))) return true;
  return turns.some((i) => {
    const text = call.turns[i]!.text;
    const from = i === apology.turn ? apology.span[0] : 0;
    // A bounded window: a 5 MB turn full of apologies must not be rescanned to its end for each one.
    return ACTION.test(text.slice(from, from + ACTION_WINDOW_CHARS));
  });
}

/** How far after an apology (or into a following turn) an action is looked for. */
const ACTION_WINDOW_CHARS = 2000;

const promiseTurnCache = new WeakMap<CallResult, Set<number>>();

/** Turns with a follow-up promise, computed once per call (not once per apology). */
function promiseTurns(call: CallResult): Set<number> {
  let turns = promiseTurnCache.get(call);
  if (!turns) {
    turns = new Set(call.findings.filter((f) => f.behaviour === 'follow-up-promise').map((f) => f.turn));
    promiseTurnCache.set(call, turns);
  }
  return turns;
}

function isStatement(f: Finding): boolean {
  return STATEMENT_KINDS[f.behaviour]?.includes(f.kind) ?? false;
}

/** One call's part of a ScriptedTally: what addScriptedCall adds, computed apart so a worker can do the costly part. */
export interface ScriptedContribution {
  statements: number;
  apologies: number;
  apologiesWithoutAction: number;
  /** [normalised key, redacted wording, times said in this call], in first-seen order. */
  phrases: [string, string, number][];
}

/** The statements by `agentId` (every agent when undefined) in one call: normalising and redacting happen here. */
export function scriptedContribution(call: CallResult, agentId?: string): ScriptedContribution {
  const out: ScriptedContribution = { statements: 0, apologies: 0, apologiesWithoutAction: 0, phrases: [] };
  const inCall = new Map<string, { text: string; count: number }>();
  for (const f of call.findings) {
    if (agentId !== undefined && agentOfTurn(call, f.turn) !== agentId) continue;
    if (f.behaviour === 'apology' && ACTIONABLE_APOLOGY.includes(f.kind)) {
      out.apologies++;
      if (!apologyHasAction(call, f)) out.apologiesWithoutAction++;
    }
    if (!isStatement(f)) continue;
    const { key, text } = statementOf(f.quote);
    if (key.split(' ').length < MIN_TOKENS) continue;
    out.statements++;
    const seen = inCall.get(key);
    if (seen) {
      seen.count++;
      if (text < seen.text) seen.text = text;
    } else inCall.set(key, { text, count: 1 });
  }
  for (const [key, { text, count }] of inCall) out.phrases.push([key, text, count]);
  return out;
}

/** Statements repeat across calls (that is what this module looks for): their key and wording are worked out once. */
const statementCache = new Map<string, { key: string; text: string }>();
const STATEMENT_CACHE_SIZE = 20000;

function statementOf(quote: string): { key: string; text: string } {
  let entry = statementCache.get(quote);
  if (entry === undefined) {
    entry = { key: normaliseStatement(quote), text: redactText(quote.replace(/\s+/g, ' ').trim()) };
    if (statementCache.size >= STATEMENT_CACHE_SIZE) statementCache.clear();
    statementCache.set(quote, entry);
  }
  return entry;
}

/** Adds a call's contribution to the tally (mutates): counts sum, rare keys are evicted. */
export function addScriptedContribution(tally: ScriptedTally, contribution: ScriptedContribution): ScriptedTally {
  tally.statements += contribution.statements;
  tally.apologies += contribution.apologies;
  tally.apologiesWithoutAction += contribution.apologiesWithoutAction;
  for (const [key, text, count] of contribution.phrases) {
    const entry = tally.phrases[key];
    if (entry) {
      entry.count += count;
      entry.calls += 1;
      if (text < entry.text) entry.text = text;
    } else tally.phrases[key] = { text, count, calls: 1 };
  }
  return evictRare(tally);
}

/** Adds one call's statements by `agentId` (every agent when undefined) to the tally (mutates). */
export function addScriptedCall(tally: ScriptedTally, call: CallResult, agentId?: string): ScriptedTally {
  return addScriptedContribution(tally, scriptedContribution(call, agentId));
}

function byFrequency([ka, a]: [string, StatementTally], [kb, b]: [string, StatementTally]): number {
  return b.calls - a.calls || b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

/** Keeps the MAX_STATEMENTS most frequent keys (mutates); a statement's count moves to `evicted`. */
function evictRare(tally: ScriptedTally, limit = MAX_STATEMENTS): ScriptedTally {
  const entries = Object.entries(tally.phrases);
  if (entries.length <= limit) return tally;
  for (const [key, entry] of rarest(entries, entries.length - limit)) {
    tally.evicted += entry.count;
    delete tally.phrases[key];
  }
  return tally;
}

/** Past this many, sorting is cheaper than picking the rarest one at a time. */
const PICK_AT_MOST = 8;

/**
 * The `count` entries that sort last by byFrequency (a total order: keys differ), i.e. `entries.sort(byFrequency)
 * .slice(-count)` as a set. A tally at its limit gains a few keys per call: picking those few is linear, where sorting
 * every entry again for each call was the scripted tally's largest cost. Reorders `entries`.
 */
export function rarest(entries: [string, StatementTally][], count: number): [string, StatementTally][] {
  if (count > PICK_AT_MOST) return entries.sort(byFrequency).slice(entries.length - count);
  const out: [string, StatementTally][] = [];
  for (let k = 0; k < count && entries.length > 0; k++) {
    let worst = 0;
    for (let i = 1; i < entries.length; i++) if (byFrequency(entries[i]!, entries[worst]!) > 0) worst = i;
    out.push(entries[worst]!);
    entries[worst] = entries[entries.length - 1]!;
    entries.pop();
  }
  return out;
}

/** Pure and commutative; associative while neither side needs eviction. `limit` is for tests. */
export function mergeScriptedTallies(a: ScriptedTally, b: ScriptedTally, limit = MAX_STATEMENTS): ScriptedTally {
  const out: ScriptedTally = {
    statements: a.statements + b.statements,
    apologies: a.apologies + b.apologies,
    apologiesWithoutAction: a.apologiesWithoutAction + b.apologiesWithoutAction,
    evicted: a.evicted + b.evicted,
    phrases: {},
  };
  const keys = [...new Set([...Object.keys(a.phrases), ...Object.keys(b.phrases)])].sort();
  for (const key of keys) {
    const x = a.phrases[key];
    const y = b.phrases[key];
    out.phrases[key] =
      x && y
        ? { text: x.text < y.text ? x.text : y.text, count: x.count + y.count, calls: x.calls + y.calls }
        : { ...(x ?? y)! };
  }
  return evictRare(out, limit);
}

export interface StatementCluster {
  /** Normalised keys in the cluster, most frequent first. */
  keys: string[];
  text: string;
  count: number;
  calls: number;
}

/** Greedy clustering, most frequent statement first: each joins the first cluster whose head is similar enough. */
export function clusterStatements(phrases: Record<string, StatementTally>, threshold = SIMILARITY): StatementCluster[] {
  const clusters: StatementCluster[] = [];
  for (const [key, entry] of Object.entries(phrases).sort(byFrequency)) {
    const home = clusters.find((c) => similarity(c.keys[0]!, key) >= threshold);
    if (home) {
      home.keys.push(key);
      home.count += entry.count;
      home.calls += entry.calls;
    } else clusters.push({ keys: [key], text: entry.text, count: entry.count, calls: entry.calls });
  }
  return clusters;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The group's scripted summary; `totalCalls` is the group's call count. */
export function finalizeScripted(tally: ScriptedTally, totalCalls: number): ScriptedSummary {
  // Variants of one cluster said in the same call count that call twice: cap at the group's calls.
  const scripted = clusterStatements(tally.phrases)
    .map((c) => ({ ...c, calls: Math.min(c.calls, totalCalls) }))
    .filter((c) => c.calls >= SCRIPTED_MIN_CALLS)
    .sort((a, b) => b.calls - a.calls || b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const repeated = scripted.reduce((s, c) => s + c.count, 0);
  return {
    share: tally.statements > 0 ? round3(repeated / tally.statements) : 0,
    phrases: scripted.slice(0, PHRASES_SHOWN).map((c) => ({ text: c.text, calls: c.calls, totalCalls })),
    apologiesWithoutAction: tally.apologiesWithoutAction,
    statements: tally.statements,
    apologies: tally.apologies,
  };
}

/** Share of statements at or above which a group "sounds scripted". */
export const SCRIPTED_SHARE = 0.5;
/** …or one phrase in at least this share of at least PHRASE_MIN_CALLS calls. */
export const PHRASE_CALL_SHARE = 0.8;
export const PHRASE_MIN_CALLS = 5;

/** Whether coaches should see "sounds scripted" for a group. */
export function soundsScripted(s: ScriptedSummary | undefined): boolean {
  if (!s || s.phrases.length === 0) return false;
  return (
    s.share >= SCRIPTED_SHARE ||
    s.phrases.some((p) => p.totalCalls >= PHRASE_MIN_CALLS && p.calls >= PHRASE_CALL_SHARE * p.totalCalls)
  );
}
