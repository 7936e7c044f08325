// A strict-enough XML 1.0 well-formedness check for the test suite (Node has no XML parser, and none is a dependency):
// one root element, balanced and properly nested tags, quoted unique attributes, and no raw `<` or stray `&` in text.

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g;
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'gy');

function checkText(text: string, where: number): void {
  if (text.includes('<')) throw new Error(`raw "<" in text at ${where}`);
  if (/&/.test(text.replace(ENTITY, ''))) throw new Error(`stray "&" in text at ${where}`);
}

function checkAttributes(source: string, where: number): void {
  ATTRIBUTE.lastIndex = 0;
  const seen = new Set<string>();
  let at = 0;
  for (;;) {
    ATTRIBUTE.lastIndex = at;
    const m = ATTRIBUTE.exec(source);
    if (!m) break;
    if (seen.has(m[1]!)) throw new Error(`duplicate attribute ${m[1]} at ${where}`);
    seen.add(m[1]!);
    checkText(m[2] ?? m[3] ?? '', where);
    at = ATTRIBUTE.lastIndex;
  }
  if (source.slice(at).trim() !== '') throw new Error(`malformed attributes at ${where}: ${source.slice(at, at + 40)}`);
}

/** Throws a one-line error naming the offset of the first well-formedness problem. */
export function assertWellFormedXml(xml: string): void {
  let rest = xml.replace(/^\uFEFF/, '');
  let offset = 0;
  const decl = /^<\?xml\s[^?]*\?>/.exec(rest);
  if (decl) {
    rest = rest.slice(decl[0].length);
    offset += decl[0].length;
  }
  const open: string[] = [];
  let roots = 0;
  const tag = new RegExp(`<(/?)(${NAME})([^<>]*?)(/?)>|<!--[\\s\\S]*?-->|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<`, 'g');
  let last = 0;
  for (const m of rest.matchAll(tag)) {
    const where = offset + m.index;
    const text = rest.slice(last, m.index);
    if (open.length === 0 && text.trim() !== '') throw new Error(`text outside the root element at ${where}`);
    checkText(text, where);
    last = m.index + m[0].length;
    if (m[0] === '<') throw new Error(`unparseable "<" at ${where}`);
    if (m[2] === undefined) {
      if (open.length === 0 && m[0].startsWith('<![CDATA[')) throw new Error(`CDATA outside the root at ${where}`);
      continue;
    }
    const [, closing, name, attributes, selfClosing] = m;
    if (closing) {
      if (attributes!.trim() !== '' || selfClosing) throw new Error(`malformed end tag </${name}> at ${where}`);
      const expected = open.pop();
      if (expected !== name) throw new Error(`</${name}> closes <${expected ?? 'nothing'}> at ${where}`);
      continue;
    }
    checkAttributes(attributes!, where);
    if (open.length === 0 && ++roots > 1) throw new Error(`second root element <${name}> at ${where}`);
    if (!selfClosing) open.push(name!);
  }
  const tail = rest.slice(last);
  if (tail.trim() !== '') throw new Error(`text after the root element at ${offset + last}`);
  if (open.length) throw new Error(`unclosed <${open[open.length - 1]}>`);
  if (roots !== 1) throw new Error('no root element');
}
