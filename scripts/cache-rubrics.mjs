// Part of `npm run build`: parses the built-in rubrics once with the compiled loader and stores the results next to
// it (dist/rubric/builtin-rubrics.json), so that a run with a built-in rubric loads neither yaml nor zod (~150 ms of
// start-up). The loader uses an entry only when the YAML's bytes (their hash) and the loader code's fingerprint still match.
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_RUBRICS, builtinCacheFile, builtinCodeFingerprint, builtinRubricPath, loadRubric, sourceHash } from '../dist/rubric/load.js';

const rubrics = Object.fromEntries(
  BUILTIN_RUBRICS.map((name) => [name, { source: sourceHash(readFileSync(builtinRubricPath(name))), rubric: loadRubric(name, { cache: false }) }]),
);
writeFileSync(builtinCacheFile(), `${JSON.stringify({ code: builtinCodeFingerprint(), rubrics })}\n`);
