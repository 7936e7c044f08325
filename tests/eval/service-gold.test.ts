// Golden regression test: the default rubric on fixtures/gold/service.jsonl.
// These are the EXACT counts the detectors produce today. A deliberate detector change that moves them updates the
// numbers here in the same commit (run `npx vitest run tests/eval/service-gold.test.ts` and copy the printed table);
// an unexplained change is a regression.
import { describe, expect, it } from 'vitest';
import { EVAL_LABELS, readGoldFile } from '../../src/eval/gold.js';
import { evaluate } from '../../src/eval/run.js';
import { loadRubric } from '../../src/rubric/load.js';
import { BEHAVIOURS } from '../../src/types.js';

describe('service gold corpus with the default rubric', () => {
  const result = evaluate(readGoldFile('fixtures/gold/service.jsonl'), loadRubric('default'));
  const counts = Object.fromEntries(
    BEHAVIOURS.map((b) => {
      const m = result.behaviours[b]!;
      return [b, { tp: m.tp, fp: m.fp, fn: m.fn }];
    }),
  );

  it('reads every transcript and annotated agent turn', () => {
    expect(result.transcripts).toBe(43);
    expect(result.annotatedTurns).toBe(255);
  });

  it('scores customer-distress over the 222 labelled customer turns (73 labelled distress)', () => {
    // Label counts, not detector output: fixtures/gold/README.md documents them.
    expect(result.annotatedCustomerTurns).toBe(222);
    expect(result.behaviours['customer-distress']!.support).toBe(73);
    expect(result.callAgreement.calls).toBe(43);
    expect(result.callAgreement.distressFromDetection).toBe(0);
  });

  it('produces exactly these tp/fp/fn per behaviour', () => {
    console.log(JSON.stringify(counts), `macroF1 ${result.macroF1}`);
    expect(counts).toEqual({
      paraphrasing: { tp: 25, fp: 0, fn: 1 }, // gold-015 turn 10 "so you haven't lost years of notes" at 0.45 since the deep features left the paraphrasing model
      // gold-026 turn 4 "That's not the experience we want you to have…" at 0.27: since the call is recognised as a service
      // call the model scores it, and its negation weighs against an entry service-dev rarely shows (was the prior 0.75).
      // gold-010 turn 10 "That's completely fair" (to "I still might leave"): the that-is-fair construction grants the
      // customer's stance (DESIGN §2.2); the label was written before the construction was, so it counts as an FP here.
      acknowledgement: { tp: 29, fp: 4, fn: 2 },
      apology: { tp: 29, fp: 0, fn: 0 },
      appreciation: { tp: 39, fp: 1, fn: 0 },
      'follow-up-promise': { tp: 26, fp: 0, fn: 0 },
    });
  });

  // Since the customer turns were labelled, macro-F1 includes customer-distress (0.862 at 28e9d34, five behaviours 0.974).
  it('macro-F1 is at least 0.85', () => {
    expect(result.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it('every error is consistent with the counts', () => {
    for (const b of EVAL_LABELS) {
      const errors = result.errors.filter((e) => e.behaviour === b);
      const m = result.behaviours[b]!;
      expect(errors.filter((e) => e.type === 'false-positive')).toHaveLength(m.fp);
      expect(errors.filter((e) => e.type === 'false-negative')).toHaveLength(m.fn);
    }
  });
});
