import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvFormatter } from '../../src/formatters/csv.js';
import { sampleReport } from './fixture.js';

const records = (csv: string) => parse(csv, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];

describe('csv formatter', () => {
  it('writes one row per group with rates as fractions, n/a as empty, CRLF line ends', () => {
    const out = csvFormatter.format(sampleReport(), { color: false });
    expect(out.split('\r\n')).toHaveLength(5);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = records(out);
    expect(rows.map((r) => r.key)).toEqual(['a-102', 'a-205', 'a-301']);
    expect(rows[0]).toMatchObject({ label: 'Jane Doe', calls: '2', mean_score: '67.5', passed: 'false', acknowledgement_rate: '0.3333' });
    expect(rows[1]!.label).toBe("Sam O'Neil <Lead>");
    expect(rows[1]!['follow-up-promise_rate']).toBe('');
    expect(rows[2]).toMatchObject({ low_sample: 'true', paraphrasing_rate: '', appreciation_rate: '1' });
  });

  it('writes one row per call when grouped by call, combining the agent parts', () => {
    const r = { ...sampleReport(), groupBy: 'call' as const };
    const rows = records(csvFormatter.format(r, { color: false }));
    expect(rows.map((x) => x.transcript_id)).toEqual(['call-001', 'call-002', 'call-003', 'call-004']);
    expect(rows[3]).toMatchObject({ agents: 'a-205 a-301', line: '30', appreciation_status: 'missed', appreciation_rate: '0.5' });
    expect(rows[2]).toMatchObject({ critical_failures: 'acknowledgement', 'follow-up-promise_status': 'n/a' });
  });

  it('neutralises formula cells and quotes commas, quotes and line breaks (RFC 4180)', () => {
    const r = sampleReport();
    const hostile = ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)'];
    r.groups = r.groups.slice(0, 3).map((g, i) => ({ ...g, key: hostile[i]!, label: i === 0 ? 'Doe, "JJ"\nJane' : hostile[3] }));
    const out = csvFormatter.format(r, { color: false });
    expect(out).toContain(`agent,"'=HYPERLINK(""x"")","Doe, ""JJ""\nJane",`);
    const rows = records(out);
    expect(rows.map((x) => x.key)).toEqual(["'=HYPERLINK(\"x\")", "'+1", "'-1+2"]);
    expect(rows[1]!.label).toBe("'@SUM(A1)");
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });
});
