// Input discovery: files, directories (recursive), globs (`*`, `**`, `?`, `[abc]`) and `-` for stdin.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { InputProblem } from '../types.js';
import { KNOWN_EXTENSIONS, isTranscriptFile } from './readers/index.js';

export const STDIN_PATH = '-';

const GLOB_CHARS = /[*?[]/;
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Expands CLI paths into a de-duplicated file list. Each argument's matches are sorted; arguments keep their order.
 * Missing paths and globs matching nothing become problems rather than errors.
 */
export async function expandPaths(paths: string[]): Promise<{ files: string[]; problems: InputProblem[] }> {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const path of paths) {
    if (path === STDIN_PATH) {
      add(path);
      continue;
    }
    if (GLOB_CHARS.test(path)) {
      let matches: string[] = [];
      try {
        matches = await expandGlob(path);
      } catch {
        matches = [];
      }
      if (matches.length === 0) problems.push({ file: path, reason: 'no files match this pattern' });
      matches.forEach(add);
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push({ file: path, reason: statReason(error) });
      continue;
    }
    if (info.isDirectory()) {
      const found = await walk(path, new Set());
      const wanted = found.filter(isTranscriptFile).sort(byPath);
      if (wanted.length === 0) {
        problems.push({ file: path, reason: `no transcript files in this directory (looked for ${KNOWN_EXTENSIONS.join(' ')})` });
      }
      wanted.forEach(add);
    } else {
      add(path);
    }
  }
  return { files, problems };
}

function statReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return `cannot read (${code ?? 'error'})`;
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** All files under dir, skipping dot entries and node_modules; directory real paths guard against symlink loops. */
async function walk(dir: string, visited: Set<string>): Promise<string[]> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    return [];
  }
  if (visited.has(real)) return [];
  visited.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  entries.sort((a, b) => byPath(a.name, b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        // A dangling or looping link named like a transcript is reported when read, not silently dropped.
        if (isTranscriptFile(full)) files.push(full);
        continue;
      }
    }
    if (isDir) files.push(...(await walk(full, visited)));
    else if (isFile) files.push(full);
  }
  return files;
}

/** Files matching a glob. The walk starts at the longest directory prefix without glob characters. */
async function expandGlob(pattern: string): Promise<string[]> {
  const normalised = pattern.split(sep).join('/');
  const segments = normalised.split('/');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const baseSegments = segments.slice(0, firstGlob);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const rest = segments.slice(firstGlob).join('/');
  const matcher = globToRegExp(rest);
  // An explicit extension in the last segment ("*.md") is the user's choice; otherwise only transcript files.
  const lastSegment = segments[segments.length - 1] ?? '';
  const explicitExtension = /\.[^*?[\]]+$/.test(lastSegment);
  const files = await walk(base, new Set());
  const matches = files.filter((file) => {
    const rel = relative(base, file).split(sep).join('/');
    return matcher.test(rel) && (explicitExtension || isTranscriptFile(file));
  });
  return matches.sort(byPath);
}

/** `**` spans directories, `*` and `?` stay inside one segment, `[...]` is a character class. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:[^/]+/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body}]`;
        i = close;
      }
    } else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
