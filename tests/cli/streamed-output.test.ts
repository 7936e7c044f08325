// Formats that render every call write them as they are scored (each formatter's streamCalls) instead of from a report
// that holds them all. What they write must be byte for byte the formatter's format() of the report with every call,
// gated as the CLI gates it — for every grouping and with --fail-under — and the spill files must be gone afterwards.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate } from '../../src/cli/gates.js';
import { findFormatter } from '../../src/formatters/index.js';
import { jsonCallPiece, jsonFormatter, jsonHead, jsonTail } from '../../src/formatters/json.js';
import { runScore } from '../../src/pipeline.js';
import { loadRubric } from '../../src/rubric/load.js';
import { loadRoleMap } from '../../src/transcript/roles.js';
import type { GroupBy } from '../../src/types.js';
import { empathyInProcess } from '../helpers/cli-in-process.js';
import { sampleReport } from '../formatters/fixture.js';

const INPUTS = ['fixtures/transcripts'];
const ROLES = 'fixtures/roles.yaml';

/** What the CLI wrote before calls were streamed: format() of the gated report with every call kept. */
async function reference(format: string, groupBy: GroupBy, failUnder: number | undefined, verbose: boolean): Promise<string> {
  const rubric = loadRubric('default');
  const run = await runScore(INPUTS, { rubric, groupBy, keepCalls: true, roleMap: await loadRoleMap(ROLES), jobs: 1 });
  const flags = failUnder === undefined ? {} : { failUnder };
  const gated = gate(run.report, flags, undefined, rubric.minCalls);
  return findFormatter(format)!.format(gated.report, { color: false, verbose });
}

let spillDir: string;
let savedTmp: string | undefined;
beforeAll(() => {
  // The CLI runs in this process: its spill files go to this directory, which must be empty again after each run.
  spillDir = mkdtempSync(join(tmpdir(), 'empathy-spill-test-'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = spillDir;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(spillDir, { recursive: true, force: true });
});

describe('streamed call formats', () => {
  const cases: [string, GroupBy, number | undefined, boolean][] = [
    ['json', 'agent', undefined, false],
    ['json', 'team', 70, false],
    ['json', 'call', 70, false],
    ['junit', 'agent', 70, false],
    ['junit', 'team', undefined, false],
    ['junit', 'call', 70, false],
    ['csv', 'call', 70, false],
    ['table', 'agent', 70, true],
    ['promises', 'agent', undefined, false],
    ['promises-json', 'team', undefined, false],
  ];
  it.each(cases)('%s --group-by %s --fail-under %s (verbose %s) is byte-identical to the whole-report rendering', async (format, groupBy, failUnder, verbose) => {
    const args = ['score', ...INPUTS, '--role-map', ROLES, '--format', format, '--group-by', groupBy, '--no-progress', '--jobs', '1'];
    if (failUnder !== undefined) args.push('--fail-under', String(failUnder));
    if (verbose) args.push('--verbose');
    const result = await empathyInProcess(args);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stdout).toBe(await reference(format, groupBy, failUnder, verbose));
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it('the same bytes with worker threads (--jobs 2) and to an --output file', async () => {
    const out = join(spillDir, '..', `empathy-streamed-${process.pid}.json`);
    try {
      const args = ['score', ...INPUTS, '--role-map', ROLES, '--format', 'json', '--group-by', 'team', '--fail-under', '70', '--no-progress'];
      const one = await empathyInProcess([...args, '--jobs', '1']);
      const two = await empathyInProcess([...args, '--jobs', '2', '-o', out]);
      expect(two.code).toBe(one.code);
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(out, 'utf8')).toBe(one.stdout);
      expect(readdirSync(spillDir)).toEqual([]);
    } finally {
      rmSync(out, { force: true });
    }
  });

  it('a run with no scored call closes the calls array as an empty one', async () => {
    const result = await empathyInProcess(['score', 'fixtures/bad/empty.txt', 'fixtures/bad/customer-only.txt', '--format', 'json', '--no-progress']);
    const report = JSON.parse(result.stdout) as { calls: unknown[] };
    expect(report.calls).toEqual([]);
    expect(readdirSync(spillDir)).toEqual([]);
  });
});

describe('json pieces', () => {
  it('head + call pieces + tail are format() of the report with its calls, and of one without', () => {
    const r = sampleReport();
    const pieces = jsonHead(r) + r.calls.map((c, i) => jsonCallPiece(c, i === 0)).join('') + jsonTail(r.calls.length);
    expect(pieces).toBe(jsonFormatter.format(r, { color: false }));
    const none = { ...r, calls: [] };
    expect(jsonHead(none) + jsonTail(0)).toBe(jsonFormatter.format(none, { color: false }));
  });
});
