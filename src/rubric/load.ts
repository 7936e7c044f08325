// Rubric loading: built-in name or path → YAML (with node ranges) → zod → Rubric.
// Every problem is reported at once, each as file:line:col.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Document, LineCounter } from 'yaml';
import { loadYaml } from '../lazy-deps.js';
import { CUSTOMER_SIGNALS, SIGNAL_KINDS, type Rubric } from '../types.js';
import { RubricError, type RubricProblem } from './errors.js';
import { issueMessages } from './issues.js';
import { locateKey, locateValue, type PathKey } from './locate.js';
import { normaliseRubric } from './normalise.js';
import { rubricFileSchema, type RubricFile } from './schema.js';
import { fileErrorReason } from '../file-errors.js';

export const BUILTIN_RUBRICS = ['default', 'strict', 'support'] as const;
export type BuiltinRubric = (typeof BUILTIN_RUBRICS)[number];

/** The package's rubrics/ directory: two levels up from src/rubric/ and from dist/rubric/ alike. */
export function builtinRubricPath(name: BuiltinRubric): string {
  return fileURLToPath(new URL(`../../rubrics/${name}.yaml`, import.meta.url));
}

export function isBuiltinRubric(name: string): name is BuiltinRubric {
  return (BUILTIN_RUBRICS as readonly string[]).includes(name);
}

/**
 * Built-in rubrics as parsed at build time (scripts/cache-rubrics.mjs writes this file next to the compiled
 * loader), so a run with a built-in rubric loads neither yaml nor zod. Used only when the YAML bytes' hash and the
 * fingerprint of the code that turns YAML into a Rubric both match; otherwise the file is parsed as usual.
 */
export function builtinCacheFile(): string {
  return fileURLToPath(new URL('./builtin-rubrics.json', import.meta.url));
}

/** The modules whose code decides what a rubric file parses to (compiled names, next to this one). */
const RUBRIC_CODE = ['./load.js', './normalise.js', './schema.js', './regex-safety.js', '../types.js'];

export function builtinCodeFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of RUBRIC_CODE) hash.update(readFileSync(new URL(file, import.meta.url)));
  return hash.digest('hex');
}

interface BuiltinCache {
  code: string;
  /** Each built-in rubric, with the hash of the YAML bytes it was parsed from (so an edited file is parsed again). */
  rubrics: Partial<Record<BuiltinRubric, { source: string; rubric: Rubric }>>;
}

function cachedBuiltin(name: BuiltinRubric, bytes: Buffer): Rubric | undefined {
  let cache: BuiltinCache;
  try {
    cache = JSON.parse(readFileSync(builtinCacheFile(), 'utf8')) as BuiltinCache;
    const entry = cache.rubrics[name];
    if (!entry || entry.source !== sourceHash(bytes) || cache.code !== builtinCodeFingerprint()) return undefined;
    return entry.rubric;
  } catch {
    return undefined; // no cache (running from src/, or not built by `npm run build`): parse
  }
}

/** `--rubric` value: a built-in name (default|strict|support) or a path to a YAML file. */
export function loadRubric(nameOrPath: string, options: { cache?: boolean } = {}): Rubric {
  const builtin = isBuiltinRubric(nameOrPath);
  const file = builtin ? builtinRubricPath(nameOrPath) : nameOrPath;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const why = fileErrorReason(err, 'rubric');
    throw new RubricError([
      { file: nameOrPath, line: 0, column: 0, message: `cannot read rubric (${why}); built-in rubrics are ${BUILTIN_RUBRICS.join(', ')}` },
    ]);
  }
  if (builtin && options.cache !== false) {
    const cached = cachedBuiltin(nameOrPath, bytes);
    if (cached) return cached;
  }
  return parseRubricBytes(bytes, file, builtin ? nameOrPath : file);
}

/** Hash of a rubric file's bytes: only for the build-time cache of the built-in rubrics. */
export const sourceHash = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/**
 * A rubric's hash is that of what it scores with, not of its file: its normalised form (every default filled in) as
 * JSON with sorted keys, without the hash and origin. Comments, layout and key order do not change it, and the YAML
 * `empathy rubric show` prints loads back to the same hash; any setting that can change a score does.
 */
export function effectiveRubricHash(rubric: Rubric): string {
  const { hash: _hash, origin: _origin, ...settings } = rubric;
  return createHash('sha256').update(canonicalJson(settings)).digest('hex').slice(0, 12);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Parse rubric text; `file` is used in error positions and as the rubric's origin. */
export function parseRubric(text: string, file: string): Rubric {
  return parseRubricBytes(Buffer.from(text, 'utf8'), file, file);
}

function parseRubricBytes(bytes: Buffer, file: string, origin: string): Rubric {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const { LineCounter, parseDocument } = loadYaml();
  const counter = new LineCounter();
  const doc = parseDocument(text, { keepSourceTokens: true, lineCounter: counter, prettyErrors: false });
  const problem = (path: PathKey[], message: string, key?: string): RubricProblem => {
    const pos = key === undefined ? locateValue(doc, counter, path) : locateKey(doc, counter, path, key);
    return { file, line: pos.line, column: pos.column, message };
  };

  if (doc.errors.length > 0) throw new RubricError(doc.errors.map((e) => yamlProblem(e, text, counter, file)));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    // e.g. an alias bomb: refuse it as a rubric problem, never a stack trace
    throw new RubricError([problem([], `cannot read the YAML: ${(err as Error).message.split('\n')[0]}`)]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new RubricError([problem([], 'a rubric must be a mapping with at least `name` and `behaviours`')]);
  }
  const parsed = rubricFileSchema().safeParse(data);
  if (!parsed.success) {
    const problems = issueMessages(parsed.error.issues, data).map((m) => problem(m.path, m.message, m.key));
    throw new RubricError(sortProblems(problems));
  }
  const semantic = semanticMessages(parsed.data, doc).map((m) => problem(m.path, m.message, m.key));
  if (semantic.length > 0) throw new RubricError(sortProblems(semantic));
  const rubric = normaliseRubric(parsed.data, '', origin);
  rubric.hash = effectiveRubricHash(rubric);
  return rubric;
}

/** Rules that span fields, checked once the structure is valid. */
function semanticMessages(file: RubricFile, _doc: Document): { path: PathKey[]; message: string; key?: string }[] {
  const out: { path: PathKey[]; message: string; key?: string }[] = [];
  const listed = Object.entries(file.behaviours).filter(([, b]) => b !== undefined);
  if (listed.every(([, b]) => b!.weight === 0)) {
    out.push({ path: [], key: 'behaviours', message: 'all behaviour weights are 0; at least one behaviour must carry weight' });
  }
  for (const [id, b] of listed) {
    const answersMoments = b!.expect === 'on-distress' || b!.expect === 'on-signal';
    if (b!['within-turns'] !== undefined && !answersMoments) {
      out.push({
        path: ['behaviours', id],
        key: 'within-turns',
        message: `\`within-turns\` only applies to \`expect: on-distress\` or \`on-signal\` (behaviours.${id} expects ${b!.expect})`,
      });
    }
    if (b!['distress-types'] !== undefined && b!.expect !== 'on-distress') {
      out.push({
        path: ['behaviours', id],
        key: 'distress-types',
        message: `\`distress-types\` only applies to \`expect: on-distress\` (behaviours.${id} expects ${b!.expect}; on-signal uses \`signal-kinds\`)`,
      });
    }
    for (const key of ['signal', 'signal-kinds'] as const) {
      if (b![key] !== undefined && b!.expect !== 'on-signal') {
        out.push({ path: ['behaviours', id], key, message: `\`${key}\` only applies to \`expect: on-signal\` (behaviours.${id} expects ${b!.expect})` });
      }
    }
    if (b!.expect === 'on-signal') {
      if (b!.signal === undefined) {
        out.push({
          path: ['behaviours', id],
          key: 'expect',
          message: `\`expect: on-signal\` needs \`signal\`: the customer signal whose moments open it (${CUSTOMER_SIGNALS.join(', ')})`,
        });
      } else {
        const kinds = SIGNAL_KINDS[b!.signal];
        (b!['signal-kinds'] ?? []).forEach((kind, i) => {
          if (!kinds.includes(kind)) {
            out.push({ path: ['behaviours', id, 'signal-kinds', i], message: `unknown kind "${kind}" of ${b!.signal}; expected one of ${kinds.join(', ')}` });
          }
        });
      }
    }
    (b!['also-satisfied-by'] ?? []).forEach((other, i) => {
      if (other === id) {
        out.push({ path: ['behaviours', id, 'also-satisfied-by', i], message: `${id} cannot be satisfied by itself` });
      }
    });
  }
  return out;
}

function yamlProblem(
  err: { code: string; message: string; pos: [number, number]; linePos?: [{ line: number; col: number }, ...unknown[]] },
  text: string,
  counter: LineCounter,
  file: string,
): RubricProblem {
  const pos = err.linePos?.[0] ?? counter.linePos(err.pos[0]);
  let message = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (err.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(err.pos[0]))![0].trim().replace(/^["']|["']$/g, '');
    message = `duplicate key \`${key}\``;
  } else {
    message = `YAML syntax error: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  }
  return { file, line: pos.line, column: pos.col, message };
}

function sortProblems(problems: RubricProblem[]): RubricProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : 1));
}
