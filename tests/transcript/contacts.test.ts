// Agent identity (issue 21): Contact Lens DisplayName as the agent, contact ids from the transcript and the file name,
// and the --contacts table (Amazon Connect contact-record fields without mapping, --contact-columns otherwise).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContacts } from '../../src/transcript/contacts.js';
import { agentIdentity, createIdentityResolver } from '../../src/transcript/identity.js';
import { readText } from '../../src/transcript/read-inputs.js';
import type { Transcript } from '../../src/types.js';
import { errorOf } from '../helpers/input-error.js';

const CALLS = 'fixtures/contacts/calls';
const BY_FILE_NAME = `${CALLS}/4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f_analysis_2024-03-14T10-12-33Z.json`;
const CHAT = `${CALLS}/chat-8e2f4a6c.json`;

function transcript(file: string): Transcript {
  const events = [...readText(readFileSync(file, 'utf8'), file, {})];
  const found = events.flatMap((e) => (e.type === 'transcript' ? [e.transcript] : []));
  expect(found).toHaveLength(1);
  return found[0]!;
}

const agentIds = (t: Transcript) => [...new Set(t.turns.filter((u) => u.role === 'agent').map((u) => u.agentId))];

describe('the transcribe reader (Contact Lens) and agent identity', () => {
  it('chat: the agent participant DisplayName is the agent name and its id; the customer name is not taken', () => {
    const t = transcript(CHAT);
    expect(t.id).toBe('8e2f4a6c-1b3d-4c5e-8f7a-9b0c1d2e3f4a');
    expect(t.turns.map((u) => [u.role, u.speaker])).toEqual([
      ['customer', 'CUSTOMER'],
      ['agent', 'Priya'],
      ['agent', 'Priya'],
      ['customer', 'CUSTOMER'],
      ['agent', 'Priya'],
    ]);
    expect(t.agentName).toBe('Priya');
    expect(agentIds(t)).toEqual(['priya']);
    expect(agentIdentity.get(t)?.fileNamed).toBeUndefined();
  });

  it('a DisplayName on the Transcript item itself (chat transcripts) names that turn’s agent', () => {
    const doc = JSON.parse(readFileSync(CHAT, 'utf8')) as { Participants: Array<Record<string, string>>; Transcript: Array<Record<string, string>> };
    for (const p of doc.Participants) delete p.DisplayName;
    doc.Transcript[5]!.DisplayName = 'Tom (supervisor)';
    const t = [...readText(JSON.stringify(doc), 'chat.json', {})].flatMap((e) => (e.type === 'transcript' ? [e.transcript] : []))[0]!;
    expect(t.turns.filter((u) => u.role === 'agent').map((u) => u.agentId)).toEqual(['chat', 'chat', 'tom-supervisor']);
  });

  it('voice without CustomerMetadata.ContactId: the contact id comes from the <contact id>_analysis_<time> file name', () => {
    const t = transcript(BY_FILE_NAME);
    expect(t.id).toBe('4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f');
    expect(t.turns.slice(0, 2).map((u) => [u.role, u.text])).toEqual([
      ['agent', 'Thank you for calling Northwind Energy, my name is [PII]. How can I help you today?'],
      ['customer', "Hi, my bill this month is nearly double what it usually is and I haven't changed anything. My account number is [PII]."],
    ]);
    // No agent in the file: the id is the file name, and the reader says so for the run's warning.
    expect(agentIds(t)).toEqual(['4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f_analysis_2024-03-14t10-12-33z']);
    expect(agentIdentity.get(t)?.fileNamed).toBe('4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f_analysis_2024-03-14t10-12-33z');
  });

  it('an agent-<id>_ file name states the agent: no file-name identity recorded', () => {
    const t = transcript('fixtures/transcripts/transcribe/agent-r.patel_call-7781.json');
    expect(agentIds(t)).toEqual(['r.patel']);
    expect(agentIdentity.get(t)?.fileNamed).toBeUndefined();
  });
});

describe('parseContacts', () => {
  it('Amazon Connect contact-record columns work without mapping (ids matched case-insensitively)', () => {
    const table = parseContacts(readFileSync('fixtures/contacts/contact-records.csv', 'utf8'), 'contact-records.csv');
    expect(table.rows.get('8e2f4a6c-1b3d-4c5e-8f7a-9b0c1d2e3f4a')).toEqual({ agentId: 'p.sharma', team: 'Deliveries', date: '2024-03-12' });
    expect(table.rows.size).toBe(3);
  });

  it('nested JSON lines ({"Agent":{"Username":…},"Queue":{"Name":…}}) read the same', () => {
    const table = parseContacts(readFileSync('fixtures/contacts/contact-records.jsonl', 'utf8'), 'contact-records.jsonl');
    expect(table.rows.get('4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f')).toEqual({ agentId: 'j.okafor', team: 'Billing', date: '2024-03-14' });
  });

  it('a JSON array of records, and a semicolon CSV mapped with --contact-columns', () => {
    const array = parseContacts('[{"contact_id":"A1","agent":"x","queue":"q"}]', 'c.json');
    expect(array.rows.get('a1')).toEqual({ agentId: 'x', team: 'q' });
    const mapped = parseContacts(readFileSync('fixtures/contacts/call-log-custom.csv', 'utf8'), 'log.csv', {
      contact_id: 'CallRef', agent: 'Rep', team: 'Group', date: 'When',
    });
    expect(mapped.rows.get('4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f')).toEqual({ agentId: 'Jo Okafor', team: 'Billing East', date: '2024-03-14' });
  });

  it.each([
    ['bad-date.csv', 'bad-date.csv:3: row 2: "last tuesday" in column "date" is not a date (expected ISO 8601, e.g. 2024-03-14T10:12:33Z)'],
    ['bad-no-id.csv', 'bad-no-id.csv:1: no contact id column (expected one of ContactId, contact_id, call_id, conversation_id, or --contact-columns contact_id=<name>; have call, agent_id, team)'],
  ])('%s: one line naming the file, the row and what was expected', (name, message) => {
    const error = errorOf(() => parseContacts(readFileSync(`fixtures/contacts/${name}`, 'utf8'), name));
    expect(error.message).toBe(message);
  });

  it.each([
    ['', 'c.csv: the contacts file is empty (expected a header row with contact_id and agent columns, or JSON lines)'],
    ['contact_id,agent\n,x\n', 'c.csv:2: row 1: no contact id (column "contact_id")'],
    ['contact_id,agent\nA,x\na,y\n', 'c.csv:3: row 2: contact id "a" is already on row 1 with other values'],
    ['contact_id,colour\nA,red\n', 'c.csv:1: no agent, team or date column to join (expected e.g. agent_id, Agent.Username, team, Queue.Name, date, InitiationTimestamp, or --contact-columns agent=<name>; have contact_id, colour)'],
    ['{"ContactId":"a","Agent":{"Username":"x"}}\n{"ContactId": oops}\n', 'c.csv:2:15: invalid JSON: Unexpected token \'o\', "{"ContactId": oops}" is not valid JSON'],
    ['{"ContactId":"a","Agent":{"Username":"x"}}\n[1]\n', 'c.csv:2: expected one contact object per line, got an array'],
  ])('bad table %j', (text, message) => {
    expect(errorOf(() => parseContacts(text, 'c.csv')).message).toBe(message);
  });

  it('an unknown --contact-columns field or column is named', () => {
    expect(errorOf(() => parseContacts('contact_id,agent\nA,x\n', 'c.csv', { colour: 'x' })).message).toMatch(/^c\.csv: --contact-columns: unknown field "colour"/);
    expect(errorOf(() => parseContacts('contact_id,agent\nA,x\n', 'c.csv', { agent: 'Rep' })).message).toBe(
      'c.csv:1: --contact-columns agent=Rep: no column "Rep" (have contact_id, agent)',
    );
  });
});

describe('the contacts join', () => {
  const table = parseContacts(readFileSync('fixtures/contacts/contact-records.csv', 'utf8'), 'contact-records.csv');

  it('replaces a file-name agent id with the contact record’s agent, fills team and date, and clears the warning', () => {
    const t = transcript(BY_FILE_NAME);
    const resolver = createIdentityResolver({ contacts: table });
    expect(resolver.resolve(t)).toBeUndefined();
    expect(agentIds(t)).toEqual(['j.okafor']);
    expect([t.agentId, t.team, t.date]).toEqual(['j.okafor', 'Billing', '2024-03-14']);
    expect(resolver.warnings()).toEqual([]);
  });

  it('replaces a DisplayName-derived id, keeping the name', () => {
    const t = transcript(CHAT);
    createIdentityResolver({ contacts: table }).resolve(t);
    expect(agentIds(t)).toEqual(['p.sharma']);
    expect(t.agentName).toBe('Priya');
  });

  it('keeps an agent id the input states (Agent-Id header) and only fills what is missing', () => {
    const text = 'Call-Id: c3d4e5f6-0000-4111-8222-333344445555\nAgent-Id: a.jones\nTeam: billing-uk\n\nAgent: Thank you for calling, how can I help?\nCustomer: My bill is wrong.\n';
    const t = [...readText(text, 'c.txt', {})].flatMap((e) => (e.type === 'transcript' ? [e.transcript] : []))[0]!;
    createIdentityResolver({ contacts: table }).resolve(t);
    expect([agentIds(t), t.team, t.date]).toEqual([['a.jones'], 'billing-uk', '2024-03-15']);
  });

  it('one summary warning for calls with no contact row and for file-name agents; --strict refuses the latter', () => {
    const resolver = createIdentityResolver({ contacts: table });
    const unlisted = transcript(`${CALLS}/contact-lens-unlisted.json`);
    for (const t of [transcript(BY_FILE_NAME), unlisted, transcript(CHAT)]) resolver.resolve(t);
    expect(resolver.warnings()).toEqual([
      'contact-records.csv: 1 of 3 call(s) have no contact row (00000000-aaaa-4bbb-8ccc-dddddddddddd); they keep the call id and agent the input gave',
      '1 call(s) have no agent identity: the agent id is the file name, so each file counts as its own agent (fixtures/contacts/calls/contact-lens-unlisted.json); join agents by contact id with --contacts <file>, pass --agent-id <id> or a --role-map agentId, or name the files agent-<id>_… (--strict: an error)',
    ]);
    const strict = createIdentityResolver({ strict: true });
    expect(strict.resolve(transcript(`${CALLS}/contact-lens-unlisted.json`))?.reason).toMatch(
      /^no agent identity in call 00000000-aaaa-4bbb-8ccc-dddddddddddd: its agent id would be the file name \("contact-lens-unlisted"\) \(--strict\); join agents/,
    );
    expect(strict.resolve(transcript(CHAT))).toBeUndefined();
  });
});
