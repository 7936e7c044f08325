// The sample calls in fixtures/transcripts/ (see its README) read with the roles and agents the README lists.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readInputs, type InputEvent } from '../../src/transcript/read-inputs.js';
import type { Transcript } from '../../src/types.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/transcripts', import.meta.url));

async function readAll(): Promise<{ transcripts: Transcript[]; others: InputEvent[]; warnings: string[] }> {
  const transcripts: Transcript[] = [];
  const others: InputEvent[] = [];
  const warnings: string[] = [];
  for await (const event of readInputs([FIXTURES], {})) {
    if (event.type === 'transcript') {
      transcripts.push(event.transcript);
      warnings.push(...event.warnings);
    } else others.push(event);
  }
  return { transcripts, others, warnings };
}

const agentIds = (t: Transcript): string[] => [...new Set(t.turns.flatMap((x) => (x.agentId ? [x.agentId] : [])))];

describe('sample transcripts', () => {
  it('every sample reads without failures, warnings or unknown roles', async () => {
    const { transcripts, others, warnings } = await readAll();
    expect(others).toEqual([]);
    expect(warnings).toEqual([]);
    expect(transcripts).toHaveLength(18);
    for (const t of transcripts) {
      expect(t.turns.length).toBeGreaterThan(10);
      expect(t.turns.every((x) => x.role === 'agent' || x.role === 'customer')).toBe(true);
      expect(t.turns.every((x) => (x.role === 'agent') === (x.agentId !== undefined))).toBe(true);
      expect(t.turns.every((x) => x.text.trim() === x.text && x.text !== '')).toBe(true);
    }
  });

  it('reads ids, agents (including transfers), teams and dates', async () => {
    const { transcripts } = await readAll();
    const byId = new Map(transcripts.map((t) => [t.id, t]));
    const row = (id: string) => {
      const t = byId.get(id);
      if (!t) throw new Error(`no transcript ${id}`);
      return [t.turns.length, agentIds(t).join('>'), t.team ?? '', t.date ?? ''];
    };
    expect(row('BILL-1042')).toEqual([27, 'a.jones', 'billing', '2026-03-14']);
    expect(row('TECH-2210')).toEqual([31, 't.nguyen>m.garcia', 'tech-support', '2026-03-20']);
    expect(row('RET-3307')).toEqual([25, 'p.shah', 'retention', '2026-04-02']);
    expect(row('BILL-1120')).toEqual([22, 'a.jones', 'billing', '2026-04-08']);
    expect(row('BILL-1131')).toEqual([25, 'd.okafor', 'billing', '2026-04-09']);
    expect(row('TECH-6001')).toEqual([25, 'm.garcia', 'tech-support', '2026-04-21']);
    expect(row('TECH-2290')).toEqual([24, 't.nguyen>p.shah', 'tech-support', '2026-04-28']);
    expect(row('TECH-2305')).toEqual([19, 'm.garcia', 'tech-support', '2026-05-04']);
    expect(row('harbor-mutual-claims-2026-05-06-call-7781')).toEqual([25, 'r.patel', '', '']);
    expect(row('teams-ret-4410_bereavement')).toEqual([25, 'priya-shah', '', '']);
    expect(row('zoom-tech-2301_slow-wifi')).toEqual([19, 'tom-nguyen', '', '']);
    expect(row('clm-8830_physio-claim')).toEqual([17, 'raj-patel', '', '']);
  });

  it('keeps the first turns and timestamps of the text and JSONL samples', async () => {
    const { transcripts } = await readAll();
    const transfer = transcripts.find((t) => t.id === 'TECH-2210')!;
    expect(transfer.turns[0]).toMatchObject({
      role: 'agent',
      speaker: 'Agent',
      start: 2,
      text: "Brightline Fibre, you're through to Tom, how can I help?",
    });
    expect(transfer.turns[16]).toMatchObject({ role: 'agent', agentId: 'm.garcia', start: 231 });
    const jsonl = transcripts.filter((t) => t.source.file.endsWith('calls-2026-05.jsonl'));
    expect(jsonl.map((t) => [t.id, t.source.line])).toEqual([
      ['TECH-2305', 1],
      ['BILL-1190', 2],
    ]);
    const labels = transcripts.find((t) => t.id === 'RET-3307')!;
    // A continuation line joined the customer's turn.
    expect(labels.turns[1]!.text).toMatch(/someone else that's like half the price/);
  });
});
