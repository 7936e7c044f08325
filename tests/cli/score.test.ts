import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../src/types.js';
import { empathyInProcess, type InProcessResult } from '../helpers/cli-in-process.js';
import { spawnEmpathy } from '../helpers/spawn-cli.js';
import { empathy as empathySpawned, ROOT } from './run.js';

// Most runs use the built CLI's runCli in this process (tests/helpers/cli-in-process.ts: the same argv, bytes and exit
// code as a spawned `empathy`, without a new process and NLP model load per run; it passes `env` to the CLI, which
// decides colour from that env and the stream's isTTY alone). The binary is spawned where the process itself matters:
// the default format on a real non-TTY stdout (checked byte for byte against the in-process run, as is a coloured
// table under FORCE_COLOR) and reading the process's stdin. `npm test` builds dist/ first.
const FIXTURES = 'fixtures/transcripts';
const ANSI = /\x1b\[/;

function fixtureFiles(dir = join(ROOT, FIXTURES)): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return fixtureFiles(path);
    return entry.name.endsWith('.md') ? [] : [relative(ROOT, path)];
  });
}

/** `empathy ...args` in this process. */
function empathy(args: string[], options: { env?: Record<string, string> } = {}): Promise<InProcessResult> {
  return empathyInProcess(args, options);
}

async function scoreJson(args: string[]): Promise<{ report: ScoreReport; code: number | null; stderr: string }> {
  const result = await await empathy(['score', ...args, '--format', 'json']);
  return { report: JSON.parse(result.stdout) as ScoreReport, code: result.code, stderr: result.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'empathy-cli-'));
}

describe('empathy score', () => {
  it('scores every fixture file as JSON with per-agent groups and a summary that adds up', async () => {
    const { report, code } = await scoreJson([FIXTURES]);
    expect(code).toBe(0);
    const { read, scored, skipped, failed } = report.summary;
    expect(read).toBe(scored + skipped + failed);
    expect(failed).toBe(0);
    // 16 files hold 18 calls (a CSV and a JSONL file hold two each)
    expect(scored).toBe(18);
    expect(new Set(report.calls.map((c) => c.file))).toEqual(new Set(fixtureFiles()));
    const keys = report.groups.map((g) => g.key);
    for (const agent of ['a.jones', 'd.okafor', 'm.garcia', 's.kim', 't.nguyen']) expect(keys).toContain(agent);
    expect(report.groupBy).toBe('agent');
    expect(report.provenance.inputs.count).toBe(fixtureFiles().length);
    expect(report.provenance.rubric.name).toBe('default');
  });

  it('-o /dev/null writes to the device instead of renaming a file over it', async () => {
    const result = await empathy(['score', 'fixtures/transcripts/text', '--format', 'json', '-o', '/dev/null']);
    expect(result.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  // The spawned binary: the default format hangs on isTTY of the real stdout (a pipe here). The in-process run must
  // write the same bytes, which ties the in-process runs of this file to the binary.
  it('prints JSON by default when stdout is not a terminal, and the summary on stderr', async () => {
    const spawned = spawnEmpathy(['score', FIXTURES]);
    spawned.catch(() => {}); // awaited below
    const inProcess = await empathy(['score', FIXTURES]);
    const result = await spawned;
    expect(result.signal).toBeNull();
    expect(JSON.parse(result.stdout).schemaVersion).toBe(1);
    expect(result.stderr).toMatch(/read 18, scored 18, skipped 0, failed 0/);
    expect({ code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr }).toEqual({
      code: result.code,
      stdout: result.stdout,
      stderr: result.stderr,
    });
  });

  it('prints a per-agent table without ANSI codes under NO_COLOR, even when colour is forced', async () => {
    const plain = await empathy(['score', FIXTURES, '--format', 'table'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^a\.jones/m);
    expect(plain.stdout).not.toMatch(ANSI);
    // FORCE_COLOR reaches the CLI through the env it is given: the spawned binary colours the very same bytes.
    const spawnedColoured = spawnEmpathy(['score', FIXTURES, '--format', 'table'], { env: { FORCE_COLOR: '1' } });
    spawnedColoured.catch(() => {}); // awaited below
    const coloured = await empathy(['score', FIXTURES, '--format', 'table'], { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(ANSI);
    expect((await spawnedColoured).stdout).toBe(coloured.stdout);
    const flag = await empathy(['score', FIXTURES, '--format', 'table', '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(ANSI);
  });

  it('--fail-under exits 1 and names the failing groups', async () => {
    const team = await empathy(['score', FIXTURES, '--format', 'json', '--group-by', 'team', '--fail-under', '100']);
    const teamReport = JSON.parse(team.stdout) as ScoreReport;
    const below = teamReport.groups.filter((g) => g.meanScore < 100 && !g.lowSample).map((g) => g.key).sort();
    expect(below).toEqual(expect.arrayContaining(['billing', 'tech-support']));
    expect(team.code).toBe(1);
    expect(teamReport.thresholds?.failing).toEqual(below);
    expect(team.stderr).toMatch(/fail-under 100: .*billing.*tech-support/);
    // every agent has < 5 calls: low-sample groups only fail a threshold with --strict, and each is named on stderr
    const agents = await empathy(['score', FIXTURES, '--format', 'json', '--fail-under', '100']);
    expect(agents.code).toBe(0);
    expect(agents.stderr).toMatch(/^exempt: a\.jones has \d+ calls?, under the rubric's min-calls 5: not held to --fail-under 100/m);
    const strict = await empathy(['score', FIXTURES, '--format', 'json', '--fail-under', '100', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/a\.jones/);
    expect(strict.stderr).not.toMatch(/^exempt:/m);
    expect((await empathy(['score', FIXTURES, '--format', 'json', '--group-by', 'team', '--fail-under', '0'])).code).toBe(0);
  });

  it('reports a missing path on stderr and still scores the rest (exit 2 only with --strict)', async () => {
    const { report, code, stderr } = await scoreJson([FIXTURES, 'no/such/calls.txt']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^no\/such\/calls\.txt: no such file or directory$/m);
    expect(report.summary).toMatchObject({ read: 19, scored: 18, failed: 1 });
    const strict = await empathy(['score', FIXTURES, 'no/such/calls.txt', '--strict', '--format', 'json']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/no\/such\/calls\.txt/);
  });

  it('counts a malformed JSON file as failed, names its line, and scores the good file', async () => {
    const dir = tempDir();
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"id": "X", "turns": [\n  {"speaker": "Agent", "text": "Hello"},\n  oops\n]}\n');
    const { report, code, stderr } = await scoreJson([bad, `${FIXTURES}/text/bill-1042_double-charge.txt`]);
    expect(code).toBe(0);
    expect(report.summary.failed).toBe(1);
    expect(report.summary.scored).toBeGreaterThanOrEqual(1);
    expect(report.summary.read).toBe(report.summary.scored + report.summary.skipped + report.summary.failed);
    expect(stderr).toContain(`${bad}:3`);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 when nothing at all could be read', async () => {
    const result = await empathy(['score', 'no-such-dir', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-dir: no such file or directory/);
  });

  it('reports every rubric problem as file:line:col and exits 2', async () => {
    const dir = tempDir();
    const rubric = join(dir, 'bad.yaml');
    writeFileSync(rubric, 'name: bad\nversion: 1\nbehaviours:\n  apology: { weight: 20, expct: once }\n');
    const result = await empathy(['score', FIXTURES, '--rubric', rubric]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`${rubric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: .*expct`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('-o writes the file atomically and leaves stdout empty', async () => {
    const dir = tempDir();
    const out = join(dir, 'scores.json');
    const result = await empathy(['score', FIXTURES, '-o', out, '-q']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as ScoreReport).summary.scored).toBe(18);
    expect(readdirSync(dir)).toEqual(['scores.json']); // no temp file left behind
  });

  it('-o picks the format from the file extension and fails cleanly for a missing directory', async () => {
    const dir = tempDir();
    const md = join(dir, 'coaching.md');
    expect((await empathy(['score', FIXTURES, '-o', md, '-q'])).code).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^# /);
    const missing = await empathy(['score', FIXTURES, '-o', join(dir, 'nope', 'x.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\/x\.json: cannot write output/);
  });

  it('--redact masks the e-mail addresses that appear in the fixtures', async () => {
    const plain = await empathy(['score', FIXTURES, '--format', 'json']);
    expect(plain.stdout).toContain('laura.bennett@example.com');
    for (const format of ['json', 'ndjson', 'markdown']) {
      const redacted = await empathy(['score', FIXTURES, '--format', format, '--redact']);
      expect(redacted.code).toBe(0);
      expect(redacted.stdout).not.toMatch(/@example\.com/);
    }
  });

  it('streams one ndjson line per call and a closing summary line', async () => {
    const result = await empathy(['score', FIXTURES, '--format', 'ndjson']);
    const lines = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines).toHaveLength(19);
    expect(lines.slice(0, -1).every((l) => l.type === 'call')).toBe(true);
    expect(lines.at(-1)!.type).toBe('summary');
  });

  it('reads stdin with - and --input-format text', async () => {
    const call = [
      'Agent: Thank you for calling Northwind, how can I help?',
      'Customer: I was charged twice for March and this is the third time I have called.',
      "Agent: I'm so sorry about that, I can imagine how frustrating that is.",
      "Agent: I'll email you the refund confirmation by Friday.",
    ].join('\n');
    // The spawned binary: this reads the process's own stdin.
    const result = empathySpawned(['score', '-', '--input-format', 'text', '--format', 'json'], { input: call });
    const { report, code } = { report: JSON.parse(result.stdout) as ScoreReport, code: result.code };
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ read: 1, scored: 1 });
    expect(report.calls[0]!.file).toBe('<stdin>');
    expect(report.calls[0]!.findings.map((f) => f.behaviour)).toContain('apology');
  });

  it('compares with a baseline and fails on a regression', async () => {
    const dir = tempDir();
    const baseline = join(dir, 'baseline.json');
    const first = await empathy(['score', FIXTURES, '--format', 'json', '-o', baseline, '-q']);
    expect(first.code).toBe(0);
    const same = await scoreJson([FIXTURES, '--baseline', baseline, '--fail-on-regression', '0']);
    expect(same.code).toBe(0);
    expect(same.report.comparison?.regressions).toEqual([]);
    const better = JSON.parse(readFileSync(baseline, 'utf8')) as ScoreReport;
    better.groups.find((g) => g.key === 'a.jones')!.meanScore = 100;
    const raised = join(dir, 'raised.json');
    writeFileSync(raised, JSON.stringify(better));
    // a.jones has fewer calls than min-calls: exempt (and named on stderr) unless --strict
    const exempt = await scoreJson([FIXTURES, '--baseline', raised, '--fail-on-regression', '5']);
    expect(exempt.code).toBe(0);
    expect(exempt.report.comparison?.regressions).toEqual([]);
    expect(exempt.stderr).toMatch(/^exempt: a\.jones has .*--fail-on-regression 5 \(-[\d.]+ points would fail\); --strict holds it$/m);
    const worse = await scoreJson([FIXTURES, '--baseline', raised, '--fail-on-regression', '5', '--strict']);
    expect(worse.code).toBe(1);
    expect(worse.report.comparison?.regressions).toEqual(['a.jones']);
    expect(worse.stderr).toMatch(/regression .*a\.jones/);
  });

  it('rejects bad option values and combinations with exit 2', async () => {
    expect((await empathy(['score', FIXTURES, '--fail-on-regression', '3'])).code).toBe(2);
    expect((await empathy(['score', FIXTURES, '--format', 'pdf'])).code).toBe(2);
    expect((await empathy(['score', FIXTURES, '--jobs', '0'])).code).toBe(2);
    expect((await empathy(['score', FIXTURES, '--fail-under', 'high'])).code).toBe(2);
    expect((await empathy(['score', FIXTURES, '--baseline', 'no-such-baseline.json'])).stderr).toMatch(/no-such-baseline\.json: no such file/);
    expect((await empathy(['score', FIXTURES, '--jobs', '2', '--format', 'json'])).code).toBe(0);
  });
});

describe('empathy report', () => {
  it('renders a self-contained HTML coaching report by default', async () => {
    const result = await empathy(['report', FIXTURES]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<!doctype html>/i);
    expect(result.stdout).toContain('a.jones');
  });

  it('renders markdown with --format markdown', async () => {
    const result = await empathy(['report', FIXTURES, '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# /);
  });
});
