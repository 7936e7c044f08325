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

  it('checks the built-in rubrics by name, with no warnings', () => {
    for (const name of BUILTIN_RUBRICS) expect(runRubricCheck(name)).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('warns on a pattern that matches everything or the empty string, a removal that removes nothing, and a satisfaction loop', () => {
    const file = tempFile(
      'loose.yaml',
      [
        'name: loose',
        'behaviours:',
        '  acknowledgement: { weight: 30, expect: on-distress, also-satisfied-by: [apology] }',
        '  apology: { weight: 20, expect: on-distress, also-satisfied-by: [acknowledgement] }',
        'phrases:',
        '  acknowledgement:',
        "    add: [{ pattern: '.*' }, { pattern: '\\w+' }, { pattern: 'fair enough' }]",
        '    remove: ["I know", "i undrestand"]',
        '',
      ].join('\n'),
    );
    const result = runRubricCheck(file);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('4 warnings');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `${file}: warning: phrases.acknowledgement.add[0]: pattern ".*" matches the empty string, so it matches every turn (every acknowledgement would be found)`,
      `${file}: warning: phrases.acknowledgement.add[1]: pattern "\\w+" matches any text, so it matches every turn (every acknowledgement would be found)`,
      `${file}: warning: phrases.acknowledgement.remove: "i undrestand" is not in the default acknowledgement lexicon, so removing it changes nothing (give an entry id or a phrase the entry matches)`,
      `${file}: warning: behaviours: acknowledgement → apology → acknowledgement satisfy each other in a loop (also-satisfied-by), so either one alone meets both`,
    ]);
  });
});

describe('rubric hash', () => {
  it('is that of the effective rubric: comments, layout and key order leave it, any setting changes it', () => {
    const a = parseRubric('name: t\nbehaviours:\n  apology: { weight: 10, expect: on-distress }\n', 'a.yaml');
    const b = parseRubric('# a comment\nbehaviours:\n  apology:\n    expect: on-distress   # why\n    weight: 10\nname: t\n', 'b.yaml');
    const c = parseRubric('name: t\npass: 71\nbehaviours:\n  apology: { weight: 10, expect: on-distress }\n', 'c.yaml');
    expect(a.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(b.hash).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
  });
});

describe('runRubricShow', () => {
  it.each(BUILTIN_RUBRICS)('prints %s as YAML that parses back to the same rubric', (name) => {
    const result = runRubricShow(name);
    expect(result.exitCode).toBe(0);
    const original = loadRubric(name);
    const reparsed = parseRubric(result.stdout, 'shown.yaml');
    expect({ ...reparsed, origin: '' }).toEqual({ ...original, origin: '' }); // the same hash too
  });

  it('keeps repeats and distress-types: the rubric shown is the one that scores', () => {
    const file = tempFile(
      'dim.yaml',
      'name: dim\nrepeats: { diminishing: 0.5 }\nbehaviours:\n  apology: { weight: 10, expect: on-distress, distress-types: [fault] }\n',
    );
    const shown = runRubricShow(file).stdout;
    expect(shown).toMatch(/repeats:\n\s+diminishing: 0.5/);
    expect(shown).toMatch(/distress-types:\n\s+- fault\n/);
    const reparsed = parseRubric(shown, 'shown.yaml');
    expect({ ...reparsed, origin: '' }).toEqual({ ...loadRubric(file), origin: '' });
  });

  it('keeps on-signal settings and every signal penalty: loading the output gives the same rubric', () => {
    const file = tempFile(
      'sig.yaml',
      'name: sig\nbehaviours:\n  acknowledgement: { weight: 30, expect: on-signal, signal: customer-distress, signal-kinds: [loss, worry], within-turns: 3 }\n' +
        'penalties:\n  open-question: { points: 2, max-points: 6 }\n  negative-language: { points: 10, kinds: [blame] }\n',
    );
    const shown = runRubricShow(file).stdout;
    expect(shown).toMatch(/expect: on-signal\n\s+signal: customer-distress\n\s+within-turns: 3\n\s+signal-kinds:\n\s+- loss\n\s+- worry\n/);
    expect(shown).toMatch(/open-question:\n\s+points: 2\n\s+max-points: 6\n\s+kinds: \[\]/);
    const reparsed = parseRubric(shown, 'shown.yaml');
    expect({ ...reparsed, origin: '' }).toEqual({ ...loadRubric(file), origin: '' });
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
      stderr: 'no-such-rubric.yaml: cannot read rubric (no such file or directory); built-in rubrics are default, strict, support\n',
      exitCode: 2,
    });
  });
});
