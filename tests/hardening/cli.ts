// Spawns the built CLI with a hang guard. `npm test` builds dist/ first (pretest).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/empathy.js', import.meta.url));

/** Generous: a guard against hangs, not a benchmark. */
export const HANG_GUARD_MS = 20_000;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without the trailing empty one. */
  lines: string[];
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
}

export function empathy(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: cleanEnv(),
    input: '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: HANG_GUARD_MS,
  });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter((l) => l !== '') };
}

/** Starts the CLI without waiting (for signals). */
export function startEmpathy(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}
