import { describe, expect, it } from 'vitest';
import { ndjsonFormatter } from '../../src/formatters/ndjson.js';
import { sampleReport } from './fixture.js';

describe('ndjson formatter', () => {
  it('writes one call line per call and a final summary line, each valid JSON', () => {
    const r = sampleReport();
    const out = ndjsonFormatter.format(r, { color: false });
    expect(out.endsWith('\n')).toBe(true);
    const records = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => x.type)).toEqual(['call', 'call', 'call', 'call', 'summary']);
    expect(records[2].transcriptId).toBe('call-003');
    expect(records[2].turns[0].text).toContain('<script>');
    expect(records[2].provenance.rubric.hash).toBe('3f9a0c1b2d4e');
    const summary = records[4];
    expect(Object.keys(summary).slice(0, 4)).toEqual(['type', 'summary', 'groups', 'provenance']);
    expect(summary.summary.read).toBe(6);
    expect(summary.groups).toHaveLength(3);
  });

  it('formatCall gives exactly the line format() writes for that call', () => {
    const r = sampleReport();
    const line = ndjsonFormatter.formatCall!(r.calls[1]!, { provenance: r.provenance }, { color: false });
    expect(line.split('\n')).toHaveLength(2);
    expect(ndjsonFormatter.format(r, { color: false }).split('\n')[1]).toBe(line.trimEnd());
    const { type, provenance, ...call } = JSON.parse(line);
    expect(type).toBe('call');
    expect(provenance).toEqual(r.provenance);
    expect(call).toEqual(r.calls[1]);
  });

  it('formatCallJson (calls that arrive from workers as UTF-8 JSON) writes the same bytes as formatCall', () => {
    const r = sampleReport();
    for (const call of r.calls) {
      const fromObject = ndjsonFormatter.formatCall!(call, { provenance: r.provenance }, { color: false });
      const pieces = ndjsonFormatter.formatCallJson!(new TextEncoder().encode(JSON.stringify(call)), { provenance: r.provenance }, { color: false });
      expect(Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8')).toBe(fromObject);
    }
  });
});
