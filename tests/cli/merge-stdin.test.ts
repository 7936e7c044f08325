// `empathy merge -` (issue 23): partials on stdin, one JSON partial per line, so `cat parts/* | empathy merge -` and
// `hdfs dfs -cat … | empathy merge -` work without temp files, with the refusal rules of named files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { empathy } from './run.js';

describe('empathy merge - (partials on stdin)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'merge-stdin-'));
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  let partA = '';
  let partB = '';
  beforeAll(() => {
    // One shard from files, one from stdin in filter mode (inputs "-"), as a cluster's workers would write them.
    expect(empathy(['score', 'fixtures/transcripts/text', '--format', 'partial', '-o', a, '--no-progress']).code).toBe(0);
    const jsonl = readFileSync('fixtures/transcripts/json/calls-2026-05.jsonl', 'utf8');
    const fromStdin = empathy(['score', '-', '--input-format', 'jsonl', '--format', 'partial', '--no-progress'], { input: jsonl });
    expect(fromStdin.code).toBe(0);
    partB = fromStdin.stdout;
    expect(partB.trimEnd().split('\n')).toHaveLength(1);
    writeFileSync(b, partB);
    partA = readFileSync(a, 'utf8');
  });

  it('gives the same bytes as merging the files, in either order on stdin', () => {
    const files = empathy(['merge', a, b, '--format', 'json']);
    expect(files.code).toBe(0);
    const piped = empathy(['merge', '-', '--format', 'json'], { input: partA + partB });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(files.stdout);
    expect(empathy(['merge', '-', '--format', 'json'], { input: partB + '\n' + partA }).stdout).toBe(files.stdout);
    expect(piped.stderr).toMatch(/^merged 2 partial\(s\): read \d+, scored \d+/m);
  });

  it('mixes stdin with named files and gates the merged groups the same way', () => {
    const mixed = empathy(['merge', a, '-', '--format', 'csv', '--fail-under', '100', '--strict'], { input: partB });
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/fail-under 100/);
  });

  it('refuses a repeated partial, a line that is not a partial and an empty stdin, naming the line', () => {
    const twice = empathy(['merge', '-'], { input: partA + partA });
    expect(twice.code).toBe(2);
    expect(twice.stderr.trim()).toBe('error: -:2 repeats the partial at line 1 of stdin: its calls would count twice (give each partial once)');
    const bad = empathy(['merge', '-'], { input: `${partA}\n{"type":"something-else"}\n` });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^-:3: not a partial result/m);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const empty = empathy(['merge', '-'], { input: '\n\n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr.trim()).toBe('error: - (stdin) held no partial result: nothing to merge');
    expect(empathy(['merge', '-', '-'], { input: partA }).code).toBe(2);
  });
});
