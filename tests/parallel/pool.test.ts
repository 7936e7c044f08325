// The ordered worker pool: results in submission order whatever the finishing order, bounded in-flight batches,
// and a worker's failure surfaces as one rejected promise with a one-line message — never a hang.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createOrderedPool } from '../../src/parallel/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'empathy-pool-'));

function workerScript(name: string, body: string): URL {
  const file = join(dir, name);
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}

// Later batches finish first (a shorter sleep), so delivery order is the pool's doing.
const ECHO = workerScript(
  'echo.mjs',
  `parentPort.on('message', ({ seq, input }) => {
     setTimeout(() => parentPort.postMessage({ seq, output: input.map((n) => n * workerData.factor) }), Math.max(0, 30 - input[0]));
   });`,
);

const THROWS = workerScript(
  'throws.mjs',
  `parentPort.on('message', ({ seq, input }) => {
     if (input[0] === 3) throw new Error('detector blew up\\n    at someFrame (x.js:1:1)');
     parentPort.postMessage({ seq, output: input });
   });`,
);

const REPORTS = workerScript(
  'reports.mjs',
  `parentPort.on('message', ({ seq, input }) => {
     if (input[0] === 2) parentPort.postMessage({ seq, error: 'scoring call c2 (a.txt): bad state' });
     else parentPort.postMessage({ seq, output: input });
   });`,
);

describe('createOrderedPool', () => {
  it('delivers outputs in submission order and never has more than maxInFlight batches out', async () => {
    const seen: number[][] = [];
    let maxOut = 0;
    let submitted = 0;
    const pool = createOrderedPool<number[], number[]>({
      workerUrl: ECHO,
      workerData: { factor: 10 },
      size: 3,
      maxInFlight: 4,
      onResult: (out) => {
        seen.push(out);
      },
    });
    for (let i = 0; i < 20; i++) {
      await pool.submit([i, i + 100]);
      submitted++;
      maxOut = Math.max(maxOut, submitted - seen.length);
    }
    await pool.finish();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => [i * 10, (i + 100) * 10]));
    expect(maxOut).toBeLessThanOrEqual(4);
  });

  it('rejects with a one-line message when a worker throws, instead of hanging', async () => {
    const pool = createOrderedPool<number[], number[]>({ workerUrl: THROWS, size: 2, onResult: () => undefined });
    const run = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) await pool.submit([i]);
      await pool.finish();
    };
    const error = await run().then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe('worker failed: detector blew up');
  });

  it('rejects with the error a worker reports for a batch', async () => {
    const delivered: number[][] = [];
    const pool = createOrderedPool<number[], number[]>({ workerUrl: REPORTS, size: 1, onResult: (o) => void delivered.push(o) });
    await pool.submit([1]);
    await expect(
      (async () => {
        await pool.submit([2]);
        await pool.submit([3]);
        await pool.finish();
      })(),
    ).rejects.toThrow('worker failed: scoring call c2 (a.txt): bad state');
    expect(delivered.flat()).not.toContain(3);
  });

  it('rejects when the worker script cannot even load', async () => {
    const broken = workerScript('broken.mjs', `throw new Error('cannot load model');`);
    const pool = createOrderedPool<number[], number[]>({ workerUrl: broken, size: 1, onResult: () => undefined });
    await expect(
      (async () => {
        await pool.submit([1]);
        await pool.finish();
      })(),
    ).rejects.toThrow(/^worker failed: cannot load model$/);
  });

  it('with a local scorer, the submitting thread runs batches while the worker is busy, and order still holds', async () => {
    const seen: number[][] = [];
    const local: number[] = [];
    const pool = createOrderedPool<number[], number[]>({
      workerUrl: ECHO,
      workerData: { factor: 10 },
      size: 1,
      maxInFlight: 3,
      onResult: (out) => void seen.push(out),
      local: (input) => {
        local.push(input[0]!);
        return { output: input.map((n) => n * 10) };
      },
    });
    for (let i = 0; i < 30; i++) await pool.submit([i, i + 100]);
    await pool.finish();
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => [i * 10, (i + 100) * 10]));
    // The worker sleeps up to 30 ms per batch: the submitting thread must have taken some, but not all.
    expect(local.length).toBeGreaterThan(0);
    expect(local.length).toBeLessThan(30);
  });

  it('a local scorer that reports or throws fails the run like a worker would', async () => {
    for (const local of [
      (input: number[]) => (input[0]! >= 5 ? { error: 'scoring call c5 (b.txt): bad state' } : { output: input }),
      (input: number[]) => {
        if (input[0]! >= 5) throw new Error('scoring call c5 (b.txt): bad state');
        return { output: input };
      },
    ]) {
      const pool = createOrderedPool<number[], number[]>({ workerUrl: ECHO, workerData: { factor: 1 }, size: 1, maxInFlight: 3, onResult: () => undefined, local });
      const run = async (): Promise<void> => {
        for (let i = 0; i < 40; i++) await pool.submit([i]);
        await pool.finish();
      };
      await expect(run()).rejects.toThrow('worker failed: scoring call c5 (b.txt): bad state');
    }
  });

  it('with a local scorer, workers start only once a second batch is queued (a one-batch run never starts one)', async () => {
    // A worker that cannot load makes a started pool fail: so the first run proves no worker was started.
    const broken = workerScript('broken-lazy.mjs', `throw new Error('cannot load model');`);
    const local = (input: number[]) => ({ output: input.map((n) => n + 1) });
    const seen: number[][] = [];
    const one = createOrderedPool<number[], number[]>({ workerUrl: broken, size: 1, onResult: (o) => void seen.push(o), local });
    await one.submit([1, 2]);
    await one.finish();
    expect(seen).toEqual([[2, 3]]);

    const two = createOrderedPool<number[], number[]>({ workerUrl: broken, size: 1, onResult: () => undefined, local });
    await expect(
      (async () => {
        for (let i = 0; i < 10; i++) await two.submit([i]);
        await two.finish();
      })(),
    ).rejects.toThrow(/^worker failed: cannot load model$/);
  });
});

