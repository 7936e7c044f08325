#!/usr/bin/env node
// The README's terminal examples are real: each fenced block right after a `<!-- example -->` line holds `$ command`
// lines, each followed by what it prints (stdout and stderr, as a terminal shows them). This script runs every such
// block with the built CLI and compares, or rewrites the outputs from the actual run.
//
//   node scripts/readme-examples.mjs            exit 1 and show the differences when an example is stale
//   node scripts/readme-examples.mjs --write    rewrite README.md's example outputs from the actual runs
//
// Each block runs in one bash process (so `$ echo $?` sees the command before it) in a fresh temporary directory
// holding links to the repo's fixtures/, rubrics/ and scripts/, with `empathy` on PATH as bin/empathy.js; files a command
// writes (`-o scores.json`, `> out.json`) land there and are removed. Not a TTY: no colour, no progress bar.
// Runs on the built code (dist/): `npm run build` first.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const README = join(ROOT, 'README.md');
const MARKER = '<!-- example -->';
/** Separates the commands' outputs in the block's one shell run (a character no output of ours contains). */
const SEPARATOR = '\u001e';

/**
 * The example blocks of a README: for each, the line range of its body and its commands with their shown output.
 * A command may continue onto following lines ending in a backslash.
 */
export function parseExamples(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== MARKER) continue;
    const open = i + 1;
    if (!/^```\w*\s*$/.test(lines[open] ?? '')) throw new Error(`README.md:${i + 1}: ${MARKER} must be followed by a fenced block`);
    const close = lines.findIndex((l, k) => k > open && /^```\s*$/.test(l));
    if (close < 0) throw new Error(`README.md:${open + 1}: unclosed example block`);
    const commands = [];
    for (let k = open + 1; k < close; k++) {
      const line = lines[k];
      if (line.startsWith('$ ')) {
        const raw = [line];
        while (raw[raw.length - 1].endsWith('\\') && k + 1 < close) raw.push(lines[++k]);
        commands.push({ command: raw.join('\n').slice(2), raw, output: [] });
      } else if (commands.length === 0) {
        throw new Error(`README.md:${k + 1}: an example block starts with a "$ command" line`);
      } else {
        commands[commands.length - 1].output.push(line);
      }
    }
    blocks.push({ line: open + 1, body: [open + 1, close], commands });
    i = close;
  }
  return blocks;
}

/** Runs one block's commands; returns each command's output lines (trailing spaces and blank lines trimmed). */
export function runExample(block) {
  const dir = mkdtempSync(join(tmpdir(), 'empathy-readme-'));
  try {
    for (const name of ['fixtures', 'rubrics', 'scripts']) symlinkSync(join(ROOT, name), join(dir, name));
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'empathy'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'empathy.js')}" "$@"\n`);
    chmodSync(join(bin, 'empathy'), 0o755);
    // The separator is printed between commands without changing $? (so `$ echo $?` reports the command before it).
    const script = block.commands.map((c) => `__status=$?; printf '${SEPARATOR}\\n'; (exit $__status)\n${c.command}`).join('\n');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', COLUMNS: '120' };
    delete env.FORCE_COLOR;
    const run = spawnSync('bash', ['-c', `{\n${script}\n} 2>&1`], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    const parts = run.stdout.split(`${SEPARATOR}\n`).slice(1);
    return block.commands.map((_, i) => tidy((parts[i] ?? '').split('\n')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tidy(lines) {
  const out = lines.map((l) => l.replace(/\s+$/, ''));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Every example whose shown output differs from the actual run: where, the command, shown and actual lines. */
export function staleExamples(text = readFileSync(README, 'utf8')) {
  const stale = [];
  for (const block of parseExamples(text)) {
    const actual = runExample(block);
    block.commands.forEach((c, i) => {
      const shown = tidy(c.output);
      if (shown.join('\n') !== actual[i].join('\n')) stale.push({ line: block.line, command: c.command, shown, actual: actual[i] });
    });
  }
  return stale;
}

/** The README with every example's output replaced by the actual run's. */
export function rewritten(text = readFileSync(README, 'utf8')) {
  const lines = text.split('\n');
  // From the last block up, so earlier line numbers stay valid.
  for (const block of parseExamples(text).reverse()) {
    const actual = runExample(block);
    const body = block.commands.flatMap((c, i) => [...c.raw, ...actual[i]]);
    lines.splice(block.body[0], block.body[1] - block.body[0], ...body);
  }
  return lines.join('\n');
}

// Compared through realpath: run through a symlinked directory, argv[1] is the link and import.meta.url the file.
const isMain = process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1]);
if (isMain) {
  if (process.argv.includes('--write')) {
    writeFileSync(README, rewritten());
    console.error('rewrote the README examples from their actual output');
  } else {
    const stale = staleExamples();
    for (const s of stale) {
      console.log(`README.md:${s.line}: $ ${s.command}`);
      console.log(`  shown:\n${s.shown.map((l) => `    ${l}`).join('\n')}\n  actual:\n${s.actual.map((l) => `    ${l}`).join('\n')}`);
    }
    console.log(stale.length === 0 ? 'README examples are up to date' : `${stale.length} stale README example(s): node scripts/readme-examples.mjs --write`);
    process.exit(stale.length === 0 ? 0 : 1);
  }
}
