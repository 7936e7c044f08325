// Explains an unrecognised JSON document: the known format it most resembles and the field it lacks.
import { isObject } from './json-parse.js';

interface Shape {
  /** How the message names the format. */
  format: string;
  /** The list field the reader needs. */
  required: string;
  /** Top-level keys typical of the format (the required one included). */
  keys: string[];
}

// Canonical first: it wins ties, and a document with no familiar key is described against it.
const SHAPES: readonly Shape[] = [
  { format: 'a canonical transcript', required: 'turns', keys: ['turns', 'id', 'agentId', 'agent_id', 'utterances', 'messages', 'speaker'] },
  {
    format: 'Transcribe Call Analytics / Contact Lens output',
    required: 'Transcript',
    keys: ['Transcript', 'JobName', 'Participants', 'CustomerMetadata', 'ConversationCharacteristics', 'ContentMetadata', 'AccountId', 'JobStatus', 'LanguageCode', 'Categories'],
  },
  {
    format: 'a Genesys Cloud transcript',
    required: 'transcripts',
    keys: ['transcripts', 'conversationId', 'communicationId', 'participants', 'organizationId', 'mediaType', 'phrases'],
  },
  {
    format: 'a Google CCAI Insights conversation',
    required: 'entries',
    keys: ['entries', 'conversation_info', 'conversationInfo', 'agentId', 'callMetadata', 'dataSource', 'latestAnalysis'],
  },
  {
    format: 'Twilio Conversational Intelligence sentences',
    required: 'sentences',
    keys: ['sentences', 'meta', 'transcript_sid', 'transcriptSid', 'service_sid', 'media_channel', 'sentence_index', 'mediaChannel'],
  },
];

/** One line: "looks like <closest format> but "<field>" is missing" (or "is not a list"). */
export function describeUnknownShape(value: unknown): string {
  if (!isObject(value)) {
    const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    return `expected a transcript object (canonical "turns", Transcribe/Contact Lens "Transcript", Genesys "transcripts", CCAI "entries" or Twilio "sentences"), got ${got}`;
  }
  const keys = Object.keys(value);
  let best = SHAPES[0]!;
  let bestScore = 0;
  for (const shape of SHAPES) {
    const score = shape.keys.filter((k) => k in value).length;
    if (score > bestScore) {
      best = shape;
      bestScore = score;
    }
  }
  if (best.required in value) return `looks like ${best.format} but "${best.required}" is not a list`;
  const found = keys.slice(0, 5).map((k) => `"${k}"`).join(', ');
  return `looks like ${best.format} but "${best.required}" is missing (found ${found || 'no keys'})`;
}
