// Phrase lists → compiled, word-bounded, case-insensitive matchers (Vale's "existence" rule).
import type { PhraseAdd, PhraseEdits } from '../types.js';
import { branchGates, LiteralIndex, requiredLiterals } from './required-literals.js';

export interface PhraseEntry extends MatchableEntry {
  kind: string;
  confidence: number;
}

/**
 * What a matcher needs of an entry. `unlessBefore` / `unlessAfter` are the entry's exceptions as data (Vale's
 * `exceptions`): patterns over the lower-cased text just before (anchored at the match) or just after the match that
 * cancel it ("not" before "happy" is a feeling; "waiting" after "thanks for" is not).
 */
export interface MatchableEntry {
  /** Stable id, used by rubric `remove` and in the finding's rule. */
  id: string;
  /** Regular-expression source over lower-cased text, without capture groups; word boundaries are added. */
  pattern: string;
  unlessBefore?: string;
  unlessAfter?: string;
}

export interface PhraseMatch<E extends MatchableEntry = PhraseEntry> {
  entry: E;
  start: number;
  end: number;
}

interface CompiledEntry<E extends MatchableEntry> {
  entry: E;
  /** The whole pattern. */
  regex: RegExp;
  /** Its top-level alternatives are the matcher's branches [firstBranch, firstBranch + sources.length). */
  firstBranch: number;
  sources: readonly string[];
  /** Some alternative has no gate (src/nlp/required-literals.ts, `branchGates`): the entry is run on every text. */
  always: boolean;
  /**
   * For an entry run on every text: the regexes of the alternatives a text can match, when not all of them, by which
   * ones (a bit per alternative). Undefined for other entries (the gate already skips most texts) and for more than
   * 30 alternatives.
   */
  subsets: Map<number, RegExp> | undefined;
  before: RegExp | undefined;
  after: RegExp | undefined;
}

/** Subset regexes kept per entry; past this the whole pattern is run (the same matches, only slower). */
const MAX_SUBSETS = 256;

/** How far before and after a match its exceptions look. */
const EXCEPTION_WINDOW = 60;

/** Turns a plain phrase into a pattern: words separated by any whitespace, apostrophes optional. */
export function phraseToPattern(phrase: string): string {
  return phrase
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?"))
    .join('\\s+');
}

export class PhraseMatcher<E extends MatchableEntry = PhraseEntry> {
  private readonly compiled: CompiledEntry<E>[];
  /** The index's slot of the matcher's first literal set. */
  private readonly firstSlot: number;
  /**
   * Branches are the entries' top-level alternatives, numbered across the matcher; each gated one has a slot per
   * literal set it requires. Per text: how many of its sets a branch has (`have`), and which entries have a branch
   * with all of them (`open`).
   */
  private readonly slotBranch: Int32Array;
  private readonly branchEntry: Int32Array;
  private readonly branchNeed: Uint8Array;
  private readonly have: Uint8Array;
  private readonly open: Uint8Array;

  /** `literals` may be shared with other matchers, so a text is scanned for all their literals at once. */
  constructor(
    entries: readonly E[],
    private readonly literals: LiteralIndex = new LiteralIndex(),
  ) {
    const slotLiterals: string[][] = [];
    const slotBranch: number[] = [];
    const branchEntry: number[] = [];
    const branchNeed: number[] = [];
    this.compiled = entries.map((entry, i) => {
      const branches = branchGates(entry.pattern) ?? [{ source: entry.pattern, gates: [] }];
      const firstBranch = branchEntry.length;
      for (const { gates } of branches) {
        for (const set of gates) {
          slotLiterals.push(set);
          slotBranch.push(branchEntry.length);
        }
        branchEntry.push(i);
        branchNeed.push(gates.length);
      }
      const always = branches.some((b) => b.gates.length === 0);
      return {
        entry,
        // The left word boundary is checked by hand: a leading lookbehind would stop V8 from scanning ahead for the
        // pattern's first characters, and made phrase matching the largest cost of detection.
        regex: new RegExp(`(?:${entry.pattern})(?![a-z0-9])`, 'g'),
        firstBranch,
        sources: branches.map((b) => b.source),
        always,
        subsets: always && branches.length > 1 && branches.length <= 30 ? new Map() : undefined,
        before: entry.unlessBefore ? new RegExp(`(?:${entry.unlessBefore})\\s*$`) : undefined,
        after: entry.unlessAfter ? new RegExp(`^\\s*(?:${entry.unlessAfter})`) : undefined,
      };
    });
    this.firstSlot = literals.register(slotLiterals);
    this.slotBranch = Int32Array.from(slotBranch);
    this.branchEntry = Int32Array.from(branchEntry);
    this.branchNeed = Uint8Array.from(branchNeed);
    this.have = new Uint8Array(branchEntry.length);
    this.open = new Uint8Array(entries.length);
  }

  get entries(): E[] {
    return this.compiled.map((c) => c.entry);
  }

  /**
   * All matches in `lower` (already lower-cased), sorted by start then longest first. One pass of the literal gate
   * tells which entries can match at all (most turns hold no phrase of a given lexicon); only those are run.
   */
  matchAll(lower: string): PhraseMatch<E>[] {
    const matches: PhraseMatch<E>[] = [];
    const { have, open, slotBranch, branchEntry, branchNeed } = this;
    have.fill(0);
    open.fill(0);
    for (const slot of this.literals.slotsIn(lower)) {
      const k = slot - this.firstSlot;
      if (k < 0 || k >= slotBranch.length) continue;
      const branch = slotBranch[k]!;
      if (++have[branch]! === branchNeed[branch]!) open[branchEntry[branch]!] = 1;
    }
    for (let i = 0; i < this.compiled.length; i++) {
      const compiled = this.compiled[i]!;
      if (!compiled.always && open[i] === 0) continue;
      const regex = compiled.subsets === undefined ? compiled.regex : this.subsetRegex(compiled);
      const { entry, before, after } = compiled;
      regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = regex.exec(lower)) !== null) {
        if (m[0].length === 0 || isWordChar(lower.charCodeAt(m.index - 1))) {
          regex.lastIndex = m.index + 1;
          continue;
        }
        const end = m.index + m[0].length;
        if (before?.test(lower.slice(Math.max(0, m.index - EXCEPTION_WINDOW), m.index))) continue;
        if (after?.test(lower.slice(end, end + EXCEPTION_WINDOW))) continue;
        matches.push({ entry, start: m.index, end });
      }
    }
    return matches.length > 1 ? matches.sort((a, b) => a.start - b.start || b.end - a.end) : matches;
  }

  /**
   * For an entry run on every text, the regex of the alternatives that can match this one (its branches' sets as
   * counted by matchAll), in their order: an alternative that cannot match anywhere in a text changes no match by its
   * absence (at each position the regex finds the same leftmost match, with the same alternative), so the matches
   * are the whole pattern's.
   */
  private subsetRegex(compiled: CompiledEntry<E>): RegExp {
    const { sources, firstBranch } = compiled;
    const subsets = compiled.subsets!;
    let mask = 0;
    for (let b = 0; b < sources.length; b++) {
      const branch = firstBranch + b;
      if (this.have[branch] === this.branchNeed[branch]) mask |= 1 << b;
    }
    if (mask === 2 ** sources.length - 1) return compiled.regex;
    let regex = subsets.get(mask);
    if (regex === undefined) {
      if (subsets.size >= MAX_SUBSETS) return compiled.regex;
      regex = new RegExp(`(?:${sources.filter((_, b) => (mask & (1 << b)) !== 0).join('|')})(?![a-z0-9])`, 'g');
      subsets.set(mask, regex);
    }
    return regex;
  }
}

/**
 * A test of whether `text` can hold a match of `pattern` at all: false when the text holds none of the pattern's
 * required literals (always true when it has none). With the engine's index this costs no extra pass over the text.
 */
export function mayMatch(pattern: string, literals: LiteralIndex = new LiteralIndex()): (text: string) => boolean {
  const required = requiredLiterals(pattern);
  if (required === undefined) return () => true;
  const slot = literals.register([required]);
  return (text) => literals.slotsIn(text).includes(slot);
}

/** a-z, 0-9 or an apostrophe: a phrase cannot start right after one of these. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39;
}

/**
 * Applies a rubric's `phrases.<behaviour>` edits to a default lexicon: removals by id or by the phrase an entry
 * matches, additions as plain phrases or vetted patterns (the rubric loader has already rejected dangerous regexes).
 */
function normaliseRemovals(remove: readonly string[]): string[] {
  return remove.map((r) => r.trim().toLowerCase()).filter(Boolean);
}

/** A rubric `remove` names a lexicon entry by its id, or by a phrase the entry's whole pattern matches. */
function removedBy(entry: { id: string; pattern: string }, removals: readonly string[]): boolean {
  if (removals.includes(entry.id.toLowerCase())) return true;
  const regex = new RegExp(`^(?:${entry.pattern})$`);
  return removals.some((r) => regex.test(r));
}

/** Lexicon entries a rubric `remove` list leaves, by the same rule every detector applies. */
export function withoutRemoved<T extends { id: string; pattern: string }>(entries: readonly T[], remove: readonly string[]): T[] {
  const removals = normaliseRemovals(remove);
  return removals.length === 0 ? [...entries] : entries.filter((e) => !removedBy(e, removals));
}

/** The `remove` entries that name no entry of the lexicon (a typo, or a phrase the default list never had). */
export function unmatchedRemovals(entries: readonly { id: string; pattern: string }[], remove: readonly string[]): string[] {
  return remove.filter((r) => {
    const removals = normaliseRemovals([r]);
    return removals.length > 0 && !entries.some((e) => removedBy(e, removals));
  });
}

export function applyPhraseEdits(
  entries: readonly PhraseEntry[],
  edits: PhraseEdits | undefined,
  defaultKind: string,
  addedConfidence = 0.8,
): PhraseEntry[] {
  if (!edits) return [...entries];
  const removals = normaliseRemovals(edits.remove);
  const kept = entries.filter((entry) => !removedBy(entry, removals));
  const added = edits.add.map((add: PhraseAdd, i): PhraseEntry => ({
    id: `rubric-${i + 1}`,
    pattern: add.regex ? add.text.toLowerCase() : phraseToPattern(add.text),
    kind: add.kind ?? defaultKind,
    confidence: addedConfidence,
  }));
  return [...kept, ...added];
}
