import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRubricCheck, runRubricShow } from '../../src/cli/commands/rubric.js';
import { loadRubric, parseRubric } from '../../src/rubric/load.js';
import { BUILTIN_RUBRICS } from '../../src/rubric/load.js';

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rubric-cmd-')), name);
  writeFileSync(file, text);
  return file;
}

describe('runRubricCheck', () => {
  it('says ok with name, version, behaviour count and hash', () => {
    const file = tempFile('ok.yaml', 'name: team\nversion: 3\nbehaviours:\n  apology: { weight: 10, expect: on-distress }\n');
    const result = runRubricCheck(file);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${file}: ok (team v3, 1 behaviours, hash ${loadRubric(file).hash})\n`);
  });

  it('prints one file:line:col line per problem and exits 2', () => {
    const file = tempFile('bad.yaml', 'name: team\nbehaviours:\n  apology: { weight: 200, expect: maybe }\n');
    const result = runRubricCheck(file);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:22: .*at most 100$`));
    expect(lines[1]).toContain(':3:35: unknown expect value `maybe`');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('checks the built-in rubrics by name', () => {
    for (const name of BUILTIN_RUBRICS) expect(runRubricCheck(name).exitCode).toBe(0);
  });
});

describe('runRubricShow', () => {
  it.each(BUILTIN_RUBRICS)('prints %s as YAML that parses back to the same rubric', (name) => {
    const result = runRubricShow(name);
    expect(result.exitCode).toBe(0);
    const original = loadRubric(name);
    const reparsed = parseRubric(result.stdout, 'shown.yaml');
    expect({ ...reparsed, hash: '', origin: '' }).toEqual({ ...original, hash: '', origin: '' });
  });

  it('defaults to the default rubric and fills unlisted behaviours in', () => {
    expect(runRubricShow().stdout).toContain('name: default');
    const file = tempFile('one.yaml', 'name: one\nbehaviours:\n  apology: { weight: 10, expect: on-distress }\n');
    const shown = runRubricShow(file).stdout;
    expect(shown).toMatch(/paraphrasing:\n\s+weight: 0\n\s+expect: never-required/);
  });

  it('reports a missing rubric on stderr with exit 2', () => {
    const result = runRubricShow('no-such-rubric.yaml');
    expect(result).toEqual({
      stdout: '',
      stderr: 'no-such-rubric.yaml: cannot read rubric (no such file); built-in rubrics are default, strict, support\n',
      exitCode: 2,
    });
  });
});
