// The required literals of the built-in lexicons' patterns, worked out once by `npm run build`
// (scripts/cache-literals.mjs) and stored next to the compiled analyser (dist/nlp/required-literals.json), so a run does
// not parse every lexicon pattern again at start-up (~60 ms). Used only when the fingerprint of the analyser's compiled
// code matches; otherwise (running from src/, an edited analyser) every pattern is analysed as usual.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GateTables } from './required-literals.js';
import { fileURLToPath } from 'node:url';

/** Pattern → its literals (null: none can be derived). */
export type LiteralCache = Map<string, string[] | null>;
/** Pattern → its top-level alternatives with their gates (null: the pattern is not understood). */
export type BranchCache = Map<string, { source: string; gates: string[][] }[] | null>;

export function literalCacheFile(): string {
  return fileURLToPath(new URL('./required-literals.json', import.meta.url));
}

let fingerprint: string | undefined;

export function literalCodeFingerprint(): string {
  fingerprint ??= createHash('sha256').update(readFileSync(new URL('./required-literals.js', import.meta.url))).digest('hex');
  return fingerprint;
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

// ---- literal gates --------------------------------------------------------------------------------------------------
// The build also stores the Aho-Corasick tables of each gate the built-in rubrics make (dist/nlp/gates/<key>.bin), keyed
// by the analyser's code and the gate's literals: a run whose lexicons give the same literals reads them instead of
// building the automaton again. Any other literals (a rubric's phrase edits) or a stale or damaged file: built as usual.

export function gateCacheDir(): string {
  return fileURLToPath(new URL('./gates/', import.meta.url));
}

let compiled: boolean | undefined;

/** Names the gate of these literals, built by this code; undefined when not running the build's code (from src/). */
export function gateKey(slots: readonly (readonly string[] | undefined)[]): string | undefined {
  compiled ??= import.meta.url.endsWith('.js');
  if (!compiled) return undefined;
  return createHash('sha256').update(literalCodeFingerprint()).update(JSON.stringify(slots)).digest('hex').slice(0, 32);
}

const GATE_MAGIC = 0x45544147; // "GATE"
const HEADER_WORDS = 8;

/** The tables as bytes: a header of int32s, then columnOf's used entries as (char, column) pairs, delta, outStart, outEntries. */
export function gateTablesBytes(t: GateTables): Buffer {
  const pairs: number[] = [];
  for (let c = 0; c < t.columnOf.length; c++) if (t.columnOf[c] !== 0) pairs.push(c, t.columnOf[c]!);
  const deltaBits = t.delta instanceof Uint16Array ? 16 : 32;
  const header = Int32Array.of(GATE_MAGIC, t.width, t.firstOut, deltaBits, pairs.length / 2, t.delta.length, t.outStart.length, t.outEntries.length);
  const parts = [header, Int32Array.from(pairs), t.delta, t.outStart, t.outEntries];
  return Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)).map(padded));
}

function padded(b: Buffer): Buffer {
  return b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]);
}

/** The stored tables of this gate, or undefined (none stored, or a file that does not add up). */
export function readGateTables(key: string): GateTables | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(`${gateCacheDir()}${key}.bin`);
  } catch {
    return undefined;
  }
  return parseGateTables(bytes);
}

/** Tables from gateTablesBytes' output; undefined for bytes that do not add up. */
export function parseGateTables(bytes: Uint8Array): GateTables | undefined {
  if (bytes.length % 4 !== 0) return undefined;
  // Copied into a buffer of its own: the file's Buffer may sit at any offset of a shared pool.
  const words = new Int32Array(new Uint8Array(bytes).buffer);
  if (words.length < HEADER_WORDS || words[0] !== GATE_MAGIC) return undefined;
  const [, width, firstOut, deltaBits, pairCount, deltaLength, outStartLength, outEntriesLength] = words as unknown as number[];
  const deltaBytes = ((deltaBits === 16 ? 2 : 4) * deltaLength! + 3) & ~3;
  const expected = 4 * (HEADER_WORDS + 2 * pairCount! + outStartLength! + outEntriesLength!) + deltaBytes;
  if ((deltaBits !== 16 && deltaBits !== 32) || expected !== bytes.length) return undefined;
  let at = 4 * HEADER_WORDS;
  const columnOf = new Uint16Array(65536);
  for (let k = 0; k < pairCount!; k++) columnOf[words[at / 4 + 2 * k]!] = words[at / 4 + 2 * k + 1]!;
  at += 8 * pairCount!;
  const delta = deltaBits === 16 ? new Uint16Array(words.buffer, at, deltaLength) : new Int32Array(words.buffer, at, deltaLength);
  at += deltaBytes;
  const outStart = new Int32Array(words.buffer, at, outStartLength);
  at += 4 * outStartLength!;
  const outEntries = new Int32Array(words.buffer, at, outEntriesLength);
  return { columnOf, width: width!, delta, firstOut: firstOut!, outStart, outEntries };
}
