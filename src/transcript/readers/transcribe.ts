// Amazon Transcribe Call Analytics output (role on each turn) and Amazon Connect Contact Lens analysis files
// (roles joined from Participants[] by ParticipantId).
import { InputError } from '../input-error.js';
import { buildTranscript, type CallHeader, type RawTurn } from '../roles.js';
import { cleanText, contactIdFromFileName, idFromFileName, isRedactionToken } from '../util.js';
import { isObject, type JsonObject } from './json-parse.js';
import type { DocumentPosition, ReadContext, ReadOutput } from './types.js';
import { vendorReader } from './vendor-reader.js';

const ROLES: Record<string, RawTurn['role']> = {
  AGENT: 'agent', SUPERVISOR: 'agent', CUSTOMER: 'customer', SYSTEM: 'system', CUSTOM_BOT: 'system',
};

/** True when a parsed JSON value has the Transcribe / Contact Lens shape (a `Transcript` array of `Content` items). */
export function isTranscribeShape(value: unknown): value is JsonObject {
  return isObject(value) && Array.isArray(value.Transcript) && (value.Transcript.length === 0 || value.Transcript.some(
    (item) => isObject(item) && ('ParticipantRole' in item || 'ParticipantId' in item || 'Content' in item),
  ));
}

/** Converts one Transcribe / Contact Lens document; `where` prefixes field paths in errors (JSONL line, array item). */
export function transcribeToTranscript(
  value: JsonObject,
  ctx: ReadContext,
  position: DocumentPosition = {},
): ReadOutput {
  const format = Array.isArray(value.Participants) ? 'an Amazon Connect Contact Lens analysis file' : 'Transcribe Call Analytics output';
  const fail = (reason: string): never => {
    throw new InputError(ctx.file, `looks like ${format} but ${reason}`, position.line);
  };
  const items = value.Transcript as unknown[];
  const participants = new Map<string, string>();
  const displayNames = new Map<string, string>();
  if (Array.isArray(value.Participants)) {
    for (const p of value.Participants) {
      if (isObject(p) && typeof p.ParticipantId === 'string' && typeof p.ParticipantRole === 'string') {
        participants.set(p.ParticipantId, p.ParticipantRole);
        if (typeof p.DisplayName === 'string') displayNames.set(p.ParticipantId, p.DisplayName);
      }
    }
  }
  const turns: RawTurn[] = [];
  const source = Array.isArray(value.Participants) && value.Participants.some((p) => isObject(p) && 'ParticipantId' in p) ? 'contact-lens' : 'transcribe';
  // Chat items carry AbsoluteTime (ISO) instead of offsets: made relative to the first item.
  const absolute = items.map((item) => (isObject(item) && typeof item.AbsoluteTime === 'string' ? Date.parse(item.AbsoluteTime) : NaN));
  const origin = Math.min(...absolute.filter((t) => Number.isFinite(t)));
  items.forEach((item, i) => {
    if (!isObject(item)) return fail(`Transcript[${i}] is not an object`);
    // Chat events (participant joined/left, typing) have no Content.
    if (item.Content === undefined && (item.Type === 'EVENT' || /\.event\./.test(String(item.ContentType ?? '')))) return undefined;
    const roleName =
      typeof item.ParticipantRole === 'string'
        ? item.ParticipantRole
        : typeof item.ParticipantId === 'string'
          ? participants.get(item.ParticipantId)
          : undefined;
    if (roleName === undefined) {
      return fail(
        typeof item.ParticipantId === 'string'
          ? `ParticipantId "${item.ParticipantId}" of Transcript[${i}] is not in Participants[]`
          : `Transcript[${i}].ParticipantRole is missing`,
      );
    }
    if (typeof item.Content !== 'string') return fail(`Transcript[${i}].Content is missing`);
    const text = cleanText(item.Content);
    if (text === '') return;
    const turn: RawTurn = { speaker: roleName, text };
    const role = ROLES[roleName.toUpperCase()];
    if (role) turn.role = role;
    // Chat transcripts name the agent (DisplayName on the item or its participant): the agent's name, and the id
    // made from it, rather than the file's. A customer's name is personal data and stays the role.
    const displayName =
      typeof item.DisplayName === 'string' ? item.DisplayName : typeof item.ParticipantId === 'string' ? displayNames.get(item.ParticipantId) : undefined;
    if (role === 'agent' && displayName !== undefined && displayName.trim() !== '' && !isRedactionToken(displayName)) {
      turn.speaker = displayName.trim();
    }
    const sentiment = sentimentOf(item, source);
    if (sentiment) turn.sentiment = sentiment;
    if (typeof item.BeginOffsetMillis === 'number') turn.start = item.BeginOffsetMillis / 1000;
    if (typeof item.EndOffsetMillis === 'number') turn.end = item.EndOffsetMillis / 1000;
    if (turn.start === undefined && Number.isFinite(absolute[i])) turn.start = (absolute[i]! - origin) / 1000;
    turns.push(turn);
    return undefined;
  });
  const metadata = isObject(value.CustomerMetadata) ? value.CustomerMetadata : {};
  const contactId = (typeof metadata.ContactId === 'string' && metadata.ContactId) || contactIdFromFileName(ctx.file);
  const id = (typeof value.JobName === 'string' && value.JobName) || contactId || idFromFileName(ctx.file, position.suffix);
  const header: CallHeader = { id };
  if (contactId && contactId !== id) header.contactId = contactId;
  if (position.line !== undefined) header.line = position.line;
  if (Number.isFinite(origin)) header.date = new Date(origin).toISOString().slice(0, 10);
  if (typeof value.Channel === 'string' && value.Channel) header.channel = value.Channel.toLowerCase();
  const built = buildTranscript(header, turns, ctx);
  return { transcripts: [built.transcript], problems: [], warnings: built.warnings };
}

const SENTIMENTS = new Set(['NEGATIVE', 'POSITIVE', 'NEUTRAL', 'MIXED']);

/**
 * `Sentiment: "NEGATIVE"` on a Transcript item (Contact Lens, Transcribe Call Analytics); a Comprehend-style
 * `SentimentScore { Positive, Negative, Neutral, Mixed }` beside it gives the label's score. Unknown labels are ignored.
 */
function sentimentOf(item: JsonObject, source: string): RawTurn['sentiment'] {
  const raw = item.Sentiment;
  const label = typeof raw === 'string' ? raw.trim().toUpperCase() : undefined;
  if (label === undefined || !SENTIMENTS.has(label)) return undefined;
  const sentiment: NonNullable<RawTurn['sentiment']> = { label: label as NonNullable<RawTurn['sentiment']>['label'], source };
  const scores = isObject(item.SentimentScore) ? item.SentimentScore : undefined;
  const key = label.charAt(0) + label.slice(1).toLowerCase();
  const score = scores?.[key];
  if (typeof score === 'number' && score >= 0 && score <= 1) sentiment.score = score;
  return sentiment;
}

export const transcribeReader = vendorReader({
  name: 'transcribe',
  shape: {
    format: 'Transcribe Call Analytics / Contact Lens output',
    short: 'Transcribe/Contact Lens',
    required: 'Transcript',
    keys: ['Transcript', 'JobName', 'Participants', 'CustomerMetadata', 'ConversationCharacteristics', 'ContentMetadata', 'AccountId', 'JobStatus', 'LanguageCode', 'Categories'],
  },
  description: 'Amazon Transcribe Call Analytics and Amazon Connect Contact Lens (voice and chat) analysis JSON',
  detection: 'JSON object with a "Transcript" array whose items have "ParticipantRole" or "ParticipantId"',
  fields:
    'JobName or CustomerMetadata.ContactId (id, else file name), Channel (VOICE|CHAT), Transcript[].Content; role ' +
    'from Transcript[].ParticipantRole (Transcribe) or ParticipantId joined to Participants[]{ParticipantId, ' +
    'ParticipantRole} (Contact Lens: AGENT|SUPERVISOR → agent, CUSTOMER, SYSTEM|CUSTOM_BOT → system); ' +
    'BeginOffsetMillis/EndOffsetMillis (voice) or AbsoluteTime (chat; date too); chat EVENT items skipped; ' +
    'DisplayName (item or participant) → agent name and id; Sentiment (NEGATIVE|POSITIVE|NEUTRAL|MIXED, with ' +
    'SentimentScore when given) → the turn\'s sentiment; [PII] kept as a token; contact id from ' +
    'CustomerMetadata.ContactId or a "<contact id>_analysis_…" file name (id, --contacts join); agent id from ' +
    '--contacts, DisplayName, --agent-id or an "agent-<id>_" file name, else the file name with a warning',
  signature: [/"Transcript"\s*:\s*\[/, /"Participant(?:Role|Id)"\s*:/],
  matches: isTranscribeShape,
  convert: (value, ctx, position) => transcribeToTranscript(value as JsonObject, ctx, position),
});
