// Coaching gathered one call at a time (html, markdown): with no limits it is what the report's calls give; with
// limits a group shows its lowest-scoring calls and its first missed moments, while everything else — best quotes,
// gaps, trend, totals — stays computed over every call.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectCoaching, createCoachingCollector, type Coaching } from '../../src/formatters/coaching.js';
import { formatHtml } from '../../src/formatters/html.js';
import { partScore } from '../../src/formatters/shared.js';
import { runScore } from '../../src/pipeline.js';
import { loadRoleMap } from '../../src/transcript/roles.js';
import type { CallResult, GroupBy, ScoreReport } from '../../src/types.js';

const reports = new Map<GroupBy, ScoreReport>();

beforeAll(async () => {
  const roleMap = await loadRoleMap('fixtures/roles.yaml');
  for (const groupBy of ['agent', 'team', 'date'] as const) {
    const run = await runScore(['fixtures/transcripts'], { keepCalls: true, groupBy, roleMap });
    reports.set(groupBy, run.report);
  }
}, 60000);

/** What must not depend on the limits. */
function exactPart(c: Coaching) {
  return { gaps: c.gaps, strengths: c.strengths, bestQuotes: c.bestQuotes, trend: c.trend, callsTotal: c.callsTotal, missedTotal: c.missedTotal };
}

function coachAll(report: ScoreReport, calls: readonly CallResult[], limits: { calls: number; missed: number }): Map<string, Coaching> {
  const collector = createCoachingCollector(report.groupBy, limits);
  for (const call of calls) collector.add(call);
  return new Map(report.groups.map((g) => [g.key, collector.coaching(g)]));
}

describe('coaching collector', () => {
  it('fixtures: enough real calls and groups with several calls, missed moments and quotes to make the checks bite', () => {
    const report = reports.get('team')!;
    const full = coachAll(report, report.calls, { calls: Infinity, missed: Infinity });
    expect(report.calls.length).toBeGreaterThanOrEqual(18);
    expect([...full.values()].some((c) => c.calls.length >= 4 && c.missedTotal >= 2 && c.bestQuotes.length >= 2)).toBe(true);
  });

  it('without limits it shows every call of the group in input order, and every missed moment', () => {
    const report = reports.get('agent')!;
    const coach = collectCoaching(report);
    for (const g of report.groups) {
      const c = coach.coaching(g);
      expect(c.calls.length).toBe(c.callsTotal);
      expect(c.missed.length).toBe(c.missedTotal);
      const order = c.calls.map((e) => report.calls.indexOf(e.call));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('with limits: the lowest-scoring calls in input order, the first missed moments, the rest unchanged', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<GroupBy>('agent', 'team', 'date'),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (groupBy, callLimit, missedLimit, seed) => {
          const report = reports.get(groupBy)!;
          // Any order of the calls is a possible input order.
          const calls = [...report.calls].sort((a, b) => hash(a.transcriptId, seed) - hash(b.transcriptId, seed));
          const full = coachAll(report, calls, { calls: Infinity, missed: Infinity });
          const bounded = coachAll(report, calls, { calls: callLimit, missed: missedLimit });
          for (const g of report.groups) {
            const all = full.get(g.key)!;
            const some = bounded.get(g.key)!;
            expect(exactPart(some)).toEqual(exactPart(all));
            expect(some.missed).toEqual(all.missed.slice(0, missedLimit));
            const expected = all.calls
              .map((entry, order) => ({ entry, order, score: partScore(entry, groupBy).score }))
              .sort((a, b) => a.score - b.score || a.order - b.order)
              .slice(0, callLimit)
              .sort((a, b) => a.order - b.order)
              .map((k) => k.entry.call.transcriptId);
            expect(some.calls.map((e) => e.call.transcriptId)).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the html report says when it shows a selection of calls and how many missed moments it left out', () => {
    const report = reports.get('team')!;
    const collector = createCoachingCollector('team', { calls: 2, missed: 1 });
    for (const call of report.calls) collector.add(call);
    const totals = report.groups.map((g) => collector.coaching(g).callsTotal);
    // Every call is in exactly one team group (a call without a team in "(none)").
    expect(totals.reduce((a, b) => a + b, 0)).toBe(report.calls.length);
    const html = formatHtml({ ...report, calls: [] }, { coaching: collector });
    for (const total of totals.filter((n) => n > 2)) expect(html).toContain(`The 2 lowest-scoring of ${total} calls, in input order.`);
    expect(html).toMatch(/… and \d+ more missed moments? in this group&#39;s calls|… and \d+ more missed moments? in this group's calls/);
    expect(formatHtml(report)).not.toContain('lowest-scoring of');
  });
});

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 2654435761);
  return h >>> 0;
}
