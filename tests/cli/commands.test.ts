import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEHAVIOURS } from '../../src/types.js';
import { empathy } from './run.js';

describe('empathy rubric', () => {
  it('check accepts the default rubric', () => {
    const result = empathy(['rubric', 'check', 'rubrics/default.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rubrics\/default\.yaml: ok/);
  });

  it('check reports a bad rubric with line:column and exits 2', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'empathy-cli-')), 'r.yaml');
    writeFileSync(file, 'name: r\nversion: 1\npass: 170\nbehaviours:\n  apology: { weight: 20, expect: once }\n');
    const result = empathy(['rubric', 'check', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/r\.yaml:3:7: .*pass/);
  });

  it('show prints the built-in default as YAML', () => {
    const result = empathy(['rubric', 'show']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^name: default$/m);
  });
});

describe('empathy formats', () => {
  it('lists every input reader with its detection and fields, and the output formats', () => {
    const result = empathy(['formats']);
    expect(result.code).toBe(0);
    for (const name of ['text', 'csv', 'tsv', 'json', 'jsonl', 'vtt', 'srt', 'transcribe']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name}  \\(`, 'm'));
    }
    expect(result.stdout).toMatch(/detection: /);
    expect(result.stdout).toMatch(/fields: /);
    for (const name of ['table', 'json', 'ndjson', 'csv', 'markdown', 'html', 'junit', 'line']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\.`, 'm'));
    }
  });

  it('lists every reading option, each also in score --help and the README options table', async () => {
    const { READING_OPTIONS } = await import('../../src/cli/commands/formats.js');
    const text = empathy(['formats']).stdout;
    const help = empathy(['score', '--help']).stdout;
    const readme = readFileSync('README.md', 'utf8');
    for (const { option } of READING_OPTIONS) {
      expect(text).toContain(`  ${option}  `.replace(/  $/, ''));
      const flag = option.split(' ')[0]!;
      expect(help, `score --help lacks ${flag}`).toContain(flag);
      expect(readme, `README options table lacks ${flag}`).toMatch(new RegExp(`^\\| \`${flag.replace(/[-]/g, '\\-')}[ \`]`, 'm'));
    }
    expect(text).toMatch(/^  --thread-by <column> +CSV threads/m);
  });

  it('--json gives the registries as data', () => {
    const data = JSON.parse(empathy(['formats', '--json']).stdout) as { inputs: { name: string }[]; outputs: unknown[] };
    expect(data.inputs.map((i) => i.name)).toContain('transcribe');
    expect(data.outputs.length).toBeGreaterThanOrEqual(8);
  });
});

describe('empathy eval', () => {
  it('--format json has macroF1 and the five behaviours with their counts', () => {
    const result = empathy(['eval', 'fixtures/gold/service.jsonl', '--format', 'json', '--errors', '3']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as {
      macroF1: number;
      behaviours: Record<string, { support: number; tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }>;
      bySource: Record<string, unknown>;
      errors: unknown[];
    };
    expect(data.macroF1).toBeGreaterThan(0);
    expect(data.macroF1).toBeLessThanOrEqual(1);
    // fixtures/gold/service.jsonl labels every customer turn too, so customer-distress is scored like a behaviour.
    expect(Object.keys(data.behaviours).sort()).toEqual([...BEHAVIOURS, 'customer-distress'].sort());
    for (const m of Object.values(data.behaviours)) {
      expect(m.support).toBe(m.tp + m.fn);
      expect(m.f1).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(data.bySource)).toContain('service');
    expect(data.errors.length).toBeLessThanOrEqual(3);
  });

  it('prints a table with macro-F1 and error examples', () => {
    const result = empathy(['eval', 'fixtures/gold/service.jsonl', '--errors', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^behaviour +support +tp +fp +fn +precision +recall +f1/m);
    expect(result.stdout).toMatch(/^macro-F1 \d\.\d{3}/m);
    for (const b of BEHAVIOURS) expect(result.stdout).toMatch(new RegExp(`^${b} +\\d+`, 'm'));
  });

  it('--fail-below-f1 is a CI gate: exit 1 when any F1 is below it', () => {
    const strict = empathy(['eval', 'fixtures/gold/service.jsonl', '--fail-below-f1', '1']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/F1 below 1: macro-F1/);
    expect(empathy(['eval', 'fixtures/gold/service.jsonl', '--fail-below-f1', '0']).code).toBe(0);
  });

  it('names a missing gold file and exits 2', () => {
    const result = empathy(['eval', 'no-such-gold.jsonl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^no-such-gold\.jsonl: no such file or directory$/m);
  });
});

describe('usage errors and help', () => {
  it('an unknown option exits 2 with commander\'s message', () => {
    const result = empathy(['score', 'fixtures/transcripts', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--bogus'/);
    expect(result.stdout).toBe('');
  });

  it('an unknown command or no command exits 2', () => {
    expect(empathy(['scroe', 'x']).code).toBe(2);
    expect(empathy([]).code).toBe(2);
  });

  it('--help and --version exit 0', () => {
    const help = empathy(['score', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--fail-under/);
    const version = empathy(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
