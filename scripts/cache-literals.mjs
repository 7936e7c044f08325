// Part of `npm run build`: works out the required literals and per-alternative gates of every pattern the detectors compile with each built-in
// rubric, and stores them next to the compiled analyser (dist/nlp/required-literals.json; see src/nlp/literal-cache.ts),
// so that a run does not parse every lexicon pattern again at start-up; and the literal gates those lexicons make
// (dist/nlp/gates/), so that a run does not build their automata again either.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createDetectionEngine } from '../dist/detectors/index.js';
import { gateCacheDir, gateTablesBytes, literalCacheFile, literalCacheText } from '../dist/nlp/literal-cache.js';
import { analysedBranches, analysedPatterns, madeGates } from '../dist/nlp/required-literals.js';
import { BUILTIN_RUBRICS, loadRubric } from '../dist/rubric/load.js';

// A call with a turn of each speaker makes every engine build both of its gates (one per speaker's lexicons).
const call = { id: 'build', turns: [{ index: 0, role: 'agent', speaker: 'Agent', text: 'hello' }, { index: 1, role: 'customer', speaker: 'Customer', text: 'hello' }] };
for (const name of BUILTIN_RUBRICS) createDetectionEngine(loadRubric(name).phrases).detectTranscript(call);
writeFileSync(literalCacheFile(), literalCacheText(analysedPatterns(), analysedBranches()));
rmSync(gateCacheDir(), { recursive: true, force: true });
mkdirSync(gateCacheDir(), { recursive: true });
for (const [key, gate] of madeGates()) writeFileSync(`${gateCacheDir()}${key}.bin`, gateTablesBytes(gate.tables));
