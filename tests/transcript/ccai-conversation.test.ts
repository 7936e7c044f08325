// Google CCAI Insights: the Conversation resource (`conversations.get`, transcript.transcriptSegments[]) as well as the
// upload `entries` shape (issue 21), through the same ccai reader and the json reader's shape registry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readText } from '../../src/transcript/read-inputs.js';
import { chooseReader } from '../../src/transcript/readers/index.js';

const FILE = 'fixtures/formats/ccai-conversation.json';

function read(text: string, file = FILE, inputFormat?: string) {
  const events = [...readText(text, file, inputFormat ? { inputFormat } : {})];
  return {
    transcripts: events.flatMap((e) => (e.type === 'transcript' ? [e.transcript] : [])),
    problems: events.flatMap((e) => (e.type === 'failed' || e.type === 'skipped' ? [e.problem] : [])),
  };
}

describe('ccai: Conversation resource', () => {
  const text = readFileSync(FILE, 'utf8');

  it('is sniffed as ccai', () => {
    expect(chooseReader(text.slice(0, 4096), FILE)?.name).toBe('ccai');
  });

  it('reads id, agent, date, channel, roles (from segmentParticipant or channelTag) and word timings', () => {
    const { transcripts, problems } = read(text);
    expect(problems).toEqual([]);
    const [t] = transcripts;
    expect(t).toMatchObject({ id: '8812734', agentId: 'ccai.agent-17', date: '2026-04-14', channel: 'voice' });
    expect(t!.turns.map((x) => x.role)).toEqual(['agent', 'customer', 'agent', 'customer', 'agent']);
    expect(t!.turns[2]).toMatchObject({ role: 'agent', start: 10.1, end: 15.1 });
    expect(t!.turns[0]!.agentId).toBe('ccai.agent-17');
  });

  it('the same document on a JSONL line and in an array reads the same way', () => {
    const one = JSON.stringify(JSON.parse(text));
    const jsonl = read(`${one}\n${one.replace('8812734', '8812735')}\n`, 'calls.jsonl');
    expect(jsonl.transcripts.map((t) => t.id)).toEqual(['8812734', '8812735']);
    expect(read(`[${one}]`, 'calls.json', 'json').transcripts).toHaveLength(1);
  });

  it('a segment without text or any role is an error naming the field', () => {
    const bad = JSON.parse(text);
    delete bad.transcript.transcriptSegments[3].text;
    expect(read(JSON.stringify(bad)).problems[0]!.reason).toBe(
      'looks like a Google CCAI Insights conversation but transcript.transcriptSegments[3].text is missing',
    );
  });
});
