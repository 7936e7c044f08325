// The progress bar draws only on a TTY and clears itself; piped stderr stays free of it.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { empathy } from './run.js';

function fakeStream(isTTY: boolean): Writable & { isTTY: boolean; columns: number; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  }) as Writable & { isTTY: boolean; columns: number; text: () => string };
  stream.isTTY = isTTY;
  stream.columns = 200;
  stream.text = () => text;
  return stream;
}

function drive(stream: ReturnType<typeof fakeStream>, enabled: boolean): void {
  let t = 0;
  const progress = createProgress({ stream, enabled, totalFiles: 4, now: () => t });
  for (const file of ['a', 'a', 'b', 'c', 'c', 'd']) {
    t += 1000;
    progress.tick(file);
  }
  progress.done();
}

describe('createProgress', () => {
  it('on a TTY shows files, calls, calls/s and an ETA, then clears the line', () => {
    const stream = fakeStream(true);
    drive(stream, true);
    const text = stream.text();
    expect(text).toContain('files 2/4 · 5 call(s) · ETA 5s · 1 calls/s');
    expect(text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('writes nothing when stderr is not a TTY or progress is off', () => {
    const piped = fakeStream(false);
    drive(piped, true);
    expect(piped.text()).toBe('');
    const off = fakeStream(true);
    drive(off, false);
    expect(off.text()).toBe('');
  });

  it('the CLI with piped stderr prints no progress line', () => {
    const run = empathy(['score', 'fixtures/transcripts/text', '--format', 'json', '--jobs', '2']);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toMatch(/calls\/s|files \d+\//);
  }, 60000);
});
