// Vetting of user-supplied phrase patterns (DESIGN §10). Rubric patterns run over untrusted
// transcript text with JavaScript's backtracking engine, so shapes that can backtrack
// exponentially are refused: nested quantifiers `(a+)+`, `(.*)*`, quantified alternations whose
// branches can match the same text `(a|a)*`, and backreferences. Conservative by design: a
// rejected-but-safe pattern can be rewritten; an accepted catastrophic one hangs a CI job.

export const MAX_PATTERN_LENGTH = 200;

interface GroupFrame {
  /** Index of the first character of the group body (after `(?:`, `(?<name>` …). */
  bodyStart: number;
  /** Indexes of top-level `|` inside the group. */
  bars: number[];
  /** The body contains a quantifier (directly or in a nested group). */
  quantified: boolean;
}

interface Atom {
  group?: GroupFrame;
  bodyEnd?: number;
}

/** Returns a one-line reason the pattern is refused, or undefined when it is acceptable. */
export function checkPattern(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `pattern is ${pattern.length} characters long, the limit is ${MAX_PATTERN_LENGTH}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not allowed in patterns (they can backtrack catastrophically)';
  try {
    new RegExp(pattern, 'i');
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
    return `pattern does not compile: ${reason}`;
  }
  return scanForBacktracking(pattern);
}

function scanForBacktracking(src: string): string | undefined {
  const root: GroupFrame = { bodyStart: 0, bars: [], quantified: false };
  const stack: GroupFrame[] = [root];
  let last: Atom | undefined;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    const top = stack[stack.length - 1]!;
    if (ch === '\\') {
      last = {};
      i += 2;
    } else if (ch === '[') {
      i = skipClass(src, i);
      last = {};
    } else if (ch === '(') {
      const prefix = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(src.slice(i));
      const bodyStart = i + (prefix ? prefix[0].length : 1);
      stack.push({ bodyStart, bars: [], quantified: false });
      last = undefined;
      i = bodyStart;
    } else if (ch === ')') {
      const group = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      parent.quantified ||= group.quantified;
      last = { group, bodyEnd: i };
      i += 1;
    } else if (ch === '|') {
      top.bars.push(i);
      last = undefined;
      i += 1;
    } else if (ch === '*' || ch === '+' || ch === '?' || (ch === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(i)))) {
      const end = ch === '{' ? src.indexOf('}', i) + 1 : i + 1;
      const quantifier = src.slice(i, end);
      const problem = last?.group ? checkQuantifiedGroup(src, last.group, last.bodyEnd!, quantifier) : undefined;
      if (problem) return problem;
      top.quantified = true;
      last = undefined;
      i = src[end] === '?' ? end + 1 : end; // lazy modifier
    } else {
      last = {};
      i += 1;
    }
  }
  return undefined;
}

function checkQuantifiedGroup(src: string, group: GroupFrame, bodyEnd: number, quantifier: string): string | undefined {
  if (quantifier === '?' || quantifier === '{0,1}') return undefined;
  const body = src.slice(group.bodyStart, bodyEnd);
  if (group.quantified) {
    return `nested quantifier "(${body})${quantifier}" can backtrack catastrophically; quantify the inner part only`;
  }
  if (group.bars.length > 0) {
    const branches: string[] = [];
    let from = group.bodyStart;
    for (const bar of group.bars) {
      branches.push(src.slice(from, bar));
      from = bar + 1;
    }
    branches.push(src.slice(from, bodyEnd));
    if (!branchesAreDisjointLiterals(branches)) {
      return `quantified alternation "(${body})${quantifier}" has branches that can match the same text and may backtrack catastrophically`;
    }
  }
  return undefined;
}

/** Plain-word branches whose first letters all differ cannot compete for the same input. */
function branchesAreDisjointLiterals(branches: string[]): boolean {
  const firsts = new Set<string>();
  for (const branch of branches) {
    if (!/^[A-Za-z0-9' -]+$/.test(branch)) return false;
    const first = branch[0]!.toLowerCase();
    if (firsts.has(first)) return false;
    firsts.add(first);
  }
  return true;
}

function skipClass(src: string, start: number): number {
  let i = start + 1;
  if (src[i] === '^') i += 1;
  if (src[i] === ']') i += 1;
  while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
  return i + 1;
}
