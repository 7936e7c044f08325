// Process entry point (bin/empathy.js imports this): run the CLI with the real streams and set the exit code.
import { setFlagsFromString } from 'node:v8';
import { processIO } from './io.js';
import { runCli } from './program.js';

// Left to its defaults V8 lets each isolate's heap grow to several times its live data before a full collection:
// in a 100k-call run the main thread's heap reached ~200 MB around ~40 MB of live data (peak RSS 416 MB). Growing by
// 30 % keeps every isolate (this one and the workers; the flag is process-wide) close to its live size, at no
// measurable cost in speed (10k bench calls, --jobs 2: 21.1 s / 274 MB before, 20.7-21.8 s / 264 MB after; 100k:
// peak 416 → 319 MB). Formats that keep every call (json, html) simply collect more often.
setFlagsFromString('--heap-growing-percent=30');

// `empathy score … | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), processIO());
