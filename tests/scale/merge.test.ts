// Scaling out: shards scored in separate processes with --format partial, merged with `empathy merge`, must give the
// same report as one run over everything — byte for byte, whatever the partition and the order of the partials.
// The single runs (the reference) and the partials the refusal tests start from come from the spawned binary; the
// shards and the merges run the built CLI's runCli in this process (tests/helpers/cli-in-process.ts: the same bytes,
// without a new process and NLP model load per shard). A partial is a file: the merge sees only what the shard wrote.
// `npm test` builds dist/ first (pretest).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { empathyInProcess } from '../helpers/cli-in-process.js';
import { ROOT, spawnEmpathy } from '../helpers/spawn-cli.js';

const FIXTURES = 'fixtures/transcripts';
const ROLES = ['--role-map', 'fixtures/roles.yaml'];
const QUIET = ['-q', '--no-progress'];
const ENV = { NO_COLOR: '1' };

/** The spawned binary. */
const run = (args: string[]) => spawnEmpathy(args, { env: ENV });
/** The built CLI in this process (one run at a time). */
const cli = (args: string[]) => empathyInProcess(args, { env: ENV });

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

/** Scores each slice in a run of its own (--jobs 1) and returns the partial files, in a shuffled order. */
async function scoreShards(slices: string[][], extra: string[], tag: string): Promise<string[]> {
  const parts = slices.map((_, i) => join(tmp, `${tag}-${i}.json`));
  for (const [i, slice] of slices.entries()) {
    const r = await cli(['score', ...slice, ...extra, ...QUIET, '--jobs', '1', '--format', 'partial', '-o', parts[i]!]);
    expect(r.code, r.stderr).toBe(0);
  }
  return [...parts].reverse();
}

/** Checks every partition; returns the single run's groups. */
async function expectMergeEqualsSingle(files: string[], ns: number[], extra: string[], tag: string): Promise<{ lowSample: boolean }[]> {
  // The reference runs in two processes of the binary while this one scores the shards.
  const singles = Promise.all([
    run(['score', ...files, ...extra, ...QUIET, '--format', 'json']),
    run(['score', ...files, ...extra, ...QUIET, '--format', 'csv']),
  ]);
  singles.catch(() => {}); // awaited below
  const merged: { n: number; json: string; csv: string }[] = [];
  for (const n of ns) {
    const parts = await scoreShards(partition(files, n, 1000 + n), extra, `${tag}-${n}`);
    const json = await cli(['merge', ...parts, '--format', 'json']);
    const csv = await cli(['merge', ...parts, '--format', 'csv']);
    expect(json.code, json.stderr).toBe(0);
    expect(csv.code, csv.stderr).toBe(0);
    merged.push({ n, json: json.stdout, csv: csv.stdout });
  }
  const [singleJson, singleCsv] = await singles;
  expect(singleJson.code, singleJson.stderr).toBe(0);
  expect(singleCsv.code, singleCsv.stderr).toBe(0);
  const expectedJson = withoutCalls(singleJson.stdout);
  for (const { n, json, csv } of merged) {
    expect(json, `N=${n}`).toBe(expectedJson);
    expect(csv, `N=${n}`).toBe(singleCsv.stdout);
  }
  return (JSON.parse(singleJson.stdout) as { groups: { lowSample: boolean }[] }).groups;
}

describe('empathy merge of partials equals one run', () => {
  it('fixtures split into 1..8 seeded random shards: JSON (calls omitted) and CSV byte-identical', async () => {
    const files = filesUnder(FIXTURES);
    expect(files.length).toBeGreaterThanOrEqual(8);
    await expectMergeEqualsSingle(files, [1, 2, 3, 4, 5, 6, 7, 8], ROLES, 'fx');
  }, 60_000);

  // 150 calls over the generator's 50 agents: most agents' calls land in several shards, and the corpus holds both
  // low-sample groups and groups with enough calls to be judged (checked below), so both kinds are merged.
  it('a generated corpus of 150 calls split into 1, 3 and 8 shards (bench/generate.js)', async () => {
    const out = join(tmp, 'corpus');
    const gen = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, [join(ROOT, 'bench/generate.js'), '--calls', '150', '--seed', '7', '--out', out, '--formats', 'text'], {
        cwd: ROOT,
        stdio: 'ignore',
      }).on('close', resolve),
    );
    expect(gen).toBe(0);
    const files = readdirSync(join(out, 'text'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(out, 'text', f))
      .sort();
    expect(files.length).toBe(150);
    const groups = await expectMergeEqualsSingle(files, [1, 3, 8], [], 'gen');
    expect(groups.filter((g) => g.lowSample).length).toBeGreaterThan(0);
    expect(groups.filter((g) => !g.lowSample).length).toBeGreaterThanOrEqual(5);
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

  it('gives the same bytes whatever the order of the partials, and a merged partial merges again', async () => {
    const ab = await cli(['merge', a, b, '--format', 'json']);
    const ba = await cli(['merge', b, a, '--format', 'json']);
    expect(ab.code).toBe(0);
    expect(ba.stdout).toBe(ab.stdout);
    const both = join(tmp, 'ab.json');
    expect((await cli(['merge', b, a, '--format', 'partial', '-o', both, '-q'])).code).toBe(0);
    expect((await cli(['merge', both, '--format', 'json'])).stdout).toBe(ab.stdout);
    const report = JSON.parse(ab.stdout) as { summary: { scored: number }; provenance: { inputs: { count: number } }; calls: unknown[] };
    expect(report.summary.scored).toBe(5);
    expect(report.provenance.inputs.count).toBe(5);
    expect(report.calls).toEqual([]);
  });

  it('refuses partials scored with different rubrics, naming both files and hashes (exit 2)', async () => {
    const strict = join(tmp, 'strict.json');
    const r = await cli(['score', text('clm-8842_er-claim.txt'), ...ROLES, ...QUIET, '--rubric', 'strict', '--format', 'partial', '-o', strict]);
    expect(r.code, r.stderr).toBe(0);
    const merged = await cli(['merge', a, strict]);
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
    const results = [
      await cli(['score', text('clm-8842_er-claim.txt'), ...ROLES, ...QUIET, '--group-by', 'team', '--format', 'partial', '-o', byTeam]),
      await cli(['score', text('bill-1042_double-charge.txt'), ...ROLES, ...QUIET, '--format', 'partial', '-o', again]),
    ];
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const mixed = await cli(['merge', a, byTeam]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/different --group-by: .* grouped by (agent|team), .* by (team|agent)/);
    const twice = await cli(['merge', a, again]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('bill-1042_double-charge.txt was scored in both');
  });

  it('a corrupt or foreign partial is one line naming the file (exit 2)', async () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, readText(a).slice(0, 200));
    const notPartial = join(tmp, 'report.json');
    writeFileSync(notPartial, (await cli(['merge', a, '--format', 'json'])).stdout);
    const tampered = join(tmp, 'tampered.json');
    writeFileSync(tampered, readText(a).replace('"calls":', '"calls":-'));
    for (const [file, reason] of [
      [broken, /invalid JSON/],
      [notPartial, /not a partial result/],
      [tampered, /not a valid partial result: accumulator\.groups\..*\.calls/],
      [join(tmp, 'missing.json'), /no such file/],
    ] as const) {
      const r = await cli(['merge', a, file]);
      expect(r.code, file).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(file)).toBe(true);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses formats made of individual calls with a clear message; --fail-under gates the merged groups', async () => {
    const line = await cli(['merge', a, b, '--format', 'ndjson']);
    expect(line.code).toBe(2);
    expect(line.stderr).toMatch(/--format ndjson lists individual calls, which partial results do not carry/);
    // --strict: these groups are low-sample, which only --strict holds to the threshold.
    const gate = await cli(['merge', a, b, '--format', 'csv', '--strict', '--fail-under', '100']);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/fail-under 100/);
  });
});

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
