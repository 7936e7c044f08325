// Customer Support on Twitter in one command (issue 21): threads rebuilt from reply-to ids, agents named by their
// signatures, per-agent scorecards out of one CSV; the warnings and usage errors the options give.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../src/types.js';
import { empathyInProcess } from '../helpers/cli-in-process.js';

const FIXTURE = 'fixtures/social/twcs-sample.csv';
const THREADS = ['--thread-by', 'in_response_to_tweet_id'];

describe('empathy score on a TWCS-shaped export', () => {
  it('--thread-by --agent-from-signature: one scorecard per signing agent from one command', async () => {
    const run = await empathyInProcess(['score', FIXTURE, ...THREADS, '--agent-from-signature', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ScoreReport;
    expect(report.summary).toMatchObject({ read: 10, scored: 10, skipped: 0, failed: 0 });
    expect(report.groups.map((g) => [g.key, g.calls])).toEqual([
      ['AY@HarbourBank', 1],
      ['HarbourBank', 1],
      ['JS@NorthwindHelp', 2],
      ['KT@HarbourBank', 1],
      ['MM@NorthwindHelp', 2],
      ['Mike@ZephyrMobile', 2],
      ['Sarah@ZephyrMobile', 1],
    ]);
    // The agent's apology is found in the text with the @handle and the signature split off.
    const mike = report.calls.find((c) => c.transcriptId === '140')!;
    const apology = mike.findings.find((f) => f.behaviour === 'apology')!;
    expect(mike.turns[apology.turn]!.text).toBe("A week without signal is really frustrating, I'm sorry. Which postcode are you at? We'll check for any mast work nearby.");
    expect(run.lines).toContain(`${FIXTURE}: 1 agent post(s) carry no signature (^MM, /AY, - Mike): their agent id is the company handle`);
    // Company handles are stated agent ids: nothing is named after the file.
    expect(run.lines.some((l) => l.includes('no agent identity'))).toBe(false);
  });

  it('a thread export on stdin gives the same calls as the file (threads are rebuilt once the input has ended)', async () => {
    const args = [...THREADS, '--agent-from-signature', '--format', 'json'];
    const fromFile = JSON.parse((await empathyInProcess(['score', FIXTURE, ...args])).stdout) as ScoreReport;
    const piped = await empathyInProcess(['score', '-', '--input-format', 'csv', ...args], { stdin: readFileSync(FIXTURE) });
    expect(piped.code).toBe(0);
    const fromStdin = JSON.parse(piped.stdout) as ScoreReport;
    const calls = (r: ScoreReport) => r.calls.map((c) => ({ id: c.transcriptId, turns: c.turns, findings: c.findings, score: c.score }));
    expect(calls(fromStdin)).toEqual(calls(fromFile));
    expect(fromStdin.groups.map((g) => [g.key, g.calls])).toEqual(fromFile.groups.map((g) => [g.key, g.calls]));
  });

  it('--group-by team: one row per company handle', async () => {
    const run = await empathyInProcess(['score', FIXTURE, ...THREADS, '--group-by', 'team', '--format', 'json']);
    expect((JSON.parse(run.stdout) as ScoreReport).groups.map((g) => [g.key, g.calls])).toEqual([
      ['HarbourBank', 3],
      ['NorthwindHelp', 4],
      ['ZephyrMobile', 3],
    ]);
  });

  it('without --thread-by the export is refused with what to pass; option errors are one line, exit 2', async () => {
    const plain = await empathyInProcess(['score', FIXTURE, '--format', 'json']);
    expect(plain.code).toBe(2);
    expect(plain.lines[0]).toMatch(/^fixtures\/social\/twcs-sample\.csv:1: no speaker column in the header/);
    const lonely = await empathyInProcess(['score', FIXTURE, '--agent-from-signature']);
    expect([lonely.code, lonely.lines]).toEqual([2, ['error: --agent-from-signature needs --thread-by <column>']]);
    const wrong = await empathyInProcess(['score', FIXTURE, '--thread-by', 'parent_id', '--format', 'json']);
    expect(wrong.code).toBe(2);
    expect(wrong.lines[0]).toBe(
      'fixtures/social/twcs-sample.csv:1: --thread-by parent_id: no column "parent_id" in the header (tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id)',
    );
  });
});
