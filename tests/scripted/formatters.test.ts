import { beforeAll, describe, expect, it } from 'vitest';
import { findFormatter } from '../../src/formatters/index.js';
import { apologyNote, scriptedLine, scriptedNotes } from '../../src/formatters/scripted-notes.js';
import { runScore } from '../../src/pipeline.js';
import type { ScoreReport, ScriptedSummary } from '../../src/types.js';

const render = (name: string, report: ScoreReport) => findFormatter(name)!.format(report, { color: false });

describe('scripted empathy in the outputs', () => {
  let report: ScoreReport;
  beforeAll(async () => {
    report = (await runScore(['fixtures/cases/scripted'], { keepCalls: true })).report;
  });

  it('table: a note under the scripted agent only', () => {
    const lines = render('table', report).split('\n');
    const jones = lines.findIndex((l) => l.startsWith('s.jones'));
    expect(lines[jones + 1]).toBe(
      "  sounds scripted: 'I apologise for any inconvenience this may have…' in 6 of 6 calls, 100% of empathy statements repeated",
    );
    expect(lines.filter((l) => l.includes('sounds scripted'))).toHaveLength(1);
  });

  it('json: every agent group carries its scripted summary', () => {
    const json = JSON.parse(render('json', report));
    expect(json.groups.map((g: { key: string; scripted: ScriptedSummary }) => [g.key, g.scripted.share])).toEqual([
      ['r.khan', 0],
      ['s.jones', 1],
    ]);
  });

  it('markdown and html: the group phrase with its call counts, and apologies without action', () => {
    const md = render('markdown', report);
    expect(md).toContain('- “I apologise for any inconvenience this may have caused.” in 6 of 6 calls');
    expect(md).toContain('- 1 of 6 apologies had no action');
    const html = render('html', report);
    expect(html).toContain('<li><q>I apologise for any inconvenience this may have caused.</q> in 6 of 6 calls</li>');
    expect(html).toContain('<h3>Apologies without action</h3>');
  });

  it('notes are plain data; formatters escape the phrase', () => {
    const s: ScriptedSummary = {
      share: 0.25,
      phrases: [{ text: '<b>So sorry</b> for the wait', calls: 3, totalCalls: 40 }],
      apologiesWithoutAction: 0,
      statements: 12,
      apologies: 4,
    };
    expect(scriptedNotes(s)).toEqual([
      { phrase: '<b>So sorry</b> for the wait', text: 'in 3 of 40 calls' },
      { text: '25% of 12 empathy statements are repeated phrases' },
    ]);
    expect(apologyNote(s)).toBeUndefined();
    expect(scriptedLine(s, 12)).toBe("sounds scripted: '<b>So sorry…' in 3 of 40 calls, 25% of empathy statements repeated");
    const html = render('html', { ...report, groups: report.groups.map((g) => ({ ...g, scripted: s })) });
    expect(html).toContain('<q>&lt;b&gt;So sorry&lt;/b&gt; for the wait</q>');
    expect(html).not.toContain('<b>So sorry');
  });
});
