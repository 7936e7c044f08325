// Security properties on a fuzzed corpus: whatever markup, formula triggers or personal data the transcript holds,
// HTML stays escaped, CSV cells are never formulas, and --redact leaves no generated e-mail, phone or card number,
// postcode or street address in any output format.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATTERS, findFormatter } from '../../src/formatters/index.js';
import { runScore } from '../../src/pipeline.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "=cmd|' /C calc'!A0",
  '+SUM(1+1)',
  '-2+3+cmd',
  '@SUM(A1)',
  "'><svg onload=alert(1)>",
  '</li><script src=//x>',
];
const email = fc
  .tuple(fc.stringMatching(/^[a-z]{2,8}$/), fc.stringMatching(/^[a-z]{2,8}$/), fc.constantFrom('com', 'org', 'co.uk'))
  .map(([user, host, tld]) => `${user}.x@${host}.${tld}`);
const phone = fc.stringMatching(/^07\d{3} \d{6}$/);
/** A Luhn-valid 16-digit card number in groups of four. */
const card = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }).map((digits) => {
  const all = [4, ...digits.slice(1)];
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const d = all[14 - i]!;
    sum += i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
  }
  const full = [...all, (10 - (sum % 10)) % 10].join('');
  return full.replace(/(\d{4})(?=\d)/g, '$1 ');
});
const postcode = fc.constantFrom('SW1A 1AA', 'M1 1AE', 'EC1A 1BB', 'B33 8TH', 'CR2 6XH', 'LS1 4AP');
const STREET_NAMES = ['Beech', 'Elm', 'Acacia', 'Baker', 'High', 'MG', 'Smith', 'Pennsylvania', 'St John\'s', 'Carlisle', 'Park'];
const STREET_SUFFIXES = ['Avenue', 'Grove', 'Road', 'Street', 'St', 'Ave', 'Crescent', 'Lane', 'Close', 'Drive', 'Way', 'Terrace', 'Rd'];
const address = fc
  .tuple(
    fc.integer({ min: 1, max: 2999 }),
    fc.constantFrom('', 'B', 'a'),
    fc.constantFrom(...STREET_NAMES),
    fc.constantFrom(...STREET_SUFFIXES),
    fc.constantFrom('', 'Flat 3, ', 'Apt 12 '),
  )
  .map(([n, letter, name, suffix, unit]) => `${unit}${n}${letter} ${name} ${suffix}`);
/** The personal data the generators put into turns, found again in the generated text. */
const SECRET_PATTERNS = [
  /\S+@\S+/g,
  /07\d{3} \d{6}/g,
  /4\d{3} \d{4} \d{4} \d{4}/g,
  /\b(?:SW1A 1AA|M1 1AE|EC1A 1BB|B33 8TH|CR2 6XH|LS1 4AP)\b/g,
  new RegExp(String.raw`\d{1,4}[Ba]? (?:${STREET_NAMES.join('|')}) (?:${STREET_SUFFIXES.join('|')})\b`, 'g'),
];
const words = fc.constantFrom('sorry', 'that must be frustrating', 'thank you for your patience', 'I will call you back tomorrow', 'my bill is wrong', 'I am upset');
const piece = fc.oneof(
  fc.constantFrom(...HOSTILE),
  email.map((e) => `email ${e}`),
  phone.map((p) => `call ${p}`),
  card.map((c) => `card ${c} please`),
  postcode.map((p) => `postcode ${p} thanks`),
  address.map((a) => `I live at ${a}, yes`),
  words,
);
const turnText = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(' '));
const headerValue = fc.constantFrom(...HOSTILE.filter((h) => !h.includes('\n')), 'plain');

const transcript = fc.record({
  id: headerValue,
  agent: headerValue,
  team: headerValue,
  turns: fc.array(fc.tuple(fc.constantFrom('Agent', 'Customer'), turnText), { minLength: 2, maxLength: 6 }),
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'empathy-sec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(calls: Array<typeof transcript extends fc.Arbitrary<infer T> ? T : never>): string[] {
  return calls.map((c) => {
    const file = join(dir, `call-${n++}.txt`);
    const body = [['Agent', 'Thank you for calling, how can I help?'] as const, ...c.turns].map(([who, text]) => `${who}: ${text}`).join('\n');
    writeFileSync(file, `Call-Id: ${c.id}\nAgent-Id: ${c.agent}\nTeam: ${c.team}\n\n${body}\n`);
    return file;
  });
}

const fmt = (name: string) => findFormatter(name)!;
const RUNS = { numRuns: 25 };

describe('fuzzed hostile transcripts', () => {
  it('html: no tag from the transcript survives (no <script, no element carrying onerror/onload)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transcript, { minLength: 1, maxLength: 3 }), async (calls) => {
        const run = await runScore(write(calls), { keepCalls: true });
        const html = fmt('html').format(run.report, { color: false, verbose: true });
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<[a-z][^>]*\bon(?:error|load)\s*=/i);
        expect(html).not.toMatch(/<img\b/i); // the report draws its charts with inline <svg>, never <img>
        // The markup is there, as text — when the generated turns carried any and a call was scored to show it.
        const markupInTurns = calls.some((c) => c.turns.some(([, text]) => text.includes('<')));
        if (markupInTurns && run.report.calls.length === calls.length) expect(html).toContain('&lt;');
      }),
      RUNS,
    );
  });

  it('csv: no cell starts with a formula character unless it is a plain number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transcript, { minLength: 1, maxLength: 3 }), fc.constantFrom('agent', 'team', 'call'), async (calls, groupBy) => {
        const run = await runScore(write(calls), { keepCalls: true, groupBy: groupBy as 'agent' | 'team' | 'call' });
        const csv = fmt('csv').format(run.report, { color: false });
        const cells = (parse(csv, { relax_column_count: true }) as string[][]).flat();
        expect(cells.length).toBeGreaterThan(0);
        for (const cell of cells) if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^-?\d+(?:\.\d+)?$/);
      }),
      RUNS,
    );
  });

  it('--redact: no generated e-mail, phone, card, postcode or address appears in any output format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transcript, { minLength: 1, maxLength: 3 }), async (calls) => {
        const run = await runScore(write(calls), { keepCalls: true, redact: true });
        const secrets = calls.flatMap((c) =>
          c.turns.flatMap(([, text]) => SECRET_PATTERNS.flatMap((re) => [...text.matchAll(re)].map((m) => m[0]))),
        );
        for (const formatter of FORMATTERS) {
          const options = { color: false, verbose: true };
          const outputs = [formatter.format(run.report, options)];
          if (formatter.formatCall) for (const call of run.report.calls) outputs.push(formatter.formatCall(call, run.report, options));
          const out = outputs.join('\n');
          for (const secret of secrets) expect(out, `${formatter.name} leaks ${secret}`).not.toContain(secret);
        }
      }),
      RUNS,
    );
  });
});
