// CI gates: --fail-under and --baseline / --fail-on-regression (DESIGN §5, §12 honest rollups).
import { BEHAVIOURS, type BehaviourId, type GroupDelta, type GroupScorecard, type ScoreReport } from '../types.js';

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Keys of groups whose mean score is below `failUnder`; low-sample groups only count when strict. */
export function applyFailUnder(groups: readonly GroupScorecard[], failUnder: number, strict: boolean): string[] {
  return groups
    .filter((g) => g.meanScore < failUnder && (strict || !g.lowSample))
    .map((g) => g.key)
    .sort();
}

/**
 * Deltas against a previous report, matched by group key. Behaviour deltas are in percentage
 * points of the met rate (null when either side had no opportunity). A regression is a group
 * whose mean score dropped by more than `failOnRegression` points.
 */
export function compareBaseline(
  groups: readonly GroupScorecard[],
  baseline: ScoreReport,
  failOnRegression?: number,
): { groups: GroupDelta[]; regressions: string[] } {
  const previous = new Map(baseline.groups.map((g) => [g.key, g]));
  const deltas: GroupDelta[] = [];
  const regressions: string[] = [];
  for (const group of [...groups].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const before = previous.get(group.key);
    const behaviours: Partial<Record<BehaviourId, number | null>> = {};
    for (const b of BEHAVIOURS) {
      const now = group.behaviours[b]?.rate ?? null;
      const then = before?.behaviours?.[b]?.rate ?? null;
      behaviours[b] = now === null || then === null ? null : round1((now - then) * 100);
    }
    const scoreDelta = before ? round1(group.meanScore - before.meanScore) : null;
    deltas.push({ key: group.key, previousScore: before ? before.meanScore : null, scoreDelta, behaviours });
    if (failOnRegression !== undefined && scoreDelta !== null && -scoreDelta > failOnRegression) {
      regressions.push(group.key);
    }
  }
  return { groups: deltas, regressions };
}
