// The build's cache of required literals (dist/nlp/required-literals.json, scripts/cache-literals.mjs) says exactly what
// the analyser works out, and the compiled code accepts it (so start-up skips the analysis).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../src/nlp/required-literals.js';

const CACHE = fileURLToPath(new URL('../../dist/nlp/required-literals.json', import.meta.url));

describe('the built cache of required literals', () => {
  it.skipIf(!existsSync(CACHE))('holds, for every pattern, what a fresh analysis finds', () => {
    const { literals } = JSON.parse(readFileSync(CACHE, 'utf8')) as { literals: Record<string, string[] | null> };
    const patterns = Object.keys(literals);
    expect(patterns.length).toBeGreaterThan(50);
    for (const pattern of patterns) expect(literals[pattern] ?? undefined, pattern).toEqual(requiredLiterals(pattern));
  });

  it.skipIf(!existsSync(CACHE))('is accepted by the compiled code it was built for (the fingerprint of its analyser matches)', async () => {
    const dist = (await import(new URL('../../dist/nlp/literal-cache.js', import.meta.url).href)) as typeof import('../../src/nlp/literal-cache.js');
    expect(dist.loadLiteralCache().size).toBeGreaterThan(50);
    const file = JSON.parse(readFileSync(CACHE, 'utf8')) as { code: string };
    expect(file.code).toBe(dist.literalCodeFingerprint());
  });
});
