import { readInputs, scoreCall, loadRubric, createAccumulator, addCall, DETECTORS } from '../dist/index.js';
import { analyseCall } from '../dist/nlp/analyse.js';
const dir = process.argv[2];
const now = () => performance.now();
const calls = [];
for await (const e of readInputs([dir], {})) if (e.type === 'transcript') calls.push(e.transcript);
const rubric = loadRubric('default');
const scanners = DETECTORS.map((d) => ({ id: d.meta.id, scan: d.create({ phrases: rubric.phrases[d.meta.id] }) }));
for (let rep = 0; rep < (+process.env.REPS||5); rep++) {
  const per = {}; let ta = 0, ts = 0; const c0 = process.cpuUsage(); const w0 = now();
  const acc = createAccumulator('agent');
  for (const c of calls) {
    let t = now(); const a = analyseCall(c); ta += now() - t;
    const found = [];
    for (const s of scanners) { t = now(); for (const d of s.scan(a)) found.push({ behaviour: s.id, ...d, quote: '', id: '', transcriptId: c.id, message: '' }); per[s.id] = (per[s.id] ?? 0) + now() - t; }
    t = now(); addCall(acc, scoreCall(c, found, rubric)); ts += now() - t;
  }
  const cu = process.cpuUsage(c0);
  console.log(`wall ${(now() - w0).toFixed(0)} cpu ${((cu.user + cu.system) / 1000).toFixed(0)} | analyse ${ta.toFixed(0)} score+agg ${ts.toFixed(0)}`, Object.entries(per).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
}
