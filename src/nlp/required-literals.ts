// Required literals of a lexicon pattern: strings one of which every match must contain ("sorry" for
// "(?:i'm |so )*sorry (?:to hear|for)"). A turn holding none of them cannot match, so the matcher skips the pattern
// without running it: a substring search is far cheaper than a big regex that V8 cannot scan ahead for.
//
// The parser covers the regex syntax lexicon patterns use (groups, alternation, quantifiers, classes, escapes,
// lookarounds); anything else gives no literals, which only means the pattern is always run.

import { gateKey, loadBranchCache, loadLiteralCache, memoised, readGateTables } from './literal-cache.js';

/** What a node of the pattern can match, as far as literals go. */
interface Info {
  /** Every string the node can match, when that is a small finite set; undefined otherwise. */
  exact: Set<string> | undefined;
  /** Strings one of which every match contains; undefined when nothing is known. */
  required: Set<string> | undefined;
}

const MAX_EXACT = 24;
/** Shorter literals would pass nearly every turn: not worth the check. */
const MIN_LITERAL = 3;

class Unsupported extends Error {}

const literalMemo = memoised<string[]>(loadLiteralCache, analyse, (literals) => [...literals]);

/** The literals one of which every match of `pattern` contains, or undefined when none can be derived. */
export function requiredLiterals(pattern: string): string[] | undefined {
  return literalMemo.get(pattern);
}

/** Every pattern analysed (or read from the cache) so far, with its literals: what the build stores. */
export function analysedPatterns(): IterableIterator<[string, readonly string[] | null]> {
  return literalMemo.entries();
}

function analyse(pattern: string): string[] | undefined {
  try {
    const parser = new Parser(pattern);
    const info = parser.alternation();
    if (parser.pos !== pattern.length) return undefined;
    const best = choose(info);
    return best ? [...best].sort() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A top-level alternative of a pattern (`source`, its text) and its gate: literal sets that every match of the
 * alternative contains one of each (all of them must occur in a text the alternative matches). No sets: ungated.
 */
export interface BranchGate {
  source: string;
  gates: string[][];
}

/** How many literal sets a branch's gate requires at most (more rarely reject more and cost slots). */
const MAX_BRANCH_SETS = 2;

/**
 * The pattern's top-level alternatives, each with its own gate: where a whole-pattern gate passes any text holding a
 * literal of any alternative, a text passes only the alternatives it holds literals of, and an alternative that
 * cannot match anywhere in a text can be left out of the regex run on it without changing a single match. A
 * branch's gate may require two literal sets taken from parts of the branch that do not overlap ("can't" and
 * "work" for "can't (?:\\w+ )?work"). Undefined when the pattern is not understood (it is then run whole, ungated).
 */
export function branchGates(pattern: string): BranchGate[] | undefined {
  return branchMemo.get(pattern);
}

const branchMemo = memoised<BranchGate[]>(loadBranchCache, analyseBranches, (branches) =>
  branches.map((b) => ({ source: b.source, gates: b.gates.map((g) => [...g]) })),
);

/** Every pattern whose branches were worked out (or read from the cache) so far: what the build stores. */
export function analysedBranches(): IterableIterator<[string, readonly BranchGate[] | null]> {
  return branchMemo.entries();
}

function analyseBranches(pattern: string): BranchGate[] | undefined {
  try {
    const parser = new Parser(pattern);
    const branches: BranchGate[] = [];
    let start = 0;
    for (;;) {
      const considered: Considered[] = [];
      parser.considered = considered;
      parser.sequence();
      branches.push({ source: pattern.slice(start, parser.pos), gates: conjunction(considered) });
      if (pattern[parser.pos] !== '|') break;
      parser.pos++;
      start = parser.pos;
    }
    return parser.pos === pattern.length ? branches : undefined;
  } catch {
    return undefined;
  }
}

/** A usable literal set of a top-level sequence and the items [from, to) it was derived from. */
interface Considered {
  set: Set<string>;
  from: number;
  to: number;
}

/** The best set, and the best one from items that do not overlap it (both are required: every match has both). */
function conjunction(considered: readonly Considered[]): string[][] {
  const sorted = [...considered].sort((a, b) => quality(b.set) - quality(a.set));
  const chosen: Considered[] = [];
  for (const c of sorted) {
    if (chosen.length >= MAX_BRANCH_SETS) break;
    if (chosen.every((d) => c.to <= d.from || c.from >= d.to)) chosen.push(c);
  }
  return chosen.map((c) => [...c.set].sort());
}

/** The better of a node's exact set and required set as a gate, if either is good enough. */
function choose(info: Info): Set<string> | undefined {
  const candidates = [info.exact, info.required].filter((s): s is Set<string> => s !== undefined && usable(s));
  candidates.sort((a, b) => quality(b) - quality(a));
  return candidates[0];
}

function usable(set: Set<string>): boolean {
  return set.size > 0 && [...set].every((s) => s.length >= MIN_LITERAL);
}

/** Longer and fewer literals reject more turns. */
function quality(set: Set<string>): number {
  return Math.min(...[...set].map((s) => s.length)) - Math.log2(set.size);
}

function cross(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_EXACT) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

const EMPTY: Info = { exact: new Set(['']), required: undefined };
const ANY: Info = { exact: undefined, required: undefined };

class Parser {
  pos = 0;
  /** Group nesting depth: 0 while parsing the pattern's own top-level sequence. */
  private depth = 0;
  /** Where the top-level sequence records every usable set it considers (for branchGates). */
  considered: Considered[] | undefined;
  constructor(private readonly src: string) {}

  alternation(): Info {
    const branches: Info[] = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let exact: Set<string> | undefined = new Set();
    for (const b of branches) {
      if (!b.exact || !exact) exact = undefined;
      else for (const s of b.exact) exact.add(s);
    }
    if (exact && exact.size > MAX_EXACT) exact = undefined;
    // Each branch contributes its own best gate; one branch without any leaves the alternation without one.
    let required: Set<string> | undefined = new Set();
    for (const b of branches) {
      const gate = choose(b);
      if (!gate || !required) required = undefined;
      else for (const s of gate) required.add(s);
    }
    return { exact, required };
  }

  sequence(): Info {
    // `run` is the exact set of the current stretch of exact parts; `whole` that of the whole sequence so far.
    let run: Set<string> | undefined = new Set(['']);
    let whole: Set<string> | undefined = new Set(['']);
    let best: Set<string> | undefined;
    const record = this.depth === 0 ? this.considered : undefined;
    // Items [runFrom, k) make up `run`; item k is the one being parsed.
    let k = 0;
    let runFrom = 0;
    const consider = (set: Set<string> | undefined, from: number, to: number) => {
      if (!set || !usable(set)) return;
      if (!best || quality(set) > quality(best)) best = set;
      record?.push({ set, from, to });
    };
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const item = this.quantified();
      consider(item.required, k, k + 1);
      whole = whole && item.exact ? cross(whole, item.exact) : undefined;
      if (!item.exact) {
        consider(run, runFrom, k);
        run = undefined;
        k++;
        continue;
      }
      const joined: Set<string> | undefined = run ? cross(run, item.exact) : undefined;
      if (!joined) {
        consider(run, runFrom, k);
        runFrom = k;
      }
      run = joined ?? new Set(item.exact);
      k++;
      consider(run, runFrom, k);
    }
    consider(run, runFrom, k);
    if (record && whole && usable(whole)) record.push({ set: whole, from: 0, to: k });
    return { exact: whole, required: best };
  }

  quantified(): Info {
    const atom = this.atom();
    const c = this.src[this.pos];
    let info = atom;
    if (c === '?' || c === '*' || c === '+' || (c === '{' && /^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.pos)))) {
      let min: number;
      let max: number;
      if (c === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos))!;
        min = Number(m[1]);
        max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
        this.pos += m[0].length;
      } else {
        this.pos++;
        min = c === '+' ? 1 : 0;
        max = c === '?' ? 1 : Infinity;
      }
      if (this.src[this.pos] === '?') this.pos++; // lazy
      if (min === 0 && max === 1) info = { exact: atom.exact ? new Set([...atom.exact, '']) : undefined, required: undefined };
      else if (min === 0) info = { exact: undefined, required: undefined };
      else if (min === 1 && max === 1) info = atom;
      else info = { exact: undefined, required: atom.required ?? (atom.exact && usable(atom.exact) ? atom.exact : undefined) };
    }
    return info;
  }

  atom(): Info {
    const c = this.src[this.pos]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '.') {
      this.pos++;
      return ANY;
    }
    if (c === '^' || c === '$') {
      this.pos++;
      return EMPTY;
    }
    if ('*+?'.includes(c)) throw new Unsupported(c);
    // A brace that is not a quantifier (checked by quantified()) is a literal character in a regex without the u flag.
    this.pos++;
    return literal(c);
  }

  group(): Info {
    const rest = this.src.slice(this.pos);
    const lookaround = /^\(\?(?:=|!|<=|<!)/.exec(rest);
    const plain = /^\(\?:/.exec(rest);
    if (!lookaround && !plain) throw new Unsupported('capturing group');
    this.pos += (lookaround ?? plain)![0].length;
    this.depth++;
    const inner = this.alternation();
    this.depth--;
    if (this.src[this.pos] !== ')') throw new Unsupported('unclosed group');
    this.pos++;
    return lookaround ? EMPTY : inner;
  }

  charClass(): Info {
    const m = /^\[(\^?)((?:\\.|[^\]\\])*)\]/.exec(this.src.slice(this.pos));
    if (!m) throw new Unsupported('class');
    this.pos += m[0].length;
    if (m[1] || /\\[a-zA-Z]/.test(m[2]!) || /.-./.test(m[2]!.replace(/\\./g, 'x'))) return ANY;
    const chars = new Set(m[2]!.replace(/\\(.)/g, '$1').split(''));
    return chars.size <= 4 ? { exact: chars, required: undefined } : ANY;
  }

  escape(): Info {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new Unsupported('trailing backslash');
    this.pos += 2;
    if (next === 'b' || next === 'B') return EMPTY;
    if (/[a-zA-Z0-9]/.test(next)) {
      if (/[1-9k]/.test(next)) throw new Unsupported('backreference');
      if (next === 'u' || next === 'x' || next === 'c' || next === 'p' || next === 'P') throw new Unsupported('escape');
      return ANY; // \w \s \d \W \S \D \n \t …
    }
    return literal(next);
  }
}

function literal(c: string): Info {
  const set = new Set([c]);
  return { exact: set, required: undefined };
}

/** The automaton's tables (built by buildGateTables, or read back from the build's cache). */
export interface GateTables {
  /** Character code → column (0 = a character no literal holds); 65536 entries. */
  columnOf: Uint16Array;
  width: number;
  /** Node × column → next node. Nodes are numbered so that those completing a literal are the last ones. */
  delta: Uint16Array | Int32Array;
  /** The first node that completes a literal: the scan looks up outputs only at nodes from here on. */
  firstOut: number;
  /** The entries each output node completes, flat: node n's are outEntries[outStart[n - firstOut] .. outStart[n - firstOut + 1]). */
  outStart: Int32Array;
  outEntries: Int32Array;
}

/**
 * Aho-Corasick automaton over the entries' literals, as a dense transition table: one pass over a text tells which
 * entries have one of their literals in it. Characters no literal contains send the automaton back to its root.
 */
export class LiteralGate {
  private readonly columnOf: Uint16Array;
  private readonly width: number;
  private readonly delta: Uint16Array | Int32Array;
  private readonly firstOut: number;
  private readonly outStart: Int32Array;
  private readonly outEntries: Int32Array;

  /** Built from the entries' literals, or from the tables of a gate built before (src/nlp/literal-cache.ts). */
  constructor(source: readonly (readonly string[] | undefined)[] | GateTables) {
    const t = Array.isArray(source) ? buildGateTables(source) : (source as GateTables);
    this.columnOf = t.columnOf;
    this.width = t.width;
    this.delta = t.delta;
    this.firstOut = t.firstOut;
    this.outStart = t.outStart;
    this.outEntries = t.outEntries;
  }

  get tables(): GateTables {
    const { columnOf, width, delta, firstOut, outStart, outEntries } = this;
    return { columnOf, width, delta, firstOut, outStart, outEntries };
  }
  /** The entries with a literal in `text`, each once; `seen` (one slot per entry, all 0) is left all 0. */
  hits(text: string, seen: Uint8Array): number[] {
    const { delta, width, columnOf, firstOut, outStart, outEntries } = this;
    const entries: number[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const col = columnOf[text.charCodeAt(i)]!;
      node = col === 0 ? 0 : delta[node * width + col]!;
      if (node < firstOut) continue;
      const k0 = node - firstOut;
      const end = outStart[k0 + 1]!;
      for (let k = outStart[k0]!; k < end; k++) {
        const entry = outEntries[k]!;
        if (seen[entry] === 0) {
          seen[entry] = 1;
          entries.push(entry);
        }
      }
    }
    for (const entry of entries) seen[entry] = 0;
    return entries;
  }
}

/** The automaton's tables for the entries' literals (see LiteralGate). */
function buildGateTables(literalsPerEntry: readonly (readonly string[] | undefined)[]): GateTables {
  const columnOf = new Uint16Array(65536);
  // The trie is built straight into a dense goto table (node × column, 0 = no child: the root is nobody's child),
  // then turned into the automaton's transitions in place: building it from a Map per node took ~90 ms at start-up.
  const columns: number[] = [];
  for (const literals of literalsPerEntry) {
    for (const literal of literals ?? []) {
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i);
        if (columnOf[c] === 0) {
          columns.push(c);
          columnOf[c] = columns.length;
        }
      }
    }
  }
  const width = columns.length + 1;
  // Grown by doubling: the literals' total length over-states the nodes (shared prefixes) several times.
  let delta = new Int32Array(1024 * width);
  const out: number[][] = [[]];
  let nodes = 1;
  literalsPerEntry.forEach((literals, entry) => {
    for (const literal of literals ?? []) {
      let node = 0;
      for (let i = 0; i < literal.length; i++) {
        const cell = node * width + columnOf[literal.charCodeAt(i)]!;
        let child = delta[cell]!;
        if (child === 0) {
          child = nodes++;
          if (nodes * width > delta.length) {
            const grown = new Int32Array(delta.length * 2);
            grown.set(delta);
            delta = grown;
          }
          delta[cell] = child;
          out.push([]);
        }
        node = child;
      }
      if (!out[node]!.includes(entry)) out[node]!.push(entry);
    }
  });
  const fail = new Int32Array(nodes);
  // Breadth first, so a node's failure state (shallower) already holds transitions when its children need them.
  const queue: number[] = [];
  for (let col = 1; col < width; col++) if (delta[col] !== 0) queue.push(delta[col]!);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!;
    const row = node * width;
    const failRow = fail[node]! * width;
    for (let col = 1; col < width; col++) {
      const child = delta[row + col]!;
      const viaFail = delta[failRow + col]!;
      if (child === 0) {
        delta[row + col] = viaFail;
        continue;
      }
      fail[child] = viaFail;
      for (const e of out[viaFail]!) if (!out[child]!.includes(e)) out[child]!.push(e);
      queue.push(child);
    }
  }
  // Renumber: the root stays 0, nodes without outputs next, output nodes last (one comparison tells them apart in
  // the scan, with no table lookup); a table of 16-bit node numbers when they fit (half the memory the scan reads).
  const order: number[] = [0];
  for (let n = 1; n < nodes; n++) if (out[n]!.length === 0) order.push(n);
  const firstOut = order.length;
  for (let n = 1; n < nodes; n++) if (out[n]!.length > 0) order.push(n);
  const renumbered = new Int32Array(nodes);
  order.forEach((old, i) => (renumbered[old] = i));
  const table = nodes <= 65536 ? new Uint16Array(nodes * width) : new Int32Array(nodes * width);
  for (let i = 0; i < order.length; i++) {
    const old = order[i]!;
    for (let col = 0; col < width; col++) table[i * width + col] = renumbered[delta[old * width + col]!]!;
  }
    const outputs = order.slice(firstOut).map((old) => out[old]!);
  const outStart = new Int32Array(outputs.length + 1);
  for (let k = 0; k < outputs.length; k++) outStart[k + 1] = outStart[k]! + outputs[k]!.length;
  return { columnOf, width, delta: table, firstOut, outStart, outEntries: Int32Array.from(outputs.flat()) };
}

/** The gates this process has made, by key (what the build stores: scripts/cache-literals.mjs); engines share them. */
const MAX_KEPT_GATES = 16;
const gatesMade = new Map<string, LiteralGate>();

export function madeGates(): IterableIterator<[string, LiteralGate]> {
  return gatesMade.entries();
}

/**
 * The gate for these literals: read from the build's tables when it stored a gate for exactly these literals (the
 * built-in rubrics' lexicons; building one took ~35 ms of every process's and worker's first call), else built.
 */
function gateFor(slots: readonly (readonly string[] | undefined)[]): LiteralGate {
  const key = gateKey(slots);
  if (key === undefined) return new LiteralGate(slots);
  let gate = gatesMade.get(key);
  if (gate === undefined) {
    gate = new LiteralGate(readGateTables(key) ?? slots);
    if (gatesMade.size < MAX_KEPT_GATES) gatesMade.set(key, gate);
  }
  return gate;
}

/**
 * Texts whose literals a LiteralIndex remembers (more than most calls' turns, so every lexicon reuses the scan). The
 * engine forgets them after each call: kept across calls they outlived the young generation and made every minor GC
 * copy and promote them.
 */
const MAX_REMEMBERED_TEXTS = 4096;
/** Longer texts (rare) are scanned again by each matcher rather than kept alive by the index. */
const MAX_REMEMBERED_LENGTH = 10000;

/**
 * One gate for the literals of several matchers (all the lexicons of a detection engine): a turn's text is scanned
 * once, whatever the number of lexicons, and what it holds is remembered for the next matcher that asks. Each matcher
 * registers its entries' literals and gets a range of slots, one per entry; a scan reports the slots it let through.
 */
export class LiteralIndex {
  private readonly slots: (readonly string[] | undefined)[] = [];
  private gate: LiteralGate | undefined;
  private seen = new Uint8Array(0);
  private readonly remembered = new Map<string, readonly number[]>();

  /** Registers one slot per entry (undefined: an entry without literals, never let through); returns the first. */
  register(literalsPerEntry: readonly (readonly string[] | undefined)[]): number {
    const first = this.slots.length;
    this.slots.push(...literalsPerEntry);
    this.gate = undefined;
    this.remembered.clear();
    return first;
  }

  /** Drops the remembered texts (the engine calls this after each call). */
  forget(): void {
    this.remembered.clear();
  }

  /** The slots with a literal in `text`, each once. */
  slotsIn(text: string): readonly number[] {
    let hits = this.remembered.get(text);
    if (hits !== undefined) return hits;
    if (this.gate === undefined) {
      this.gate = gateFor(this.slots);
      this.seen = new Uint8Array(this.slots.length);
    }
    hits = this.gate.hits(text, this.seen);
    if (text.length > MAX_REMEMBERED_LENGTH) return hits;
    if (this.remembered.size >= MAX_REMEMBERED_TEXTS) this.remembered.clear();
    this.remembered.set(text, hits);
    return hits;
  }
}
