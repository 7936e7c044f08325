// Part of `npm run build`: works out the required literals and per-alternative gates of every pattern the detectors compile with each built-in
// rubric, and stores them next to the compiled analyser (dist/nlp/required-literals.json; see src/nlp/literal-cache.ts),
// so that a run does not parse every lexicon pattern again at start-up.
import { writeFileSync } from 'node:fs';
import { createDetectionEngine } from '../dist/detectors/index.js';
import { literalCacheFile, literalCacheText } from '../dist/nlp/literal-cache.js';
import { analysedBranches, analysedPatterns } from '../dist/nlp/required-literals.js';
import { BUILTIN_RUBRICS, loadRubric } from '../dist/rubric/load.js';

for (const name of BUILTIN_RUBRICS) createDetectionEngine(loadRubric(name).phrases);
writeFileSync(literalCacheFile(), literalCacheText(analysedPatterns(), analysedBranches()));
