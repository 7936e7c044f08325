// Role resolution (DESIGN §4): explicit labels → role map / --agent-names → greeting heuristic → 'unknown' + warning.
// Also assigns each agent turn its agentId (explicit id > agent name / speaker slug > file name).
import { readFile } from 'node:fs/promises';
import type { BehaviourId, Role, Transcript, Turn } from '../types.js';
import { loadYaml } from '../lazy-deps.js';
import { InputError } from './input-error.js';
import { agentIdentity } from './identity.js';
import { agentIdFromFileName, agentIdInFileName, isRedactionToken, slug } from './util.js';
import { fileErrorReason } from '../file-errors.js';

/** Speaker → role assignments from `--role-map roles.yaml`. Names are matched case-insensitively. */
export interface RoleMap {
  agents: string[];
  customers: string[];
  speakers: Record<string, { role: Role; agentId?: string }>;
}

/** What the role-resolution step needs from the CLI options (a subset of ReadOptions). */
export interface RoleOptions {
  agentNames?: string[];
  roleMap?: RoleMap;
  /** `--agent-id`: the id of every agent turn, whatever the input says. */
  agentId?: string;
}

/** A turn as a reader found it, before roles and agent ids are resolved. */
export interface RawTurn {
  speaker: string;
  text: string;
  start?: number;
  end?: number;
  /** Role stated by the input itself (a role column, ParticipantRole, a "(Customer)" suffix). */
  role?: Role;
  /** Agent id stated by the input for this turn (id column, `Transfer-To:`, `Agent (b.smith):`). */
  agentId?: string;
  labels?: string[];
  /** The vendor's per-turn sentiment (Turn.sentiment). */
  sentiment?: Turn['sentiment'];
}

/** Call-level fields a reader found (header block, columns, JSON fields). */
export interface CallHeader {
  id: string;
  line?: number;
  agentId?: string;
  agentName?: string;
  team?: string;
  date?: string;
  channel?: string;
  corpus?: string;
  annotatedBehaviours?: BehaviourId[];
  /** The contact / call id a contact-metadata table (--contacts) knows the call by, when it is not `id`. */
  contactId?: string;
}

const AGENT_WORDS = new Set([
  'agent', 'rep', 'representative', 'advisor', 'adviser', 'csr', 'associate', 'operator', 'support',
]);
const CUSTOMER_WORDS = new Set(['customer', 'caller', 'client', 'member', 'user', 'patient']);
const SYSTEM_WORDS = new Set(['system', 'ivr', 'bot']);

/** Labels repeat on every line of a call ("Agent:", "Customer:"): their role is worked out once. */
const labelRoles = new Map<string, Role | undefined>();
const MAX_CACHED_LABELS = 1000;

/** Role named by a speaker label such as "Agent", "Customer 2", "Support Rep", "IVR"; undefined for names. */
export function roleFromLabel(label: string): Role | undefined {
  if (labelRoles.has(label)) return labelRoles.get(label);
  const role = computeRoleFromLabel(label);
  if (labelRoles.size >= MAX_CACHED_LABELS) labelRoles.clear();
  labelRoles.set(label, role);
  return role;
}

function computeRoleFromLabel(label: string): Role | undefined {
  const words = label
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
  if (words.length === 0 || words.length > 4) return undefined;
  // The last word decides first ("Customer Service Rep" is an agent), then the first ("Caller 2").
  for (const word of [words[words.length - 1]!, words[0]!]) {
    if (AGENT_WORDS.has(word)) return 'agent';
    if (CUSTOMER_WORDS.has(word)) return 'customer';
    if (SYSTEM_WORDS.has(word)) return 'system';
  }
  return undefined;
}

/** A speaker label that names a role or a channel rather than a person (no use as an agent id). */
export function isGenericSpeaker(speaker: string): boolean {
  const s = speaker.trim();
  return (
    s === '' ||
    isRedactionToken(s) ||
    roleFromLabel(s) !== undefined ||
    /^(?:spk|speaker|channel|ch|participant)[\s_-]?\d+$/i.test(s) ||
    // Genesys participant purposes name a side, not a person.
    /^(?:internal|external|acd|workflow|voicemail)$/i.test(s)
  );
}

const ROLE_VALUES = new Set<Role>(['agent', 'customer', 'system', 'unknown']);

/** Reads a YAML role map `{ agents: [...], customers: [...], speakers: { name: role | {role, agentId} } }`. */
export async function loadRoleMap(file: string): Promise<RoleMap> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, fileErrorReason(error, 'role map'));
  }
  return parseRoleMap(text, file);
}

export function parseRoleMap(text: string, file: string): RoleMap {
  const doc = loadYaml().parseDocument(text);
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const message = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(file, `invalid YAML: ${message}`, err.linePos?.[0]?.line, err.linePos?.[0]?.col);
  }
  const data: unknown = doc.toJS();
  const map: RoleMap = { agents: [], customers: [], speakers: {} };
  if (data === null || data === undefined) return map;
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(file, 'expected a mapping with agents, customers and/or speakers');
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!['agents', 'customers', 'speakers'].includes(key)) {
      throw new InputError(file, `unknown key "${key}" (expected agents, customers, speakers)`);
    }
  }
  map.agents = nameList(record.agents, 'agents', file);
  map.customers = nameList(record.customers, 'customers', file);
  const speakers = record.speakers;
  if (speakers !== undefined && speakers !== null) {
    if (typeof speakers !== 'object' || Array.isArray(speakers)) {
      throw new InputError(file, 'speakers must map speaker names to a role (agent, customer, system)');
    }
    for (const [name, value] of Object.entries(speakers as Record<string, unknown>)) {
      if (typeof value === 'string' && ROLE_VALUES.has(value.toLowerCase() as Role)) {
        map.speakers[name] = { role: value.toLowerCase() as Role };
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        const v = value as Record<string, unknown>;
        const role = typeof v.role === 'string' ? (v.role.toLowerCase() as Role) : undefined;
        if (!role || !ROLE_VALUES.has(role)) {
          throw new InputError(file, `speakers.${name}.role must be agent, customer or system`);
        }
        const entry: { role: Role; agentId?: string } = { role };
        const agentId = v.agentId ?? v.agent_id;
        if (typeof agentId === 'string' || typeof agentId === 'number') entry.agentId = String(agentId);
        map.speakers[name] = entry;
      } else {
        throw new InputError(file, `speakers.${name} must be agent, customer, system or { role, agentId }`);
      }
    }
  }
  return map;
}

function nameList(value: unknown, key: string, file: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new InputError(file, `${key} must be a list of speaker names`);
  }
  return value.map(String);
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

interface MappedRole {
  role: Role;
  agentId?: string;
}

/** Role (and agent id) the role map or --agent-names give a speaker. */
function mappedRole(speaker: string, options: RoleOptions): MappedRole | undefined {
  const key = norm(speaker);
  if (key === '') return undefined;
  const map = options.roleMap;
  if (map) {
    for (const [name, entry] of Object.entries(map.speakers)) {
      if (norm(name) === key) return entry.agentId ? { role: entry.role, agentId: entry.agentId } : { role: entry.role };
    }
    if (map.agents.some((n) => norm(n) === key)) return { role: 'agent' };
    if (map.customers.some((n) => norm(n) === key)) return { role: 'customer' };
  }
  const first = key.split(' ')[0];
  for (const name of options.agentNames ?? []) {
    const n = norm(name);
    if (n === '') continue;
    // "Jane" also names the speaker "Jane Doe".
    if (n === key || (!n.includes(' ') && n === first)) return { role: 'agent' };
  }
  return undefined;
}

// The company script: strong cues are said by agents, weak ones ("this is Tom") are said by customers too.
const STRONG_GREETING =
  /\bthanks? (?:you )?for (?:calling|contacting|choosing)\b(?! me\b| us back\b)|\bhow (?:can|may|could|might) (?:i|we) (?:help|assist)\b|\byou'?re (?:through|speaking) (?:to|with)\b|\bwhat can i (?:do|help) (?:for|with)\b/i;
// A redacted name ("this is [NAME]", "my name is ****") is still a name.
const WEAK_GREETING =
  /\b(?:this is|my name is) (?:[A-Z][a-z]+\b|\[[A-Z_]+\]|<[A-Z_]+>|\*{3,})|(?:\b[A-Z][a-z]+|\[[A-Z_]+\]|\*{3,}) speaking\b/;

function greetingScore(texts: string[]): number {
  let score = 0;
  for (const text of texts) {
    if (STRONG_GREETING.test(text)) score += 2;
    else if (WEAK_GREETING.test(text)) score += 1;
  }
  return score;
}

/**
 * Resolves roles and agent ids for a call's raw turns and builds the Transcript.
 * Turns with empty text are dropped by the reader before this; speakers nobody can place become 'unknown' with
 * a warning naming the file and speaker.
 */
export function buildTranscript(
  header: CallHeader,
  rawTurns: RawTurn[],
  ctx: { file: string; options: RoleOptions },
): { transcript: Transcript; warnings: string[] } {
  const warnings: string[] = [];
  const speakers: string[] = [];
  const bySpeaker = new Map<string, RawTurn[]>();
  // A call has a few speakers over many turns: each label is normalised, and each agent label's id worked out, once.
  const keys = new Map<string, string>();
  const keyOf = (speaker: string): string => {
    let key = keys.get(speaker);
    if (key === undefined) keys.set(speaker, (key = norm(speaker)));
    return key;
  };
  for (const turn of rawTurns) {
    const key = keyOf(turn.speaker);
    if (!bySpeaker.has(key)) {
      bySpeaker.set(key, []);
      speakers.push(key);
    }
    bySpeaker.get(key)!.push(turn);
  }

  // Speaker-level role: label, then map, then heuristic. Per-turn explicit roles override it below.
  const speakerRole = new Map<string, MappedRole>();
  for (const key of speakers) {
    const turns = bySpeaker.get(key)!;
    const stated = turns.find((t) => t.role !== undefined && t.role !== 'unknown')?.role;
    const label = roleFromLabel(turns[0]!.speaker);
    const mapped = mappedRole(turns[0]!.speaker, ctx.options);
    if (stated) speakerRole.set(key, mapped?.agentId && stated === 'agent' ? { role: stated, agentId: mapped.agentId } : { role: stated });
    else if (label) speakerRole.set(key, { role: label });
    else if (mapped) speakerRole.set(key, mapped);
  }
  applyHeuristic(speakers, bySpeaker, speakerRole);

  for (const key of speakers) {
    if (speakerRole.has(key)) continue;
    const turns = bySpeaker.get(key)!;
    if (turns.every((t) => t.role !== undefined)) continue; // every turn states its own role
    const shown = turns[0]!.speaker.trim() || '(no speaker)';
    warnings.push(
      `${ctx.file}: cannot tell whether speaker "${shown}" is the agent or the customer; ` +
        'marked unknown (use --agent-names or --role-map)',
    );
  }

  const turns: Turn[] = [];
  let firstAgentSpeaker: string | undefined;
  // Without an id of its own, a turn's agent id depends only on its speaker label (see agentIdFor).
  const idBySpeaker = new Map<string, AgentIdSource>();
  /** Agent turns whose id the input did not state (from names or the file name), and the file-name id if used. */
  const unstated: number[] = [];
  let fileNamed: string | undefined;
  for (const raw of rawTurns) {
    const key = keyOf(raw.speaker);
    const resolved = speakerRole.get(key);
    const role: Role = raw.role && raw.role !== 'unknown' ? raw.role : (resolved?.role ?? 'unknown');
    const turn: Turn = { index: turns.length, role, speaker: raw.speaker, text: raw.text };
    if (role === 'agent') {
      firstAgentSpeaker ??= key;
      if (ctx.options.agentId !== undefined) turn.agentId = ctx.options.agentId;
      else if (raw.agentId) turn.agentId = raw.agentId;
      else {
        let source = idBySpeaker.get(raw.speaker);
        if (source === undefined) {
          source = agentIdFor(raw, key, key === firstAgentSpeaker, resolved, header, ctx.file);
          idBySpeaker.set(raw.speaker, source);
        }
        turn.agentId = source.id;
        if (source.from !== 'stated') unstated.push(turn.index);
        if (source.from === 'file') fileNamed = source.id;
      }
    }
    if (raw.start !== undefined) turn.start = raw.start;
    if (raw.end !== undefined) turn.end = raw.end;
    if (raw.labels !== undefined) turn.labels = raw.labels;
    if (raw.sentiment !== undefined) turn.sentiment = raw.sentiment;
    turns.push(turn);
  }

  const transcript: Transcript = { id: header.id, source: { file: ctx.file }, turns };
  if (header.line !== undefined) transcript.source.line = header.line;
  const firstAgent = turns.find((t) => t.role === 'agent');
  const agentId = firstAgent?.agentId ?? ctx.options.agentId ?? header.agentId;
  if (agentId !== undefined) transcript.agentId = agentId;
  const agentName =
    header.agentName ?? (firstAgent && !isGenericSpeaker(firstAgent.speaker) ? firstAgent.speaker.trim() : undefined);
  if (agentName) transcript.agentName = agentName;
  if (header.team) transcript.team = header.team;
  if (header.date) transcript.date = header.date;
  if (header.channel) transcript.channel = header.channel;
  if (header.corpus) transcript.corpus = header.corpus;
  if (header.annotatedBehaviours) transcript.annotatedBehaviours = header.annotatedBehaviours;
  const identity: Parameters<typeof agentIdentity.set>[1] = { unstatedTurns: unstated };
  if (fileNamed !== undefined) identity.fileNamed = fileNamed;
  if (header.contactId !== undefined) identity.contactId = header.contactId;
  agentIdentity.set(transcript, identity);
  return { transcript, warnings };
}

/** An agent id and where it came from: stated by the input or options, a person's name, or the file name. */
interface AgentIdSource {
  id: string;
  from: 'stated' | 'name' | 'file';
}

/** The file-name fallback: an `agent-<id>_` segment states the agent; a whole-name slug is only the file's name. */
function fromFile(file: string): AgentIdSource {
  const stated = agentIdInFileName(file);
  return stated !== undefined ? { id: stated, from: 'stated' } : { id: agentIdFromFileName(file), from: 'file' };
}

function fromName(name: string, file: string): AgentIdSource {
  const id = slug(name);
  return id ? { id, from: 'name' } : fromFile(file);
}

function agentIdFor(
  raw: RawTurn,
  speakerKey: string,
  isFirstAgentSpeaker: boolean,
  resolved: MappedRole | undefined,
  header: CallHeader,
  file: string,
): AgentIdSource {
  if (raw.agentId) return { id: raw.agentId, from: 'stated' };
  if (resolved?.agentId) return { id: resolved.agentId, from: 'stated' };
  const generic = isGenericSpeaker(raw.speaker);
  // The call-level id names the first agent; a second named agent without a transfer line is someone else.
  if (generic || isFirstAgentSpeaker) {
    if (header.agentId) return { id: header.agentId, from: 'stated' };
    if (header.agentName) return fromName(header.agentName, file);
  }
  if (!generic) return fromName(raw.speaker, file);
  return fromFile(file);
}

function applyHeuristic(
  speakers: string[],
  bySpeaker: Map<string, RawTurn[]>,
  speakerRole: Map<string, MappedRole>,
): void {
  const unresolved = speakers.filter((k) => !speakerRole.has(k) && !bySpeaker.get(k)!.every((t) => t.role));
  if (unresolved.length === 0) return;
  const scores = unresolved.map((key) => ({
    key,
    score: greetingScore(
      bySpeaker
        .get(key)!
        .slice(0, 2)
        .map((t) => t.text),
    ),
  }));
  const agentKnown = [...speakerRole.values()].some((r) => r.role === 'agent');
  const strong = scores.filter((s) => s.score >= 2);
  if (strong.length > 0) {
    for (const s of strong) speakerRole.set(s.key, { role: 'agent' });
  } else if (!agentKnown) {
    const best = Math.max(...scores.map((s) => s.score));
    const top = scores.filter((s) => s.score === best);
    // A weak cue ("this is Tom") decides only when it is unambiguous and the speaker opens the call.
    if (best > 0 && top.length === 1 && speakers[0] === top[0]!.key) speakerRole.set(top[0]!.key, { role: 'agent' });
  }

  // Two people on the call: once one side is known, the other is the opposite side.
  const people = speakers.filter((k) => speakerRole.get(k)?.role !== 'system');
  if (people.length === 2) {
    const [a, b] = people as [string, string];
    for (const [known, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const role = speakerRole.get(known)?.role;
      if (speakerRole.has(other) || bySpeaker.get(other)!.every((t) => t.role)) continue;
      if (role === 'agent') speakerRole.set(other, { role: 'customer' });
      else if (role === 'customer') speakerRole.set(other, { role: 'agent' });
    }
  }
}
