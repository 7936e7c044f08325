// Filter mode: JSONL on stdin larger than the sniffed head is read line by line. It must give the same events as
// reading the same text whole (only their order may differ: a whole file reports its broken lines first).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { buildCall, toJsonLine } from '../../bench/generate.js';
import { readInputs, readText, type InputEvent } from '../../src/transcript/read-inputs.js';

function corpus(calls: number): string[] {
  return Array.from({ length: calls }, (_, i) => (toJsonLine(buildCall(42, i)) as string).replace(/\n$/, ''));
}

async function streamed(text: string, chunkSize: number, inputFormat?: string): Promise<InputEvent[]> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) => bytes.subarray(i * chunkSize, (i + 1) * chunkSize));
  const events: InputEvent[] = [];
  const options = inputFormat === undefined ? { stdin: Readable.from(chunks) } : { stdin: Readable.from(chunks), inputFormat };
  for await (const event of readInputs(['-'], options)) events.push(event);
  return events;
}

const canonical = (events: InputEvent[]): string[] => events.map((e) => JSON.stringify(e)).sort();

describe('JSONL on stdin, streamed', () => {
  it('gives the events of a whole read: broken, blank and CRLF lines, a BOM, chunks that split lines and characters', async () => {
    const lines = corpus(60);
    expect(lines.join('\n').length).toBeGreaterThan(300 * 1024);
    lines.splice(5, 0, '{"id": "broken", "turns": [');
    lines.splice(9, 0, '');
    lines.splice(20, 0, '{"id":"no-turns","turns":[]}');
    lines[30] = lines[30]!.replace('"text":"', '"text":"Café — naïve ☕ ');
    const text = `\uFEFF${lines.join('\r\n')}\n`;
    const whole = [...readText(text, '<stdin>', {})];
    for (const [size, format] of [[4093, 'jsonl'], [65536, undefined]] as const) {
      const events = await streamed(text, size, format);
      expect(canonical(events)).toEqual(canonical(whole));
      const failed = events.filter((e) => e.type === 'failed');
      expect(failed.map((e) => e.type === 'failed' && e.problem.line)).toEqual([6]);
      expect(events.filter((e) => e.type === 'transcript')).toHaveLength(60);
    }
  });

  it('an input with no good line is one failure, its first, as for a file', async () => {
    const text = `${'x'.repeat(300 * 1024)}\n{"id": 1,\n`;
    const events = await streamed(text, 8192, 'jsonl');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'failed', problem: { file: '<stdin>', line: 1 } });
  });
});

describe('a large JSONL file is streamed like stdin', () => {
  it('gives the events of reading it whole', async () => {
    const lines = corpus(40);
    lines.splice(7, 0, '{"id": "broken", "turns": [');
    const file = join(mkdtempSync(join(tmpdir(), 'empathy-big-')), 'export.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const collect = async (streamFileBytes?: number): Promise<InputEvent[]> => {
      const events: InputEvent[] = [];
      for await (const event of readInputs([file], streamFileBytes === undefined ? {} : { streamFileBytes })) events.push(event);
      return events;
    };
    const whole = await collect();
    const streamedEvents = await collect(1024);
    expect(canonical(streamedEvents)).toEqual(canonical(whole));
    expect(streamedEvents.filter((e) => e.type === 'transcript')).toHaveLength(40);
    expect(streamedEvents.filter((e) => e.type === 'failed').map((e) => e.type === 'failed' && e.problem.line)).toEqual([8]);
    // Proof of the path taken: a whole read reports the broken line first, a streamed one where it comes.
    expect(whole.findIndex((e) => e.type === 'failed')).toBe(0);
    expect(streamedEvents.findIndex((e) => e.type === 'failed')).toBe(7);
  });
});
