// Turns zod issues into one readable message per rubric mistake, each anchored to a YAML node.
import type { z } from 'zod';
import { BEHAVIOURS } from '../types.js';
import { didYouMean } from './errors.js';
import type { PathKey } from './locate.js';
import { rubricFileSchema } from './schema.js';

type Issue = z.core.$ZodIssue;

export interface LocatedMessage {
  path: PathKey[];
  /** Set for unknown keys: the problem is reported at this key inside the map at `path`. */
  key?: string;
  message: string;
}

/** The keys each map of a rubric file allows, read off the schema (one source of truth: ./schema.ts). */
let knownKeysCache: Record<'root' | 'behaviour' | 'repeats' | 'penalties' | 'penalty' | 'phraseEdits', readonly string[]> | undefined;

function knownKeys(): NonNullable<typeof knownKeysCache> {
  if (knownKeysCache) return knownKeysCache;
  const root = rubricFileSchema().shape;
  const penalties = root.penalties.unwrap().shape;
  return (knownKeysCache = {
    root: Object.keys(root),
    behaviour: Object.keys(root.behaviours.shape[BEHAVIOURS[0]].unwrap().shape),
    repeats: Object.keys(root.repeats.unwrap().shape),
    penalties: Object.keys(penalties),
    penalty: [...new Set(Object.values(penalties).flatMap((p) => Object.keys(p.unwrap().shape)))],
    phraseEdits: Object.keys(root.phrases.unwrap().shape[BEHAVIOURS[0]].unwrap().shape),
  });
}

function dotted(path: readonly PathKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') || '(top level)';
}

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathKey, unknown>)[step];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Which keys are allowed in the map at `path`, for "did you mean". */
function knownKeysAt(path: readonly PathKey[], listedKeys: readonly string[]): { noun: string; keys: readonly string[] } {
  const [head, , third] = path;
  if (path.length === 0) return { noun: 'key', keys: knownKeys().root };
  if (path[path.length - 1] === 'repeats') return { noun: 'key', keys: knownKeys().repeats };
  if (head === 'behaviours' && path.length === 1) return { noun: 'behaviour', keys: BEHAVIOURS };
  if (head === 'behaviours') return { noun: 'key', keys: knownKeys().behaviour };
  if (head === 'penalties' && path.length === 1) return { noun: 'penalty', keys: knownKeys().penalties };
  if (head === 'penalties') return { noun: 'key', keys: knownKeys().penalty };
  if (head === 'phrases' && path.length === 1) return { noun: 'behaviour or signal', keys: listedKeys };
  if (head === 'phrases' && path.length === 2) return { noun: 'key', keys: knownKeys().phraseEdits };
  if (head === 'phrases' && third === 'add') return { noun: 'key', keys: ['text', 'pattern', 'kind'] };
  return { noun: 'key', keys: listedKeys };
}

function enumMessage(path: readonly PathKey[], value: unknown, values: readonly string[]): string {
  const got = String(value);
  const options = values.join(', ');
  const hint = didYouMean(got, values);
  const named = path.filter((p): p is string => typeof p === 'string');
  const field = named[named.length - 1];
  if (field === 'expect') return `unknown expect value \`${got}\`; expected one of ${options}${hint}`;
  if (field === 'kinds' || field === 'kind') {
    const owner = path[1];
    return `unknown kind \`${got}\` for ${String(owner)}; expected one of ${options}${hint}`;
  }
  if (field === 'also-satisfied-by') return `unknown behaviour \`${got}\`; expected one of ${options}${hint}`;
  return `\`${dotted(path)}\` must be one of ${options}, got ${describe(value)}${hint}`;
}

function rangeMessage(issue: Issue & { code: 'too_big' | 'too_small' }, path: readonly PathKey[], value: unknown): string {
  const where = `\`${dotted(path)}\``;
  const maximum = 'maximum' in issue ? String(issue.maximum) : '';
  const minimum = 'minimum' in issue ? String(issue.minimum) : '';
  if (issue.origin === 'string') {
    return issue.code === 'too_big'
      ? `${where} is too long (${String(value).length} characters, the limit is ${maximum})`
      : `${where} must not be empty`;
  }
  if (issue.origin === 'array') return `${where} must list at least ${minimum} item(s)`;
  const bound = issue.code === 'too_big' ? `at most ${maximum}` : `at least ${minimum}`;
  return `${where} is ${String(value)}, out of range: must be ${bound}`;
}

export function issueMessages(issues: readonly Issue[], data: unknown, prefix: PathKey[] = []): LocatedMessage[] {
  const out: LocatedMessage[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathKey[])];
    const value = valueAt(data, path);
    if (value === undefined && path.length > 0 && issue.code !== 'unrecognized_keys') {
      const parent = path.length > 1 ? ` in \`${dotted(path.slice(0, -1))}\`` : '';
      out.push({ path, message: `missing required key \`${String(path[path.length - 1])}\`${parent}` });
      continue;
    }
    switch (issue.code) {
      case 'unrecognized_keys': {
        const { noun, keys } = knownKeysAt(path, []);
        for (const key of issue.keys) {
          const where = path.length ? ` in \`${dotted(path)}\`` : '';
          out.push({ path, key, message: `unknown ${noun} \`${key}\`${where}${didYouMean(key, keys)}` });
        }
        break;
      }
      case 'invalid_type': {
        const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
        out.push({ path, message: `\`${dotted(path)}\` must be ${expected}, got ${describe(value)}` });
        break;
      }
      case 'invalid_value':
        out.push({ path, message: enumMessage(path, value, issue.values.map(String)) });
        break;
      case 'too_big':
      case 'too_small':
        out.push({ path, message: rangeMessage(issue, path, value) });
        break;
      case 'invalid_union':
        out.push(...unionMessages(issue, path, value, data));
        break;
      case 'custom':
        out.push({ path, message: `\`${dotted(path)}\`: ${issue.message}` });
        break;
      default:
        out.push({ path, message: `\`${dotted(path)}\`: ${issue.message}` });
    }
  }
  return out;
}

/** Phrase `add` entries: explain against the shape the user evidently meant. */
function unionMessages(issue: Issue & { code: 'invalid_union' }, path: PathKey[], value: unknown, data: unknown): LocatedMessage[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const branch = 'pattern' in value ? 2 : 'text' in value ? 1 : -1;
    const errors = issue.errors[branch];
    if (errors) return issueMessages(errors, data, path);
  }
  return [
    {
      path,
      message: `\`${dotted(path)}\` must be a phrase string, { text, kind } or { pattern, kind }, got ${describe(value)}`,
    },
  ];
}
