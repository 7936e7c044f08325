// zod (~100 ms) and yaml (~45 ms) take longer to load than a one-call run takes to score, and a run with the built-in
// rubric and no role map needs neither: they are loaded on first use (a user rubric, a role map, a partial result to
// merge). Their CommonJS builds are required, so the callers stay synchronous.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let zod: typeof import('zod') | undefined;
let yaml: typeof import('yaml') | undefined;

export function loadZod(): typeof import('zod') {
  return (zod ??= require('zod') as typeof import('zod'));
}

export function loadYaml(): typeof import('yaml') {
  return (yaml ??= require('yaml') as typeof import('yaml'));
}
