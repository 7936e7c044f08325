// Reader registry: one explicit list that also drives `empathy formats` and sniffing order.
import { csvReader, tsvReader } from './csv.js';
import { jsonReader, jsonlReader } from './json.js';
import { srtReader } from './srt.js';
import { textReader } from './text.js';
import { JSON_SHAPE_READERS } from './json-shapes.js';
import type { Reader } from './types.js';
import { vttReader } from './vtt.js';

export type { ReadContext, ReadOptions, ReadOutput, Reader } from './types.js';

/** Sniffing tries these in order: the more specific shapes first, plain text last. */
export const READERS: readonly Reader[] = [
  ...JSON_SHAPE_READERS,
  jsonlReader,
  jsonReader,
  vttReader,
  srtReader,
  tsvReader,
  csvReader,
  textReader,
];

export function findReader(name: string): Reader | undefined {
  const key = name.trim().toLowerCase();
  return READERS.find((r) => r.name === key);
}

/** Extensions the input walker picks up from directories (`.gz` when what is inside is one of the others). */
export const KNOWN_EXTENSIONS: readonly string[] = [...new Set([...READERS.flatMap((r) => r.extensions), '.gz'])].sort();

/** True for a file the directory walker should read: a known extension, and `x.json.gz` but not `x.tar.gz`. */
export function isTranscriptFile(file: string): boolean {
  const ext = extensionOf(file);
  if (ext !== '.gz') return KNOWN_EXTENSIONS.includes(ext);
  const inner = extensionOf(file.slice(0, -ext.length));
  return inner !== '.gz' && KNOWN_EXTENSIONS.includes(inner);
}

/** The name a gzipped input is sniffed by: `calls/x.json.gz` → `calls/x.json`. */
export function innerName(file: string): string {
  return /.\.gz$/i.test(file) ? file.slice(0, -3) : file;
}

/**
 * The reader for a file: `inputFormat` if given, else content sniffing, else the extension.
 * Content wins over extension so that a `.json` Transcribe file or a `.txt` CSV export still reads.
 */
export function chooseReader(head: string, file: string, inputFormat?: string): Reader | undefined {
  if (inputFormat) return findReader(inputFormat);
  const ext = extensionOf(file);
  const byExtension = READERS.filter((r) => r.extensions.includes(ext));
  // Extension candidates get first refusal, then any reader that recognises the content.
  return (
    byExtension.find((r) => r.sniff(head, file)) ??
    READERS.find((r) => r.sniff(head, file)) ??
    byExtension[byExtension.length - 1]
  );
}

export function extensionOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}
