import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBytes, readInputs, type InputEvent } from '../../src/transcript/read-inputs.js';
import { READERS, chooseReader, isTranscriptFile } from '../../src/transcript/readers/index.js';
import type { ReadOptions } from '../../src/transcript/readers/index.js';
import { parseChannelMap } from '../../src/transcript/readers/twilio.js';
import type { Transcript } from '../../src/types.js';
import { agentIdentity } from '../../src/transcript/identity.js';

const DIR = join(import.meta.dirname, '../../fixtures/formats');
const CHANNELS: ReadOptions = { channelMap: { '1': 'customer', '2': 'agent' } };

function events(file: string, options: ReadOptions = {}, bytes?: Uint8Array): InputEvent[] {
  return [...readBytes(bytes ?? readFileSync(join(DIR, file)), file, options)];
}

function transcript(file: string, options: ReadOptions = {}): Transcript {
  const evs = events(file, options);
  const found = evs.filter((e) => e.type === 'transcript');
  if (found.length !== 1) throw new Error(`expected one transcript from ${file}: ${JSON.stringify(evs)}`);
  return found[0]!.transcript;
}

const summary = (t: Transcript) => t.turns.map((u) => [u.role, u.agentId ?? null, u.start ?? null]);

describe('Contact Lens', () => {
  it('voice: joins roles from Participants[], keeps offsets, ContactId as id, [PII] as a token', () => {
    const t = transcript('contact-lens-voice.json');
    expect(t.id).toBe('7d3f1c2a-5b8e-4f21-9a6c-0e4b2d9f8a11');
    expect(t.channel).toBe('voice');
    expect(t.turns.map((u) => u.role)).toEqual(['agent', 'customer', 'agent', 'agent', 'customer', 'agent', 'customer']);
    expect(t.turns[1]).toMatchObject({ start: 4.41, end: 11.05 });
    expect(t.turns[0]!.text).toBe('Thank you for calling Northwind Energy, my name is [PII]. How can I help you today?');
    // No agent identity in the file: the file name names the agent.
    expect(t.agentId).toBe('contact-lens-voice');
  });

  it('chat: skips join/leave events, times from AbsoluteTime, date from the first item', () => {
    const t = transcript('contact-lens-chat.json');
    expect(t.channel).toBe('chat');
    expect(t.date).toBe('2024-03-12');
    expect(summary(t)).toEqual([
      ['customer', null, 5.88],
      ['agent', 'contact-lens-chat', 35.38],
      ['agent', 'contact-lens-chat', 56.88],
      ['customer', null, 204.88],
      ['agent', 'contact-lens-chat', 244.88],
    ]);
  });
});

describe('vendor sentiment on the turn (transcribe reader)', () => {
  const labels = (t: Transcript) => t.turns.map((u) => [u.role, u.sentiment ?? null]);

  it('Transcribe Call Analytics: Sentiment per segment, SentimentScore when given, unknown or absent labels left off', () => {
    const t = transcript('transcribe-sentiment.json');
    expect(t.id).toBe('northwind-billing-2024-05-02-call-5521');
    expect(t.turns[1]!.text).toBe("I've been charged a late fee even though I paid on time, and this is the third time I've called about it.");
    expect(t.turns.map((u) => u.start)).toEqual([0.4, 4.6, 13.4, 20.3, 24.8, 34, 36.9, 39.5]);
    expect(labels(t)).toEqual([
      ['agent', { label: 'POSITIVE', source: 'transcribe' }],
      ['customer', { label: 'NEGATIVE', source: 'transcribe' }],
      ['agent', { label: 'NEUTRAL', source: 'transcribe' }],
      ['customer', { label: 'MIXED', score: 0.44, source: 'transcribe' }],
      ['agent', { label: 'NEUTRAL', source: 'transcribe' }],
      ['customer', { label: 'POSITIVE', source: 'transcribe' }],
      ['agent', null],
      ['customer', null],
    ]);
  });

  it('Contact Lens: Sentiment on Transcript entries, source contact-lens', () => {
    const t = transcript('contact-lens-voice.json');
    expect(t.turns.filter((u) => u.role === 'customer').map((u) => [u.text.slice(0, 20), u.sentiment])).toEqual([
      ['Hi, my bill this mon', { label: 'NEGATIVE', source: 'contact-lens' }],
      ['Okay, so can I sprea', { label: 'NEUTRAL', source: 'contact-lens' }],
      ['That works, thank yo', { label: 'POSITIVE', source: 'contact-lens' }],
    ]);
    // Chat analysis files carry none: no field.
    expect(transcript('contact-lens-chat.json').turns.some((u) => u.sentiment !== undefined)).toBe(false);
  });

  it('also through the jsonl reader, one Transcribe document per line', () => {
    const line = JSON.stringify(JSON.parse(readFileSync(join(DIR, 'transcribe-sentiment.json'), 'utf8')));
    const evs = events('calls.jsonl', {}, Buffer.from(`${line}\n`));
    const t = evs.flatMap((e) => (e.type === 'transcript' ? [e.transcript] : []))[0]!;
    expect(t.turns[3]!.sentiment).toEqual({ label: 'MIXED', score: 0.44, source: 'transcribe' });
  });
});

describe('participant names as the agent (issue 21)', () => {
  const doc = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown> & { participants: Array<Record<string, unknown>> };
  const fromJson = (value: unknown, options: ReadOptions = {}) => {
    const evs = events('call.json', options, Buffer.from(JSON.stringify(value)));
    return evs.flatMap((e) => (e.type === 'transcript' ? [e.transcript] : []))[0]!;
  };
  const agentIds = (t: Transcript) => [...new Set(t.turns.filter((u) => u.role === 'agent').map((u) => u.agentId))];

  it('Genesys: participantName is the agent name; the userId stays the id', () => {
    const g = doc('genesys.json');
    g.participants[1]!.participantName = 'Maria Lopez';
    const t = fromJson(g);
    expect([t.agentName, agentIds(t)]).toEqual(['Maria Lopez', ['7a1c4e2b-9f3d-4b8a-a6e5-2c1d0f9e8b7a']]);
  });

  it('Genesys without a userId: the name makes the id; with neither, the file name does (recorded for the warning), never "internal"', () => {
    const g = doc('genesys.json');
    delete g.participants[1]!.userId;
    expect(agentIds(fromJson({ ...g, participants: [g.participants[0], { ...g.participants[1], name: 'Maria Lopez' }] }))).toEqual(['maria-lopez']);
    const t = fromJson(g);
    expect(agentIds(t)).toEqual(['call']);
    expect(agentIdentity.get(t)?.fileNamed).toBe('call');
  });

  it('Twilio: channel.participants[].full_name names the agent; a customer name is not taken', () => {
    const page = JSON.parse(readFileSync(join(DIR, 'twilio.json'), 'utf8')) as Record<string, unknown>;
    const t = fromJson({
      ...page,
      channel: { participants: [
        { channel_participant: 1, role: 'Customer', full_name: 'Sam Taylor' },
        { channel_participant: 2, role: 'Agent', full_name: 'Priya Shah' },
      ] },
    });
    expect(t.turns.map((u) => [u.role, u.speaker])).toEqual([
      ['agent', 'Priya Shah'], ['customer', 'channel 1'], ['agent', 'Priya Shah'], ['customer', 'channel 1'], ['agent', 'Priya Shah'],
    ]);
    expect([t.agentName, agentIds(t)]).toEqual(['Priya Shah', ['priya-shah']]);
  });
});

describe('Genesys Cloud', () => {
  it('internal/external purposes, decoratedText preferred, userId as agent id, conversationId as id', () => {
    const t = transcript('genesys.json');
    expect(t.id).toBe('b3e7a1c9-2d4f-4e6a-8b0c-9d1e2f3a4b5c');
    expect(t.date).toBe('2024-04-02');
    const agent = '7a1c4e2b-9f3d-4b8a-a6e5-2c1d0f9e8b7a';
    expect(summary(t)).toEqual([
      ['agent', agent, 0],
      ['customer', null, 3.8],
      ['agent', agent, 8.4],
      ['agent', agent, 19.8],
      ['customer', null, 25.3],
    ]);
    expect(t.turns[0]!.text).toBe('Thanks for calling City Water, this is Maria. How can I help?');
    // A phrase without decoratedText falls back to text.
    expect(t.turns[3]!.text).toBe('there is a burst main on your street crews expect to finish by four pm');
    expect(t.turns[2]!.end).toBeCloseTo(13.6);
  });
});

describe('Google CCAI Insights', () => {
  it('AUTOMATED_AGENT is system, END_USER/CUSTOMER customer, agent user_id as agent id, µs offsets', () => {
    const t = transcript('ccai.json');
    expect(t.id).toBe('ccai');
    expect(t.date).toBe('2024-03-12');
    expect(summary(t)).toEqual([
      ['system', null, 0],
      ['customer', null, 6],
      ['system', null, 12],
      ['agent', 'dev.k', 45.5],
      ['customer', null, 62],
      ['agent', 'dev.k', 81.25],
    ]);
    expect(t.turns[4]!.text).toContain('[REDACTED] pounds');
  });

  it('reads the .json.gz copy the same way, named after the file without .gz', () => {
    const plain = transcript('ccai.json');
    const gz = transcript('ccai-compressed.json.gz');
    expect(gz.id).toBe('ccai-compressed');
    expect(gz.source.file).toBe('ccai-compressed.json.gz');
    expect(gz.turns).toEqual(plain.turns);
  });
});

describe('Twilio Conversational Intelligence', () => {
  it('without --channel-map fails with one message naming the flag', () => {
    const evs = events('twilio.json');
    expect(evs).toHaveLength(1);
    expect(evs[0]!.type).toBe('failed');
    expect(evs[0]!.type === 'failed' && evs[0]!.problem.reason).toMatch(/--channel-map 1=customer,2=agent/);
  });

  it('maps channels to roles, orders by sentence_index, reads string times, takes the GT sid from meta.url', () => {
    const t = transcript('twilio.json', CHANNELS);
    expect(t.id).toBe('GT8f2e4d6c0b1a29384756abcdef012345');
    expect(summary(t)).toEqual([
      ['agent', 'twilio', 0.64],
      ['customer', null, 4.9],
      ['agent', 'twilio', 10.88],
      ['customer', null, 15.7],
      ['agent', 'twilio', 17.6],
    ]);
    expect(t.turns[2]!.text).toMatch(/last four digits, \*\*\*\*\?$/);
    // Swapping the map swaps the roles.
    const swapped = transcript('twilio.json', { channelMap: { '1': 'agent', '2': 'customer' } });
    expect(swapped.turns.map((u) => u.role)).toEqual(['customer', 'agent', 'customer', 'agent', 'customer']);
  });

  it('reads a bare camelCase array out of order, and names a channel the map leaves out', () => {
    const sentences = [
      { mediaChannel: 1, sentenceIndex: 1, startTime: 3.5, endTime: 5, transcript: 'I need to move my appointment.' },
      { mediaChannel: 0, sentenceIndex: 0, startTime: 0.2, endTime: 3, transcript: 'Clinic reception, how can I help?' },
    ];
    const bytes = Buffer.from(JSON.stringify(sentences));
    const ok = [...readBytes(bytes, 'appt.json', { channelMap: { '0': 'agent', '1': 'customer' } })];
    expect(ok[0]!.type === 'transcript' && ok[0]!.transcript.turns.map((u) => [u.role, u.start])).toEqual([
      ['agent', 0.2],
      ['customer', 3.5],
    ]);
    const bad = [...readBytes(bytes, 'appt.json', { channelMap: { '1': 'customer', '2': 'agent' } })];
    expect(bad[0]!.type === 'failed' && bad[0]!.problem.reason).toMatch(/sentences\[1\] is on channel 0, which --channel-map does not name/);
  });

  it('parses --channel-map and rejects a pair that is not channel=role', () => {
    expect(parseChannelMap('1=customer, 2=Agent')).toEqual({ '1': 'customer', '2': 'agent' });
    expect(parseChannelMap('01=caller,2=rep')).toEqual({ '1': 'customer', '2': 'agent' });
    expect(() => parseChannelMap('1=customer,two=agent')).toThrow(/"two=agent" is not channel=role/);
    expect(() => parseChannelMap('1=manager')).toThrow(/not channel=role/);
  });
});

describe('--agent-id', () => {
  it('sets the id of every agent turn in every format, overriding what the file says', () => {
    for (const file of ['genesys.json', 'ccai.json', 'contact-lens-voice.json']) {
      const t = transcript(file, { agentId: 'team-lead-7' });
      expect(t.agentId).toBe('team-lead-7');
      const ids = new Set(t.turns.filter((u) => u.role === 'agent').map((u) => u.agentId));
      expect([...ids]).toEqual(['team-lead-7']);
      expect(t.turns.filter((u) => u.role !== 'agent').every((u) => u.agentId === undefined)).toBe(true);
    }
    expect(transcript('twilio.json', { ...CHANNELS, agentId: 'p.shah' }).turns[0]!.agentId).toBe('p.shah');
  });
});

describe('a directory of mixed formats', () => {
  it('reads every vendor file in one run, .gz included; only Twilio needs the channel map', async () => {
    const run = async (options: ReadOptions) => {
      const out: string[] = [];
      for await (const e of readInputs([DIR], options)) {
        const file = e.type === 'transcript' ? e.transcript.source.file : e.problem.file;
        out.push(`${e.type} ${file.slice(DIR.length + 1)}`);
      }
      return out;
    };
    expect(await run(CHANNELS)).toEqual([
      'transcript ccai-compressed.json.gz',
      'transcript ccai-conversation.json',
      'transcript ccai.json',
      'transcript contact-lens-chat.json',
      'transcript contact-lens-voice.json',
      'transcript genesys.json',
      'transcript transcribe-sentiment.json',
      'transcript twilio.json',
    ]);
    expect((await run({})).at(-1)).toBe('failed twilio.json');
  });

  it('walks x.json.gz but not archives or double-gzipped names', () => {
    expect(isTranscriptFile('a/x.json.gz')).toBe(true);
    expect(isTranscriptFile('a/x.csv.GZ')).toBe(true);
    expect(isTranscriptFile('a/x.tar.gz')).toBe(false);
    expect(isTranscriptFile('a/x.gz')).toBe(false);
  });

  it('a corrupt .gz is one failed event naming the file', () => {
    const gz = gzipSync(Buffer.from('Agent: hello\nCustomer: hi\n'));
    const evs = [...readBytes(gz.subarray(0, gz.length - 6), 'cut.txt.gz', {})];
    expect(evs).toEqual([{ type: 'failed', problem: { file: 'cut.txt.gz', reason: 'not a valid gzip file (truncated or corrupt)' } }]);
    const whole = [...readBytes(gz, 'calls/agent-j.lee_call-1.txt.gz', {})];
    expect(whole[0]!.type === 'transcript' && whole[0]!.transcript.agentId).toBe('j.lee');
  });
});

describe('unsupported JSON shapes', () => {
  const reason = (doc: unknown, options: ReadOptions = {}) => {
    const evs = [...readBytes(Buffer.from(JSON.stringify(doc)), 'x.json', options)];
    return evs[0]!.type === 'failed' ? evs[0]!.problem.reason : `not failed: ${JSON.stringify(evs)}`;
  };

  it('names the closest known format and the field it lacks', () => {
    expect(reason({ conversationId: 'c1', participants: [], communicationId: 'k' })).toBe(
      'looks like a Genesys Cloud transcript but "transcripts" is missing (found "conversationId", "participants", "communicationId")',
    );
    expect(reason({ meta: { key: 'sentences' }, transcript_sid: 'GT1' })).toMatch(
      /^looks like Twilio Conversational Intelligence sentences but "sentences" is missing/,
    );
    expect(reason({ Participants: [], CustomerMetadata: {}, Channel: 'VOICE' })).toMatch(
      /^looks like Transcribe Call Analytics \/ Contact Lens output but "Transcript" is missing/,
    );
    expect(reason({ entries: 'none', agentId: 'a' })).toBe('looks like a Google CCAI Insights conversation but "entries" is not a list');
    expect(reason({ id: 'c', utterances: [] })).toBe('looks like a canonical transcript but "turns" is missing (found "id", "utterances")');
  });

  it('names the missing field inside a recognised vendor shape', () => {
    expect(reason({ entries: [{ role: 'AGENT' }] })).toBe('looks like a Google CCAI Insights conversation but entries[0].text is missing');
    expect(reason({ sentences: [{ media_channel: 1 }] }, CHANNELS)).toMatch(/sentences\[0\]\.transcript is missing/);
    expect(
      reason({ Participants: [{ ParticipantId: 'a', ParticipantRole: 'AGENT' }], Transcript: [{ ParticipantId: 'b', Content: 'hi' }] }),
    ).toBe('looks like an Amazon Connect Contact Lens analysis file but ParticipantId "b" of Transcript[0] is not in Participants[]');
  });
});

describe('redaction tokens', () => {
  it('a masked name never becomes a speaker or an agent id', () => {
    const text = 'Agent: Thanks for calling, my name is [NAME].\nCustomer: My card ends\n****: 1234 and it was declined.\n[NAME] (Agent): I am sorry about that.\n';
    const evs = [...readBytes(Buffer.from(text), 'agent-k.obi_call-9.txt', {})];
    const t = evs[0]!.type === 'transcript' ? evs[0]!.transcript : undefined;
    expect(t?.turns.map((u) => [u.role, u.speaker, u.text])).toEqual([
      ['agent', 'Agent', 'Thanks for calling, my name is [NAME].'],
      ['customer', 'Customer', 'My card ends ****: 1234 and it was declined.'],
      ['agent', '[NAME]', 'I am sorry about that.'],
    ]);
    expect(t?.turns[2]!.agentId).toBe('k.obi');
    expect(t?.agentName).toBeUndefined();
  });

  it('a redacted name in a greeting still marks the agent', () => {
    const text =
      'Jo: Hello, my name is [NAME], what seems to be the problem?\nSam: The app keeps crashing.\n' +
      'Jo: Which version are you on?\nSam: The latest one.\n';
    const evs = [...readBytes(Buffer.from(text), 'call.txt', {})];
    expect(evs[0]!.type === 'transcript' && evs[0]!.transcript.turns.map((u) => u.role)).toEqual(['agent', 'customer', 'agent', 'customer']);
  });
});

describe('the READERS registry (empathy formats)', () => {
  it('lists every vendor format with its detection and the fields it reads', () => {
    const byName = new Map(READERS.map((r) => [r.name, r]));
    for (const [name, fields] of [
      ['transcribe', ['Participants[]', 'AbsoluteTime', 'ParticipantRole']],
      ['genesys', ['decoratedText', 'participantPurpose', 'userId', 'conversationId']],
      ['ccai', ['AUTOMATED_AGENT', 'user_id', 'start_timestamp_usec']],
      ['twilio', ['media_channel', 'sentence_index', '--channel-map', 'start_time']],
    ] as const) {
      const reader = byName.get(name);
      expect(reader, name).toBeDefined();
      for (const field of fields) expect(reader!.fields).toContain(field);
      expect(reader!.detection.length).toBeGreaterThan(10);
    }
  });

  it('sniffs each fixture to its vendor reader', () => {
    for (const [file, name] of [
      ['contact-lens-voice.json', 'transcribe'],
      ['contact-lens-chat.json', 'transcribe'],
      ['genesys.json', 'genesys'],
      ['ccai.json', 'ccai'],
      ['twilio.json', 'twilio'],
    ]) {
      expect(chooseReader(readFileSync(join(DIR, file!), 'utf8'), file!)?.name, file).toBe(name);
    }
  });
});
