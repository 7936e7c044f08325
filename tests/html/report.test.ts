// Opens the HTML coaching report in headless Chromium, the way a coach would, and checks what actually renders:
// one section per agent, highlighted findings with visible labels, and hostile transcript text shown as text only.
// `npm test` builds dist/ first (pretest); when running vitest directly, run `npx tsc -p tsconfig.json` first.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { empathy, ROOT } from '../cli/run.js';
import { SCRIPT_TAG, writeHostileTranscript } from '../security/hostile.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
// The sample calls with caption speakers mapped to agent ids, as `npm start` and `npm run report` use them.
const FIXTURES = ['fixtures/transcripts', '--role-map', 'fixtures/roles.yaml'];
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Chromium not found at ${CHROMIUM}: skipping the browser test`);

/** Renders a report with the CLI and returns its path; the CLI must exit 0 and write the file. */
function buildReport(dir: string, name: string, inputs: string[]): string {
  const out = join(dir, name);
  const run = empathy(['report', ...inputs, '--format', 'html', '-o', out, '--no-progress']);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.code).toBe(0);
  return out;
}

interface Opened {
  page: Page;
  dialogs: string[];
  requests: string[];
}

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let fixturesReport: string;
  let hostileReport: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'empathy-html-'));
    fixturesReport = buildReport(dir, 'report.html', FIXTURES);
    hostileReport = buildReport(dir, 'hostile.html', [writeHostileTranscript(dir)]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, dialogs, requests };
  }

  it('shows one section per agent, as many as the JSON output has groups, and screenshots the page', async () => {
    const json = empathy(['score', ...FIXTURES, '--format', 'json', '--no-progress']);
    expect(json.code).toBe(0);
    const groups = (JSON.parse(json.stdout) as { groups: { key: string }[] }).groups;
    expect(groups.length).toBeGreaterThan(1);

    const { page, dialogs, requests } = await open(fixturesReport);
    expect(await page.title()).toBe('Empathy coaching report');
    await expect.poll(() => page.locator('section.group').count()).toBe(groups.length);
    expect(await page.locator('nav tbody tr').count()).toBe(groups.length);
    // Every section is reachable from the index and headed by its group.
    for (let i = 0; i < groups.length; i++) {
      await expect.poll(() => page.locator(`section.group#group-${i} > h2`).isVisible()).toBe(true);
    }
    expect(await page.locator('section.group svg[role="img"]').count()).toBeGreaterThanOrEqual(groups.length);

    mkdirSync(ARTIFACTS, { recursive: true });
    const png = join(ARTIFACTS, 'report.png');
    await page.screenshot({ path: png, fullPage: true });
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');

    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(fixturesReport).href]);
    await page.close();
  });

  it('highlights a finding with a <mark> and a visible behaviour label once a call is opened', async () => {
    const { page } = await open(fixturesReport);
    const firstCall = page.locator('section.group details').first();
    const mark = firstCall.locator('ol.transcript mark').first();
    expect(await mark.isVisible()).toBe(false); // calls start collapsed
    await firstCall.locator('summary').click();
    await expect.poll(() => mark.isVisible()).toBe(true);
    expect((await mark.innerText()).trim().length).toBeGreaterThan(3);
    expect(await mark.getAttribute('title')).toMatch(/^[a-z-]+\/[a-z-]+ \d\.\d\d/);
    const label = mark.locator('xpath=following-sibling::span[contains(@class,"tag")][1]');
    expect(await label.isVisible()).toBe(true);
    expect(await label.innerText()).toMatch(/^\[[a-z-]+\/[a-z-]+\]$/);
    // The highlight is visibly marked, not just a tag in the DOM.
    const style = await mark.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderBottomWidth, background: s.backgroundColor };
    });
    expect(style.border).not.toBe('0px');
    expect(style.background).not.toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });

  it('renders a transcript containing <script> as visible text: no scripts, no dialog, no network', async () => {
    const html = readFileSync(hostileReport, 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const { page, dialogs, requests } = await open(hostileReport);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    // Opening every call shows the whole transcript, including the hostile customer line.
    for (const summary of await page.locator('summary').all()) await summary.click();
    const customerLine = page.locator('ol.transcript li.customer', { hasText: SCRIPT_TAG }).first();
    await expect.poll(() => customerLine.isVisible()).toBe(true);
    expect(await customerLine.innerText()).toContain(SCRIPT_TAG);
    expect(await customerLine.innerText()).toContain('=HYPERLINK("x")');
    expect(await page.locator('body').innerText()).toContain(SCRIPT_TAG);
    // Give a would-be alert() a moment to fire before asserting that none did.
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(hostileReport).href]);
    await page.close();
  });
});
