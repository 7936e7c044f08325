// Past one machine, for real (issue 23): the shard/merge path on a real Dask cluster (a scheduler and two worker
// processes on localhost), byte-identical to one local run, also when a worker is killed mid-run. tests/engine/
// dask_score.py is the README's Dask recipe. .ci/run installs python3-dask and python3-distributed and sets
// EMPATHY_REQUIRE_DASK=1, so on CI a missing Dask fails this test instead of skipping it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCall, toJsonLine } from '../../bench/generate.js';
import { ROOT } from '../cli/run.js';

const PYTHON = process.env.EMPATHY_DASK_PYTHON ?? '/usr/bin/python3';
const BIN = join(ROOT, 'bin/empathy.js');
const SCRIPT = join(ROOT, 'tests/engine/dask_score.py');
const CALLS = 400;

function daskProblem(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import dask.bag, dask.distributed'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} not found (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} cannot import dask.distributed: ${probe.stderr.trim().split('\n').pop()}`;
  return undefined;
}

const problem = daskProblem();
const required = process.env.EMPATHY_REQUIRE_DASK === '1';
if (problem && !required) {
  console.warn(`\n*** Dask engine test SKIPPED: ${problem}. Install with: apt-get install -y python3-dask python3-distributed ***\n`);
}

describe.skipIf(problem !== undefined && !required)('Dask distributed: score partitions on workers, merge the partials', () => {
  it('is installed (EMPATHY_REQUIRE_DASK=1 on CI)', () => {
    expect(problem, 'Dask is required here: apt-get install -y python3-dask python3-distributed').toBeUndefined();
  });

  it(
    `${CALLS} generated calls: the merged report is byte-identical to one local run, and still is after a worker is killed`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'dask-'));
      const corpus = join(dir, 'calls.jsonl');
      writeFileSync(corpus, Array.from({ length: CALLS }, (_, i) => toJsonLine(buildCall(11, i))).join('\n') + '\n');

      const started = Date.now();
      const partial = execFileSync(process.execPath, [BIN, 'score', '-', '--input-format', 'jsonl', '--format', 'partial', '--no-progress', '--jobs', '1'], {
        input: readFileSync(corpus),
        maxBuffer: 64 * 1024 * 1024,
      });
      const single = join(dir, 'single.json');
      execFileSync(process.execPath, [BIN, 'merge', '-', '--format', 'json', '-o', single], { input: partial, stdio: ['pipe', 'pipe', 'pipe'] });
      const singleSeconds = (Date.now() - started) / 1000;
      const expected = readFileSync(single, 'utf8');
      expect(JSON.parse(expected).summary).toMatchObject({ read: CALLS, scored: CALLS });

      for (const kill of [false, true]) {
        const out = join(dir, kill ? 'killed.json' : 'dask.json');
        const run = spawnSync(PYTHON, [SCRIPT, corpus, BIN, out, '--partitions', '4', ...(kill ? ['--kill-worker'] : [])], { encoding: 'utf8' });
        expect(run.status, run.stderr.split('\n').filter((l) => !/ - (INFO|WARNING) - /.test(l)).join('\n')).toBe(0);
        const timing = JSON.parse(run.stdout.trim().split('\n').pop()!) as { partials: number; killed: string | null; total_seconds: number; shuffle_seed: number };
        expect(timing.partials).toBe(4);
        if (kill) expect(timing.killed).toMatch(/^tcp:\/\//);
        console.log(`dask ${kill ? 'with a worker killed' : 'run'}: ${timing.total_seconds}s vs one local run ${singleSeconds.toFixed(2)}s (merge order seed ${timing.shuffle_seed})`);
        expect(readFileSync(out, 'utf8'), `merged in shuffle order ${timing.shuffle_seed}`).toBe(expected);
      }
    },
    240_000,
  );
});
