// Spawns the built CLI (bin/empathy.js → dist/cli/main.js) the way a user or CI job would.
// `npm test` builds first (pretest); when running vitest directly, run `npx tsc -p tsconfig.json` first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/empathy.js', import.meta.url));

if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) {
  throw new Error('dist/ is missing: run `npm run build` (npm test does it in pretest)');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function empathy(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // Tests decide colour explicitly; an inherited NO_COLOR/FORCE_COLOR would hide what they check.
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
