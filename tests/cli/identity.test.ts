// Agent identity on the command line (issue 21): a call whose agent id is only its file name gets one warning per
// run saying how to fix it (--strict: those calls fail, exit 2); --contacts joins agents, queues and dates by contact
// id, with one summary warning for calls it has no row for and one-line errors for a bad table.
import { describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../src/types.js';
import { empathyInProcess } from '../helpers/cli-in-process.js';

const CALLS = 'fixtures/contacts/calls';
// Header-less text, unlabelled captions (">>" marks), Twilio and a Contact Lens file: none names its agent.
const NAMELESS = [
  'fixtures/formats/twilio.json',
  'fixtures/captions-unlabelled/speaker-change-marks.vtt',
  'fixtures/bad/crlf.txt',
  `${CALLS}/contact-lens-unlisted.json`,
];
const FILE_NAME_WARNING = /call\(s\) have no agent identity: the agent id is the file name, so each file counts as its own agent/;

const agentsOf = (stdout: string) => {
  const report = JSON.parse(stdout) as ScoreReport;
  return Object.fromEntries(report.calls.map((c) => [c.transcriptId, [...new Set(c.turns.filter((t) => t.role === 'agent').map((t) => t.agentId))].join(',')]));
};

describe('agent ids taken from file names', () => {
  it('one warning for the whole run, naming examples and the fixes', async () => {
    const run = await empathyInProcess(['score', ...NAMELESS, '--format', 'json', '--channel-map', '1=customer,2=agent']);
    expect(run.code).toBe(0);
    const warnings = run.lines.filter((l) => FILE_NAME_WARNING.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^4 call\(s\) have no agent identity: .* \(fixtures\/formats\/twilio\.json, fixtures\/captions-unlabelled\/speaker-change-marks\.vtt, fixtures\/bad\/crlf\.txt, …\); join agents by contact id with --contacts <file>, pass --agent-id <id> or a --role-map agentId, or name the files agent-<id>_… \(--strict: an error\)$/);
    expect(Object.values(agentsOf(run.stdout))).toContain('twilio');
  });

  it('--strict: those calls fail with the reason and exit 2; calls that name their agent are still scored', async () => {
    const run = await empathyInProcess(['score', 'fixtures/formats/twilio.json', `${CALLS}/chat-8e2f4a6c.json`, '--format', 'json', '--channel-map', '1=customer,2=agent', '--strict']);
    expect(run.code).toBe(2);
    expect(run.lines).toContain(
      'fixtures/formats/twilio.json: no agent identity in call GT8f2e4d6c0b1a29384756abcdef012345: its agent id would be the file name ("twilio") (--strict); join agents by contact id with --contacts <file>, pass --agent-id <id> or a --role-map agentId, or name the files agent-<id>_…',
    );
    expect(agentsOf(run.stdout)).toEqual({ '8e2f4a6c-1b3d-4c5e-8f7a-9b0c1d2e3f4a': 'priya' });
    expect(run.lines.some((l) => FILE_NAME_WARNING.test(l))).toBe(false);
  });

  it('--agent-id, and the chat DisplayName, leave nothing to warn about', async () => {
    const run = await empathyInProcess(['score', 'fixtures/formats/twilio.json', `${CALLS}/chat-8e2f4a6c.json`, '--format', 'json', '--channel-map', '1=customer,2=agent', '--agent-id', 'p.shah']);
    expect(run.code).toBe(0);
    expect(run.lines.some((l) => FILE_NAME_WARNING.test(l))).toBe(false);
    expect(Object.values(agentsOf(run.stdout))).toEqual(['p.shah', 'p.shah']);
  });
});

describe('--contacts', () => {
  it('Amazon Connect contact records: agent, queue (team) and date joined by contact id, one warning for the rest', async () => {
    const run = await empathyInProcess(['score', CALLS, '--contacts', 'fixtures/contacts/contact-records.csv', '--format', 'json', '--group-by', 'team']);
    expect(run.code).toBe(0);
    expect(agentsOf(run.stdout)).toEqual({
      '4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f': 'j.okafor',
      '8e2f4a6c-1b3d-4c5e-8f7a-9b0c1d2e3f4a': 'p.sharma',
      '00000000-aaaa-4bbb-8ccc-dddddddddddd': 'contact-lens-unlisted',
    });
    const report = JSON.parse(run.stdout) as ScoreReport;
    expect(report.groups.map((g) => g.key).sort()).toEqual(['(none)', 'Billing', 'Deliveries'].sort());
    expect(run.lines).toContain(
      'fixtures/contacts/contact-records.csv: 1 of 3 call(s) have no contact row (00000000-aaaa-4bbb-8ccc-dddddddddddd); they keep the call id and agent the input gave',
    );
    expect(run.lines.filter((l) => FILE_NAME_WARNING.test(l))).toHaveLength(1);
  });

  it('nested JSON lines and --contact-columns mapping', async () => {
    const nested = await empathyInProcess(['score', CALLS, '--contacts', 'fixtures/contacts/contact-records.jsonl', '--format', 'json']);
    expect(agentsOf(nested.stdout)['8e2f4a6c-1b3d-4c5e-8f7a-9b0c1d2e3f4a']).toBe('p.sharma');
    const mapped = await empathyInProcess([
      'score', CALLS, '--contacts', 'fixtures/contacts/call-log-custom.csv', '--contact-columns', 'contact_id=CallRef,agent=Rep,team=Group,date=When', '--format', 'json',
    ]);
    expect(agentsOf(mapped.stdout)['4b1d6c3e-2f7a-4e8b-9c0d-1a2b3c4d5e6f']).toBe('Jo Okafor');
  });

  it('a bad contacts file is one line naming the file, row and what was expected; exit 2, nothing written', async () => {
    const bad = await empathyInProcess(['score', CALLS, '--contacts', 'fixtures/contacts/bad-date.csv', '--format', 'json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.lines).toEqual(['fixtures/contacts/bad-date.csv:3: row 2: "last tuesday" in column "date" is not a date (expected ISO 8601, e.g. 2024-03-14T10:12:33Z)']);
    const missing = await empathyInProcess(['score', CALLS, '--contacts', 'no-such-contacts.csv']);
    expect([missing.code, missing.lines]).toEqual([2, ['no-such-contacts.csv: no such file or directory (--contacts)']]);
    const orphan = await empathyInProcess(['score', CALLS, '--contact-columns', 'agent=Rep']);
    expect([orphan.code, orphan.lines]).toEqual([2, ['error: --contact-columns needs --contacts <file>']]);
  });
});
