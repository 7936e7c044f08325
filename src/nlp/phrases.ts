// Phrase lists → compiled, word-bounded, case-insensitive matchers (Vale's "existence" rule).
import type { PhraseAdd, PhraseEdits } from '../types.js';

export interface PhraseEntry {
  /** Stable id, used by rubric `remove` and in the finding's rule. */
  id: string;
  /** Regular-expression source over lower-cased text, without capture groups; word boundaries are added. */
  pattern: string;
  kind: string;
  confidence: number;
}

export interface PhraseMatch {
  entry: PhraseEntry;
  start: number;
  end: number;
}

interface CompiledEntry {
  entry: PhraseEntry;
  regex: RegExp;
}

/** Turns a plain phrase into a pattern: words separated by any whitespace, apostrophes optional. */
export function phraseToPattern(phrase: string): string {
  return phrase
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'?"))
    .join('\\s+');
}

export class PhraseMatcher {
  private readonly compiled: CompiledEntry[];

  constructor(entries: readonly PhraseEntry[]) {
    this.compiled = entries.map((entry) => ({
      entry,
      regex: new RegExp(`(?<![a-z0-9'])(?:${entry.pattern})(?![a-z0-9])`, 'g'),
    }));
  }

  get entries(): PhraseEntry[] {
    return this.compiled.map((c) => c.entry);
  }

  /** All matches in `lower` (already lower-cased), sorted by start then longest first. */
  matchAll(lower: string): PhraseMatch[] {
    const matches: PhraseMatch[] = [];
    for (const { entry, regex } of this.compiled) {
      regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = regex.exec(lower)) !== null) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        matches.push({ entry, start: m.index, end: m.index + m[0].length });
      }
    }
    return matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

/**
 * Applies a rubric's `phrases.<behaviour>` edits to a default lexicon: removals by id or by the phrase an entry
 * matches, additions as plain phrases or vetted patterns (the rubric loader has already rejected dangerous regexes).
 */
export function applyPhraseEdits(
  entries: readonly PhraseEntry[],
  edits: PhraseEdits | undefined,
  defaultKind: string,
  addedConfidence = 0.8,
): PhraseEntry[] {
  if (!edits) return [...entries];
  const removals = edits.remove.map((r) => r.trim().toLowerCase()).filter(Boolean);
  const kept = entries.filter((entry) => {
    if (removals.includes(entry.id.toLowerCase())) return false;
    const regex = new RegExp(`^(?:${entry.pattern})$`);
    return !removals.some((r) => regex.test(r));
  });
  const added = edits.add.map((add: PhraseAdd, i): PhraseEntry => ({
    id: `rubric-${i + 1}`,
    pattern: add.regex ? add.text.toLowerCase() : phraseToPattern(add.text),
    kind: add.kind ?? defaultKind,
    confidence: addedConfidence,
  }));
  return [...kept, ...added];
}
