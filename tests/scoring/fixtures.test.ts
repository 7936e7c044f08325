// Scoring that means what it says (issue 20), each rule on a purpose-built fixture in fixtures/scoring/ named after the
// behaviour it shows, through the built CLI as a user runs it.
import { describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../src/types.js';
import { empathyInProcess as empathy } from '../helpers/cli-in-process.js';

const DIR = 'fixtures/scoring';

async function scored(path: string, ...extra: string[]): Promise<ScoreReport> {
  const run = await empathy(['score', `${DIR}/${path}`, '--format', 'json', '--no-progress', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as ScoreReport;
}

describe('fixtures/scoring', () => {
  it('nothing-expected-no-score: no score, "no opportunity", counted as scored but outside the mean and pass rate', async () => {
    const report = await scored('nothing-expected-no-score.txt');
    expect(report.summary).toMatchObject({ read: 1, scored: 1 });
    expect(report.calls[0]).toMatchObject({ score: null, passed: null });
    expect(report.groups[0]).toMatchObject({ calls: 1, noOpportunity: 1, meanScore: null, ci95: null, passRate: null, passed: false });
    const table = await empathy(['score', `${DIR}/nothing-expected-no-score.txt`, '--format', 'table', '--no-color']);
    expect(table.stdout).toMatch(/^n\.opp \*\s+1\s+no opportunity\s+n\/a/m);
    // --fail-under does not fail a group with nothing to judge, even with --strict.
    expect((await empathy(['score', `${DIR}/nothing-expected-no-score.txt`, '--fail-under', '90', '--strict', '--format', 'json'])).code).toBe(0);
  });

  it('short-request-no-paraphrase: "can you change my delivery address?" expects no paraphrase (on-problem)', async () => {
    const part = (await scored('short-request-no-paraphrase.txt')).calls[0]!.agents[0]!;
    expect(part.behaviours.paraphrasing.status).toBe('na');
    expect(part.score).toBe(100);
    const once = (await scored('short-request-no-paraphrase.txt', '--rubric', `${DIR}/paraphrase-once.rubric.yaml`)).calls[0]!.agents[0]!;
    expect(once.behaviours.paraphrasing.status).toBe('missed');
  });

  it('bereavement-sympathy-not-apology: a loss expects sympathy; no "missed apology" beside "I\'m so sorry for your loss"', async () => {
    const part = (await scored('bereavement-sympathy-not-apology.txt')).calls[0]!.agents[0]!;
    expect(part.behaviours.acknowledgement).toMatchObject({ status: 'met' });
    expect(part.behaviours.apology).toMatchObject({ status: 'na', missed: [] });
    const md = await empathy(['report', `${DIR}/bereavement-sympathy-not-apology.txt`, '--format', 'markdown']);
    expect(md.stdout).not.toMatch(/apology after distress/i);
  });

  it('greeting-thanks-not-appreciation: "Thank you for calling Northwind Energy, this is Alice" earns no appreciation', async () => {
    const call = (await scored('greeting-thanks-not-appreciation.txt')).calls[0]!;
    const thanks = call.findings.filter((f) => f.behaviour === 'appreciation');
    expect(thanks.map((f) => [f.turn, f.kind])).toEqual([[0, 'greeting']]);
    expect(call.agents[0]!.behaviours.appreciation.status).toBe('missed');
  });

  it('small-group-interval: two calls (100 and 0) get a Student-t interval over the whole scale, one call none', async () => {
    const [group] = (await scored('small-group-interval')).groups;
    expect(group).toMatchObject({ calls: 2, meanScore: 50, ci95: [0, 100] });
    expect(group!.passRateCi95![0]).toBeGreaterThan(0);
    expect(group!.passRateCi95![1]).toBeLessThan(1);
    const [one] = (await scored('small-group-interval/call-1.txt')).groups;
    expect(one).toMatchObject({ calls: 1, ci95: null, stdDev: null });
  });
});
