// Contact-centre vendor JSON shapes beyond Transcribe (DESIGN §4), field names from their public docs:
// Genesys Cloud conversation transcripts and Google CCAI Insights conversations.
import { InputError } from '../input-error.js';
import { buildTranscript, type CallHeader, type RawTurn } from '../roles.js';
import { cleanText, idFromFileName, isRedactionToken } from '../util.js';
import { isObject, type JsonObject } from './json-parse.js';
import type { DocumentPosition, ReadContext, ReadOutput } from './types.js';
import { vendorReader } from './vendor-reader.js';

export function isGenesysShape(value: unknown): value is JsonObject {
  return isObject(value) && Array.isArray(value.transcripts) && ('conversationId' in value || 'participants' in value);
}

export function isCcaiShape(value: unknown): value is JsonObject {
  return isObject(value) && (Array.isArray(value.entries) || (isObject(value.transcript) && Array.isArray(value.transcript.transcriptSegments)));
}

/** "1.500s" (a protobuf Duration in JSON) → seconds. */
function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^(-?\d+(?:\.\d+)?)s$/.exec(value.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * The Conversation resource of the CCAI Insights API (`conversations.get`): `transcript.transcriptSegments[]` with
 * `segmentParticipant.role` (or a `channelTag` matched to `callMetadata.agentChannel`/`customerChannel`), word
 * offsets for timing, `agentId` and `startTime` on the conversation.
 */
function ccaiConversationToOutput(value: JsonObject, ctx: ReadContext, position: DocumentPosition): ReadOutput {
  const fail = (reason: string): never => {
    throw new InputError(ctx.file, `looks like a Google CCAI Insights conversation but ${reason}`, position.line);
  };
  const segments = (value.transcript as JsonObject).transcriptSegments as unknown[];
  const metadata = isObject(value.callMetadata) ? value.callMetadata : {};
  const channelRoles = new Map<number, RawTurn['role']>();
  if (typeof metadata.agentChannel === 'number') channelRoles.set(metadata.agentChannel, 'agent');
  if (typeof metadata.customerChannel === 'number') channelRoles.set(metadata.customerChannel, 'customer');
  const turns: RawTurn[] = [];
  segments.forEach((segment, i) => {
    if (!isObject(segment)) return fail(`transcript.transcriptSegments[${i}] is not an object`);
    if (typeof segment.text !== 'string') return fail(`transcript.transcriptSegments[${i}].text is missing`);
    const participant = isObject(segment.segmentParticipant) ? segment.segmentParticipant : {};
    const roleName = typeof participant.role === 'string' ? participant.role : undefined;
    const channel = typeof segment.channelTag === 'number' ? segment.channelTag : undefined;
    const role = (roleName ? CCAI_ROLES[roleName.toUpperCase()] : undefined) ?? (channel !== undefined ? channelRoles.get(channel) : undefined);
    if (role === undefined && roleName === undefined && channel === undefined) {
      return fail(`transcript.transcriptSegments[${i}].segmentParticipant.role is missing (and there is no channelTag)`);
    }
    const text = cleanText(segment.text);
    if (text === '') return undefined;
    const turn: RawTurn = { speaker: roleName ?? `channel ${channel}`, text };
    if (role) turn.role = role;
    const userId = participant.userId ?? participant.dialogflowParticipantName;
    if (role === 'agent' && typeof userId === 'string' && userId.trim() !== '') turn.agentId = userId.trim().split('/').pop()!;
    const words = Array.isArray(segment.words) ? segment.words.filter(isObject) : [];
    const start = durationSeconds(words[0]?.startOffset);
    const end = durationSeconds(words[words.length - 1]?.endOffset);
    if (start !== undefined) turn.start = start;
    if (end !== undefined) turn.end = end;
    turns.push(turn);
    return undefined;
  });
  const name = typeof value.name === 'string' ? value.name.split('/').pop() : undefined;
  const header: CallHeader = { id: name || idFromFileName(ctx.file, position.suffix) };
  if (position.line !== undefined) header.line = position.line;
  if (typeof value.startTime === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.startTime)) header.date = value.startTime.slice(0, 10);
  const agentId = value.agentId ?? value.agent_id;
  if (typeof agentId === 'string' && agentId.trim() !== '') header.agentId = agentId.trim();
  const medium = typeof value.medium === 'string' ? value.medium.toLowerCase() : undefined;
  if (medium === 'chat' || medium === 'phone_call') header.channel = medium === 'chat' ? 'chat' : 'voice';
  const built = buildTranscript(header, turns, ctx);
  return { transcripts: [built.transcript], problems: [], warnings: built.warnings };
}

const GENESYS_ROLES: Record<string, RawTurn['role']> = {
  internal: 'agent', agent: 'agent', user: 'agent', external: 'customer', customer: 'customer',
  acd: 'system', ivr: 'system', bot: 'system', voicemail: 'system',
};

export function genesysToOutput(value: JsonObject, ctx: ReadContext, position: DocumentPosition): ReadOutput {
  const fail = (reason: string): never => {
    throw new InputError(ctx.file, `looks like a Genesys Cloud transcript but ${reason}`, position.line);
  };
  const phrases: Array<{ phrase: JsonObject; path: string }> = [];
  (value.transcripts as unknown[]).forEach((t, i) => {
    if (!isObject(t) || !Array.isArray(t.phrases)) return fail(`transcripts[${i}].phrases is missing`);
    t.phrases.forEach((p, j) => {
      if (!isObject(p)) fail(`transcripts[${i}].phrases[${j}] is not an object`);
      phrases.push({ phrase: p as JsonObject, path: `transcripts[${i}].phrases[${j}]` });
    });
  });
  const times = phrases.map(({ phrase }) => phrase.startTimeMs).filter((t): t is number => typeof t === 'number');
  // startTimeMs is epoch milliseconds: make it relative to the first phrase.
  const origin = times.length > 0 && Math.min(...times) > 1e11 ? Math.min(...times) : 0;
  const turns: RawTurn[] = [];
  for (const { phrase, path } of phrases) {
    const text = typeof phrase.decoratedText === 'string' ? phrase.decoratedText : phrase.text;
    if (typeof text !== 'string') fail(`${path}.text is missing`);
    const purpose = typeof phrase.participantPurpose === 'string' ? phrase.participantPurpose : undefined;
    if (purpose === undefined) fail(`${path}.participantPurpose is missing`);
    const clean = cleanText(text as string);
    if (clean === '') continue;
    const turn: RawTurn = { speaker: purpose!, text: clean };
    const role = GENESYS_ROLES[purpose!.toLowerCase()];
    if (role) turn.role = role;
    if (typeof phrase.startTimeMs === 'number') turn.start = (phrase.startTimeMs - origin) / 1000;
    if (typeof phrase.startTimeMs === 'number' && typeof phrase.duration === 'object' && isObject(phrase.duration)) {
      const ms = phrase.duration.milliseconds;
      if (typeof ms === 'number') turn.end = (phrase.startTimeMs - origin + ms) / 1000;
    }
    turns.push(turn);
  }
  const header: CallHeader = {
    id: typeof value.conversationId === 'string' && value.conversationId ? value.conversationId : idFromFileName(ctx.file, position.suffix),
  };
  if (position.line !== undefined) header.line = position.line;
  if (origin > 0) header.date = new Date(origin).toISOString().slice(0, 10);
  if (typeof value.mediaType === 'string' && value.mediaType) header.channel = value.mediaType === 'call' ? 'voice' : value.mediaType;
  if (Array.isArray(value.participants)) {
    const agent = value.participants.find(
      (p) => isObject(p) && typeof p.participantPurpose === 'string' && GENESYS_ROLES[p.participantPurpose.toLowerCase()] === 'agent',
    ) as JsonObject | undefined;
    if (agent && typeof agent.userId === 'string' && agent.userId) header.agentId = agent.userId;
    // The agent's name, when the export carries it (participantName in analytics exports, name in the conversation API).
    const name = agent ? (agent.participantName ?? agent.name) : undefined;
    if (typeof name === 'string' && name.trim() !== '' && !isRedactionToken(name)) header.agentName = name.trim();
  }
  const built = buildTranscript(header, turns, ctx);
  return { transcripts: [built.transcript], problems: [], warnings: built.warnings };
}

const CCAI_ROLES: Record<string, RawTurn['role']> = {
  AGENT: 'agent', HUMAN_AGENT: 'agent', AUTOMATED_AGENT: 'system', CUSTOMER: 'customer', END_USER: 'customer',
};

export function ccaiToOutput(value: JsonObject, ctx: ReadContext, position: DocumentPosition): ReadOutput {
  if (!Array.isArray(value.entries)) return ccaiConversationToOutput(value, ctx, position);
  const fail = (reason: string): never => {
    throw new InputError(ctx.file, `looks like a Google CCAI Insights conversation but ${reason}`, position.line);
  };
  const turns: RawTurn[] = [];
  (value.entries as unknown[]).forEach((entry, i) => {
    if (!isObject(entry)) return fail(`entries[${i}] is not an object`);
    if (typeof entry.text !== 'string') return fail(`entries[${i}].text is missing`);
    const roleName = typeof entry.role === 'string' ? entry.role : undefined;
    const userId = entry.user_id ?? entry.userId;
    if (roleName === undefined && userId === undefined) return fail(`entries[${i}].role is missing`);
    const text = cleanText(entry.text);
    if (text === '') return undefined;
    const turn: RawTurn = { speaker: roleName ?? String(userId), text };
    const role = roleName ? CCAI_ROLES[roleName.toUpperCase()] : undefined;
    if (role) turn.role = role;
    // user_id names the agent when it is an id; the import format's small numbers only number the participants.
    if (role === 'agent' && typeof userId === 'string' && userId.trim() !== '' && !/^\d{1,3}$/.test(userId.trim())) {
      turn.agentId = userId.trim();
    }
    const usec = entry.start_timestamp_usec ?? entry.startTimestampUsec;
    const start = typeof usec === 'number' ? usec : typeof usec === 'string' ? Number(usec) : undefined;
    if (start !== undefined && Number.isFinite(start)) turn.start = start / 1e6;
    turns.push(turn);
    return undefined;
  });
  const first = turns.find((t) => t.start !== undefined)?.start;
  // Absolute epoch times become offsets from the first entry.
  if (first !== undefined && first > 1e8) for (const t of turns) if (t.start !== undefined) t.start = Math.round((t.start - first) * 1e6) / 1e6;
  const name = typeof value.name === 'string' ? value.name.split('/').pop() : undefined;
  const header: CallHeader = { id: name || idFromFileName(ctx.file, position.suffix) };
  if (position.line !== undefined) header.line = position.line;
  if (first !== undefined && first > 1e8) header.date = new Date(first * 1000).toISOString().slice(0, 10);
  const agentId = value.agentId ?? value.agent_id;
  if (typeof agentId === 'string' && agentId.trim() !== '') header.agentId = agentId.trim();
  const built = buildTranscript(header, turns, ctx);
  return { transcripts: [built.transcript], problems: [], warnings: built.warnings };
}

export const genesysReader = vendorReader({
  name: 'genesys',
  shape: {
    format: 'a Genesys Cloud transcript',
    short: 'Genesys',
    required: 'transcripts',
    keys: ['transcripts', 'conversationId', 'communicationId', 'participants', 'organizationId', 'mediaType', 'phrases'],
  },
  description: 'Genesys Cloud speech and text analytics conversation transcript JSON',
  detection: 'JSON with a "transcripts" array of "phrases" and "conversationId" or "participants"',
  fields:
    'conversationId (id, else file name), participants[]{participantPurpose, userId, participantName|name} (userId of ' +
    'the internal participant → agent id, its name → agent name, and id when there is no userId), transcripts[].phrases[].decoratedText (preferred) or text, participantPurpose ' +
    '(internal → agent, external → customer, acd|ivr|bot → system), startTimeMs (epoch ms → offset from the first ' +
    'phrase), duration.milliseconds',
  signature: [/"transcripts"\s*:/, /"phrases"\s*:/],
  matches: isGenesysShape,
  convert: (value, ctx, position) => genesysToOutput(value as JsonObject, ctx, position),
});

export const ccaiReader = vendorReader({
  name: 'ccai',
  shape: {
    format: 'a Google CCAI Insights conversation',
    short: 'CCAI',
    required: 'entries',
    keys: ['entries', 'conversation_info', 'conversationInfo', 'agentId', 'callMetadata', 'dataSource', 'latestAnalysis', 'transcript', 'medium'],
  },
  description: 'Google Contact Center AI Insights conversation: the upload (entries) format or the Conversation resource (transcript.transcriptSegments)',
  detection: 'JSON with an "entries" array whose items have "role" or "user_id", or a "transcriptSegments" array with "segmentParticipant" or "channelTag"',
  fields:
    'name (last path segment → id, else file name), agentId|agent_id, entries[].text, role (AGENT|HUMAN_AGENT → ' +
    'agent, CUSTOMER|END_USER → customer, AUTOMATED_AGENT → system), user_id (agent id when not a participant ' +
    'number), start_timestamp_usec (µs; epoch times → offset from the first entry); Conversation resource: name, ' +
    'agentId, startTime (date), medium, transcript.transcriptSegments[].text, segmentParticipant.role|userId, ' +
    'channelTag with callMetadata.agentChannel|customerChannel, words[].startOffset|endOffset',
  signature: [/"(?:entries|transcriptSegments)"\s*:/, /"(?:role|user_id|userId|segmentParticipant|channelTag)"\s*:/],
  matches: isCcaiShape,
  convert: (value, ctx, position) => ccaiToOutput(value as JsonObject, ctx, position),
});
