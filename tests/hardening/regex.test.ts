// Rubric regexes run over untrusted transcript text: catastrophic-backtracking shapes are refused at load time with
// file:line:col, and a permitted pattern stays bounded on adversarial input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScore } from '../../src/pipeline.js';
import { RubricError } from '../../src/rubric/errors.js';
import { parseRubric } from '../../src/rubric/load.js';
import { empathy } from './cli.js';

/** A rubric adding one phrase pattern; the pattern value starts on line 7, column 18. */
const rubricWith = (pattern: string): string =>
  `name: evil\nbehaviours:\n  apology: { weight: 10, expect: once }\nphrases:\n  apology:\n    add:\n      - pattern: '${pattern}'\n        kind: inconvenience\n`;

const EVIL = ['(a+)+$', '(a|aa)+$', '(.*a){12}', '([a-z]+)*$', '(\\w+\\s?)*$'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'empathy-regex-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evil patterns are rejected with file:line:col', () => {
  it.each(EVIL)('%s', (pattern) => {
    let error: unknown;
    try {
      parseRubric(rubricWith(pattern), 'evil.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RubricError);
    const lines = (error as RubricError).message.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^evil\.yaml:7:18: `phrases\.apology\.add\[0\]\.pattern`: (nested quantifier|quantified alternation) .*catastrophically/);
  });

  it('the CLI refuses the rubric before reading any transcript (rubric check and score)', () => {
    const file = join(dir, 'evil.yaml');
    writeFileSync(file, rubricWith('(a|aa)+$'));
    const check = empathy(['rubric', 'check', file]);
    expect(check.code).toBe(2);
    expect(check.lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:7:18: .*quantified alternation`));
    const run = empathy(['score', 'fixtures/bad/crlf.txt', '--rubric', file, '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.lines).toEqual([check.lines[0]]);
  });
});

describe('a permitted pattern on adversarial input stays bounded', () => {
  const ADVERSARIAL = `${'a'.repeat(50_000)}!`;

  it.each(['a+!', '\\w+ for the wait', '(sorry|apologies)+ again', 'a[a-z]*b'])('%s over 50k "a"s + "!"', async (pattern) => {
    const rubric = parseRubric(rubricWith(pattern), 'ok.yaml');
    const file = join(dir, 'adversarial.txt');
    writeFileSync(file, `Agent: Hello, how can I help?\nCustomer: ${ADVERSARIAL}\nAgent: ${ADVERSARIAL}\n`);
    const started = Date.now();
    const run = await runScore([file], { rubric, keepCalls: true });
    // A generous hang guard, not a benchmark: catastrophic backtracking on 50k chars would take hours.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.report.summary.scored).toBe(1);
    expect(run.report.calls[0]!.turns[2]!.text).toBe(ADVERSARIAL);
  });
});
