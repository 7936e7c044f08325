// Warnings on a rubric that loads but probably does not say what its author meant (`empathy rubric check`).
// Pure: the detectors' lexicons come in as a lookup, so the rubric layer does not depend on the detectors.
import { BEHAVIOURS, type BehaviourId, type FindingType, type Rubric } from '../types.js';

export type LexiconLookup = (id: FindingType) => readonly { id: string; pattern: string }[] | undefined;

/** Texts with nothing in common: a pattern that matches all of them matches any turn. */
const UNRELATED_PROBES = ['qzx', 'the weather is fine', '42', 'ok'];

export function lintRubric(rubric: Rubric, lexiconOf: LexiconLookup, removalsUnmatched: (entries: readonly { id: string; pattern: string }[], remove: readonly string[]) => string[]): string[] {
  const out: string[] = [];
  for (const [id, edits] of Object.entries(rubric.phrases) as [FindingType, NonNullable<Rubric['phrases'][FindingType]>][]) {
    edits.add.forEach((add, i) => {
      if (!add.regex) return;
      const where = `phrases.${id}.add[${i}]`;
      const regex = new RegExp(add.text, 'i');
      if (regex.test('')) {
        out.push(`${where}: pattern "${add.text}" matches the empty string, so it matches every turn (every ${id} would be found)`);
      } else if (UNRELATED_PROBES.every((p) => regex.test(p))) {
        out.push(`${where}: pattern "${add.text}" matches any text, so it matches every turn (every ${id} would be found)`);
      }
    });
    const lexicon = lexiconOf(id);
    if (lexicon && edits.remove.length > 0) {
      for (const r of removalsUnmatched(lexicon, edits.remove)) {
        out.push(`phrases.${id}.remove: "${r}" is not in the default ${id} lexicon, so removing it changes nothing (give an entry id or a phrase the entry matches)`);
      }
    }
  }
  for (const cycle of satisfactionCycles(rubric)) {
    out.push(`behaviours: ${cycle.join(' → ')} satisfy each other in a loop (also-satisfied-by), so either one alone meets both`);
  }
  return out;
}

/** Cycles in also-satisfied-by, each reported once from its smallest behaviour (in BEHAVIOURS order). */
function satisfactionCycles(rubric: Rubric): BehaviourId[][] {
  const cycles: BehaviourId[][] = [];
  const seen = new Set<string>();
  const walk = (start: BehaviourId, at: BehaviourId, path: BehaviourId[]): void => {
    for (const next of rubric.behaviours[at].alsoSatisfiedBy) {
      if (next === start) {
        const cycle = [...path, start];
        const key = [...new Set(path)].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!path.includes(next) && BEHAVIOURS.indexOf(next) > BEHAVIOURS.indexOf(start)) {
        walk(start, next, [...path, next]);
      }
    }
  };
  for (const b of BEHAVIOURS) walk(b, b, [b]);
  return cycles;
}
