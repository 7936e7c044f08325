// Reader contract (DESIGN §4, §8). Kept apart from the registry so format modules do not import it.
import type { InputProblem, Role, Transcript } from '../../types.js';
import type { RoleMap } from '../roles.js';

export interface ReadOptions {
  /** Overrides sniffing: text|csv|tsv|json|jsonl|transcribe|twilio|vtt|srt. */
  inputFormat?: string;
  /** `--columns role=Party,text=Utterance,call_id=Conv,agent_id=Rep,timestamp=T`: field → column name. */
  columns?: Record<string, string>;
  /** `--agent-names "Jane,Tom"`: speaker names (case-insensitive) that are agents. */
  agentNames?: string[];
  /** `--role-map roles.yaml`: speaker → role, optional agentId. */
  roleMap?: RoleMap;
  /** `--channel-map 1=customer,2=agent`: audio channel number → role (Twilio sentences carry no roles). */
  channelMap?: Record<string, Role>;
  /** `--agent-id <id>`: the agent id for every agent turn, overriding what the input says. */
  agentId?: string;
  /** `--encoding <label>`: decode every input with this encoding (a TextDecoder label) instead of detecting UTF-8/16. */
  encoding?: string;
  /** `--thread-by <column>`: CSV rows form threads by this reply-to (parent id) column (src/transcript/threads.ts). */
  threadBy?: string;
  /** `--agent-from-signature`: with threadBy, an agent post's trailing signature (^MM) names its agent. */
  agentFromSignature?: boolean;
}

export interface ReadContext {
  file: string;
  options: ReadOptions;
}

export interface ReadOutput {
  transcripts: Transcript[];
  /** Record-level failures inside a file whose other records were fine (e.g. JSONL line 7). */
  problems: InputProblem[];
  warnings: string[];
  /** Why a file that parsed gave no transcript (a skip, not a failure): "captions carry no speaker names …". */
  skipReason?: string;
}

/** Where one JSON document sits in its file: a JSONL line, or the n-th item of an array. */
export interface DocumentPosition {
  line?: number;
  suffix?: number;
}

/**
 * A JSON document shape a reader understands. `matches` decides whether a parsed document is this shape; the json and
 * jsonl readers try every registered shape in order, and an unrecognised document is described against them all.
 */
export interface JsonShape {
  /** How messages name the format: "a Genesys Cloud transcript". */
  format: string;
  /** Short name in lists: "Genesys". */
  short: string;
  /** The list field the reader needs. */
  required: string;
  /** Top-level keys typical of the format (the required one included), to tell which format a document resembles. */
  keys: string[];
  matches(value: unknown): boolean;
  convert(value: unknown, ctx: ReadContext, position: DocumentPosition): ReadOutput;
}

export interface Reader {
  name: string;
  description: string;
  extensions: string[];
  /** How the format is sniffed, for `empathy formats`. */
  detection: string;
  /** The fields it reads, for `empathy formats`. */
  fields: string;
  sniff(head: string, file: string): boolean;
  /** Throws InputError when the whole file is unusable. */
  read(text: string, ctx: ReadContext): ReadOutput;
  /** Set by readers of one JSON document shape (vendorReader): the json/jsonl readers read that shape too. */
  json?: JsonShape;
}
