// An ordered worker pool: batches go out to N worker threads, results come back in submission order, and at most
// `maxInFlight` batches are out (or waiting to be re-ordered) at a time, so a fast reader never floods memory.
// With `local`, the submitting thread is one more scorer: when it would otherwise wait on back-pressure, it takes
// the oldest batch no worker has started and runs it itself, so N cores need only N - 1 workers (each worker costs
// an isolate: ~60 MB of heap and compiled code).
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface OrderedPoolOptions<TIn, TOut> {
  /** The worker script (an ES module that answers each `{ seq, input }` with `{ seq, output }` or `{ seq, error }`). */
  workerUrl: URL;
  /** Structured-clone-friendly data every worker receives once (e.g. the rubric). */
  workerData?: unknown;
  size: number;
  /** Heap limits per worker (see node:worker_threads ResourceLimits). */
  resourceLimits?: ResourceLimits;
  /** Batches submitted but not yet delivered; submit() waits while this many are out. Default 2 × size. */
  maxInFlight?: number;
  /** Receives each batch's output, strictly in submission order, one at a time. */
  onResult: (output: TOut) => void | Promise<void>;
  /**
   * Runs a batch on the submitting thread (same contract as the worker script: `{ output }` or `{ error }`). Used only
   * while submit()/finish() would otherwise wait; workers then get two batches at a time so they never wait for it.
   */
  local?: (input: TIn) => { output: TOut } | { error: string };
  /** How a batch travels to a worker (default: the input itself, structured-cloned), and buffers to transfer. */
  encode?: (input: TIn) => { message: unknown; transfer: ArrayBuffer[] };
}

export interface OrderedPool<TIn> {
  /** Queues a batch; resolves once there is room for another (back-pressure). Rejects after a worker failed. */
  submit(input: TIn): Promise<void>;
  /** Waits for every batch to be delivered, then stops the workers. Rejects with the first worker failure. */
  finish(): Promise<void>;
  /** Stops the workers at once (on abort or error); undelivered batches are dropped. */
  destroy(): Promise<void>;
}

/** A worker's failure, as one line: the message of what it threw, or why it exited. */
export class WorkerFailure extends Error {
  constructor(message: string) {
    super(`worker failed: ${message.split('\n')[0]}`);
    this.name = 'WorkerFailure';
  }
}

interface Slot {
  worker: Worker;
  /** Batches posted to this worker and not yet answered. */
  pending: number;
}

type Reply<TOut> = { seq: number; output: TOut } | { seq: number; error: string };

export function createOrderedPool<TIn, TOut>(options: OrderedPoolOptions<TIn, TOut>): OrderedPool<TIn> {
  const maxInFlight = Math.max(options.size, options.maxInFlight ?? options.size * 2);
  // A worker answers its messages in order; a second one queued behind the first keeps it busy while the submitting
  // thread is running a batch of its own and cannot dispatch.
  const perWorker = options.local ? 2 : 1;
  const slots: Slot[] = [];
  const queue: { seq: number; input: TIn }[] = [];
  const done = new Map<number, TOut>();
  let nextSeq = 0;
  let nextDeliver = 0;
  let delivering = false;
  let failure: Error | undefined;
  let stopped = false;
  // Resolved whenever something changes (a batch delivered, a failure): submit() and finish() re-check then.
  let wake: (() => void) | undefined;
  const changed = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const waitForChange = (): Promise<void> => new Promise((resolve) => (wake = resolve));

  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    void stopAll();
    changed();
  };

  function startWorkers(): void {
    for (let i = 0; i < options.size; i++) {
      const worker = new Worker(options.workerUrl, {
        workerData: options.workerData,
        ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      });
      const slot: Slot = { worker, pending: 0 };
      worker.on('message', (reply: Reply<TOut>) => {
        slot.pending--;
        settle(reply);
        dispatch();
      });
      worker.on('error', (err) => fail(new WorkerFailure(err instanceof Error ? err.message : String(err))));
      worker.on('exit', (code) => {
        if (!stopped) fail(new WorkerFailure(`a worker exited early (code ${code})`));
      });
      // Idle workers must not keep the process alive (e.g. after an abort).
      worker.unref();
      slots.push(slot);
    }
  }
  // With a local scorer, workers start only once a second batch is queued: a run that fits in one batch is scored
  // here and never pays a worker's start-up (so `--jobs auto` can use the pool even for input of unknown size).
  let started = false;
  const startIfNeeded = (): void => {
    if (started || (options.local && queue.length < 2)) return;
    started = true;
    startWorkers();
  };

  function settle(reply: Reply<TOut>): void {
    if ('error' in reply) return fail(new WorkerFailure(reply.error));
    done.set(reply.seq, reply.output);
    void deliver();
  }

  function dispatch(): void {
    if (queue.length > 0 && !failure) startIfNeeded();
    // Fill every worker's first place before any second one, so batches spread out.
    for (let depth = 1; depth <= perWorker; depth++) {
      for (const slot of slots) {
        if (queue.length === 0 || failure) break;
        if (slot.pending >= depth) continue;
        const job = queue.shift()!;
        slot.pending++;
        slot.worker.ref();
        if (options.encode) {
          const { message, transfer } = options.encode(job.input);
          slot.worker.postMessage({ seq: job.seq, input: message }, transfer);
        } else {
          slot.worker.postMessage(job);
        }
      }
    }
    for (const slot of slots) if (slot.pending === 0) slot.worker.unref();
  }

  /** Instead of waiting: run the oldest undispatched batch here, if there is one and a local scorer. */
  async function helpOrWait(): Promise<void> {
    const job = options.local && !failure ? queue.shift() : undefined;
    if (!job) return waitForChange();
    let reply: Reply<TOut>;
    try {
      reply = { seq: job.seq, ...options.local!(job.input) };
    } catch (err) {
      reply = { seq: job.seq, error: err instanceof Error ? err.message : String(err) };
    }
    settle(reply);
    // Let worker replies, progress and Ctrl-C in between local batches.
    await new Promise((resolve) => setImmediate(resolve));
  }

  async function deliver(): Promise<void> {
    if (delivering) return;
    delivering = true;
    try {
      while (!failure && done.has(nextDeliver)) {
        const output = done.get(nextDeliver)!;
        done.delete(nextDeliver);
        nextDeliver++;
        await options.onResult(output);
        changed();
      }
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    } finally {
      delivering = false;
    }
    if (!failure && done.has(nextDeliver)) void deliver();
  }

  async function stopAll(): Promise<void> {
    stopped = true;
    started = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  return {
    async submit(input) {
      if (failure) throw failure;
      queue.push({ seq: nextSeq++, input });
      dispatch();
      while (!failure && nextSeq - nextDeliver >= maxInFlight) await helpOrWait();
      if (failure) throw failure;
    },
    async finish() {
      while (!failure && nextDeliver < nextSeq) await helpOrWait();
      if (!stopped) await stopAll();
      if (failure) throw failure;
    },
    async destroy() {
      if (!stopped) await stopAll();
    },
  };
}
