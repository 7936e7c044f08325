// Scaling out: shards scored in separate processes with --format partial, merged with `empathy merge`, must give the
// same report as one run over everything — byte for byte, whatever the partition and the order of the partials.
// Spawns the built CLI (run `npx tsc -p tsconfig.json` first; `npm test` does it).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, empathy } from '../cli/run.js';

const BIN = join(ROOT, 'bin/empathy.js');
const FIXTURES = 'fixtures/transcripts';
const ROLES = ['--role-map', 'fixtures/roles.yaml'];
const QUIET = ['-q', '--no-progress'];

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async spawn, so shards of one partition run side by side as they would on separate machines. */
function run(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function inBatches<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += width) out.push(...(await Promise.all(tasks.slice(i, i + width).map((t) => t()))));
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded shuffle, then n non-empty contiguous slices at random cut points. */
function partition(files: readonly string[], n: number, seed: number): string[][] {
  const random = mulberry32(seed);
  const shuffled = [...files];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const cuts = new Set<number>();
  while (cuts.size < n - 1) cuts.add(1 + Math.floor(random() * (shuffled.length - 1)));
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), shuffled.length];
  return bounds.slice(1).map((end, i) => shuffled.slice(bounds[i], end));
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(join(ROOT, f)).isFile() && !f.endsWith('.md'))
    .sort();
}

/** The single run's JSON without its calls: what a merge of aggregates can reproduce. */
function withoutCalls(json: string): string {
  return `${JSON.stringify({ ...JSON.parse(json), calls: [] }, null, 2)}\n`;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'empathy-merge-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Scores each slice in its own process (two at a time) and returns the partial files, in a shuffled order. */
async function scoreShards(slices: string[][], extra: string[], tag: string): Promise<string[]> {
  const parts = slices.map((_, i) => join(tmp, `${tag}-${i}.json`));
  const results = await inBatches(
    slices.map((slice, i) => () => run(['score', ...slice, ...extra, ...QUIET, '--jobs', '1', '--format', 'partial', '-o', parts[i]!])),
    2,
  );
  for (const r of results) expect(r.code, r.stderr).toBe(0);
  return [...parts].reverse();
}

async function expectMergeEqualsSingle(files: string[], ns: number[], extra: string[], tag: string): Promise<void> {
  const [singleJson, singleCsv] = await Promise.all([
    run(['score', ...files, ...extra, ...QUIET, '--format', 'json']),
    run(['score', ...files, ...extra, ...QUIET, '--format', 'csv']),
  ]);
  expect(singleJson.code, singleJson.stderr).toBe(0);
  const expectedJson = withoutCalls(singleJson.stdout);
  for (const n of ns) {
    const parts = await scoreShards(partition(files, n, 1000 + n), extra, `${tag}-${n}`);
    const [json, csv] = await Promise.all([run(['merge', ...parts, '--format', 'json']), run(['merge', ...parts, '--format', 'csv'])]);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout, `N=${n}`).toBe(expectedJson);
    expect(csv.stdout, `N=${n}`).toBe(singleCsv.stdout);
  }
}

describe('empathy merge of partials equals one run', () => {
  it('fixtures split into 1..8 seeded random shards: JSON (calls omitted) and CSV byte-identical', async () => {
    const files = filesUnder(FIXTURES);
    expect(files.length).toBeGreaterThanOrEqual(8);
    await expectMergeEqualsSingle(files, [1, 2, 3, 4, 5, 6, 7, 8], ROLES, 'fx');
  }, 60_000);

  it('a generated corpus of 300 calls split into 1, 3 and 8 shards (bench/generate.js)', async () => {
    const out = join(tmp, 'corpus');
    const gen = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, [join(ROOT, 'bench/generate.js'), '--calls', '300', '--seed', '7', '--out', out, '--formats', 'text'], {
        cwd: ROOT,
        stdio: 'ignore',
      }).on('close', resolve),
    );
    expect(gen).toBe(0);
    const files = readdirSync(join(out, 'text'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(out, 'text', f))
      .sort();
    expect(files.length).toBe(300);
    await expectMergeEqualsSingle(files, [1, 3, 8], [], 'gen');
  }, 60_000);
});

describe('empathy merge: order, refusals and bad partials', () => {
  const text = (name: string): string => `${FIXTURES}/text/${name}`;
  let a: string;
  let b: string;
  beforeAll(async () => {
    [a, b] = [join(tmp, 'a.json'), join(tmp, 'b.json')];
    const results = await Promise.all([
      run(['score', text('bill-1042_double-charge.txt'), text('bill-1215_hardship.txt'), ...ROLES, ...QUIET, '--format', 'partial', '-o', a]),
      run(['score', `${FIXTURES}/vtt`, `${FIXTURES}/srt`, ...ROLES, ...QUIET, '--format', 'partial', '-o', b]),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
  }, 30_000);

  it('gives the same bytes whatever the order of the partials, and a merged partial merges again', () => {
    const ab = empathy(['merge', a, b, '--format', 'json']);
    const ba = empathy(['merge', b, a, '--format', 'json']);
    expect(ab.code).toBe(0);
    expect(ba.stdout).toBe(ab.stdout);
    const both = join(tmp, 'ab.json');
    expect(empathy(['merge', b, a, '--format', 'partial', '-o', both, '-q']).code).toBe(0);
    expect(empathy(['merge', both, '--format', 'json']).stdout).toBe(ab.stdout);
    const report = JSON.parse(ab.stdout) as { summary: { scored: number }; provenance: { inputs: { count: number } }; calls: unknown[] };
    expect(report.summary.scored).toBe(5);
    expect(report.provenance.inputs.count).toBe(5);
    expect(report.calls).toEqual([]);
  });

  it('refuses partials scored with different rubrics, naming both files and hashes (exit 2)', async () => {
    const strict = join(tmp, 'strict.json');
    const r = await run(['score', text('clm-8842_er-claim.txt'), ...ROLES, ...QUIET, '--rubric', 'strict', '--format', 'partial', '-o', strict]);
    expect(r.code, r.stderr).toBe(0);
    const merged = empathy(['merge', a, strict]);
    expect(merged.code).toBe(2);
    expect(merged.stdout).toBe('');
    const hashes = [a, strict].map((f) => (JSON.parse(readText(f)) as { rubric: { hash: string } }).rubric.hash);
    expect(hashes[0]).not.toBe(hashes[1]);
    expect(merged.stderr).toMatch(/different rubrics/);
    for (const s of [a, strict, ...hashes]) expect(merged.stderr).toContain(s);
    expect(merged.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses mixed --group-by and a file scored in two partials', async () => {
    const byTeam = join(tmp, 'team.json');
    const again = join(tmp, 'again.json');
    const results = await Promise.all([
      run(['score', text('clm-8842_er-claim.txt'), ...ROLES, ...QUIET, '--group-by', 'team', '--format', 'partial', '-o', byTeam]),
      run(['score', text('bill-1042_double-charge.txt'), ...ROLES, ...QUIET, '--format', 'partial', '-o', again]),
    ]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const mixed = empathy(['merge', a, byTeam]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/different --group-by: .* grouped by (agent|team), .* by (team|agent)/);
    const twice = empathy(['merge', a, again]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('bill-1042_double-charge.txt was scored in both');
  });

  it('a corrupt or foreign partial is one line naming the file (exit 2)', () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, readText(a).slice(0, 200));
    const notPartial = join(tmp, 'report.json');
    writeFileSync(notPartial, empathy(['merge', a, '--format', 'json']).stdout);
    const tampered = join(tmp, 'tampered.json');
    writeFileSync(tampered, readText(a).replace('"calls":', '"calls":-'));
    for (const [file, reason] of [
      [broken, /invalid JSON/],
      [notPartial, /not a partial result/],
      [tampered, /not a valid partial result: accumulator\.groups\..*\.calls/],
      [join(tmp, 'missing.json'), /no such file/],
    ] as const) {
      const r = empathy(['merge', a, file]);
      expect(r.code, file).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(file)).toBe(true);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses formats made of individual calls with a clear message; --fail-under gates the merged groups', () => {
    const line = empathy(['merge', a, b, '--format', 'ndjson']);
    expect(line.code).toBe(2);
    expect(line.stderr).toMatch(/--format ndjson lists individual calls, which partial results do not carry/);
    // --strict: these groups are low-sample, which only --strict holds to the threshold.
    const gate = empathy(['merge', a, b, '--format', 'csv', '--strict', '--fail-under', '100']);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/fail-under 100/);
  });
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
