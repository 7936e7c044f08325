// Process entry point (bin/empathy.js imports this): run the CLI with the real streams and set the exit code.
import { processIO } from './io.js';
import { runCli } from './program.js';

// `empathy score … | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), processIO());
