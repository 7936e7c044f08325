// Part of `npm run build`: parses the built-in rubrics once with the compiled loader and stores the results next to
// it (dist/rubric/builtin-rubrics.json), so that a run with a built-in rubric loads neither yaml nor zod (~150 ms of
// start-up). The loader uses an entry only when the rubric's hash and the loader code's fingerprint still match.
import { writeFileSync } from 'node:fs';
import { BUILTIN_RUBRICS, builtinCacheFile, builtinCodeFingerprint, loadRubric } from '../dist/rubric/load.js';

const rubrics = Object.fromEntries(BUILTIN_RUBRICS.map((name) => [name, loadRubric(name, { cache: false })]));
writeFileSync(builtinCacheFile(), `${JSON.stringify({ code: builtinCodeFingerprint(), rubrics })}\n`);
