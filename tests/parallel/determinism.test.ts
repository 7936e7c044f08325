// Output never depends on --jobs: the built CLI gives byte-identical reports with 1, 2 and 3 workers, on the
// fixtures and on a generated corpus of 150 calls, and streams ndjson in input order.
// Runs the built CLI's runCli in this process (tests/helpers/cli-in-process.ts: the same bytes, real worker threads for
// --jobs N, no new process and model load per run), one run at a time; the first test also spawns the binary itself
// with --jobs 2 and 3 and checks it writes the same bytes as the in-process --jobs 1 run. `npm test` builds dist/ first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { empathyInProcess } from '../helpers/cli-in-process.js';
import { ROOT, spawnEmpathy, type SpawnResult } from '../helpers/spawn-cli.js';

// 150 calls: ~38 batches of 4 calls (src/parallel/score-pool.ts), plenty to spread over 1-2 workers, and with seed 7
// every one of the generator's 5 teams gets 19-42 calls, so the coaching report's 10-lowest selection drops calls in
// every group (checked below).
const CALLS = 150;

let corpus = '';

beforeAll(() => {
  corpus = mkdtempSync(join(tmpdir(), 'empathy-jobs-'));
  execFileSync(process.execPath, ['bench/generate.js', '--calls', String(CALLS), '--seed', '7', '--out', corpus, '--formats', 'text,json'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}, 120000);

const jobsArgs = (jobs: number, args: string[]): string[] => ['score', ...args, '--no-progress', '--jobs', String(jobs)];

function stdoutOf(run: { code: number | null; stdout: string; stderr: string }): string {
  expect(run.stderr).not.toMatch(/internal error|worker failed/);
  expect(run.code).toBe(0);
  return run.stdout;
}

async function scoreWith(jobs: number, args: string[]): Promise<string> {
  return stdoutOf(await empathyInProcess(jobsArgs(jobs, args)));
}

describe('--jobs determinism', () => {
  it('fixtures: the same JSON report with --jobs 1, 2 and 3 (2 and 3 from the spawned binary)', async () => {
    const args = ['fixtures/transcripts', '--format', 'json'];
    const spawned: Promise<SpawnResult>[] = [spawnEmpathy(jobsArgs(2, args)), spawnEmpathy(jobsArgs(3, args))];
    const one = await scoreWith(1, args);
    expect(JSON.parse(one).calls.length).toBeGreaterThan(5);
    const [two, three] = await Promise.all(spawned);
    expect(stdoutOf(two!)).toBe(one);
    expect(stdoutOf(three!)).toBe(one);
  }, 120000);

  it(`${CALLS} generated calls (one file each): the same JSON report with --jobs 1, 2 and 3`, async () => {
    const one = await scoreWith(1, [join(corpus, 'text'), '--format', 'json']);
    const report = JSON.parse(one);
    expect(report.summary.scored).toBe(CALLS);
    expect(report.calls.filter((c: { findings: unknown[] }) => c.findings.length > 0).length).toBeGreaterThan(CALLS * 0.83);
    expect(await scoreWith(2, [join(corpus, 'text'), '--format', 'json'])).toBe(one);
    expect(await scoreWith(3, [join(corpus, 'text'), '--format', 'json'])).toBe(one);
  }, 180000);

  it(`${CALLS} generated calls in JSONL: ndjson streams the same lines in input order with --jobs 1 and 3`, async () => {
    const one = await scoreWith(1, [join(corpus, 'json'), '--format', 'ndjson']);
    const three = await scoreWith(3, [join(corpus, 'json'), '--format', 'ndjson']);
    expect(three).toBe(one);
    const ids = one
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((r) => r.transcriptId !== undefined)
      .map((r) => r.transcriptId as string);
    expect(ids.length).toBe(CALLS);
  }, 180000);

  // The coaching report keeps a bounded selection per group (10 lowest-scoring calls) gathered as calls arrive: the
  // selection, and so the report, must not depend on how many threads scored.
  it(`${CALLS} generated calls by team: the html and markdown reports show the same selection with --jobs 1 and 2`, async () => {
    for (const format of ['html', 'markdown']) {
      const input = [join(corpus, 'text'), '--group-by', 'team', '--format', format, '--verbose'];
      const one = await scoreWith(1, input);
      expect(one).toMatch(/The 10 lowest-scoring of \d+ calls, in input order\./);
      // One selection per team, each out of comfortably more than 10 calls: the selection really drops calls.
      const ofN = [...one.matchAll(/The 10 lowest-scoring of (\d+) calls, in input order\./g)].map((m) => Number(m[1]));
      expect(ofN, format).toHaveLength(5);
      for (const n of ofN) expect(n, format).toBeGreaterThanOrEqual(15);
      expect(await scoreWith(2, input)).toBe(one);
    }
  }, 180000);

  // Workers hand calls back as JSON text plus an aggregation digest (redaction done on the worker): the text path
  // (ndjson, table) and the parsed path (json) must match the in-process run byte for byte, redacted or not.
  it('fixtures: ndjson, table and --redact give the same bytes with --jobs 1 and 2', async () => {
    for (const args of [
      ['--format', 'ndjson'],
      ['--format', 'ndjson', '--redact'],
      ['--format', 'json', '--redact'],
      ['--format', 'table', '--group-by', 'team'],
    ]) {
      const input = ['fixtures/transcripts', '--role-map', 'fixtures/roles.yaml', ...args];
      const one = await scoreWith(1, input);
      expect(await scoreWith(2, input)).toBe(one);
    }
  }, 180000);
});
