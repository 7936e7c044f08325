import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/transcript/input-error.js';
import { buildTranscript, parseRoleMap, roleFromLabel, type RawTurn } from '../../src/transcript/roles.js';

const turns = (...pairs: Array<[string, string]>): RawTurn[] => pairs.map(([speaker, text]) => ({ speaker, text }));
const build = (raw: RawTurn[], options = {}, file = 'call.vtt') => buildTranscript({ id: 'c1' }, raw, { file, options });

describe('roleFromLabel', () => {
  it.each([
    ['Agent', 'agent'], ['Rep', 'agent'], ['Customer Service Representative', 'agent'], ['CSR', 'agent'],
    ['Advisor 2', 'agent'], ['Customer', 'customer'], ['Caller', 'customer'], ['Patient', 'customer'],
    ['Member', 'customer'], ['IVR', 'system'], ['Bot', 'system'],
  ])('%s → %s', (label, role) => expect(roleFromLabel(label)).toBe(role));

  it.each(['Jane', 'spk_0', 'Tom Nguyen', ''])('%s → undefined', (label) => expect(roleFromLabel(label)).toBeUndefined());
});

describe('buildTranscript role resolution', () => {
  it('finds the agent by the company greeting and makes the other speaker the customer', () => {
    const { transcript, warnings } = build(
      turns(['spk_1', 'Hi, my router keeps dropping.'], ['spk_0', 'Thanks for calling Acme, how can I help?'], ['spk_1', 'It drops.']),
    );
    expect(transcript.turns.map((t) => t.role)).toEqual(['customer', 'agent', 'customer']);
    // A channel-style speaker id is no agent id: fall back to the file name.
    expect(transcript.turns[1]!.agentId).toBe('call');
    expect(warnings).toEqual([]);
  });

  it('does not take a customer\'s "this is Laura" as the agent script', () => {
    const { transcript, warnings } = build(
      turns(['Laura', 'Hi, this is Laura, I am calling about my bill.'], ['Sam', 'Thank you for calling Northwind, how may I help?']),
    );
    expect(transcript.turns.map((t) => t.role)).toEqual(['customer', 'agent']);
    expect(warnings).toEqual([]);
  });

  it('marks speakers it cannot place as unknown with a warning naming file and speaker', () => {
    const { transcript, warnings } = build(turns(['Ann', 'Hello.'], ['Ben', 'Hi.'], ['Cy', 'Hey.']), {}, 'calls/x.vtt');
    expect(transcript.turns.map((t) => t.role)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toBe(
      'calls/x.vtt: cannot tell whether speaker "Ann" is the agent or the customer; marked unknown (use --agent-names or --role-map)',
    );
    expect(transcript.agentId).toBeUndefined();
  });

  it('uses a role map with agent ids, ahead of the heuristic', () => {
    const roleMap = parseRoleMap('agents: [Raj Patel]\ncustomers: [Martin]\nspeakers:\n  spk_0: { role: agent, agentId: r.patel }\n  spk_9: system\n', 'roles.yaml');
    const { transcript } = build(
      turns(['spk_0', 'Hello.'], ['Martin', 'Thank you for calling me back, how can I help you?'], ['Raj Patel', 'Claims here.'], ['spk_9', 'Recording on.']),
      { roleMap },
    );
    expect(transcript.turns.map((t) => [t.role, t.agentId])).toEqual([
      ['agent', 'r.patel'],
      ['customer', undefined],
      ['agent', 'raj-patel'],
      ['system', undefined],
    ]);
  });

  it('explicit labels win over --agent-names', () => {
    const { transcript } = build(turns(['Customer', 'Hi'], ['Agent', 'Hello']), { agentNames: ['customer'] });
    expect(transcript.turns.map((t) => t.role)).toEqual(['customer', 'agent']);
  });

  it('header agent id names the first agent; a second named agent keeps their own id', () => {
    const raw: RawTurn[] = [
      { speaker: 'Tom', text: 'Tom speaking, how can I help?', role: 'agent' },
      { speaker: 'Owen', text: 'Slow speeds.', role: 'customer' },
      { speaker: 'Priya', text: 'Retention, Priya here.', role: 'agent' },
    ];
    const { transcript } = buildTranscript({ id: 'x', agentId: 't.nguyen' }, raw, { file: 'x.txt', options: {} });
    expect(transcript.turns.map((t) => t.agentId)).toEqual(['t.nguyen', undefined, 'priya']);
    expect(transcript.agentId).toBe('t.nguyen');
    expect(transcript.agentName).toBe('Tom');
  });
});

describe('parseRoleMap', () => {
  it('rejects unknown keys and bad roles with InputError', () => {
    expect(() => parseRoleMap('agent: [a]', 'r.yaml')).toThrow('r.yaml: unknown key "agent" (expected agents, customers, speakers)');
    expect(() => parseRoleMap('speakers:\n  a: boss\n', 'r.yaml')).toThrow(InputError);
    expect(() => parseRoleMap('agents: [a\n', 'r.yaml')).toThrow(/^r\.yaml:\d+:\d+: invalid YAML/);
  });

  it('accepts an empty file', () => {
    expect(parseRoleMap('', 'r.yaml')).toEqual({ agents: [], customers: [], speakers: {} });
  });
});
