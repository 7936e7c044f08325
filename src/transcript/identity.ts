// Who the agent of a call is, beyond what the transcript says (issue 21). Readers record, per transcript, which agent
// ids the input did not state (derived from a name or from the file name) and the contact id a contact-metadata
// table may know the call by; after reading, the run joins each call to its `--contacts` row and warns, once per run,
// about calls whose agent is still only a file name (`--strict`: those calls fail).
import type { InputProblem, Transcript } from '../types.js';
import type { ContactRow, ContactTable } from './contacts.js';

export interface AgentIdentity {
  /** Indexes of agent turns whose id was derived (a speaker or display name, the file name), not stated. */
  unstatedTurns: number[];
  /** The id made from the file name, when one was (every file then looks like its own agent). */
  fileNamed?: string;
  /** A contact id the input carries besides the transcript id (Contact Lens CustomerMetadata.ContactId). */
  contactId?: string;
}

/** Filled by buildTranscript; read on the reading thread before a call is scored (never serialised). */
export const agentIdentity = new WeakMap<Transcript, AgentIdentity>();

/** How many calls a warning names before "…". */
const EXAMPLES = 3;

export interface IdentityResolver {
  /** Joins the call to its contact row (in place); returns a problem when --strict refuses the call. */
  resolve(transcript: Transcript): InputProblem | undefined;
  /** The run's summary warnings (at most one per kind). */
  warnings(): string[];
}

export interface IdentityOptions {
  contacts?: ContactTable;
  strict?: boolean;
}

const FIX = 'join agents by contact id with --contacts <file>, pass --agent-id <id> or a --role-map agentId, or name the files agent-<id>_…';

export function createIdentityResolver(options: IdentityOptions): IdentityResolver {
  const fileNamed: string[] = [];
  let fileNamedCount = 0;
  const unmatched: string[] = [];
  let unmatchedCount = 0;
  let calls = 0;
  return {
    resolve(transcript) {
      calls++;
      const identity = agentIdentity.get(transcript);
      const { contacts } = options;
      if (contacts) {
        const row = findContact(contacts, transcript, identity);
        if (row) applyContact(transcript, row, identity);
        else {
          unmatchedCount++;
          if (unmatched.length < EXAMPLES) unmatched.push(transcript.id);
        }
      }
      const named = identity?.fileNamed;
      if (named === undefined || !transcript.turns.some((t) => t.role === 'agent' && t.agentId === named)) return undefined;
      if (options.strict) {
        const problem: InputProblem = {
          file: transcript.source.file,
          reason: `no agent identity in call ${transcript.id}: its agent id would be the file name ("${named}") (--strict); ${FIX}`,
        };
        if (transcript.source.line !== undefined) problem.line = transcript.source.line;
        return problem;
      }
      fileNamedCount++;
      if (fileNamed.length < EXAMPLES) fileNamed.push(transcript.source.file);
      return undefined;
    },
    warnings() {
      const out: string[] = [];
      if (options.contacts && unmatchedCount > 0) {
        out.push(
          `${options.contacts.file}: ${unmatchedCount} of ${calls} call(s) have no contact row (${list(unmatched, unmatchedCount)}); ` +
            'they keep the call id and agent the input gave',
        );
      }
      if (fileNamedCount > 0) {
        out.push(
          `${fileNamedCount} call(s) have no agent identity: the agent id is the file name, so each file counts as its own agent ` +
            `(${list(fileNamed, fileNamedCount)}); ${FIX} (--strict: an error)`,
        );
      }
      return out;
    },
  };
}

function list(examples: string[], count: number): string {
  return `${examples.join(', ')}${count > examples.length ? ', …' : ''}`;
}

function findContact(contacts: ContactTable, transcript: Transcript, identity: AgentIdentity | undefined): ContactRow | undefined {
  const keys = [transcript.id, identity?.contactId];
  // A call renamed for a repeated id (`id@file`) is still that contact.
  const at = transcript.id.indexOf('@');
  if (at > 0) keys.push(transcript.id.slice(0, at));
  for (const key of keys) {
    if (key === undefined) continue;
    const row = contacts.rows.get(key.trim().toLowerCase());
    if (row) return row;
  }
  return undefined;
}

/**
 * The contact row's agent replaces agent ids the input did not state (file names, speaker or display names); ids the
 * input states (an Agent-Id header, a userId, --role-map agentId, --agent-id) are kept, as they are per turn and right
 * across transfers. Team and date fill in what the transcript lacks.
 */
function applyContact(transcript: Transcript, row: ContactRow, identity: AgentIdentity | undefined): void {
  if (row.agentId !== undefined) {
    const replace = new Set(identity?.unstatedTurns ?? []);
    for (const turn of transcript.turns) if (turn.role === 'agent' && replace.has(turn.index)) turn.agentId = row.agentId;
    if (identity) delete identity.fileNamed;
    const first = transcript.turns.find((t) => t.role === 'agent');
    if (first?.agentId !== undefined) transcript.agentId = first.agentId;
  }
  if (row.agentName !== undefined && transcript.agentName === undefined) transcript.agentName = row.agentName;
  if (row.team !== undefined && transcript.team === undefined) transcript.team = row.team;
  if (row.date !== undefined && transcript.date === undefined) transcript.date = row.date;
}
