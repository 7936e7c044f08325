// CSV exports too large to read whole (and stdin) are read row by row into calls (readers/csv.ts readCsvStream), with
// at most STREAM_OPEN_CALLS calls open at once. Rows of one call together, or interleaved among fewer open calls, give
// exactly what reading the whole file gives; a call whose rows come back after its call was handed out is a failure
// naming the row and the fix, and the summary still adds up.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STREAM_OPEN_CALLS } from '../../src/transcript/readers/csv.js';
import { readInputs, type InputEvent } from '../../src/transcript/read-inputs.js';
import { readStream } from '../../src/transcript/read-stream.js';
import { Readable } from 'node:stream';

const dir = mkdtempSync(join(tmpdir(), 'empathy-csv-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function events(file: string, streamed: boolean): Promise<InputEvent[]> {
  const out: InputEvent[] = [];
  for await (const e of readInputs([file], streamed ? { streamFileBytes: 0 } : {})) out.push(e);
  return out;
}
const transcripts = (es: InputEvent[]) => es.flatMap((e) => (e.type === 'transcript' ? [e.transcript] : []));
const failures = (es: InputEvent[]) => es.flatMap((e) => (e.type === 'failed' ? [e.problem] : []));

function rows(ids: string[]): string {
  return ids.map((id, i) => `${id},${i % 2 ? 'Customer' : 'Agent'},a-1,2026-01-0${(i % 9) + 1},"Turn ${i}, with a comma"`).join('\n');
}
function write(name: string, body: string): string {
  const file = join(dir, name);
  // Padded past the 256 KB head the stream reader sniffs, so the rows really arrive in several chunks.
  writeFileSync(file, `call_id,speaker,agent_id,date,text\n${body}\n`.padEnd(300 * 1024, '\n'));
  return file;
}
const many = (n: number, per: number) => Array.from({ length: n }, (_, c) => Array.from({ length: per }, () => `C-${c}`)).flat();

describe('streamed CSV', () => {
  it('contiguous calls: the same transcripts, in the same order, as the whole file', async () => {
    const file = write('contiguous.csv', rows(many(2000, 6)));
    const whole = await events(file, false);
    const streamed = await events(file, true);
    expect(transcripts(streamed)).toHaveLength(2000);
    expect(transcripts(streamed)).toEqual(transcripts(whole));
    expect(failures(streamed)).toEqual([]);
  });

  it('rows interleaved among fewer open calls than the window still group as in the whole file', async () => {
    const ids: string[] = [];
    for (let round = 0; round < 5; round++) for (let c = 0; c < 50; c++) ids.push(`I-${c}`);
    const file = write('interleaved.csv', rows(ids));
    const streamed = await events(file, true);
    expect(transcripts(streamed).map((t) => t.turns.length)).toEqual(new Array(50).fill(5));
    expect(transcripts(streamed)).toEqual(transcripts(await events(file, false)));
  });

  it('a call whose rows come back after more than the window of other calls is one failure naming its row; nothing is lost from the count', async () => {
    const ids = ['LATE', 'LATE', ...many(STREAM_OPEN_CALLS + 10, 2), 'LATE', 'LATE', 'LATE'];
    const file = write('non-contiguous.csv', rows(ids));
    const streamed = await events(file, true);
    const late = failures(streamed);
    expect(late).toHaveLength(1);
    expect(late[0]!.file).toBe(file);
    expect(late[0]!.line).toBe(2 + 2 + 2 * (STREAM_OPEN_CALLS + 10)); // header, LATE ×2, the others: the first late row
    expect(late[0]!.reason).toMatch(/^call LATE: 3 rows from here on came after 256 other calls .* rows of one call together/);
    const first = transcripts(streamed).find((t) => t.id === 'LATE')!;
    expect(first.turns).toHaveLength(2);
    expect(transcripts(streamed)).toHaveLength(STREAM_OPEN_CALLS + 11);
    // The whole-file reader groups them all.
    expect(transcripts(await events(file, false)).find((t) => t.id === 'LATE')!.turns).toHaveLength(5);
  });

  it('a malformed row is a failure on its line; the rows after it are read', async () => {
    const body = `${rows(many(300, 2))}\nC-bad,Agent,a-1,2026-01-01,"unclosed "quote" here\n${rows(many(3, 2).map((id) => `Z${id}`))}`;
    const file = write('malformed.csv', body);
    const streamed = await events(file, true);
    const bad = failures(streamed);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ file, line: 602 });
    expect(bad[0]!.reason).toMatch(/^malformed CSV/);
    expect(transcripts(streamed).map((t) => t.id).slice(-3)).toEqual(['ZC-0', 'ZC-1', 'ZC-2']);
  });

  it('stdin CSV streams too; a header without a text column is one failure naming the file', async () => {
    const csv = `call_id,speaker,text\n${rows(many(10, 2)).replace(/,a-1,2026-01-0\d/g, '')}\n`.padEnd(300 * 1024, '\n');
    const got: InputEvent[] = [];
    for await (const e of readStream(Readable.from([Buffer.from(csv)]), '<stdin>', {})) got.push(e);
    expect(transcripts(got)).toHaveLength(10);
    const bad: InputEvent[] = [];
    for await (const e of readStream(Readable.from([Buffer.from('call_id,speaker,words\nC,Agent,x\n'.padEnd(300 * 1024, '\n'))]), '<stdin>', { inputFormat: 'csv' })) bad.push(e);
    expect(failures(bad)).toHaveLength(1);
    expect(failures(bad)[0]!.reason).toMatch(/no text column/);
  });
});
