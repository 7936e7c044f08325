// The build-time cache of the built-in rubrics (scripts/cache-rubrics.mjs): it must equal parsing the YAML, and the
// compiled loader must use it only while both the YAML and the loader code are what it was built from.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_RUBRICS, loadRubric } from '../../src/rubric/load.js';
import type { Rubric } from '../../src/types.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CACHE = join(ROOT, 'dist', 'rubric', 'builtin-rubrics.json');

describe('built-in rubric cache', () => {
  it('holds exactly what parsing each built-in rubric gives', () => {
    const cache = JSON.parse(readFileSync(CACHE, 'utf8')) as { rubrics: Record<string, { source: string; rubric: Rubric }> };
    for (const name of BUILTIN_RUBRICS) expect(cache.rubrics[name]!.rubric).toEqual(loadRubric(name, { cache: false }));
  });

  // A copy of the package: dist (loader and cache), rubrics and node_modules (yaml and zod for the fallback).
  const copy = mkdtempSync(join(tmpdir(), 'empathy-rubric-cache-'));
  cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'rubrics'), join(copy, 'rubrics'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  let loads = 0;
  /** The copy's loader, freshly imported, after `edit` changed the copy. */
  async function loadFromCopy(edit: (cache: { code: string; rubrics: Record<string, { rubric: Rubric }> }) => void, yamlSuffix = ''): Promise<Rubric> {
    const cacheFile = join(copy, 'dist', 'rubric', 'builtin-rubrics.json');
    const cache = JSON.parse(readFileSync(CACHE, 'utf8'));
    edit(cache);
    writeFileSync(cacheFile, JSON.stringify(cache));
    writeFileSync(join(copy, 'rubrics', 'default.yaml'), readFileSync(join(ROOT, 'rubrics', 'default.yaml'), 'utf8') + yamlSuffix);
    const loader = await import(`${pathToFileURL(join(copy, 'dist', 'rubric', 'load.js')).href}?v=${loads++}`);
    return loader.loadRubric('default') as Rubric;
  }
  const marked = (cache: { rubrics: Record<string, { rubric: Rubric }> }) => {
    cache.rubrics.default!.rubric.pass = 12.5;
  };

  it('is used while the rubric and the loader code match', async () => {
    expect((await loadFromCopy(marked)).pass).toBe(12.5);
  });

  it('is ignored when the loader code changed since it was written', async () => {
    const rubric = await loadFromCopy((cache) => {
      marked(cache);
      cache.code = 'from another build';
    });
    expect(rubric.pass).toBe(loadRubric('default').pass);
  });

  it('is ignored when the rubric file changed since it was written', async () => {
    const rubric = await loadFromCopy(marked, '\n# edited\n');
    expect(rubric.pass).toBe(loadRubric('default').pass);
    // A comment changes the bytes, not what the rubric scores with: same hash.
    expect(rubric.hash).toBe(loadRubric('default').hash);
  });
});
