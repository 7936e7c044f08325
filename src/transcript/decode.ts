// Bytes → text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM; NUL bytes without a BOM mean binary.

export type Decoded = { ok: true; text: string } | { ok: false; reason: string; line?: number };

export function decodeBytes(bytes: Uint8Array): Decoded {
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
    const reason = `not valid ${label} text (convert the file to UTF-8)`;
    return line === undefined ? { ok: false, reason } : { ok: false, reason, line };
  }
}
