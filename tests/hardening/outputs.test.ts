// Outputs are all-or-nothing: -o is written by temp file + rename, a failed or interrupted run leaves an existing
// file untouched and no temp file behind; transcript text never becomes code or a path.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_GUARD_MS, empathy, startEmpathy } from './cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'empathy-out-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CALL = (i: number): string =>
  `Call-Id: c-${i}\nAgent-Id: a-${i % 7}\n\nAgent: Thank you for calling, how can I help?\nCustomer: My parcel is late again and I am really upset.\n` +
  `Agent: I am so sorry, that must be frustrating. So the parcel has not arrived yet?\nCustomer: No, it has not.\nAgent: I will call you back tomorrow with an update.\n`;

describe('atomic output', () => {
  it('a run that fails (rubric error) leaves the existing -o file untouched and no temp file', () => {
    const out = join(dir, 'atomic', 'scores.json');
    mkdirSync(join(dir, 'atomic'));
    writeFileSync(out, 'previous results\n');
    writeFileSync(join(dir, 'bad-rubric.yaml'), 'name: x\nbehaviours:\n  apology: { weight: "heavy" }\n');
    const run = empathy(['score', 'fixtures/bad/crlf.txt', '--rubric', join(dir, 'bad-rubric.yaml'), '-o', out]);
    expect(run.code).toBe(2);
    expect(run.lines[0]).toMatch(/bad-rubric\.yaml:3:\d+: /);
    expect(readFileSync(out, 'utf8')).toBe('previous results\n');
    expect(readdirSync(join(dir, 'atomic'))).toEqual(['scores.json']);
  });

  it('a successful run replaces the file whole and leaves no temp file', () => {
    const out = join(dir, 'atomic', 'scores.json');
    const run = empathy(['score', 'fixtures/bad/crlf.txt', '--format', 'ndjson', '-o', out]);
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).transcriptId ?? 'summary')).toContain('crlf-1');
    expect(readdirSync(join(dir, 'atomic'))).toEqual(['scores.json']);
  });
});

describe('Ctrl-C mid-run', () => {
  it('stops, prints the partial counts, exits 130 and writes no -o file (nor temp file)', async () => {
    const calls = join(dir, 'many');
    mkdirSync(calls);
    for (let i = 0; i < 3000; i++) writeFileSync(join(calls, `call-${String(i).padStart(4, '0')}.txt`), CALL(i));
    const outDir = join(dir, 'sigint');
    mkdirSync(outDir);
    const out = join(outDir, 'scores.ndjson');
    const child = startEmpathy(['score', calls, '--format', 'ndjson', '-o', out]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Streaming ndjson opens its temp file with the first call: interrupt once scoring is under way (or after ~1 s).
    const started = Date.now();
    while (Date.now() - started < 10_000 && readdirSync(outDir).length === 0) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
    const code = await exited;
    clearTimeout(guard);
    expect(code).toBe(130);
    const m = /^interrupted: read (\d+) · scored (\d+) · skipped (\d+) · failed (\d+)$/m.exec(stderr);
    expect(m, stderr).not.toBeNull();
    const [read, scored, skipped, failed] = m!.slice(1).map(Number) as [number, number, number, number];
    expect(read).toBe(scored + skipped + failed);
    expect(scored).toBeGreaterThan(0);
    expect(scored).toBeLessThan(3000);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(outDir)).toEqual([]);
    expect(stderr).not.toMatch(/^wrote /m);
  });
});

describe('transcript text is data, never code or a path', () => {
  it('a call id of ../../etc/passwd and template/JS payloads are scored as plain text; nothing is written outside -o', () => {
    const work = join(dir, 'inject', 'a', 'b');
    mkdirSync(work, { recursive: true });
    const payloadJs = '${process.exit(1)}';
    const payloadTpl = "{{constructor.constructor('return process')().exit()}}";
    writeFileSync(
      join(work, 'call.txt'),
      `Call-Id: ../../etc/passwd\nAgent-Id: ../../tmp/evil\n\nAgent: Thank you for calling, how can I help? ${payloadJs}\n` +
        `Customer: I am really upset ${payloadTpl} my parcel is late.\nAgent: I am so sorry, that must be frustrating.\n`,
    );
    const out = join(work, 'out.json');
    for (const format of ['json', 'html', 'csv', 'markdown']) {
      const target = `${out}.${format}`;
      const run = empathy(['score', 'call.txt', '--format', format, '-o', target], work);
      expect(run.code, run.stderr).toBe(0);
      // The id is shown as text wherever calls are listed (csv lists agents here).
      if (format !== 'csv') expect(readFileSync(target, 'utf8')).toContain('passwd');
    }
    const report = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(report.calls[0].transcriptId).toBe('../../etc/passwd');
    expect(report.calls[0].turns[0].text).toContain(payloadJs);
    expect(report.calls[0].turns[1].text).toContain(payloadTpl);
    // Only the four outputs (and the input) exist; nothing appeared next to or above the working directory.
    expect(readdirSync(work).sort()).toEqual(['call.txt', 'out.json.csv', 'out.json.html', 'out.json.json', 'out.json.markdown']);
    expect(readdirSync(join(dir, 'inject'))).toEqual(['a']);
    expect(readdirSync(join(dir, 'inject', 'a'))).toEqual(['b']);
    expect(existsSync(join(dir, 'inject', 'etc'))).toBe(false);
    expect(existsSync(join(dir, 'tmp'))).toBe(false);
  });
});
