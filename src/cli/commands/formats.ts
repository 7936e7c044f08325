// `empathy formats`: the input readers and output formatters, straight from their registries.
import { FORMATTERS } from '../../formatters/index.js';
import { READERS } from '../../transcript/readers/index.js';

export function formatsText(): string {
  const lines = ['Input formats (chosen by content, then extension; override with --input-format <name>):', ''];
  for (const reader of READERS) {
    lines.push(`  ${reader.name}  (${reader.extensions.join(' ')})  ${reader.description}`);
    lines.push(`    detection: ${reader.detection}`);
    lines.push(`    fields:    ${reader.fields}`);
    lines.push('');
  }
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
    outputs: FORMATTERS.map((f) => ({ name: f.name, extension: f.extension, description: f.description })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
