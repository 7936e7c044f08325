// CI gates that agree with themselves (issue 20): --fail-under and --fail-on-regression exempt groups under the rubric's
// min-calls and say so on stderr in every format, a baseline from another rubric or grouping is refused, JUnit's
// failures are the groups that set the exit code, --fail-under is a 0..100 score, and merge refuses a partial twice.
//
// The fixtures (fixtures/ci-gates/) score an obvious 100 or 0 under their all-or-nothing rubric (min-calls 3), so these
// tests depend on the gate logic, not on borderline detections.
//
// The runs use the built CLI's runCli in this process (tests/helpers/cli-in-process.ts: the same argv, bytes and exit
// code as a spawned `empathy`, without a new process and NLP model load per run). The first describe spawns the binary
// for a gate failure, a refused baseline and a usage error and checks it writes exactly what the in-process run does;
// the merge-twice tests spawn it because they depend on the working directory. `npm test` builds dist/ first.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../src/types.js';
import { empathyInProcess, type InProcessResult } from '../helpers/cli-in-process.js';
import { spawnEmpathy, type SpawnResult } from '../helpers/spawn-cli.js';

const DIR = 'fixtures/ci-gates';
const RUBRIC = `${DIR}/all-or-nothing.rubric.yaml`;
const CHANGED_RUBRIC = `${DIR}/rubric-changed/all-or-nothing.rubric.yaml`;
const SMALL = `${DIR}/small-group-exempt`;
const BEFORE = `${DIR}/regression-small-group/before`;
const AFTER = `${DIR}/regression-small-group/after`;
const OLD_BASELINE = `${DIR}/baseline-without-rubric/baseline.json`;

const FORMATS = ['json', 'junit', 'csv', 'ndjson', 'table', 'markdown', 'html', 'line'] as const;

const ONE_RUDE_EXEMPT =
  "exempt: one.rude has 1 call, under the rubric's min-calls 3: not held to --fail-under 50 (mean 0.0 would fail); --strict holds it";
const ONE_SLIPPED_EXEMPT =
  "exempt: one.slipped has 1 call, under the rubric's min-calls 3: not held to --fail-on-regression 10 (-100.0 points would fail); --strict holds it";

type CliResult = InProcessResult | SpawnResult;

/** The built CLI in this process (tests/helpers/cli-in-process.ts): the same bytes and exit code as the binary. */
const empathy = (args: string[]): Promise<InProcessResult> => empathyInProcess(args);

function scoreArgs(args: string[]): string[] {
  return ['score', ...args, '--rubric', RUBRIC, '--no-progress'];
}

function score(args: string[]): Promise<InProcessResult> {
  return empathy(scoreArgs(args));
}

function lines(stderr: string, prefix: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith(prefix));
}

function json(result: CliResult): ScoreReport {
  return JSON.parse(result.stdout) as ScoreReport;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'empathy-gates-'));
}

/** The <testsuites> attributes and the testcases with a failure or skipped child, by classname. */
function junitSummary(xml: string): { failures: number; skipped: number; tests: number; failed: string[]; skippedGroups: string[] } {
  const top = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/.exec(xml);
  if (!top) throw new Error(`no <testsuites> summary in:\n${xml.slice(0, 300)}`);
  const cases = [...xml.matchAll(/<testcase [^>]*classname="([^"]*)"[^/]*?>([\s\S]*?)<\/testcase>/g)];
  return {
    tests: Number(top[1]),
    failures: Number(top[2]),
    skipped: Number(top[3]),
    failed: cases.filter((m) => m[2]!.includes('<failure')).map((m) => m[1]!).sort(),
    skippedGroups: cases.filter((m) => m[2]!.includes('<skipped')).map((m) => m[1]!).sort(),
  };
}

let baseline: string;
beforeAll(async () => {
  baseline = join(tempDir(), 'before.json');
  const made = await score([BEFORE, '--format', 'json', '-o', baseline, '-q']);
  if (made.code !== 0) throw new Error(`baseline run failed: ${made.stderr}`);
});

describe('the spawned binary writes what the in-process runs do', () => {
  it('a failing gate with an exempt group, a refused baseline and a usage error: same stdout, stderr and exit code', async () => {
    const cases = [
      scoreArgs([AFTER, '--format', 'junit', '--baseline', baseline, '--fail-on-regression', '10', '--fail-under', '50']),
      ['score', AFTER, '--rubric', CHANGED_RUBRIC, '--format', 'json', '--baseline', baseline],
      scoreArgs([SMALL, '--format', 'json', '--fail-under=101']),
    ];
    const spawned = cases.map((args) => spawnEmpathy(args));
    for (const s of spawned) s.catch(() => {}); // awaited below
    const codes: number[] = [];
    for (const [i, args] of cases.entries()) {
      const inProcess = await empathy(args);
      const binary = await spawned[i]!;
      expect(binary.signal, args.join(' ')).toBeNull();
      expect({ code: binary.code, stdout: binary.stdout, stderr: binary.stderr }, args.join(' ')).toEqual({
        code: inProcess.code,
        stdout: inProcess.stdout,
        stderr: inProcess.stderr,
      });
      codes.push(inProcess.code);
    }
    expect(codes).toEqual([1, 2, 2]);
  });
});

describe('the fixtures score what their names say (a check on the fixtures, not on the gates)', () => {
  it('small-group-exempt: many.rude 3 calls at 0, one.rude 1 call at 0 (low sample), many.kind 3 calls at 100', async () => {
    const report = json(await score([SMALL, '--format', 'json']));
    expect(report.groups.map((g) => [g.key, g.calls, g.meanScore, g.lowSample])).toEqual([
      ['many.kind', 3, 100, false],
      ['many.rude', 3, 0, false],
      ['one.rude', 1, 0, true],
    ]);
  });

  it('regression-small-group: before all 100, after many.slipped and one.slipped 0, steady 100', async () => {
    const before = JSON.parse(readFileSync(baseline, 'utf8')) as ScoreReport;
    expect(before.groups.map((g) => [g.key, g.calls, g.meanScore])).toEqual([
      ['many.slipped', 3, 100],
      ['one.slipped', 1, 100],
      ['steady', 3, 100],
    ]);
    const after = json(await score([AFTER, '--format', 'json']));
    expect(after.groups.map((g) => [g.key, g.meanScore])).toEqual([
      ['many.slipped', 0],
      ['one.slipped', 0],
      ['steady', 100],
    ]);
  });
});

describe('--fail-under exempts groups under min-calls and says so on stderr in every format', () => {
  for (const format of FORMATS) {
    it(`${format}: fails many.rude (exit 1), names one.rude as exempt on stderr`, async () => {
      const result = await score([SMALL, '--format', format, '--fail-under', '50']);
      expect(result.code).toBe(1);
      expect(lines(result.stderr, 'exempt:')).toEqual([ONE_RUDE_EXEMPT]);
      // the table prints what failed on stdout; every other format on stderr
      expect(format === 'table' ? result.stdout : result.stderr).toMatch(/many\.rude/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('json records the exempt groups and the rule beside the failing ones', async () => {
    const report = json(await score([SMALL, '--format', 'json', '--fail-under', '50']));
    expect(report.thresholds).toEqual({ failUnder: 50, failing: ['many.rude'], exempt: ['one.rude'], minCalls: 3 });
  });

  it('an exempt group that would pass is still named, without "would fail"', async () => {
    const result = await score([SMALL, '--format', 'json', '--fail-under', '0']);
    expect(result.code).toBe(0);
    expect(lines(result.stderr, 'exempt:')).toEqual(["exempt: one.rude has 1 call, under the rubric's min-calls 3: not held to --fail-under 0 (mean 0.0)"]);
  });

  it('--strict holds the small group to the gate: it fails and nothing is exempt', async () => {
    const result = await score([SMALL, '--format', 'json', '--fail-under', '50', '--strict']);
    expect(result.code).toBe(1);
    expect(json(result).thresholds?.failing).toEqual(['many.rude', 'one.rude']);
    expect(lines(result.stderr, 'exempt:')).toEqual([]);
  });

  it('without a gate nothing is called exempt', async () => {
    const result = await score([SMALL, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(lines(result.stderr, 'exempt:')).toEqual([]);
  });

  it('the table written to a file puts what failed on stderr as well', async () => {
    const out = join(tempDir(), 'scores.txt');
    const result = await score([SMALL, '--format', 'table', '--fail-under', '50', '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^fail-under 50: 1 agent group\(s\) below: many\.rude$/m);
    expect(lines(result.stderr, 'exempt:')).toEqual([ONE_RUDE_EXEMPT]);
  });

  it('empathy merge applies the same rule to merged partials', async () => {
    const dir = tempDir();
    const partial = join(dir, 'small.json');
    expect((await score([SMALL, '--format', 'partial', '-o', partial, '-q'])).code).toBe(0);
    for (const format of ['json', 'junit', 'csv', 'table', 'markdown', 'html']) {
      const merged = await empathy(['merge', partial, '--format', format, '--fail-under', '50']);
      expect(merged.code, format).toBe(1);
      expect(lines(merged.stderr, 'exempt:'), format).toEqual([ONE_RUDE_EXEMPT]);
    }
  });
});

describe('--fail-on-regression applies the same min-calls rule', () => {
  it('fails the large group that dropped, exempts (and names) the small one', async () => {
    const result = await score([AFTER, '--format', 'json', '--baseline', baseline, '--fail-on-regression', '10']);
    expect(result.code).toBe(1);
    const comparison = json(result).comparison as NonNullable<ScoreReport['comparison']> & { exempt: string[] };
    expect(comparison.regressions).toEqual(['many.slipped']);
    expect(comparison.exempt).toEqual(['one.slipped']);
    expect(lines(result.stderr, 'exempt:')).toEqual([ONE_SLIPPED_EXEMPT]);
    expect(result.stderr).toMatch(/^regression against .*before\.json \(dropped more than 10 points\): many\.slipped \(-100\.0\)$/m);
  });

  it('passes when only the small group dropped', async () => {
    // A baseline where many.slipped was already at 0: only one.slipped (1 call) dropped.
    const before = JSON.parse(readFileSync(baseline, 'utf8')) as ScoreReport;
    before.groups.find((g) => g.key === 'many.slipped')!.meanScore = 0;
    const edited = join(tempDir(), 'edited.json');
    writeFileSync(edited, JSON.stringify(before));
    const result = await score([AFTER, '--format', 'json', '--baseline', edited, '--fail-on-regression', '10']);
    expect(result.code).toBe(0);
    expect(json(result).comparison?.regressions).toEqual([]);
    expect(lines(result.stderr, 'exempt:')).toEqual([ONE_SLIPPED_EXEMPT]);
  });

  it('--strict fails the small group too', async () => {
    const result = await score([AFTER, '--format', 'json', '--baseline', baseline, '--fail-on-regression', '10', '--strict']);
    expect(result.code).toBe(1);
    expect(json(result).comparison?.regressions).toEqual(['many.slipped', 'one.slipped']);
    expect(lines(result.stderr, 'exempt:')).toEqual([]);
  });

  it('with both gates, one line per exempt group names both', async () => {
    const result = await score([AFTER, '--format', 'junit', '--baseline', baseline, '--fail-on-regression', '10', '--fail-under', '50']);
    expect(result.code).toBe(1);
    expect(lines(result.stderr, 'exempt:')).toEqual([
      "exempt: one.slipped has 1 call, under the rubric's min-calls 3: not held to --fail-under 50 (mean 0.0 would fail) " +
        'or --fail-on-regression 10 (-100.0 points would fail); --strict holds it',
    ]);
  });

  it('--baseline alone (no gate) compares without calling anything exempt', async () => {
    const result = await score([AFTER, '--format', 'json', '--baseline', baseline]);
    expect(result.code).toBe(0);
    expect(lines(result.stderr, 'exempt:')).toEqual([]);
    expect(json(result).comparison?.groups.find((d) => d.key === 'one.slipped')?.scoreDelta).toBe(-100);
  });

  it('empathy merge applies it to merged partials', async () => {
    const partial = join(tempDir(), 'after.json');
    expect((await score([AFTER, '--format', 'partial', '-o', partial, '-q'])).code).toBe(0);
    const merged = await empathy(['merge', partial, '--format', 'json', '--baseline', baseline, '--fail-on-regression', '10']);
    expect(merged.code).toBe(1);
    expect(json(merged).comparison?.regressions).toEqual(['many.slipped']);
    expect(lines(merged.stderr, 'exempt:')).toEqual([ONE_SLIPPED_EXEMPT]);
  });
});

describe('a baseline scored with another rubric or grouping', () => {
  it('is compared when rubric and grouping match (the control)', async () => {
    const result = await score([AFTER, '--format', 'json', '--baseline', baseline]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/warning|error/);
  });

  it('another rubric hash (same name and version) is refused in one line, exit 2, before scoring', async () => {
    const result = await empathy(['score', AFTER, '--rubric', CHANGED_RUBRIC, '--format', 'json', '--baseline', baseline]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^error: baseline .*before\.json was scored with rubric all-or-nothing v1 \([0-9a-f]+\), this run with all-or-nothing v1 \([0-9a-f]+\): scores from different rubrics are not comparable \(re-score the baseline with this rubric, or pass --allow-rubric-change\)\n$/,
    );
  });

  it('the built-in default rubric against the fixture rubric is refused too', async () => {
    const result = await empathy(['score', AFTER, '--format', 'json', '--baseline', baseline, '--fail-on-regression', '10']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: baseline .* with rubric all-or-nothing v1 .*, this run with default v\d+ /);
  });

  it('--allow-rubric-change compares anyway and says so on stderr and in the JSON', async () => {
    const result = await empathy([
      'score', AFTER, '--rubric', CHANGED_RUBRIC, '--format', 'json', '--baseline', baseline, '--fail-on-regression', '10', '--allow-rubric-change',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^warning: --allow-rubric-change: comparing with baseline .*before\.json scored with rubric all-or-nothing v1 \([0-9a-f]+\), this run with all-or-nothing v1 \([0-9a-f]+\)/m);
    const comparison = json(result).comparison as { regressions: string[]; rubricChange?: { baseline: { hash: string }; current: { hash: string } } };
    expect(comparison.regressions).toEqual(['many.slipped']);
    expect(comparison.rubricChange?.baseline.hash).not.toBe(comparison.rubricChange?.current.hash);
  });

  it('another --group-by is refused, even with --allow-rubric-change (its groups could never line up)', async () => {
    for (const extra of [[], ['--allow-rubric-change']]) {
      const result = await score([AFTER, '--format', 'json', '--group-by', 'call', '--baseline', baseline, ...extra]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^error: baseline .*before\.json is grouped by agent, this run by call: its groups cannot be compared \(score with --group-by agent, or make a new baseline with --group-by call\)\n$/,
      );
    }
  });

  it('an old baseline that records neither is compared with a warning', async () => {
    const result = await score([AFTER, '--format', 'json', '--baseline', OLD_BASELINE, '--fail-on-regression', '10']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^warning: baseline fixtures\/ci-gates\/baseline-without-rubric\/baseline\.json does not record its --group-by or rubric \(a report from an older version\); compared as if scored like this run \(rubric all-or-nothing v1 \([0-9a-f]+\), --group-by agent\)$/m,
    );
    const comparison = json(result).comparison as { regressions: string[]; unrecorded?: string[] };
    expect(comparison.regressions).toEqual(['many.slipped']);
    expect(comparison.unrecorded).toEqual(['group-by', 'rubric']);
  });

  it('empathy merge refuses a baseline from another rubric', async () => {
    const partial = join(tempDir(), 'after.json');
    expect((await empathy(['score', AFTER, '--rubric', CHANGED_RUBRIC, '--format', 'partial', '-o', partial, '-q'])).code).toBe(0);
    const merged = await empathy(['merge', partial, '--format', 'json', '--baseline', baseline]);
    expect(merged.code).toBe(2);
    expect(merged.stdout).toBe('');
    expect(merged.stderr).toMatch(/^error: baseline .* was scored with rubric all-or-nothing v1 .*--allow-rubric-change\)\n$/);
    expect((await empathy(['merge', partial, '--format', 'json', '--baseline', baseline, '--allow-rubric-change'])).code).toBe(0);
  });

  it('--allow-rubric-change without --baseline is a usage error', async () => {
    const result = await score([SMALL, '--allow-rubric-change']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --allow-rubric-change needs --baseline <json>\n');
  });
});

describe('JUnit failures and the exit code tell the same story', () => {
  const cases: { name: string; args: string[]; code: number; failed: string[]; skipped: string[] }[] = [
    { name: 'no gate: calls under the pass mark are not failures', args: [SMALL], code: 0, failed: [], skipped: [] },
    { name: '--fail-under 50', args: [SMALL, '--fail-under', '50'], code: 1, failed: ['many.rude'], skipped: ['one.rude'] },
    { name: '--fail-under 50 --strict', args: [SMALL, '--fail-under', '50', '--strict'], code: 1, failed: ['many.rude', 'one.rude'], skipped: [] },
    { name: '--fail-under 0', args: [SMALL, '--fail-under', '0'], code: 0, failed: [], skipped: ['one.rude'] },
    { name: 'only the small group fails', args: [`${SMALL}/one-rude-1.txt`, `${SMALL}/many-kind-1.txt`, `${SMALL}/many-kind-2.txt`, `${SMALL}/many-kind-3.txt`, '--fail-under', '50'], code: 0, failed: [], skipped: ['one.rude'] },
  ];
  for (const c of cases) {
    it(`${c.name}: exit ${c.code}, failures="${c.failed.length}"`, async () => {
      const result = await score([...c.args, '--format', 'junit']);
      expect(result.code).toBe(c.code);
      const xml = junitSummary(result.stdout);
      expect(xml.failed).toEqual(c.failed);
      expect(xml.failures).toBe(c.failed.length);
      expect(xml.skippedGroups).toEqual(c.skipped);
      expect(xml.skipped).toBe(c.skipped.length);
      expect(xml.failures > 0).toBe(result.code === 1);
    });
  }

  it('the regression gate: one failure per failing group, the exempt group skipped with the reason', async () => {
    const result = await score([AFTER, '--format', 'junit', '--baseline', baseline, '--fail-on-regression', '10', '--fail-under', '50']);
    expect(result.code).toBe(1);
    const xml = junitSummary(result.stdout);
    // many.slipped fails both gates: still one failing testcase, as it is one group that sets the exit code
    expect(xml.failed).toEqual(['many.slipped']);
    expect(xml.failures).toBe(1);
    expect(result.stdout).toContain('<testcase name="fail-under 50, fail-on-regression 10" classname="many.slipped">');
    expect(result.stdout).toMatch(/<failure message="mean score 0\.0 below --fail-under 50 over 3 calls; regressed -100\.0 points against [^"]*before\.json \(--fail-on-regression 10\)" type="empathy\.gate">/);
    expect(result.stdout).toContain(
      '<skipped message="exempt: 1 call, under the rubric&apos;s min-calls 3: not held to --fail-under 50 (mean 0.0 would fail) or --fail-on-regression 10 (-100.0 points would fail); --strict holds it"/>',
    );
  });

  it('merged partials (no per-call results) tell the same story', async () => {
    const partial = join(tempDir(), 'small.json');
    expect((await score([SMALL, '--format', 'partial', '-o', partial, '-q'])).code).toBe(0);
    const merged = await empathy(['merge', partial, '--format', 'junit', '--fail-under', '50']);
    expect(merged.code).toBe(1);
    const xml = junitSummary(merged.stdout);
    expect([xml.tests, xml.failures, xml.skipped]).toEqual([3, 1, 1]);
    expect(xml.failed).toEqual(['many.rude']);
  });
});

describe('--fail-under is a score from 0 to 100', () => {
  for (const value of ['101', '-1', '100.5', 'high', '', 'NaN', 'Infinity', '1e3']) {
    it(`refuses ${JSON.stringify(value)} with one line, exit 2 (score and merge)`, async () => {
      for (const result of [await score([SMALL, '--format', 'json', `--fail-under=${value}`]), await empathy(['merge', 'unread.json', `--fail-under=${value}`])]) {
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(`error: option '--fail-under <score>' argument '${value}' is invalid. expected a score from 0 to 100.\n`);
      }
    });
  }

  it('accepts the ends of the scale', async () => {
    expect((await score([SMALL, '--format', 'json', '--fail-under', '0'])).code).toBe(0);
    // many.kind scores exactly 100: not below 100, so only many.rude fails
    const top = await score([SMALL, '--format', 'json', '--fail-under', '100']);
    expect(top.code).toBe(1);
    expect(json(top).thresholds?.failing).toEqual(['many.rude']);
  });
});

// These runs depend on the working directory (the partials are named relative to it, and the messages quote those
// spellings), which the in-process helper cannot change: they spawn the binary with cwd set, all side by side.
describe('empathy merge refuses the same partial twice', () => {
  let dir: string;
  const twice: [string, string[], string][] = [
    ['the same spelling', ['p/1.json', 'p/1.json'], 'error: p/1.json is given twice: its calls would count twice (name each partial once)'],
    ['./ and without', ['p/1.json', './p/1.json'], 'error: p/1.json and ./p/1.json are the same file: its calls would count twice (name each partial once)'],
    ['a symlink and its target', ['link.json', 'p/2.json', 'p/1.json'], 'error: link.json and p/1.json are the same file: its calls would count twice (name each partial once)'],
    ['p/../p/ and an absolute path', ['p/../p/1.json', 'ABS'], 'error: p/../p/1.json and ABS are the same file: its calls would count twice (name each partial once)'],
  ];
  /** `empathy merge ...files --format json` spawned in `dir`, by the files as given. */
  const merges = new Map<string, Promise<SpawnResult>>();
  const merged = (files: string[]): Promise<SpawnResult> => merges.get(files.join(' '))!;
  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'p'));
    const one = await score([SMALL, '--format', 'partial', '-o', join(dir, 'p', '1.json'), '-q']);
    const two = await score([AFTER, '--format', 'partial', '-o', join(dir, 'p', '2.json'), '-q']);
    if (one.code !== 0 || two.code !== 0) throw new Error(`partials: ${one.stderr}${two.stderr}`);
    symlinkSync(join(dir, 'p', '1.json'), join(dir, 'link.json'));
    for (const files of [['p/1.json', 'p/2.json'], ...twice.map(([, f]) => f)]) {
      const args = files.map((f) => (f === 'ABS' ? join(dir, 'p', '1.json') : f));
      const run = spawnEmpathy(['merge', ...args, '--format', 'json'], { cwd: dir });
      run.catch(() => {}); // awaited by its test
      merges.set(files.join(' '), run);
    }
  });

  it('merges two different partials (the control)', async () => {
    const result = await merged(['p/1.json', 'p/2.json']);
    expect(result.code).toBe(0);
    expect(json(result).summary.scored).toBe(14);
  });

  for (const [name, files, message] of twice) {
    it(`${name}: one line, exit 2, nothing written`, async () => {
      const abs = join(dir, 'p', '1.json');
      const result = await merged(files);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`${message.replace('ABS', abs)}\n`);
    });
  }
});
