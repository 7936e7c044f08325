// --encoding (issue 21): inputs that are not UTF-8 are decoded with the encoding the user names (Node's TextDecoder
// labels), and a Windows-1252 file read as UTF-8 fails with a message that names the option.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes, fixWindows1252 } from '../../src/transcript/decode.js';
import { empathyInProcess as empathy } from '../helpers/cli-in-process.js';

const W1252 = 'fixtures/encodings/windows-1252.txt';
const UTF16 = 'fixtures/encodings/utf-16le-no-bom.txt';

describe('--encoding', () => {
  it('a Windows-1252 export read as UTF-8 fails with file, line and the option to use', async () => {
    const run = await empathy(['score', W1252, '--format', 'json', '--no-progress']);
    expect(run.code).toBe(2); // every input failed
    expect(run.lines).toContain(
      `${W1252}:5: not valid UTF-8 text (an export from Windows or Excel is often Windows-1252: pass --encoding windows-1252, or convert the file to UTF-8)`,
    );
    expect(JSON.parse(run.stdout).summary).toMatchObject({ read: 1, scored: 0, failed: 1 });
  });

  it('--encoding windows-1252 (and latin1, its WHATWG alias) decodes é, €, and curly quotes', async () => {
    for (const label of ['windows-1252', 'latin1', 'cp1252']) {
      const run = await empathy(['score', W1252, '--encoding', label, '--format', 'json', '--no-progress']);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.calls[0].turns[1].text).toBe('Le café coûte 5€ de plus, “c\'est ridicule”.');
    }
  });

  it('--encoding utf-16le reads UTF-16 without a byte-order mark (refused as binary without it)', async () => {
    const plain = await empathy(['score', UTF16, '--format', 'json', '--no-progress']);
    expect(plain.stderr).toMatch(/binary file \(contains NUL bytes; UTF-16 text needs a byte-order mark\)/);
    const run = await empathy(['score', UTF16, '--encoding', 'utf-16le', '--format', 'json', '--no-progress']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).calls[0].turns[1].text).toBe('Café bill, 5€.');
  });

  it('an unknown label is a usage error (exit 2) before anything is read', async () => {
    const run = await empathy(['score', W1252, '--encoding', 'klingon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--encoding <label>' argument 'klingon' is invalid/);
  });

  it('decodes byte for byte: every windows-1252 byte 0x80–0x9F the WHATWG table maps, C1 holes kept', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const decoded = decodeBytes(bytes, 'windows-1252');
    expect(decoded.ok).toBe(true);
    const text = (decoded as { text: string }).text;
    expect(text[0]).toBe('€');
    expect(text[0x93 - 0x80]).toBe('“');
    expect(text[0x81 - 0x80]).toBe('\u0081'); // undefined in windows-1252: kept as the C1 code point
    expect(fixWindows1252('plain ascii')).toBe('plain ascii');
    expect(readFileSync(W1252).includes(0x80)).toBe(true);
  });
});
