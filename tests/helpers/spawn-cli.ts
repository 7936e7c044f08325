// Spawns the built CLI (bin/empathy.js) asynchronously, so independent runs can go side by side, with a hang guard.
// `npm test` builds dist/ first (pretest).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/empathy.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) {
  throw new Error('dist/ is missing: run `npm run build` (npm test does it in pretest)');
}

/** Generous: a guard against hangs, not a benchmark. */
export const HANG_GUARD_MS = 20_000;

export interface SpawnResult {
  code: number | null;
  /** Set when the hang guard (or anything else) killed the process. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without empty ones. */
  lines: string[];
}

/**
 * `node bin/empathy.js ...args` with an empty stdin, killed after `timeoutMs`. NO_COLOR / FORCE_COLOR are dropped from
 * the inherited environment unless given in `env`.
 */
export function spawnEmpathy(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<SpawnResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? HANG_GUARD_MS,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr, lines: stderr.split('\n').filter((l) => l !== '') });
    });
  });
}

/** A limiter: each task passed to the returned function starts once fewer than `width` are running. */
export function limiter(width: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= width) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
