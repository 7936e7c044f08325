// Runs the built CLI (dist/cli/program.js: the runCli that bin/empathy.js → dist/cli/main.js calls) inside the test
// process: the same argv, output bytes and exit code as a spawned `empathy`, without paying a new node process and a
// fresh NLP model load (~0.5 s of CPU) for every run. Worker threads (--jobs N) are real threads on the built worker.
// Use it where a test is about what the CLI writes; spawn the binary where it is about the process itself (hangs,
// crashes, signals) — see spawn-cli.ts.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROGRAM = fileURLToPath(new URL('../../dist/cli/program.js', import.meta.url));
if (!existsSync(PROGRAM)) throw new Error('dist/ is missing: run `npm run build` (npm test does it in pretest)');

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stderr split into lines, without empty ones. */
  lines: string[];
}

interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
}
type RunCli = (argv: string[], io: CliIO) => Promise<number>;

let runCli: Promise<RunCli> | undefined;
/** Runs one after another: the CLI keeps per-process state (e.g. a reused read buffer) that one run at a time may use. */
let queue: Promise<unknown> = Promise.resolve();

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * `empathy ...args`, in this process. Relative paths resolve against the process's cwd, which must be the repository
 * root (vitest's root); stdin is `options.stdin` (empty by default); neither stream is a TTY; NO_COLOR / FORCE_COLOR are dropped unless given in
 * `env` (as tests/cli/run.ts does for spawned runs).
 */
export function empathyInProcess(args: string[], options: { env?: Record<string, string>; stdin?: string | Buffer } = {}): Promise<InProcessResult> {
  if (resolve(process.cwd()) !== resolve(ROOT)) {
    throw new Error(`empathyInProcess needs cwd ${ROOT}, not ${process.cwd()}`);
  }
  const run = queue.then(async () => {
    runCli ??= import(/* @vite-ignore */ pathToFileURL(PROGRAM).href).then((m: { runCli: RunCli }) => m.runCli);
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
    if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
    const stdout = collector();
    const stderr = collector();
    const code = await (await runCli)([...args], { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]), env });
    const err = stderr.text();
    return { code, stdout: stdout.text(), stderr: err, lines: err.split('\n').filter((l) => l !== '') };
  });
  queue = run.catch(() => undefined);
  return run;
}
