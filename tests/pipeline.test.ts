import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/pipeline.js';
import { loadRubric } from '../src/rubric/load.js';
import type { CallResult, Provenance } from '../src/types.js';

const FIXTURES = 'fixtures/transcripts';

describe('runScore', () => {
  it('is deterministic: two runs over the fixtures give deep-equal reports', async () => {
    const a = await runScore([FIXTURES], { keepCalls: true });
    const b = await runScore([FIXTURES], { keepCalls: true });
    expect(b).toEqual(a);
    expect(a.report.calls.length).toBe(18);
  });

  it('keeps a summary that adds up and problems that match it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'empathy-pipeline-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'customers-only.txt'), 'Customer: Hello?\nCustomer: Is anyone there?\n');
    writeFileSync(join(dir, 'broken.jsonl'), '{"id":"a","turns":[{"speaker":"Agent","text":"Thanks for calling."}]}\n{nope\n');
    const run = await runScore([FIXTURES, dir, join(dir, 'missing.txt')]);
    const { read, scored, skipped, failed, skippedInputs, failedInputs } = run.report.summary;
    expect(read).toBe(scored + skipped + failed);
    expect(scored).toBe(19); // 18 fixture calls + the good JSONL line
    expect(skippedInputs.map((p) => p.reason).join('\n')).toMatch(/no agent turns/);
    expect(skippedInputs.length).toBe(skipped);
    expect(failedInputs.length).toBe(failed);
    expect(failedInputs.map((p) => p.file)).toEqual(expect.arrayContaining([join(dir, 'missing.txt'), join(dir, 'broken.jsonl')]));
    expect(run.problems).toHaveLength(skipped + failed);
    expect(run.exitCode).toBe(0);
    expect((await runScore([FIXTURES, join(dir, 'missing.txt')], { strict: true })).exitCode).toBe(2);
  });

  it('keeps calls only when asked and streams each call to onCall with the final provenance', async () => {
    const streamed: CallResult[] = [];
    let seen: Provenance | undefined;
    const run = await runScore([FIXTURES], {
      onCall: (call, provenance) => {
        streamed.push(call);
        seen = provenance;
      },
    });
    expect(run.report.calls).toEqual([]);
    expect(streamed).toHaveLength(run.report.summary.scored);
    expect(seen).toEqual(run.report.provenance);
    expect(run.report.groups.reduce((n, g) => n + g.calls, 0)).toBeGreaterThanOrEqual(18); // transfers count twice
  });

  it('records provenance: tool version, rubric hash and a hash of the input file list', async () => {
    const rubric = loadRubric('strict');
    const run = await runScore([`${FIXTURES}/text`], { rubric });
    expect(run.report.provenance).toMatchObject({
      tool: 'empathy-scorecard',
      rubric: { name: 'strict', hash: rubric.hash },
      inputs: { count: 6 },
    });
    expect(run.report.provenance.inputs.hash).toMatch(/^[0-9a-f]{64}$/);
    const other = await runScore([`${FIXTURES}/csv`], { rubric });
    expect(other.report.provenance.inputs.hash).not.toBe(run.report.provenance.inputs.hash);
  });

  it('applies --fail-under and returns exit 1 for a failing group', async () => {
    const run = await runScore([FIXTURES], { groupBy: 'team', failUnder: 101 });
    expect(run.report.thresholds).toEqual({ failUnder: 101, failing: ['billing', 'tech-support'] });
    expect(run.exitCode).toBe(1);
  });

  it('reads stdin for -, and exits 2 when nothing could be scored', async () => {
    const stdin = Readable.from(['Agent: Thank you for calling, how can I help?\nCustomer: My bill is wrong.\n']);
    const run = await runScore(['-'], { inputFormat: 'text', stdin, keepCalls: true });
    expect(run.report.summary.scored).toBe(1);
    expect(run.report.calls[0]!.file).toBe('<stdin>');
    expect((await runScore(['no/such/path.txt'])).exitCode).toBe(2);
  });

  it('redacts streamed and kept calls alike', async () => {
    const streamed: string[] = [];
    const run = await runScore([FIXTURES], { redact: true, keepCalls: true, onCall: (c) => void streamed.push(JSON.stringify(c)) });
    expect(JSON.stringify(run.report)).not.toMatch(/@example\.com/);
    expect(streamed.join('\n')).not.toMatch(/@example\.com/);
    expect(streamed.join('\n')).toContain('[EMAIL]');
  });
});
