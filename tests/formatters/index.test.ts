import { describe, expect, it } from 'vitest';
import { FORMATTERS, findFormatter } from '../../src/formatters/index.js';
import { ANSI, sampleReport } from './fixture.js';

describe('formatter registry', () => {
  it('lists every documented format once, with description and extension', () => {
    expect(FORMATTERS.map((f) => f.name)).toEqual(['table', 'line', 'json', 'ndjson', 'csv', 'markdown', 'html', 'junit', 'promises', 'promises-json']);
    for (const f of FORMATTERS) {
      expect(f.description.length).toBeGreaterThan(10);
      expect(f.extension).toMatch(/^[a-z]+$/);
    }
  });

  it('finds formatters by name, case-insensitively, and nothing else', () => {
    expect(findFormatter('json')?.name).toBe('json');
    expect(findFormatter(' HTML ')?.name).toBe('html');
    expect(findFormatter('xml')).toBeUndefined();
  });

  it('only streaming formats have formatCall', () => {
    expect(FORMATTERS.filter((f) => f.formatCall).map((f) => f.name)).toEqual(['line', 'ndjson']);
  });

  it('every formatter is pure and deterministic, and only table colours, only when asked', () => {
    for (const f of FORMATTERS) {
      const report = sampleReport();
      const before = JSON.stringify(report);
      const a = f.format(report, { color: false, verbose: true });
      expect(JSON.stringify(report)).toBe(before);
      expect(f.format(sampleReport(), { color: false, verbose: true })).toBe(a);
      expect(a).not.toMatch(ANSI);
      expect(a.endsWith('\n')).toBe(true);
      if (f.name !== 'table') expect(f.format(sampleReport(), { color: true, verbose: true })).not.toMatch(ANSI);
    }
  });
});
