// A one-line progress bar on stderr while scoring: files and calls done, calls/s and an ETA from the file count.
// Drawn only on a TTY (never into a log or pipe) and at most every 100 ms.

export interface Progress {
  /** One call scored, from `file` (calls arrive in input order, so a new file name means the last one is done). */
  tick(file: string): void;
  /** Clears the line (before any other stderr output). */
  done(): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** --progress and not --quiet. */
  enabled: boolean;
  /** Expanded input files, for "files a/b" and the ETA; 0 when unknown. */
  totalFiles: number;
  now?: () => number;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 20;

export function createProgress(options: ProgressOptions): Progress {
  const enabled = options.enabled && options.stream.isTTY === true;
  const now = options.now ?? Date.now;
  const started = now();
  let calls = 0;
  let filesStarted = 0;
  let lastFile: string | undefined;
  let lastDraw = 0;
  let shown = false;

  const draw = (): void => {
    const elapsed = (now() - started) / 1000;
    const filesDone = Math.max(0, filesStarted - 1);
    const rate = elapsed > 0 ? calls / elapsed : 0;
    let line = `scoring ${calls} call(s)`;
    if (options.totalFiles > 0) {
      const fraction = Math.min(1, filesDone / options.totalFiles);
      const filled = Math.round(fraction * BAR_WIDTH);
      line = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] files ${filesDone}/${options.totalFiles} · ${calls} call(s)`;
      if (filesDone > 0 && elapsed > 1) line += ` · ETA ${formatSeconds((elapsed * (options.totalFiles - filesDone)) / filesDone)}`;
    }
    line += ` · ${rate.toFixed(0)} calls/s`;
    const width = options.stream.columns ?? 80;
    options.stream.write(`\r${line.slice(0, Math.max(10, width - 1))}\x1b[K`);
    shown = true;
  };

  return {
    tick(file) {
      calls++;
      if (file !== lastFile) {
        lastFile = file;
        filesStarted++;
      }
      if (!enabled) return;
      const t = now();
      if (t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      draw();
    },
    done() {
      if (shown) options.stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
