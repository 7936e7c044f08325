import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/transcript/input-error.js';
import { csvReader, tsvReader } from '../../src/transcript/readers/csv.js';
import { only, read, roles } from './helpers.js';

const TWO_CALLS = `call_id,timestamp,speaker,agent_id,agent_name,team,date,text
C-1,00:00:02,Agent,a.jones,Alice Jones,billing,2026-04-08,"Good morning, how can I help?"
C-2,00:00:01,Agent,d.okafor,Daniel Okafor,billing,2026-04-09,Billing.
C-1,00:00:08,Customer,a.jones,Alice Jones,billing,2026-04-08,"I'm moving house,
so I need to change my address."
C-2,00:00:05,Customer,d.okafor,Daniel Okafor,billing,2026-04-09,My direct debit doubled.
C-1,00:00:18.250,Agent,a.jones,Alice Jones,billing,2026-04-08,"Congratulations on the move, ""new"" address please?"
`;

describe('csv reader', () => {
  it('groups rows by call id in order of first appearance, even when interleaved', () => {
    const out = read(csvReader, TWO_CALLS, 'calls.csv');
    expect(out.transcripts.map((t) => t.id)).toEqual(['C-1', 'C-2']);
    const [c1, c2] = out.transcripts as [typeof out.transcripts[0], typeof out.transcripts[0]];
    expect(c1!.turns.map((t) => t.role)).toEqual(['agent', 'customer', 'agent']);
    expect(c1!.turns[1]!.text).toBe("I'm moving house, so I need to change my address.");
    expect(c1!.turns[2]!.text).toBe('Congratulations on the move, "new" address please?');
    expect(c1!.turns.map((t) => t.start)).toEqual([2, 8, 18.25]);
    expect(c1).toMatchObject({ agentId: 'a.jones', agentName: 'Alice Jones', team: 'billing', date: '2026-04-08' });
    expect(c1!.source).toEqual({ file: 'calls.csv', line: 2 });
    expect(c2!.agentId).toBe('d.okafor');
    expect(c2!.turns.map((t) => t.agentId)).toEqual(['d.okafor', undefined]);
    expect(out.problems).toEqual([]);
  });

  it('keeps other rows when one row has no text and names that row', () => {
    const text = 'call_id,speaker,text\nX,Agent,Hello.\nX,Customer,\nX,Agent,Anything else?\n';
    const out = read(csvReader, text, 'x.csv');
    expect(only(out).turns.map((t) => t.text)).toEqual(['Hello.', 'Anything else?']);
    expect(out.problems).toEqual([{ file: 'x.csv', line: 3, reason: 'row 3: missing text in column "text"' }]);
  });

  it('reads semicolon-delimited files with a BOM and CRLF, whole file as one call without a call id', () => {
    const text = '\uFEFFRole;Utterance;Start_Ms\r\nAgent;Thank you for calling;1500\r\nCaller;Hi, my bill is wrong;4000\r\n';
    const out = read(csvReader, text, 'exports/one-call.csv');
    const t = only(out);
    expect(t.id).toBe('one-call');
    expect(roles(out)).toEqual(['agent', 'customer']);
    expect(t.turns.map((x) => x.start)).toEqual([1.5, 4]);
    expect(t.turns[0]!.agentId).toBe('one-call');
  });

  it('reads tab-separated files', () => {
    const text = 'conversation_id\tparty\tmessage\tagent\nT-9\tRep\tHow may I help?\tm.garcia\nT-9\tMember\tLocked out.\tm.garcia\n';
    const t = only(read(tsvReader, text, 'a.tsv'));
    expect(t.id).toBe('T-9');
    expect(t.turns.map((x) => [x.role, x.agentId])).toEqual([
      ['agent', 'm.garcia'],
      ['customer', undefined],
    ]);
  });

  it('maps unusual column names with --columns', () => {
    const text = 'Conv,Who,Said,Rep,T\nK1,Agent,Hi there.,r.patel,00:01:02\nK1,Customer,Hello.,r.patel,00:01:05.5\n';
    const columns = { call_id: 'Conv', role: 'Who', text: 'Said', agent_id: 'Rep', timestamp: 'T' };
    const t = only(read(csvReader, text, 'k.csv', { columns }));
    expect(t.id).toBe('K1');
    expect(t.turns.map((x) => [x.role, x.agentId, x.start])).toEqual([
      ['agent', 'r.patel', 62],
      ['customer', undefined, 65.5],
    ]);
  });

  it('rejects a --columns entry naming a missing column', () => {
    expect(() => read(csvReader, 'a,b\n1,2\n', 'k.csv', { columns: { text: 'Said' } })).toThrow(
      'k.csv:1: --columns text=Said: no column "Said" in the header (a, b)',
    );
  });

  it('requires a text column', () => {
    expect(() => read(csvReader, 'speaker,words\nAgent,hi\n', 'n.csv')).toThrow(/^n\.csv:1: no text column/);
  });

  it('reports a malformed row on the line it starts and keeps the rows around it', () => {
    const text = 'speaker,text\nAgent,Hi there\nAgent,"Hello\nCustomer,hi\n';
    const out = read(csvReader, text, 'bad.csv');
    expect(out.transcripts[0]!.turns.map((t) => t.text)).toEqual(['Hi there', 'hi']);
    expect(out.problems).toEqual([
      { file: 'bad.csv', line: 3, reason: 'malformed CSV: Quote Not Closed: the parsing is finished with an opening quote' },
    ]);
  });

  it('reports a malformed header as an InputError with the line', () => {
    try {
      read(csvReader, '"speaker,text\nAgent,hi\n', 'bad.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/^bad\.csv:1: malformed CSV: /);
    }
  });

  it('sniffs csv vs tsv by delimiter', () => {
    expect(csvReader.sniff('call_id,speaker,text\n', 'x')).toBe(true);
    expect(csvReader.sniff('speaker;utterance\n', 'x')).toBe(true);
    expect(tsvReader.sniff('speaker\ttext\n', 'x')).toBe(true);
    expect(csvReader.sniff('speaker\ttext\n', 'x')).toBe(false);
    expect(csvReader.sniff('Agent: hello, there\n', 'x')).toBe(false);
  });
});
