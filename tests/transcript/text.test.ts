import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/transcript/input-error.js';
import { textReader } from '../../src/transcript/readers/text.js';
import { only, read, roles } from './helpers.js';

const WITH_HEADER = `Call-Id: BILL-2001
agent-id: a.jones
Agent-Name: Alice Jones
TEAM: billing
Date: 2026-03-14
Channel: voice

[00:00:02] Agent: Northwind Energy, you're speaking with Alice, how can I help?
[00:00:07] Customer: Hi, I've been charged twice for March and I'm furious.
[01:15] Agent: I'm so sorry about that. Let me look.
That should not have happened.
[00:01:30.5] Customer: Thanks.
`;

describe('text reader', () => {
  it('reads header fields, timestamps, roles and continuation lines', () => {
    const out = read(textReader, WITH_HEADER);
    const t = only(out);
    expect(t.id).toBe('BILL-2001');
    expect(t.agentId).toBe('a.jones');
    expect(t.agentName).toBe('Alice Jones');
    expect(t.team).toBe('billing');
    expect(t.date).toBe('2026-03-14');
    expect(t.channel).toBe('voice');
    expect(t.turns).toHaveLength(4);
    expect(roles(out)).toEqual(['agent', 'customer', 'agent', 'customer']);
    expect(t.turns.map((x) => x.start)).toEqual([2, 7, 75, 90.5]);
    expect(t.turns[2]!.text).toBe("I'm so sorry about that. Let me look. That should not have happened.");
    expect(t.turns.filter((x) => x.role === 'agent').every((x) => x.agentId === 'a.jones')).toBe(true);
    expect(t.turns[1]!.agentId).toBeUndefined();
    expect(t.turns.map((x) => x.index)).toEqual([0, 1, 2, 3]);
    expect(out.warnings).toEqual([]);
  });

  it('without a header uses the file name as id and agent id, and the first line is a turn', () => {
    const out = read(textReader, 'Agent: Hello there.\nCustomer: Hi.\n', 'calls/ret-9_x.txt');
    const t = only(out);
    expect(t.id).toBe('ret-9_x');
    expect(t.turns[0]!.agentId).toBe('ret-9_x');
    expect(t.turns[0]!.text).toBe('Hello there.');
  });

  it('"Name (Agent):" labels give the role and a speaker-name agent id', () => {
    const out = read(textReader, 'Priya Shah (Agent): Thank you for calling.\nMark Doyle (Customer): I want to cancel.\n');
    const t = only(out);
    expect(roles(out)).toEqual(['agent', 'customer']);
    expect(t.turns[0]!.speaker).toBe('Priya Shah');
    expect(t.turns[0]!.agentId).toBe('priya-shah');
    expect(t.agentName).toBe('Priya Shah');
  });

  it('does not start a turn at a one-off "Note:" inside an agent turn', () => {
    const text = `Agent: Your plan renews next month.
Note: the fee is waived for the first year.
Customer: Great, thanks.
Agent: You're welcome.
`;
    const t = only(read(textReader, text));
    expect(t.turns).toHaveLength(3);
    expect(t.turns[0]!.text).toBe('Your plan renews next month. Note: the fee is waived for the first year.');
  });

  it('treats a recurring unlabelled name as a speaker and sentences with punctuation as text', () => {
    const text = `Jane: Thanks for calling Acme, this is Jane, how can I help?
Bob: My order is late.
Well, the reason is: it never shipped.
Jane: I'm sorry to hear that.
Bob: Okay.
`;
    const out = read(textReader, text);
    const t = only(out);
    expect(t.turns.map((x) => x.speaker)).toEqual(['Jane', 'Bob', 'Jane', 'Bob']);
    expect(t.turns[1]!.text).toBe('My order is late. Well, the reason is: it never shipped.');
    expect(roles(out)).toEqual(['agent', 'customer', 'agent', 'customer']);
    expect(t.turns[0]!.agentId).toBe('jane');
  });

  it('Transfer-To switches the agent id of later agent turns', () => {
    const text = `Call-Id: T-1
Agent-Id: t.nguyen

Agent: Brightline, Tom speaking, how can I help?
Customer: My internet is down.
Agent: I'll transfer you to line faults.
Transfer-To: m.garcia
Agent: Hi, this is Maria in line faults.
Customer: Hi Maria.
Agent: Let me check.
`;
    const t = only(read(textReader, text));
    expect(t.turns).toHaveLength(6);
    expect(t.turns.map((x) => x.agentId)).toEqual(['t.nguyen', undefined, 't.nguyen', 'm.garcia', undefined, 'm.garcia']);
    expect(t.agentId).toBe('t.nguyen');
  });

  it('"Agent (b.smith):" names the agent now speaking and later agent turns', () => {
    const text = `Agent: Hello, how can I help?
Customer: I need billing.
Agent (b.smith): Billing here, Ben speaking.
Agent: What can I do?
`;
    const t = only(read(textReader, text, 'a.txt'));
    expect(t.turns.map((x) => x.agentId)).toEqual(['a', undefined, 'b.smith', 'b.smith']);
    expect(t.turns[2]!.speaker).toBe('Agent');
  });

  it('handles CRLF, a BOM and blank lines inside the body', () => {
    const text = '\uFEFFCall-Id: X-1\r\n\r\nAgent: Hi.\r\n\r\nCustomer: Hello.\r\n';
    const t = only(read(textReader, text));
    expect(t.id).toBe('X-1');
    expect(t.turns.map((x) => x.text)).toEqual(['Hi.', 'Hello.']);
  });

  it('warns about a bad header date instead of guessing', () => {
    const out = read(textReader, 'Call-Id: A\nDate: sometime soon\n\nAgent: Hi.\n', 'd.txt');
    expect(only(out).date).toBeUndefined();
    expect(out.warnings.join('\n')).toMatch(/d\.txt:2: Date "sometime soon" is not a date/);
  });

  it('throws an InputError naming the line when no line has a speaker', () => {
    try {
      read(textReader, '\n\nthis is just prose with no speakers\nand more of it\n', 'prose.txt');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe('prose.txt:3: no speaker lines (expected "Agent: …" / "Customer: …")');
    }
  });

  it('returns no transcripts for a whitespace-only file', () => {
    expect(read(textReader, '  \n\n').transcripts).toEqual([]);
  });

  it('sniffs role-labelled lines but not prose', () => {
    expect(textReader.sniff('[00:00:01] Agent: hi\nCustomer: hello', 'x')).toBe(true);
    expect(textReader.sniff('Jane Doe (Agent): hi', 'x')).toBe(true);
    expect(textReader.sniff('{"id": 1}', 'x')).toBe(false);
  });
});
