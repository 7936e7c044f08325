#!/usr/bin/env node
// Fits the detectors' confidence models (src/model/weights.json) on the project's own labelled calls:
// fixtures/gold/service.jsonl, fixtures/gold/service-dev/*.jsonl and fixtures/gold/service-ood/*.jsonl. Never on
// ../shared/eval/dev (licences).
//
//   npm run calibrate                 fit on everything, write src/model/weights.json (deterministic: byte for byte)
//   node scripts/calibrate.mjs --check     exit 1 when the committed weights differ from a fresh fit
//   node scripts/calibrate.mjs --cv 5      cross-validate: 5 folds by call over service-dev and service-ood (every
//                                          style of each in every fold); CV_MEASURE=service-dev reports one set, each fold scored by models fitted without it; prints `empathy eval`'s
//                                          tables for the held-out predictions (--format json for JSON)
//   node scripts/calibrate.mjs --holdout   fit on service-dev and service-ood only and measure on fixtures/gold/service.jsonl: a set
//                                          written apart from the one fitted (--format json for JSON)
//
// Runs on the built code (dist/): `npm run build` first (npm run calibrate does).
import { readFileSync, realpathSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(join(ROOT, 'dist', p));
const { readGoldFile } = await dist('eval/gold.js');
const { analyseCall } = await dist('nlp/analyse.js');
const { createCandidateCollector, createDetectionEngine } = await dist('detectors/index.js');
const { fitLogistic } = await dist('model/logistic.js');
const { priorOffset } = await dist('model/index.js');
const { loadRubric } = await dist('rubric/load.js');
const { BEHAVIOURS } = await dist('types.js');
const { DISTRESS_TYPES } = await dist('detectors/lexicons/distress.js');

export const WEIGHTS_FILE = join(ROOT, 'src', 'model', 'weights.json');
/** Labelled contact-centre calls written apart from the detectors: cross-validated over, and held out from --holdout. */
const CALL_SETS = ['service-dev', 'service-ood'].map((name) => join(ROOT, 'fixtures', 'gold', name));
export const TRAINING_FILES = [
  join(ROOT, 'fixtures', 'gold', 'service.jsonl'),
  ...CALL_SETS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f))),
];
const inCallSets = (c) => CALL_SETS.some((dir) => c.file.startsWith(`${dir.slice(ROOT.length + 1)}/`));
const DISTRESS = 'customer-distress';
/** Agent behaviours start from their lexicon entries' confidence (reviewable data); distress has no prior. */
const FROM_PRIOR = (behaviour) => behaviour !== DISTRESS;
/** L2 penalty: chosen by cross-validation on service-dev (see docs/calibration.md). */
const L2 = { [DISTRESS]: Number(process.env.L2_DISTRESS ?? 1), appreciation: Number(process.env.L2_APP ?? 2), default: Number(process.env.L2 ?? 0.5) };

function readCalls(files) {
  return files.flatMap((file) =>
    readGoldFile(file).map((transcript) => ({ transcript, file: file.slice(ROOT.length + 1), call: analyseCall(transcript) })),
  );
}

const annotates = (transcript, behaviour) =>
  behaviour === DISTRESS
    ? transcript.turns.some((t) => t.role === 'customer' && Array.isArray(t.labels))
    : (transcript.annotatedBehaviours ?? BEHAVIOURS).includes(behaviour) && transcript.turns.some((t) => t.role === 'agent' && Array.isArray(t.labels));

/** Fits the distress model, then (with its distress context) one model per behaviour. */
export function fitModels(calls, rubric) {
  const collect = createCandidateCollector(rubric.phrases);
  const samplesFor = (behaviour, candidates, transcript) => {
    const role = behaviour === DISTRESS ? 'customer' : 'agent';
    const kinds = modelledKinds(behaviour, rubric);
    return candidates
      .filter((c) => c.detector === behaviour && kinds.includes(c.draft.kind) && (c.service || !FROM_PRIOR(behaviour)))
      .filter((c) => transcript.turns[c.draft.turn].role === role && Array.isArray(transcript.turns[c.draft.turn].labels))
      .map((c) => ({
        features: c.features,
        label: transcript.turns[c.draft.turn].labels.includes(behaviour) ? 1 : 0,
        offset: priorOffset({ fromPrior: FROM_PRIOR(behaviour) }, c.draft.confidence),
      }));
  };
  const distressSamples = calls.filter((c) => annotates(c.transcript, DISTRESS)).flatMap((c) => samplesFor(DISTRESS, collect(c.call, undefined), c.transcript));
  const distress = { kinds: modelledKinds(DISTRESS, rubric), fromPrior: false, ...fitLogistic(distressSamples, { l2: L2[DISTRESS] }) };
  const models = { [DISTRESS]: distress };
  const counts = { [DISTRESS]: distressSamples.length };
  const withDistress = calls.map((c) => ({ ...c, candidates: collect(c.call, distress) }));
  for (const behaviour of BEHAVIOURS) {
    const samples = withDistress.filter((c) => annotates(c.transcript, behaviour)).flatMap((c) => samplesFor(behaviour, c.candidates, c.transcript));
    if (samples.length === 0) continue;
    models[behaviour] = {
      kinds: modelledKinds(behaviour, rubric),
      fromPrior: true,
      ...fitLogistic(samples, { l2: L2[behaviour] ?? L2.default, shrinkBias: true }),
    };
    counts[behaviour] = samples.length;
  }
  return { models, counts };
}

/** The kinds the default rubric counts (every type for distress): a model says how likely a candidate is to be what counts. */
function modelledKinds(behaviour, rubric) {
  if (behaviour === DISTRESS) return [...DISTRESS_TYPES];
  return [...rubric.behaviours[behaviour].kinds];
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  return value;
}

export function weightsText(calls, rubric) {
  const { models, counts } = fitModels(calls, rubric);
  const file = {
    version: 1,
    fitted: { by: 'scripts/calibrate.mjs', files: TRAINING_FILES.map((f) => f.slice(ROOT.length + 1)), samples: counts, l2: L2 },
    models,
  };
  return `${JSON.stringify(sortKeys(file), null, 1)}\n`;
}

/** Folds by call within each gold file (so every style is in every fold), in id order. */
function foldOf(calls, k) {
  const folds = new Map();
  const byFile = new Map();
  for (const c of calls) (byFile.get(c.file) ?? byFile.set(c.file, []).get(c.file)).push(c);
  for (const list of byFile.values()) {
    [...list].sort((a, b) => a.transcript.id.localeCompare(b.transcript.id)).forEach((c, i) => folds.set(c.transcript.id, i % k));
  }
  return folds;
}

async function crossValidate(k, format) {
  const { evaluate } = await dist('eval/run.js');
  const { formatEvalTable, formatEvalJson } = await dist('eval/format.js');
  const rubric = loadRubric('default');
  const all = readCalls(TRAINING_FILES);
  const dev = all.filter(inCallSets);
  const folds = foldOf(dev, k);
  const engines = [];
  for (let fold = 0; fold < k; fold++) {
    const train = all.filter((c) => folds.get(c.transcript.id) !== fold);
    engines.push(createDetectionEngine(rubric.phrases, fitModels(train, rubric).models));
  }
  const engine = {
    detect: (call) => engines[folds.get(call.transcript.id)].detect(call),
    detectTranscript: (t) => engines[folds.get(t.id)].detectTranscript(t),
  };
  // CV_MEASURE=service-dev: report the held-out predictions of one set only (every fold still fits on both).
  const measured = process.env.CV_MEASURE ? dev.filter((c) => c.file.includes(`/${process.env.CV_MEASURE}/`)) : dev;
  const result = evaluate(measured.map((c) => c.transcript), rubric, { engine });
  process.stdout.write(format === 'json' ? formatEvalJson(result, 20) : formatEvalTable(result, Number(process.env.CV_ERRORS ?? 0)));
}

/** Fits on service-dev and service-ood alone and measures on the other training files (fixtures/gold/service.jsonl). */
async function holdOut(format) {
  const { evaluate } = await dist('eval/run.js');
  const { formatEvalTable, formatEvalJson } = await dist('eval/format.js');
  const rubric = loadRubric('default');
  const all = readCalls(TRAINING_FILES);
  const dev = all.filter(inCallSets);
  const held = all.filter((c) => !inCallSets(c));
  const engine = createDetectionEngine(rubric.phrases, fitModels(dev, rubric).models);
  const result = evaluate(held.map((c) => c.transcript), rubric, { engine });
  process.stdout.write(format === 'json' ? formatEvalJson(result, 20) : formatEvalTable(result, Number(process.env.CV_ERRORS ?? 0)));
}

/** The weights file a fresh fit would write (the test compares it with the committed one). */
export function freshWeights() {
  return weightsText(readCalls(TRAINING_FILES), loadRubric('default'));
}

// Compared through realpath: run through a symlinked directory, argv[1] is the link and import.meta.url the file.
const isMain = process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1]);
if (isMain) {
  const args = process.argv.slice(2);
  const cv = args.indexOf('--cv');
  const format = args.includes('--format') ? args[args.indexOf('--format') + 1] : 'table';
  if (cv >= 0) {
    await crossValidate(Number(args[cv + 1] ?? 5), format);
  } else if (args.includes('--holdout')) {
    await holdOut(format);
  } else {
    const text = freshWeights();
    if (args.includes('--check')) {
      const same = readFileSync(WEIGHTS_FILE, 'utf8') === text;
      console.log(same ? 'weights are up to date' : 'src/model/weights.json differs from a fresh fit: run npm run calibrate');
      process.exit(same ? 0 : 1);
    }
    writeFileSync(WEIGHTS_FILE, text);
    console.error(`wrote ${WEIGHTS_FILE.slice(ROOT.length + 1)}`);
  }
}
