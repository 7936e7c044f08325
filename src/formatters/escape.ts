// Escaping shared by every formatter: transcript text is untrusted and must never become markup or a formula.

/** Characters outside XML 1.0's Char production (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/** Escape text for XML content and attributes; characters XML 1.0 cannot carry are dropped. */
export function escapeXml(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(/[&<>"']/g, (c) => (c === "'" ? '&apos;' : HTML_ENTITIES[c]!));
}

/** Leading characters that make spreadsheets treat a cell as a formula (or swallow a control). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 cell. Text starting with a formula trigger gets a leading `'` so spreadsheets show it as text;
 * numbers are written as numbers (a negative delta is data, not a formula).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Escape transcript text for inline use in Markdown (table cells, list items, quotes): no markup, headings, code
 * spans, links or raw HTML survive, and line breaks become spaces so a quote cannot break out of its line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(XML_ILLEGAL, '')
    .replace(/\s+/g, (space) => (/[\r\n]/.test(space) ? ' ' : space))
    .replace(/[\\`*_[\]{}|~!]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
