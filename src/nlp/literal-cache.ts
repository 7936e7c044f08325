// The required literals of the built-in lexicons' patterns, worked out once by `npm run build`
// (scripts/cache-literals.mjs) and stored next to the compiled analyser (dist/nlp/required-literals.json), so a run does
// not parse every lexicon pattern again at start-up (~60 ms). Used only when the fingerprint of the analyser's compiled
// code matches; otherwise (running from src/, an edited analyser) every pattern is analysed as usual.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Pattern → its literals (null: none can be derived). */
export type LiteralCache = Map<string, string[] | null>;
/** Pattern → its top-level alternatives with their gates (null: the pattern is not understood). */
export type BranchCache = Map<string, { source: string; gates: string[][] }[] | null>;

export function literalCacheFile(): string {
  return fileURLToPath(new URL('./required-literals.json', import.meta.url));
}

export function literalCodeFingerprint(): string {
  return createHash('sha256').update(readFileSync(new URL('./required-literals.js', import.meta.url))).digest('hex');
}

interface LiteralCacheFile {
  code: string;
  literals: Record<string, string[] | null>;
  branches: Record<string, { source: string; gates: string[][] }[] | null>;
}

let file: LiteralCacheFile | undefined;

function cacheFile(): LiteralCacheFile {
  if (file === undefined) {
    const empty: LiteralCacheFile = { code: '', literals: {}, branches: {} };
    try {
      const read = JSON.parse(readFileSync(literalCacheFile(), 'utf8')) as LiteralCacheFile;
      file = read.code === literalCodeFingerprint() ? read : empty;
    } catch {
      file = empty; // not built by `npm run build`
    }
  }
  return file;
}

export function loadLiteralCache(): LiteralCache {
  return new Map(Object.entries(cacheFile().literals));
}

export function loadBranchCache(): BranchCache {
  return new Map(Object.entries(cacheFile().branches));
}

const byKey = <T>(entries: Iterable<[string, T]>): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function literalCacheText(literals: Iterable<[string, readonly string[] | null]>, branches: Iterable<[string, readonly { source: string; gates: string[][] }[] | null]>): string {
  return `${JSON.stringify({ code: literalCodeFingerprint(), literals: byKey(literals), branches: byKey(branches) })}\n`;
}

/** A pattern analysis, memoised per pattern and seeded from the build's cache; callers get their own copy. */
export interface PatternMemo<T> {
  get(pattern: string): T | undefined;
  /** Every pattern analysed (or read from the cache) so far: what the build stores. */
  entries(): IterableIterator<[string, T | null]>;
}

export function memoised<T>(load: () => Map<string, T | null>, analyse: (pattern: string) => T | undefined, copy: (value: T) => T): PatternMemo<T> {
  let known: Map<string, T | null> | undefined;
  return {
    get(pattern) {
      known ??= load();
      const cached = known.get(pattern);
      if (cached !== undefined) return cached === null ? undefined : copy(cached);
      const value = analyse(pattern);
      known.set(pattern, value ?? null);
      return value;
    },
    entries: () => (known ??= load()).entries(),
  };
}
