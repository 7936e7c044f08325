// `empathy formats`: the input readers and output formatters, straight from their registries.
import { FORMATTERS } from '../../formatters/index.js';
import { READERS } from '../../transcript/readers/index.js';
import { readingOptions } from '../reading-options.js';

/**
 * Options of score/report that change how inputs are read and who the agent is, as --help words them (one
 * definition: src/cli/reading-options.ts), and --strict's part in it.
 */
export const READING_OPTIONS: ReadonlyArray<{ option: string; meaning: string }> = [
  ...readingOptions().map((o) => ({ option: o.flags, meaning: o.description })),
  { option: '--strict', meaning: 'also: a call whose agent id would only be its file name fails (exit 2)' },
];

export function formatsText(): string {
  const lines = ['Input formats (chosen by content, then extension; override with --input-format <name>):', ''];
  for (const reader of READERS) {
    lines.push(`  ${reader.name}  (${reader.extensions.join(' ')})  ${reader.description}`);
    lines.push(`    detection: ${reader.detection}`);
    lines.push(`    fields:    ${reader.fields}`);
    lines.push('');
  }
  lines.push('Reading options (score, report):', '');
  const optionWidth = Math.max(...READING_OPTIONS.map((o) => o.option.length));
  for (const { option, meaning } of READING_OPTIONS) lines.push(`  ${option.padEnd(optionWidth)}  ${meaning}`);
  lines.push('');
  lines.push('Output formats (--format <name>):', '');
  const width = Math.max(...FORMATTERS.map((f) => f.name.length));
  for (const formatter of FORMATTERS) {
    lines.push(`  ${formatter.name.padEnd(width)}  .${formatter.extension.padEnd(8)} ${formatter.description}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The registries as data, for `empathy formats --json` and tooling. */
export function formatsJson(): string {
  const data = {
    inputs: READERS.map((r) => ({ name: r.name, extensions: r.extensions, description: r.description, detection: r.detection, fields: r.fields })),
    readingOptions: READING_OPTIONS,
    outputs: FORMATTERS.map((f) => ({ name: f.name, extension: f.extension, description: f.description })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
