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

// V8 first runs a regex in its bytecode interpreter and compiles it to machine code once it is used again; our
// lexicons are large alternations run over every turn, so nearly all of them are compiled anyway and the interpreted
// first runs are pure warm-up. Compiling at once cut the instructions of a 1,200-call run by 6.8 % (callgrind: main
// thread -2.4 %, V8's helper threads -18 %); each scoring thread pays the warm-up, so short runs and --jobs 2 gain most.
setFlagsFromString('--no-regexp-tier-up');

// `empathy score … | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), processIO());
