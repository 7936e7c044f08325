// The required literals of the built-in lexicons' patterns, worked out once by `npm run build`
// (scripts/cache-literals.mjs) and stored next to the compiled analyser (dist/nlp/required-literals.json), so a run does
// not parse every lexicon pattern again at start-up (~60 ms). Used only when the fingerprint of the analyser's compiled
// code matches; otherwise (running from src/, an edited analyser) every pattern is analysed as usual.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Pattern → its literals (null: none can be derived). */
export type LiteralCache = Map<string, readonly string[] | null>;

export function literalCacheFile(): string {
  return fileURLToPath(new URL('./required-literals.json', import.meta.url));
}

export function literalCodeFingerprint(): string {
  return createHash('sha256').update(readFileSync(new URL('./required-literals.js', import.meta.url))).digest('hex');
}

interface LiteralCacheFile {
  code: string;
  literals: Record<string, string[] | null>;
}

export function loadLiteralCache(): LiteralCache {
  try {
    const file = JSON.parse(readFileSync(literalCacheFile(), 'utf8')) as LiteralCacheFile;
    if (file.code !== literalCodeFingerprint()) return new Map();
    return new Map(Object.entries(file.literals));
  } catch {
    return new Map(); // not built by `npm run build`
  }
}

export function literalCacheText(entries: Iterable<[string, readonly string[] | null]>): string {
  const literals = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ code: literalCodeFingerprint(), literals })}\n`;
}
