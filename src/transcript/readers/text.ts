// Plain-text transcripts: `Agent: …` / `Customer: …` lines, optional `[hh:mm:ss]` prefixes and header block.
import { InputError } from '../input-error.js';
import { buildTranscript, roleFromLabel, type CallHeader, type RawTurn } from '../roles.js';
import { cleanText, firstNonBlankLines, idFromFileName, isRedactionToken, normaliseDate, parseTimestamp, splitLines } from '../util.js';
import type { ReadContext, ReadOutput, Reader } from './types.js';

const HEADER_KEYS: Record<string, keyof CallHeader> = {
  callid: 'id',
  conversationid: 'id',
  agentid: 'agentId',
  agentname: 'agentName',
  team: 'team',
  date: 'date',
  channel: 'channel',
};
const headerKey = (key: string): string => key.toLowerCase().replace(/[\s_-]/g, '');

const TIMESTAMP = /^\s*\[\s*((?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s*\]\s*/;
// A label: up to 40 chars without a colon (or a bracketed redaction token such as "[NAME]"), optionally "(...)",
// then ": " or a colon ending the line.
const LABEL = /^(\[[A-Z_]{2,30}\]|[^:()[\]]{1,40}?)\s*(?:\(([^()]{1,40})\))?\s*:(?:\s+(.*)|$)/;
const TRANSFER = /^\s*transfer[\s_-]?to\s*:\s*(\S.*?)\s*$/i;

const MORE_THAN_FIVE_WORDS = /(?:\s+\S+){5}/;

interface Label {
  name: string;
  paren?: string;
  rest: string;
}

function parseLabel(line: string): Label | undefined {
  const m = LABEL.exec(line);
  if (!m) return undefined;
  const name = m[1]!.trim();
  if (name === '' || MORE_THAN_FIVE_WORDS.test(name)) return undefined;
  // Sentence punctuation means prose ("Well, the fee is: …"), not a speaker name.
  if (/[!?;,"“”…]|\.\s*$/.test(name)) return undefined;
  if (/^\d+$/.test(name)) return undefined;
  // A bare redaction token ("****: 1234", "[PII]: …") is masked content, not a speaker; "[NAME] (Agent):" is a speaker.
  if (isRedactionToken(name) && m[2] === undefined) return undefined;
  const label: Label = { name, rest: m[3] ?? '' };
  if (m[2] !== undefined) label.paren = m[2].trim();
  return label;
}

export const textReader: Reader = {
  name: 'text',
  description: 'Plain text, one "Speaker: words" line per turn',
  extensions: ['.txt'],
  detection: '.txt extension, or lines starting with "Agent:" / "Customer:" / "[00:01:23] Name:"',
  fields:
    'header block (Call-Id, Agent-Id, Agent-Name, Team, Date, Channel), [hh:mm:ss] timestamps, ' +
    'Speaker / "Name (Agent)" / "Agent (agent id)" labels, continuation lines, Transfer-To: <agent id>',
  sniff(head) {
    const lines = firstNonBlankLines(head, 20);
    return lines.some((l) => {
      const label = parseLabel(l.replace(TIMESTAMP, ''));
      return label !== undefined && (roleFromLabel(label.name) !== undefined || label.paren !== undefined);
    });
  },
  read(text, ctx) {
    return readText(text, ctx);
  },
};

function readText(text: string, ctx: ReadContext): ReadOutput {
  const lines = splitLines(text);
  const warnings: string[] = [];
  const header: CallHeader = { id: '' };
  const bodyStart = parseHeader(lines, header, warnings, ctx.file);
  if (!header.id) header.id = idFromFileName(ctx.file);

  // Labels seen at the start of two or more lines are speakers even without a role word.
  // Each line's timestamp and label, parsed once for both passes.
  const stamps: (RegExpExecArray | null)[] = new Array(lines.length).fill(null);
  const labels: (Label | undefined)[] = new Array(lines.length).fill(undefined);
  const labelCounts = new Map<string, number>();
  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    const stamp = TIMESTAMP.exec(raw);
    const label = parseLabel(stamp ? raw.slice(stamp[0].length) : raw);
    stamps[i] = stamp;
    labels[i] = label;
    if (label) labelCounts.set(label.name.toLowerCase(), (labelCounts.get(label.name.toLowerCase()) ?? 0) + 1);
  }
  const knownNames = new Set(
    [...(ctx.options.agentNames ?? []), ...(ctx.options.roleMap?.agents ?? []), ...(ctx.options.roleMap?.customers ?? []),
      ...Object.keys(ctx.options.roleMap?.speakers ?? {})].map((n) => n.trim().toLowerCase()),
  );

  const turns: RawTurn[] = [];
  let current: RawTurn | undefined;
  let transferAgentId: string | undefined;
  let orphanLine: number | undefined;
  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const transfer = TRANSFER.exec(raw);
    if (transfer) {
      transferAgentId = transfer[1];
      continue;
    }
    const stamp = stamps[i] ?? null;
    const line = stamp ? raw.slice(stamp[0].length) : raw;
    const label = labels[i];
    const isSpeaker =
      label !== undefined &&
      (stamp !== null ||
        current === undefined ||
        label.paren !== undefined ||
        roleFromLabel(label.name) !== undefined ||
        knownNames.has(label.name.toLowerCase()) ||
        (labelCounts.get(label.name.toLowerCase()) ?? 0) >= 2);
    if (label && isSpeaker) {
      current = speakerTurn(label, transferAgentId);
      if (current.agentId && current.role === 'agent') transferAgentId = current.agentId;
      if (stamp) {
        const start = parseTimestamp(stamp[1]!);
        if (start !== undefined) current.start = start;
      }
      turns.push(current);
    } else if (current) {
      current.text = current.text === '' ? line.trim() : `${current.text} ${line.trim()}`;
    } else {
      orphanLine ??= i + 1;
    }
  }
  if (turns.length === 0) {
    if (orphanLine === undefined) return { transcripts: [], problems: [], warnings };
    throw new InputError(ctx.file, 'no speaker lines (expected "Agent: …" / "Customer: …")', orphanLine);
  }
  if (orphanLine !== undefined) {
    warnings.push(`${ctx.file}:${orphanLine}: text before the first speaker label is not part of any turn`);
  }
  const kept = turns.filter((t) => (t.text = cleanText(t.text)) !== '');
  const built = buildTranscript(header, kept, ctx);
  return { transcripts: [built.transcript], problems: [], warnings: [...warnings, ...built.warnings] };
}

function speakerTurn(label: Label, transferAgentId: string | undefined): RawTurn {
  const turn: RawTurn = { speaker: label.name, text: label.rest.trim() };
  if (label.paren !== undefined) {
    const parenRole = roleFromLabel(label.paren);
    const nameRole = roleFromLabel(label.name);
    if (parenRole) turn.role = parenRole; // "Jane Doe (Agent)"
    else if (nameRole === 'agent') {
      turn.role = 'agent'; // "Agent (b.smith)": the id of the agent now speaking
      turn.agentId = label.paren;
      return turn;
    } else turn.speaker = `${label.name} (${label.paren})`;
  }
  if (transferAgentId !== undefined) turn.agentId = transferAgentId;
  return turn;
}

/** Reads the optional `Key: value` block before the first blank line; returns the first body line index. */
function parseHeader(lines: string[], header: CallHeader, warnings: string[], file: string): number {
  let start = 0;
  while (start < lines.length && lines[start]!.trim() === '') start++;
  let end = start;
  while (end < lines.length && lines[end]!.trim() !== '') end++;
  const entries: Array<{ key: string; value: string; line: number }> = [];
  let known = 0;
  for (let i = start; i < end; i++) {
    const m = /^\s*([A-Za-z][A-Za-z_ -]{0,30}?)\s*:\s*(.*?)\s*$/.exec(lines[i]!);
    if (!m) return 0;
    const key = m[1]!;
    if (HEADER_KEYS[headerKey(key)]) known++;
    // Unknown keys count as header only when they look like header keys ("Customer-Id"), not speakers.
    else if (!/^[A-Za-z]+(?:[-_][A-Za-z]+)+$/.test(key) || TRANSFER.test(lines[i]!)) return 0;
    entries.push({ key, value: m[2]!, line: i + 1 });
  }
  if (known === 0) return 0;
  for (const { key, value, line } of entries) {
    const field = HEADER_KEYS[headerKey(key)];
    if (!field) {
      warnings.push(`${file}:${line}: unknown header "${key}" ignored`);
      continue;
    }
    if (value === '') continue;
    if (field === 'date') {
      const date = normaliseDate(value);
      if (date) header.date = date;
      else warnings.push(`${file}:${line}: Date "${value}" is not a date (expected YYYY-MM-DD); ignored`);
    } else if (field === 'id' || field === 'agentId' || field === 'agentName' || field === 'team' || field === 'channel') {
      header[field] = value;
    }
  }
  return end;
}
