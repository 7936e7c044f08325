// Input discovery: files, directories (recursive), globs (`*`, `**`, `?`, `[abc]`) and `-` for stdin.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { InputProblem } from '../types.js';
import { PathList, StringMap } from './compact-strings.js';
import { KNOWN_EXTENSIONS, isTranscriptFile } from './readers/index.js';
import { fileErrorReason } from '../file-errors.js';

export const STDIN_PATH = '-';

const GLOB_CHARS = /[*?[]/;
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Expands CLI paths into a de-duplicated file list. Each argument's matches are sorted; arguments keep their order.
 * Missing paths and globs matching nothing become problems rather than errors.
 */
export async function expandPaths(paths: string[]): Promise<{ files: string[]; problems: InputProblem[] }> {
  const { files, problems } = await expandPathList(paths);
  return { files: files.toArray(), problems };
}

/**
 * Whether the inputs hold at least `bytes` (stdin counts as unbounded): read sizes until the answer is known, so a
 * 100k-file run stats only as many files as it takes. An unreadable file counts nothing (its reader reports it).
 */
export async function inputBytesReach(files: Iterable<string>, bytes: number): Promise<boolean> {
  let total = 0;
  for (const file of files) {
    if (file === STDIN_PATH) return true;
    try {
      total += (await stat(file)).size;
    } catch {
      continue;
    }
    if (total >= bytes) return true;
  }
  return false;
}

/**
 * expandPaths with the list packed off the V8 heap, for a run that keeps it until it ends. Directories are walked one
 * at a time straight into the list, so a 100k-file tree never exists as JS strings all at once (that transient alone
 * grew the process by ~20 MB it did not give back).
 */
export async function expandPathList(paths: string[]): Promise<{ files: PathList; problems: InputProblem[] }> {
  const files = new PathList();
  const problems: InputProblem[] = [];
  // Only several arguments can name a file twice.
  const seen = paths.length > 1 ? new StringMap() : undefined;
  const add = (file: string): void => {
    if (!seen || seen.add(file, 0)) files.push(file);
  };
  for (const path of paths) {
    if (path === STDIN_PATH) {
      add(path);
      continue;
    }
    if (GLOB_CHARS.test(path)) {
      let matched = 0;
      try {
        await expandGlob(path, (file) => {
          matched++;
          add(file);
        });
      } catch {
        // an unreadable base directory matches nothing
      }
      if (matched === 0) problems.push({ file: path, reason: 'no files match this pattern' });
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push({ file: path, reason: fileErrorReason(error) });
      continue;
    }
    if (info.isDirectory()) {
      let found = 0;
      await walk(path, new Set(), (file) => {
        if (!isTranscriptFile(file)) return;
        found++;
        add(file);
      });
      if (found === 0) {
        problems.push({ file: path, reason: `no transcript files in this directory (looked for ${KNOWN_EXTENSIONS.join(' ')})` });
      }
    } else {
      add(path);
    }
  }
  return { files: files.trim(), problems };
}


/**
 * Calls onFile for every file under dir, skipping dot entries and node_modules; directory real paths guard against
 * symlink loops. Files come in the order of their full paths (code-unit order): siblings are sorted with a "/" after
 * each directory's name, so "a-b.txt" (a file) and "a-b/x.txt" both come before "a/x.txt", as they do as whole strings.
 */
async function walk(dir: string, visited: Set<string>, onFile: (file: string) => void): Promise<void> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const children: { key: string; full: string; isDir: boolean }[] = [];
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
        isDir = false;
        isFile = isTranscriptFile(full);
      }
    }
    if (isDir || isFile) children.push({ key: isDir ? `${entry.name}/` : entry.name, full, isDir });
  }
  children.sort((a, b) => byPath(a.key, b.key));
  for (const child of children) {
    if (child.isDir) await walk(child.full, visited, onFile);
    else onFile(child.full);
  }
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Files matching a glob, in path order. The walk starts at the longest directory prefix without glob characters. */
async function expandGlob(pattern: string, onMatch: (file: string) => void): Promise<void> {
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
  await walk(base, new Set(), (file) => {
    const rel = relative(base, file).split(sep).join('/');
    if (matcher.test(rel) && (explicitExtension || isTranscriptFile(file))) onMatch(file);
  });
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
