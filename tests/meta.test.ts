// The registries are the source of truth (issue 24): every detector, reader and formatter a registry lists must come
// with a test file, a README row and a fixture, and every kind a detector reports must have a message template.
// Adding one without them fails here (ESLint's rule-meta test, for this project).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../src/detectors/index.js';
import { FORMATTERS } from '../src/formatters/index.js';
import { runScore } from '../src/pipeline.js';
import { chooseReader, READERS } from '../src/transcript/readers/index.js';
import { AGENT_SIGNALS, BEHAVIOUR_KINDS, BEHAVIOURS, CUSTOMER_SIGNALS, isBehaviour, SIGNAL_KINDS, SIGNALS } from '../src/types.js';
import { PENALTY_IDS } from '../src/rubric/normalise.js';

const README = readFileSync('README.md', 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const TEST_FILES = filesUnder('tests').filter((f) => f.endsWith('.test.ts'));
const testText = new Map(TEST_FILES.map((f) => [f, readFileSync(f, 'utf8')]));
const testsMentioning = (needle: string, dir: string): string[] =>
  TEST_FILES.filter((f) => f.startsWith(dir) && testText.get(f)!.includes(needle));

/** The rows of the README table whose header starts with `| <first> |`, as their first cells. */
function readmeTableKeys(first: string): string[] {
  const lines = README.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (start < 0) return [];
  const keys: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    keys.push(...[...line.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  }
  return keys;
}

describe('detectors', () => {
  it('are exactly the behaviours and signals the types name, with the kinds the types list', () => {
    expect(DETECTORS.map((d) => d.meta.id).sort()).toEqual([...BEHAVIOURS, ...SIGNALS].sort());
    for (const d of DETECTORS) {
      const kinds = isBehaviour(d.meta.id) ? BEHAVIOUR_KINDS[d.meta.id] : SIGNAL_KINDS[d.meta.id as keyof typeof SIGNAL_KINDS];
      expect([...d.meta.kinds].sort(), d.meta.id).toEqual([...kinds].sort());
    }
  });

  it('customer signals are the customer-side detectors (they open opportunities); every agent signal can carry a penalty', () => {
    const signals = DETECTORS.filter((d) => !isBehaviour(d.meta.id));
    expect(signals.filter((d) => d.meta.speaker === 'customer').map((d) => d.meta.id).sort()).toEqual([...CUSTOMER_SIGNALS].sort());
    expect(signals.filter((d) => d.meta.speaker !== 'customer').map((d) => d.meta.id).sort()).toEqual([...AGENT_SIGNALS].sort());
    for (const id of AGENT_SIGNALS) expect(PENALTY_IDS, id).toContain(id);
  });

  it.each(DETECTORS.map((d) => [d.meta.id, d] as const))('%s has a message template for every kind', (_id, d) => {
    for (const kind of d.meta.kinds) expect(d.meta.messages[kind], `${d.meta.id}/${kind}`).toMatch(/\S/);
  });

  it.each(DETECTORS.map((d) => [d.meta.id, d] as const))('%s has a test file and its README row is its meta', (id, d) => {
    expect(testsMentioning(`'${id}'`, 'tests/detectors').length, `no test under tests/detectors/ names '${id}'`).toBeGreaterThan(0);
    const row = `| \`${id}\` | ${d.meta.speaker} | ${d.meta.kinds.map((k) => `\`${k}\``).join(', ')} | ${d.meta.description.replace(/\|/g, '\\|')} |`;
    expect(README.split('\n'), `README's Detectors table: the ${id} row should read\n${row}`).toContain(row);
  });

  it('each fires on the bundled sample calls (its fixture)', async () => {
    const run = await runScore(['fixtures/transcripts'], { keepCalls: true, roleMap: undefined });
    const found = new Set(run.report.calls.flatMap((c) => c.findings.map((f) => f.behaviour)));
    for (const d of DETECTORS) expect(found.has(d.meta.id), `${d.meta.id} finds nothing in fixtures/transcripts`).toBe(true);
  });
});

describe('readers', () => {
  const fixtures = [...filesUnder('fixtures/transcripts'), ...filesUnder('fixtures/formats')];
  const readmeRows = readmeTableKeys('Name');

  it.each(READERS.map((r) => [r.name] as const))('%s has a test, a README row and a fixture it is chosen for', (name) => {
    expect(testsMentioning(name, 'tests/transcript').length, `no test under tests/transcript/ names ${name}`).toBeGreaterThan(0);
    expect(readmeRows, `README's input-format table has no \`${name}\` row`).toContain(name);
    const chosen = fixtures.filter((file) => {
      if (file.endsWith('.gz')) return false;
      return chooseReader(readFileSync(file, 'utf8').slice(0, 4096), file)?.name === name;
    });
    expect(chosen.length, `no fixture in fixtures/transcripts or fixtures/formats is read by ${name}`).toBeGreaterThan(0);
  });
});

describe('formatters', () => {
  const outputRows = (() => {
    const start = README.indexOf('## Output formats');
    const lines = README.slice(start).split('\n');
    return lines.filter((l) => /^\| `/.test(l)).map((l) => /^\| `([^`]+)`/.exec(l)![1]!);
  })();

  it.each(FORMATTERS.map((f) => [f.name] as const))('%s has a test and a README row', (name) => {
    const dedicated = `tests/formatters/${name}.test.ts`;
    const named = testsMentioning(`'${name}'`, 'tests/');
    expect(testText.has(dedicated) || named.length > 0, `no ${dedicated} and no test names '${name}'`).toBe(true);
    expect(outputRows, `README's output-format table has no \`${name}\` row`).toContain(name);
  });
});
