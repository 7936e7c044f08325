import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, escapeHtml, escapeMarkdown, escapeXml } from '../../src/formatters/escape.js';

describe('escapeHtml / escapeXml', () => {
  it('turns markup and attribute breakers into entities', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml('" onmouseover="x')).toBe('&quot; onmouseover=&quot;x');
    expect(escapeHtml("it's & done")).toBe('it&#39;s &amp; done');
    expect(escapeXml("it's <b>")).toBe('it&apos;s &lt;b&gt;');
  });

  it('drops characters XML 1.0 cannot carry but keeps tabs, newlines and astral characters', () => {
    expect(escapeXml('a\u0000b\u001bc\ud800d\uFFFEe')).toBe('abcde');
    expect(escapeXml('tab\tnl\ncr\r 😀')).toBe('tab\tnl\ncr\r 😀');
  });

  it('never leaves a raw < > or quote for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
        expect(escapeXml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });
});

describe('csvCell', () => {
  it('neutralises formula triggers with a leading quote', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('quotes only when needed and writes numbers, booleans and empties plainly', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-8.5)).toBe('-8.5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('escapeMarkdown', () => {
  it('escapes table pipes, code, emphasis, links, headings and HTML', () => {
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
    expect(escapeMarkdown('# Heading')).toBe('\\# Heading');
    expect(escapeMarkdown('`rm -rf`')).toBe('\\`rm -rf\\`');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('*bold* _it_')).toBe('\\*bold\\* \\_it\\_');
  });

  it('keeps a quote on one line', () => {
    expect(escapeMarkdown('one\n# two\r\nthree')).toBe('one # two three');
  });
});
