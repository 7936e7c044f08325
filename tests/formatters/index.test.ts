import { describe, expect, it } from 'vitest';
import { FORMATTERS, findFormatter } from '../../src/formatters/index.js';
import type { CallStreamContext, FormatOptions, Formatter, Spill } from '../../src/formatters/types.js';
import type { GroupBy, ScoreReport } from '../../src/types.js';
import { ANSI, sampleReport } from './fixture.js';

/** A spill in memory (the CLI's is a temporary file), so a stream's bytes can be compared with format()'s. */
function memorySpill(): Spill {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    append(text) {
      const bytes = Buffer.from(text, 'utf8');
      chunks.push(bytes);
      size += bytes.length;
      return { offset: size - bytes.length, length: bytes.length };
    },
    get size() {
      return size;
    },
    *read(offset = 0, length = size - offset) {
      yield Buffer.concat(chunks).subarray(offset, offset + length);
    },
    close() {},
  };
}

/** What a formatter's stream writes for the report's calls, or undefined when it declares none for these options. */
async function streamed(f: Formatter, report: ScoreReport, groupBy: GroupBy, options: FormatOptions): Promise<string | undefined> {
  const out: (string | Uint8Array)[] = [];
  const ctx: CallStreamContext = { groupBy, pass: report.pass, options, write: async (c) => void out.push(c), spill: memorySpill };
  const stream = f.streamCalls?.(ctx);
  if (!stream) return undefined;
  for (const call of report.calls ?? []) await stream.add(call);
  await stream.finish({ ...report, calls: undefined });
  stream.close();
  return Buffer.concat(out.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c))).toString('utf8');
}

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

  it('a format that renders individual calls writes them as they are scored (formatCall or streamCalls), never from a report holding them all', () => {
    const options = { color: false, verbose: true };
    const rendering: string[] = [];
    for (const f of FORMATTERS) {
      const groupBy: GroupBy = f.name === 'csv' ? 'call' : sampleReport().groupBy;
      const withCalls = f.format({ ...sampleReport(), groupBy }, options);
      const without = f.format({ ...sampleReport(), groupBy, calls: [] }, options);
      // html and markdown coach from a bounded selection of calls (collects: 'coaching'), not from every call.
      if (withCalls !== without && f.collects === undefined) {
        rendering.push(f.name);
        expect(f.formatCall ?? f.streamCalls, `${f.name} renders calls`).toBeDefined();
      }
    }
    expect(rendering).toEqual(['table', 'line', 'json', 'ndjson', 'csv', 'junit', 'promises', 'promises-json']);
  });

  it('streamCalls writes byte for byte what format() gives the report with every call', async () => {
    for (const f of FORMATTERS.filter((x) => x.streamCalls)) {
      for (const groupBy of ['agent', 'call'] as const) {
        const report = { ...sampleReport(), groupBy };
        const options = { color: false, verbose: true };
        const text = await streamed(f, report, groupBy, options);
        if (text !== undefined) expect(text, `${f.name} --group-by ${groupBy}`).toBe(f.format(report, options));
      }
    }
  });

  it('streams only where calls are rendered: csv grouped by call, table with --verbose', async () => {
    const report = sampleReport();
    expect(await streamed(findFormatter('csv')!, report, 'agent', { color: false })).toBeUndefined();
    expect(await streamed(findFormatter('csv')!, report, 'call', { color: false })).toBeDefined();
    expect(await streamed(findFormatter('table')!, report, 'agent', { color: false, verbose: false })).toBeUndefined();
    expect(await streamed(findFormatter('table')!, report, 'agent', { color: false, verbose: true })).toBeDefined();
  });

  it('declares what the CLI asks: the table shows the summary itself; merge refuses formats made of calls only', () => {
    expect(FORMATTERS.filter((f) => f.showsSummary).map((f) => f.name)).toEqual(['table']);
    expect(FORMATTERS.filter((f) => f.callsOnly).map((f) => f.name)).toEqual(['line', 'ndjson', 'promises', 'promises-json']);
    for (const f of FORMATTERS.filter((x) => x.callsOnly)) expect(f.formatCall ?? f.streamCalls).toBeDefined();
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
