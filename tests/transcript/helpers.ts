import type { ReadOptions, ReadOutput, Reader } from '../../src/transcript/readers/index.js';

export function read(reader: Reader, text: string, file = 'call.txt', options: ReadOptions = {}): ReadOutput {
  return reader.read(text, { file, options });
}

/** The one transcript a single-call input yields. */
export function only(out: ReadOutput) {
  if (out.transcripts.length !== 1) throw new Error(`expected one transcript, got ${out.transcripts.length}`);
  return out.transcripts[0]!;
}

export function roles(out: ReadOutput): string[] {
  return only(out).turns.map((t) => t.role);
}
