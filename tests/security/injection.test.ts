// CLI-level proofs that untrusted transcript text cannot become markup, a spreadsheet formula or broken XML, and that
// --redact masks personal data in every format. Runs the built CLI's runCli in this process (tests/helpers/cli-in-process.ts:
// the same output bytes as a spawned `empathy`, without a process and a model load per run; `npm test` builds dist/ first).
import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { empathyInProcess as empathy } from '../helpers/cli-in-process.js';
import { CARD, EMAIL, FORMULA, PHONE, SCRIPT_TAG, writeHostileTranscript } from './hostile.js';
import { assertWellFormedXml } from './xml.js';

let dir: string;
let hostile: string;
let failingRubric: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'empathy-security-'));
  hostile = writeHostileTranscript(dir);
  // JUnit quotes transcript text only in failure messages: a rubric the hostile call cannot pass (it has no
  // ownership apology after the distress turn that carries the card number) makes the testcase fail, and its
  // follow-up item quotes the promise that carries the email.
  failingRubric = join(dir, 'exacting.yaml');
  writeFileSync(
    failingRubric,
    [
      'name: exacting',
      'version: 1',
      'pass: 100',
      'behaviours:',
      '  apology: { weight: 50, expect: on-distress, kinds: [ownership] }',
      '  follow-up-promise: { weight: 50, expect: always }',
      '',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outputs = new Map<string, string>();

/** Runs `empathy score <hostile> --format <format> ...extra` and returns stdout, failing on anything but exit 0. */
async function score(format: string, ...extra: string[]): Promise<string> {
  const key = [format, ...extra].join(' ');
  const cached = outputs.get(key);
  if (cached !== undefined) return cached; // reuse identical runs
  const run = await empathy(['score', hostile, '--format', format, '--no-progress', ...extra]);
  expect(run.stderr).not.toMatch(/^\s+at |internal error/m);
  expect(run.code).toBe(0);
  expect(run.stdout.length).toBeGreaterThan(0);
  outputs.set(key, run.stdout);
  return run.stdout;
}

/** `empathy report <hostile> --format <format> ...extra`, failing on anything but exit 0. */
async function report(format: string, ...extra: string[]): Promise<string> {
  const run = await empathy(['report', hostile, '--format', format, '--no-progress', ...extra]);
  expect(run.stderr).not.toMatch(/^\s+at |internal error/m);
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('hostile transcript text is inert in every report', () => {
  it('html: escaped, no tag survives and the formula is shown as text', async () => {
    for (const out of [await score('html'), await report('html')]) {
      expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(out).not.toMatch(/<script/i);
      expect(out).toContain('=HYPERLINK(&quot;x&quot;)');
      expect(out).not.toContain(FORMULA);
      // The transcript line is there, so the escaping above was applied to it rather than the line being dropped.
      expect(out).toMatch(/<li class="customer">.*&lt;script&gt;/);
    }
  });

  it('markdown: the tag is entity-escaped and a formula id is not read as a heading or list', async () => {
    for (const out of [await score('markdown'), await report('markdown')]) {
      expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(out).not.toMatch(/<script/i);
      expect(out).not.toContain(SCRIPT_TAG);
      expect(out).toContain('HYPERLINK');
      // No line of the document starts with a raw "=" (a setext heading underline in Markdown).
      expect(out.split('\n').filter((line) => line.startsWith('='))).toEqual([]);
    }
  });

  it('csv --group-by call: cells starting with "=" get a leading apostrophe; no cell is a formula', async () => {
    const out = await score('csv', '--group-by', 'call');
    const [header, ...rows] = parse(out, { relaxColumnCount: false }) as string[][];
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]!]));
    expect(row.transcript_id).toBe(`'${FORMULA}`);
    expect(row.team).toBe(`'${FORMULA}`);
    expect(out).toContain(`"'=HYPERLINK(""x"")"`);
    for (const cell of rows.flat()) {
      if (/^-?\d+(\.\d+)?$/.test(cell)) continue; // numbers, including negatives, are data
      expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('csv by agent stays formula-safe too', async () => {
    const [header, ...rows] = parse(await score('csv', '--group-by', 'team')) as string[][];
    const row = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]!]));
    expect(row.key).toBe(`'${FORMULA}`);
  });

  it('junit: well-formed XML with the hostile id and quotes escaped', async () => {
    for (const groupBy of ['agent', 'call']) {
      const out = await score('junit', '--group-by', groupBy);
      expect(() => assertWellFormedXml(out)).not.toThrow();
      expect(out).toContain('=HYPERLINK(&quot;x&quot;)');
      expect(out).not.toContain(SCRIPT_TAG);
    }
  });

  it('the XML check rejects what a CI dashboard would choke on', () => {
    expect(() => assertWellFormedXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => assertWellFormedXml('<a>x <script> y</a>')).toThrow();
    expect(() => assertWellFormedXml('<a t="a"b">x</a>')).toThrow(/attributes/);
    expect(() => assertWellFormedXml('<a>Tom & Jerry</a>')).toThrow(/&/);
    expect(() => assertWellFormedXml('<a/><b/>')).toThrow(/second root/);
    expect(() => assertWellFormedXml('<?xml version="1.0"?>\n<a x="&quot;"><!-- c --><b/>t&amp;t</a>\n')).not.toThrow();
  });
});

describe('--redact masks personal data in every format', () => {
  const PERSONAL = { email: EMAIL, phone: PHONE, card: CARD } as const;
  const MASKS = { email: 'EMAIL', phone: 'PHONE', card: 'CARD' } as const;
  type Kind = keyof typeof PERSONAL;
  // Which personal data each format shows when NOT redacting, so the masked run proves something. CSV carries only
  // ids and numbers, never transcript text, so there is nothing in it to mask: it must simply never carry any.
  const SHOWN: Record<string, Kind[]> = {
    json: ['email', 'phone', 'card'],
    ndjson: ['email', 'phone', 'card'],
    html: ['email', 'phone', 'card'],
    markdown: ['email', 'phone', 'card'],
    line: ['email', 'phone', 'card'],
    junit: ['email', 'card'],
    csv: [],
  };

  for (const [format, shown] of Object.entries(SHOWN)) {
    it(`${format}: shows the data without --redact and masks all of it with --redact`, async () => {
      const extra = format === 'junit' ? ['--rubric', failingRubric] : [];
      const plain = await score(format, ...extra);
      const masked = await score(format, '--redact', ...extra);
      const unescaped = masked.replace(/\\([[\]])/g, '$1'); // markdown escapes the mask's brackets
      for (const kind of Object.keys(PERSONAL) as Kind[]) {
        expect(masked, `${format} leaks the ${kind}`).not.toContain(PERSONAL[kind]);
        // Digits only, so a reformatted number (no spaces) cannot slip through either.
        if (kind !== 'email') expect(masked.replace(/[ -]/g, '')).not.toContain(PERSONAL[kind].replace(/ /g, ''));
        if (shown.includes(kind)) {
          expect(plain, `${format} should show the ${kind} unredacted`).toContain(PERSONAL[kind]);
          expect(unescaped).toContain(`[${MASKS[kind]}]`);
        } else {
          expect(plain).not.toContain(PERSONAL[kind]);
        }
      }
      if (format === 'csv') {
        const masked = await score(format, '--redact', '--group-by', 'call');
        for (const value of Object.values(PERSONAL)) expect(masked).not.toContain(value);
      }
    });
  }

  it('report --format html and markdown mask too', async () => {
    for (const format of ['html', 'markdown']) {
      const stdout = await report(format, '--redact');
      for (const value of Object.values(PERSONAL)) expect(stdout).not.toContain(value);
      expect(stdout.replace(/\\([[\]])/g, '$1')).toContain('[EMAIL]');
    }
  });
});
