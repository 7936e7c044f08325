// Gold reader for `empathy eval` (DESIGN §11): canonical transcripts with per-turn labels, one per JSONL line.
import { readFileSync } from 'node:fs';
import { InputError } from '../transcript/input-error.js';
import { BEHAVIOURS, isBehaviour, type BehaviourId, type Role, type Transcript, type Turn } from '../types.js';

interface RawTurn {
  role?: unknown;
  speaker?: unknown;
  text?: unknown;
  labels?: unknown;
  agentId?: unknown;
}

export function readGoldFile(file: string): Transcript[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read file');
  }
  return parseGold(text, file);
}

export function parseGold(text: string, file: string): Transcript[] {
  const out: Transcript[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new InputError(file, 'invalid JSON (expected one gold transcript per line)', i + 1);
    }
    out.push(toTranscript(raw, file, i + 1));
  });
  return out;
}

function toTranscript(raw: Record<string, unknown>, file: string, line: number): Transcript {
  if (!Array.isArray(raw.turns)) throw new InputError(file, 'expected a "turns" array', line);
  const agentSpeaker = typeof raw.agent === 'string' ? raw.agent : undefined;
  const source = typeof raw.source === 'string' ? raw.source : (raw.corpus as string | undefined) ?? 'gold';
  const annotated = Array.isArray(raw.annotated_behaviours)
    ? (raw.annotated_behaviours as unknown[]).filter((b): b is BehaviourId => typeof b === 'string' && isBehaviour(b))
    : [...BEHAVIOURS];
  const turns: Turn[] = (raw.turns as RawTurn[]).map((t, index) => {
    const speaker = typeof t.speaker === 'string' ? t.speaker : String(t.role ?? 'unknown');
    const role: Role =
      t.role === 'agent' || t.role === 'customer' || t.role === 'system'
        ? t.role
        : agentSpeaker !== undefined && speaker === agentSpeaker
          ? 'agent'
          : 'customer';
    const turn: Turn = { index, role, speaker, text: typeof t.text === 'string' ? t.text : '' };
    if (role === 'agent') turn.agentId = typeof t.agentId === 'string' ? t.agentId : (agentSpeaker ?? 'agent');
    if (Array.isArray(t.labels)) turn.labels = t.labels.filter((l): l is string => typeof l === 'string');
    return turn;
  });
  const id = typeof raw.id === 'string' ? raw.id : `${file}:${line}`;
  return { id, source: { file, line }, corpus: source, annotatedBehaviours: annotated, turns };
}
