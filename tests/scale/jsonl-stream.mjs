#!/usr/bin/env node
// Writes an endless-looking JSONL stream of generated calls to stdout, for measuring the filter mode's memory:
//   node tests/scale/jsonl-stream.mjs --mb 300 | /usr/bin/time -f %M node bin/empathy.js score - --input-format jsonl --format ndjson > /dev/null
// Call i is bench/generate.js's call (seed, i): unique ids, realistic length; stdout back-pressure is respected.
import { buildCall, toJsonLine } from '../../bench/generate.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const limit = arg('mb', 100) * 1024 * 1024;
const seed = arg('seed', 42);
process.stdout.on('error', () => process.exit(0)); // the reader stopped (e.g. `head`)
let written = 0;
let index = 0;
function pump() {
  while (written < limit) {
    const line = `${toJsonLine(buildCall(seed, index++)).replace(/\n$/, '')}\n`;
    written += Buffer.byteLength(line);
    if (!process.stdout.write(line)) return process.stdout.once('drain', pump);
  }
  process.stderr.write(`jsonl-stream: ${index} calls, ${(written / 1048576).toFixed(0)} MB\n`);
}
pump();
