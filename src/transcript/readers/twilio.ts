// Twilio Conversational Intelligence transcript sentences (List Sentences API, its `{ sentences, meta }` page, the
// helper libraries' camelCase, or a bare array of sentences). Sentences carry a channel number, not a role, so
// roles come from `--channel-map 1=customer,2=agent` or from the transcript's channel.participants[].
import type { Role } from '../../types.js';
import { InputError } from '../input-error.js';
import { buildTranscript, roleFromLabel, type CallHeader, type RawTurn } from '../roles.js';
import { cleanText, idFromFileName, isRedactionToken } from '../util.js';
import { isObject, type JsonObject } from './json-parse.js';
import type { DocumentPosition, ReadContext, ReadOutput } from './types.js';
import { vendorReader } from './vendor-reader.js';

const CHANNEL_KEYS = ['media_channel', 'mediaChannel'] as const;

/** A Twilio sentence object: a channel number and the `transcript` text. */
export function isTwilioSentence(value: unknown): value is JsonObject {
  return isObject(value) && CHANNEL_KEYS.some((k) => k in value) && ('transcript' in value || 'sentence_index' in value || 'sentenceIndex' in value);
}

/** A `{ sentences: [...] }` page (or transcript with sentences), or a bare array of sentences. */
export function isTwilioShape(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isTwilioSentence);
  return isObject(value) && Array.isArray(value.sentences);
}

/** Parses `1=customer,2=agent` (roles: agent, customer, system). Throws Error with a one-line message. */
export function parseChannelMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const m = /^\s*(\d+)\s*[=:]\s*([A-Za-z]+)\s*$/.exec(pair);
    const role = m ? (['agent', 'customer', 'system'].includes(m[2]!.toLowerCase()) ? (m[2]!.toLowerCase() as Role) : roleFromLabel(m[2]!)) : undefined;
    if (!m || !role) throw new Error(`"${pair.trim()}" is not channel=role (e.g. 1=customer,2=agent)`);
    map[String(Number(m[1]))] = role;
  }
  if (Object.keys(map).length === 0) throw new Error('expected channel=role pairs, e.g. 1=customer,2=agent');
  return map;
}

export function twilioToOutput(value: unknown, ctx: ReadContext, position: DocumentPosition): ReadOutput {
  const fail = (reason: string): never => {
    throw new InputError(ctx.file, `looks like Twilio Conversational Intelligence sentences but ${reason}`, position.line);
  };
  const wrapper: JsonObject = Array.isArray(value) ? {} : (value as JsonObject);
  const sentences = (Array.isArray(value) ? value : wrapper.sentences) as unknown[];
  const fromParticipants = participantChannels(wrapper);
  const channelMap = ctx.options.channelMap ?? fromParticipants.roles;
  if (channelMap === undefined || Object.keys(channelMap).length === 0) {
    fail('sentences have channel numbers, not roles: pass --channel-map 1=customer,2=agent (channel=role)');
  }

  const rows: Array<{ index: number; order: number; turn: RawTurn }> = [];
  sentences.forEach((item, i) => {
    if (!isObject(item)) return fail(`sentences[${i}] is not an object`);
    const channelValue = item.media_channel ?? item.mediaChannel;
    const channel = typeof channelValue === 'number' || typeof channelValue === 'string' ? String(Number(channelValue)) : undefined;
    if (channel === undefined || channel === 'NaN') return fail(`sentences[${i}].media_channel is missing`);
    if (typeof item.transcript !== 'string') return fail(`sentences[${i}].transcript is missing`);
    const role = channelMap![channel];
    if (role === undefined) {
      return fail(`sentences[${i}] is on channel ${channel}, which --channel-map does not name (have ${Object.keys(channelMap!).join(', ')})`);
    }
    const text = cleanText(item.transcript);
    if (text === '') return undefined;
    const turn: RawTurn = { speaker: `channel ${channel}`, text, role };
    const agentId = fromParticipants.agentIds[channel];
    if (role === 'agent' && agentId) turn.agentId = agentId;
    // A participant's full_name names the agent (and, without a user_id, makes the id); a customer's is not taken.
    const name = fromParticipants.names[channel];
    if (role === 'agent' && name) turn.speaker = name;
    const start = seconds(item.start_time ?? item.startTime);
    const end = seconds(item.end_time ?? item.endTime);
    if (start !== undefined) turn.start = start;
    if (end !== undefined) turn.end = end;
    const indexValue = Number(item.sentence_index ?? item.sentenceIndex);
    rows.push({ index: Number.isFinite(indexValue) ? indexValue : i, order: i, turn });
    return undefined;
  });
  // Pages list sentences in index order, but a merged export may not: sentence_index decides.
  rows.sort((a, b) => a.index - b.index || a.order - b.order);

  const header: CallHeader = { id: transcriptSid(wrapper) ?? idFromFileName(ctx.file, position.suffix) };
  if (position.line !== undefined) header.line = position.line;
  header.channel = 'voice';
  const built = buildTranscript(header, rows.map((r) => r.turn), ctx);
  return { transcripts: [built.transcript], problems: [], warnings: built.warnings };
}

/** Seconds from a number or a decimal string ("12.48"); the API documents both. */
function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The transcript's GT… sid: `transcript_sid`, a GT `sid`, or the page's `meta.url` (…/Transcripts/GT…/Sentences). */
function transcriptSid(wrapper: JsonObject): string | undefined {
  for (const key of ['transcript_sid', 'transcriptSid', 'sid']) {
    const v = wrapper[key];
    if (typeof v === 'string' && /^GT[0-9a-f]{32}$/i.test(v)) return v;
  }
  const meta = isObject(wrapper.meta) ? wrapper.meta : undefined;
  const url = meta && typeof meta.url === 'string' ? meta.url : undefined;
  return url ? /\/Transcripts\/(GT[0-9a-f]{32})\//i.exec(url)?.[1] : undefined;
}

/**
 * Roles and agent ids from a transcript resource's `channel.participants[]{channel_participant, role, user_id}`,
 * when the export includes it.
 */
function participantChannels(wrapper: JsonObject): { roles?: Record<string, Role>; agentIds: Record<string, string>; names: Record<string, string> } {
  const channel = isObject(wrapper.channel) ? wrapper.channel : undefined;
  const participants = channel && Array.isArray(channel.participants) ? channel.participants : [];
  const roles: Record<string, Role> = {};
  const agentIds: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const p of participants) {
    if (!isObject(p)) continue;
    const number = p.channel_participant ?? p.channelParticipant;
    if (typeof number !== 'number' && typeof number !== 'string') continue;
    const key = String(Number(number));
    const role = typeof p.role === 'string' ? roleFromLabel(p.role) : undefined;
    if (role) roles[key] = role;
    const userId = p.user_id ?? p.userId;
    if (typeof userId === 'string' && userId.trim() !== '') agentIds[key] = userId.trim();
    const name = p.full_name ?? p.fullName;
    if (typeof name === 'string' && name.trim() !== '' && !isRedactionToken(name)) names[key] = name.trim();
  }
  return Object.keys(roles).length > 0 ? { roles, agentIds, names } : { agentIds, names };
}

export const twilioReader = vendorReader({
  name: 'twilio',
  shape: {
    format: 'Twilio Conversational Intelligence sentences',
    short: 'Twilio',
    required: 'sentences',
    keys: ['sentences', 'meta', 'transcript_sid', 'transcriptSid', 'service_sid', 'media_channel', 'sentence_index', 'mediaChannel'],
  },
  description: 'Twilio Conversational Intelligence transcript sentences (needs --channel-map)',
  detection: 'JSON with "media_channel" (or "mediaChannel") sentences: a { "sentences": [...] } page or a bare array',
  fields:
    'sentences[].media_channel|mediaChannel (role via --channel-map 1=customer,2=agent, else channel.participants[]' +
    '{channel_participant, role, user_id, full_name}), transcript, sentence_index (order), start_time, end_time (seconds, number ' +
    'or string); id from transcript_sid, a GT sid or meta.url, else file name; agent id from user_id, --agent-id or ' +
    'file name; full_name of the agent participant → agent name (and id without user_id)',
  signature: [/"media_?[cC]hannel"\s*:/],
  matches: isTwilioShape,
  convert: twilioToOutput,
});
