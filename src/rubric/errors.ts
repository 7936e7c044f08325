// Rubric problems: every one names file, line and column (1-based) and what was expected.

export interface RubricProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class RubricError extends Error {
  readonly problems: RubricProblem[];

  constructor(problems: RubricProblem[]) {
    super(problems.map(formatRubricProblem).join('\n'));
    this.name = 'RubricError';
    this.problems = problems;
  }
}

/** `file:line:col: message`; line 0 means the whole file (e.g. it cannot be read): `file: message`. */
export function formatRubricProblem(p: RubricProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.column}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Edit distance (insert/delete/substitute), for "did you mean" suggestions. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest candidate when it is close enough to be a plausible typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const normalised = word.toLowerCase().replace(/[_ ]/g, '-');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(normalised, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(word: string, candidates: readonly string[]): string {
  const hit = suggest(word, candidates);
  return hit ? ` (did you mean \`${hit}\`?)` : '';
}
