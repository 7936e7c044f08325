// --max-call-turns / --max-call-chars: a call over either limit is skipped with the reason (file and line), never
// scored, and the summary still adds up (read = scored + skipped + failed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScoreReport } from '../../src/types.js';
import { empathyInProcess } from '../helpers/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'empathy-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function call(id: string, exchanges: number, words = 'my parcel never arrived and I am really worried about it'): string {
  const turns = [];
  for (let i = 0; i < exchanges; i++) {
    turns.push({ role: 'customer', text: `${words} (${i})` });
    turns.push({ role: 'agent', text: "I'm so sorry about that, I will call you back tomorrow with an update." });
  }
  return JSON.stringify({ id, agentId: 'a-1', turns });
}

const file = join(dir, 'export.jsonl');
writeFileSync(file, [call('short-1', 2), call('long-1', 40), call('short-2', 3), call('wordy-1', 2, 'x'.repeat(5000))].join('\n') + '\n');

describe('per-call limits', () => {
  it('skips a call with more turns than --max-call-turns, naming file, line and limit; the summary adds up', async () => {
    const r = await empathyInProcess(['score', file, '--format', 'json', '--no-progress', '--max-call-turns', '20']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ScoreReport;
    const s = report.summary;
    expect([s.read, s.scored, s.skipped, s.failed]).toEqual([4, 3, 1, 0]);
    expect(s.read).toBe(s.scored + s.skipped + s.failed);
    expect(s.skippedInputs).toEqual([
      { file, line: 2, reason: 'call long-1 has 80 turns, over the per-call limit of 20 (--max-call-turns; 0 = no limit)' },
    ]);
    expect(report.calls.map((c) => c.transcriptId)).toEqual(['short-1', 'short-2', 'wordy-1']);
    expect(r.lines).toContain(`${file}:2: call long-1 has 80 turns, over the per-call limit of 20 (--max-call-turns; 0 = no limit)`);
    expect(r.lines.some((l) => l.startsWith('read 4, scored 3, skipped 1, failed 0'))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('skips a call with more characters of text than --max-call-chars; 0 lifts both limits', async () => {
    const r = await empathyInProcess(['score', file, '--format', 'ndjson', '--no-progress', '--max-call-chars', '8000']);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!).summary as ScoreReport['summary'];
    expect([summary.read, summary.scored, summary.skipped]).toEqual([4, 3, 1]);
    expect(summary.skippedInputs[0]!.reason).toMatch(/^call wordy-1 has \d+ characters of text, over the per-call limit of 8000 \(--max-call-chars/);
    expect(summary.skippedInputs[0]!.line).toBe(4);

    const all = await empathyInProcess(['score', file, '--format', 'ndjson', '--no-progress', '--max-call-chars', '0', '--max-call-turns', '0']);
    expect(JSON.parse(all.stdout.trim().split('\n').pop()!).summary.scored).toBe(4);
  });

  it('a limit that is not a whole number is a one-line usage error', async () => {
    const r = await empathyInProcess(['score', file, '--max-call-turns', 'lots']);
    expect(r.code).toBe(2);
    expect(r.lines.join('\n')).toMatch(/--max-call-turns/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help documents both limits with their defaults', async () => {
    const r = await empathyInProcess(['score', '--help']);
    expect(r.stdout).toMatch(/--max-call-turns <n>[\s\S]*default 20000/);
    expect(r.stdout).toMatch(/--max-call-chars <n>[\s\S]*default 16000000/);
  });
});
