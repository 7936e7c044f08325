import { describe, expect, it } from 'vitest';
import { jsonReader, jsonlReader } from '../../src/transcript/readers/json.js';
import { transcribeReader } from '../../src/transcript/readers/transcribe.js';
import { only, read, roles } from './helpers.js';
import { errorOf } from '../helpers/input-error.js';

const CANONICAL = {
  id: 'TECH-1',
  agentId: 't.nguyen',
  agentName: 'Tom Nguyen',
  team: 'tech-support',
  date: '2026-04-28T10:00:00Z',
  turns: [
    { role: 'agent', speaker: 'Tom Nguyen', text: 'Tom speaking.', start: 2, agentId: 't.nguyen' },
    { role: 'customer', speaker: 'Owen', text: 'I want to cancel.', start: 5.9, end: 8 },
    { role: 'agent', speaker: 'Priya Shah', text: 'Retention here, Priya.', agentId: 'p.shah' },
  ],
};

describe('json reader', () => {
  it('reads a canonical transcript with per-turn agent ids (transfer)', () => {
    const t = only(read(jsonReader, JSON.stringify(CANONICAL), 'c.json'));
    expect(t).toMatchObject({ id: 'TECH-1', agentId: 't.nguyen', agentName: 'Tom Nguyen', team: 'tech-support', date: '2026-04-28' });
    expect(t.turns.map((x) => [x.role, x.agentId])).toEqual([
      ['agent', 't.nguyen'],
      ['customer', undefined],
      ['agent', 'p.shah'],
    ]);
    expect(t.turns[1]).toMatchObject({ start: 5.9, end: 8, speaker: 'Owen' });
    expect(t.source).toEqual({ file: 'c.json' });
  });

  it('derives ids from the file name for an array without ids', () => {
    const calls = [
      { turns: [{ speaker: 'Agent', text: 'Hi.' }] },
      { turns: [{ speaker: 'Customer', text: 'Hello.' }] },
    ];
    const out = read(jsonReader, JSON.stringify(calls), 'dir/batch.json');
    expect(out.transcripts.map((t) => t.id)).toEqual(['batch#1', 'batch#2']);
    expect(out.transcripts.map((t) => t.turns[0]!.role)).toEqual(['agent', 'customer']);
  });

  it('reads gold-format fields: source as corpus, agent speaker id, labels, annotated_behaviours', () => {
    const gold = {
      id: 'swda-17',
      source: 'swda',
      agent: 'B',
      annotated_behaviours: ['apology', 'acknowledgement', 'empathy-ish'],
      turns: [
        { speaker: 'A', text: 'My flight was cancelled.' },
        { speaker: 'B', text: "Oh no, I'm sorry.", labels: ['apology'] },
        { speaker: 'B', text: 'Let me check.', labels: [] },
      ],
    };
    const out = read(jsonReader, JSON.stringify(gold), 'gold.jsonl');
    const t = only(out);
    expect(t.corpus).toBe('swda');
    expect(t.annotatedBehaviours).toEqual(['apology', 'acknowledgement']);
    expect(roles(out)).toEqual(['customer', 'agent', 'agent']);
    expect(t.turns.map((x) => x.labels)).toEqual([undefined, ['apology'], []]);
    expect(out.warnings.join('\n')).toMatch(/unknown behaviour "empathy-ish"/);
  });

  it('reads Transcribe output found in a .json file', () => {
    const doc = { JobName: 'job-1', Transcript: [{ ParticipantRole: 'AGENT', Content: 'Hi.', BeginOffsetMillis: 1500 }] };
    const t = only(read(jsonReader, JSON.stringify(doc), 'x.json'));
    expect(t.id).toBe('job-1');
    expect(t.turns[0]).toMatchObject({ role: 'agent', start: 1.5 });
  });

  it('names the syntax error position', () => {
    const error = errorOf(() => read(jsonReader, '{\n  "id": "x",\n  "turns": [,]\n}', 'bad.json'));
    expect(error.file).toBe('bad.json');
    expect(error.line).toBe(3);
    expect(error.column).toBe(13);
    expect(error.reason).toMatch(/^invalid JSON/);
  });

  it('names the closest shape and the missing field', () => {
    expect(errorOf(() => read(jsonReader, '{"id":"a","utterances":[]}', 'u.json')).message).toBe(
      'u.json: looks like a canonical transcript but "turns" is missing (found "id", "utterances")',
    );
    expect(errorOf(() => read(jsonReader, '{"turns":[{"speaker":"Agent"}]}', 't.json')).message).toBe(
      't.json: looks like a canonical transcript but turns[0].text is missing',
    );
  });
});

describe('jsonl reader', () => {
  const good = (id: string) => JSON.stringify({ id, turns: [{ role: 'agent', speaker: 'Agent', text: `Hello from ${id}.` }] });

  it('keeps good lines next to a broken one and reports the broken line', () => {
    const text = [good('A'), '{"id": "B", "turns": [', '', good('C'), '{"id":"D"}'].join('\n');
    const out = read(jsonlReader, text, 'calls.jsonl');
    expect(out.transcripts.map((t) => [t.id, t.source.line])).toEqual([
      ['A', 1],
      ['C', 4],
    ]);
    expect(out.problems.map((p) => p.line)).toEqual([2, 5]);
    expect(out.problems[0]!.reason).toMatch(/^invalid JSON/);
    expect(out.problems[1]!.reason).toMatch(/"turns" is missing/);
  });

  it('throws when no line is usable', () => {
    expect(errorOf(() => read(jsonlReader, 'nope\n{', 'x.jsonl')).line).toBe(1);
  });

  it('is sniffed from a .json file holding one object per line', () => {
    const text = `${good('A')}\n${good('B')}\n`;
    expect(jsonlReader.sniff(text, 'x.json')).toBe(true);
    expect(read(jsonReader, text, 'x.json').transcripts.map((t) => t.id)).toEqual(['A', 'B']);
  });
});

describe('transcribe reader', () => {
  const doc = {
    JobName: 'claims-call-7781',
    Channel: 'VOICE',
    Transcript: [
      { ParticipantRole: 'AGENT', Content: 'Thank you for calling, how can I help?', BeginOffsetMillis: 2000, EndOffsetMillis: 8754 },
      { ParticipantRole: 'CUSTOMER', Content: 'This is the third time I have called.', BeginOffsetMillis: 10154, EndOffsetMillis: 20754 },
    ],
  };

  it('reads roles, offsets and the agent id from an agent-<id>_ file name', () => {
    const out = read(transcribeReader, JSON.stringify(doc), 'in/agent-r.patel_call-7781.json');
    const t = only(out);
    expect(t.id).toBe('claims-call-7781');
    expect(t.channel).toBe('voice');
    expect(roles(out)).toEqual(['agent', 'customer']);
    expect(t.turns.map((x) => [x.start, x.end])).toEqual([
      [2, 8.754],
      [10.154, 20.754],
    ]);
    expect(t.agentId).toBe('r.patel');
  });

  it('joins Contact Lens participant ids to roles', () => {
    const lens = {
      CustomerMetadata: { ContactId: 'contact-42' },
      Participants: [
        { ParticipantId: 'A1', ParticipantRole: 'AGENT' },
        { ParticipantId: 'C1', ParticipantRole: 'CUSTOMER' },
      ],
      Transcript: [
        { ParticipantId: 'C1', Content: 'Hi.', BeginOffsetMillis: 0 },
        { ParticipantId: 'A1', Content: 'Hello.', BeginOffsetMillis: 900 },
      ],
    };
    const out = read(transcribeReader, JSON.stringify(lens), 'lens.json');
    expect(only(out).id).toBe('contact-42');
    expect(roles(out)).toEqual(['customer', 'agent']);
  });

  it('names the missing ParticipantRole', () => {
    const broken = { Transcript: [{ Content: 'Hi.' }] };
    expect(errorOf(() => read(transcribeReader, JSON.stringify(broken), 'b.json')).message).toBe(
      'b.json: looks like Transcribe Call Analytics output but Transcript[0].ParticipantRole is missing',
    );
  });
});

describe('vendor shapes inside .json', () => {
  it('reads a Genesys Cloud transcript, preferring decoratedText and making times relative', () => {
    const doc = {
      conversationId: 'conv-1',
      participants: [{ participantPurpose: 'agent', userId: 'user-7' }, { participantPurpose: 'customer' }],
      transcripts: [
        {
          phrases: [
            { text: 'card 4111', decoratedText: 'card [card number]', startTimeMs: 1714000000000, participantPurpose: 'external' },
            { text: 'Thanks, I have it.', startTimeMs: 1714000004500, participantPurpose: 'internal', duration: { milliseconds: 1500 } },
          ],
        },
      ],
    };
    const out = read(jsonReader, JSON.stringify(doc), 'g.json');
    const t = only(out);
    expect(t.id).toBe('conv-1');
    expect(t.turns.map((x) => [x.role, x.text, x.start, x.agentId])).toEqual([
      ['customer', 'card [card number]', 0, undefined],
      ['agent', 'Thanks, I have it.', 4.5, 'user-7'],
    ]);
    expect(t.turns[1]!.end).toBe(6);
  });

  it('reads a Google CCAI Insights conversation with automated-agent turns as system', () => {
    const doc = {
      name: 'projects/p/locations/l/conversations/abc123',
      entries: [
        { text: 'Welcome to Acme.', role: 'AUTOMATED_AGENT', start_timestamp_usec: 1000000 },
        { text: 'My parcel is lost.', role: 'END_USER', user_id: 1, start_timestamp_usec: 3000000 },
        { text: 'I am sorry, let me look.', role: 'AGENT', user_id: 2, start_timestamp_usec: 6500000 },
      ],
    };
    const out = read(jsonReader, JSON.stringify(doc), 'ccai.json');
    expect(only(out).id).toBe('abc123');
    expect(roles(out)).toEqual(['system', 'customer', 'agent']);
    expect(only(out).turns.map((x) => x.start)).toEqual([1, 3, 6.5]);
  });

  it('names the missing Genesys field', () => {
    const doc = { conversationId: 'c', transcripts: [{ phrases: [{ text: 'hi' }] }] };
    expect(errorOf(() => read(jsonReader, JSON.stringify(doc), 'g.json')).message).toBe(
      'g.json: looks like a Genesys Cloud transcript but transcripts[0].phrases[0].participantPurpose is missing',
    );
  });
});
