// The committed weights are exactly what `npm run calibrate` fits from the committed labelled calls.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module script without types
import { freshWeights, WEIGHTS_FILE } from '../../scripts/calibrate.mjs';

describe('src/model/weights.json', () => {
  it('is byte for byte what scripts/calibrate.mjs fits (run npm run calibrate after changing detectors or labels)', () => {
    expect(freshWeights()).toBe(readFileSync(WEIGHTS_FILE, 'utf8'));
  }, 60_000);

  it('was fitted on the project-owned calls only, never the proxy corpora', () => {
    const file = JSON.parse(readFileSync(WEIGHTS_FILE, 'utf8')) as { fitted: { files: string[] } };
    expect(file.fitted.files.length).toBeGreaterThan(0);
    for (const f of file.fitted.files) expect(f).toMatch(/^fixtures\/gold\//);
  });
});
