// Bytes → text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM; NUL bytes without a BOM mean binary. With
// `--encoding <label>` (any label Node's TextDecoder knows: latin1, windows-1252, utf-16le, shift_jis, …) every input is
// decoded with it instead.

export type Decoded = { ok: true; text: string } | { ok: false; reason: string; line?: number };

/** The canonical name of an encoding label (`latin1` → `windows-1252`, as WHATWG defines), or undefined if unknown. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/** True for encodings where a 0x0a byte is always a line feed (so JSONL can be split into lines before decoding). */
export function isAsciiCompatible(encoding: string): boolean {
  return !/^utf-16/.test(encoding);
}

export function decodeBytes(bytes: Uint8Array, encoding?: string): Decoded {
  if (encoding !== undefined) return decodeAs(encoding, bytes);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeWith('utf-16le', bytes.subarray(2), 'UTF-16 LE');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeWith('utf-16be', bytes.subarray(2), 'UTF-16 BE');
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    return { ok: false, reason: 'binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)' };
  }
  return decodeWith('utf-8', body, 'UTF-8');
}

/** One strict decoder per encoding: without `stream`, decode() keeps no state between calls. */
const strictDecoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decodeWith(encoding: string, bytes: Uint8Array, label: string): Decoded {
  let decoder = strictDecoders.get(encoding);
  if (!decoder) strictDecoders.set(encoding, (decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })));
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    // Locate the first bad sequence for the message.
    const lossy = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const line = at < 0 ? undefined : lossy.slice(0, at).split('\n').length;
    const reason =
      encoding === 'utf-8'
        ? 'not valid UTF-8 text (an export from Windows or Excel is often Windows-1252: pass --encoding windows-1252, or convert the file to UTF-8)'
        : `not valid ${label} text (convert the file to UTF-8, or name its encoding with --encoding)`;
    return line === undefined ? { ok: false, reason } : { ok: false, reason, line };
  }
}

/** Decodes with the encoding the user named; a BOM of that encoding is dropped. */
function decodeAs(encoding: string, bytes: Uint8Array): Decoded {
  const name = encodingName(encoding) ?? encoding;
  let body = bytes;
  if (name === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  else if (name === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) body = bytes.subarray(2);
  else if (name === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) body = bytes.subarray(2);
  const decoded = decodeWith(name, body, `${name} (--encoding ${encoding})`);
  return decoded.ok && name === 'windows-1252' ? { ok: true, text: fixWindows1252(decoded.text) } : decoded;
}

/**
 * Node's TextDecoder decodes windows-1252 (and `latin1`, which WHATWG maps to it) as ISO-8859-1, so bytes 0x80–0x9F
 * come out as C1 controls instead of € ‘ ’ “ ” – — …; this maps them as the WHATWG table does.
 */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function fixWindows1252(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!) : text;
}
