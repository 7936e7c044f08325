// `empathy formats`: the input readers and output formatters, straight from their registries.
import { FORMATTERS } from '../../formatters/index.js';
import { READERS } from '../../transcript/readers/index.js';

/** Options of score/report that change how inputs are read and who the agent is (each also in --help and the README). */
export const READING_OPTIONS: ReadonlyArray<{ option: string; meaning: string }> = [
  { option: '--input-format <name>', meaning: 'read every input as this format instead of sniffing' },
  { option: '--columns field=Column,…', meaning: 'CSV/TSV column mapping (role, text, call_id, agent_id, timestamp, …; with --thread-by: id, author, inbound)' },
  { option: '--encoding <label>', meaning: 'decode inputs with this encoding (windows-1252, latin1, utf-16le, …)' },
  { option: '--agent-names <names>', meaning: 'speaker names that are agents' },
  { option: '--role-map <file>', meaning: 'YAML speaker → role (and agentId) map' },
  { option: '--channel-map <map>', meaning: 'audio channel → role for channel-only inputs (Twilio)' },
  { option: '--agent-id <id>', meaning: 'the agent id of every agent turn' },
  { option: '--contacts <file>', meaning: 'contact metadata (CSV, JSON lines) joined by contact id: agent, team/queue, date (Amazon Connect ContactId, Agent.Username, Queue.Name, InitiationTimestamp)' },
  { option: '--contact-columns field=Column,…', meaning: 'column mapping for --contacts (contact_id, agent, agent_name, team, date)' },
  { option: '--thread-by <column>', meaning: 'CSV threads: a row joins the call of the parent its reply-to column names (in_response_to_tweet_id)' },
  { option: '--agent-from-signature', meaning: 'with --thread-by: a trailing signature (^MM, /AY, - Mike) names the agent, <signature>@<handle>' },
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
