// The build's cache of required literals (dist/nlp/required-literals.json, scripts/cache-literals.mjs) says exactly what
// the analyser works out, and the compiled code accepts it (so start-up skips the analysis).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { branchGates, requiredLiterals } from '../../src/nlp/required-literals.js';

const CACHE = fileURLToPath(new URL('../../dist/nlp/required-literals.json', import.meta.url));

describe('the built cache of required literals', () => {
  it.skipIf(!existsSync(CACHE))('holds, for every pattern, what a fresh analysis finds', () => {
    const { literals, branches } = JSON.parse(readFileSync(CACHE, 'utf8')) as {
      literals: Record<string, string[] | null>;
      branches: Record<string, { source: string; gates: string[][] }[] | null>;
    };
    expect(Object.keys(literals).length).toBeGreaterThan(0);
    expect(Object.keys(branches).length).toBeGreaterThan(50);
    for (const [pattern, cached] of Object.entries(literals)) expect(cached ?? undefined, pattern).toEqual(requiredLiterals(pattern));
    for (const [pattern, cached] of Object.entries(branches)) expect(cached ?? undefined, pattern).toEqual(branchGates(pattern));
  });

  it.skipIf(!existsSync(CACHE))('is accepted by the compiled code it was built for (the fingerprint of its analyser matches)', async () => {
    const dist = (await import(new URL('../../dist/nlp/literal-cache.js', import.meta.url).href)) as typeof import('../../src/nlp/literal-cache.js');
    expect(dist.loadBranchCache().size).toBeGreaterThan(50);
    const file = JSON.parse(readFileSync(CACHE, 'utf8')) as { code: string };
    expect(file.code).toBe(dist.literalCodeFingerprint());
  });
});
