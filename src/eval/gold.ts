// Gold reader for `empathy eval` (DESIGN §11): canonical transcripts with per-turn labels, one per JSONL line.
// Agent turns carry behaviour labels; customer turns may carry `"labels": ["customer-distress"]` or `[]` (DESIGN §2.6).
import { readFileSync } from 'node:fs';
import { InputError } from '../transcript/input-error.js';
import { BEHAVIOURS, isBehaviour, type BehaviourId, type Role, type Transcript, type Turn } from '../types.js';
import { fileErrorReason } from '../file-errors.js';

/** The customer-turn label eval scores like a behaviour (DESIGN §2.6, §11). */
export const DISTRESS = 'customer-distress' as const;

/** What a gold file can label: the five behaviours (agent turns) and customer distress (customer turns). */
export type EvalLabel = BehaviourId | typeof DISTRESS;
export const EVAL_LABELS: readonly EvalLabel[] = [...BEHAVIOURS, DISTRESS];

export function isEvalLabel(id: string): id is EvalLabel {
  return id === DISTRESS || isBehaviour(id);
}

/**
 * A transcript read from a gold file. Like Transcript, except that `annotatedBehaviours` may also list
 * customer-distress. A plain Transcript is a GoldTranscript (so evaluate() takes either).
 */
export type GoldTranscript = Omit<Transcript, 'annotatedBehaviours'> & { annotatedBehaviours?: readonly EvalLabel[] };

interface RawTurn {
  role?: unknown;
  speaker?: unknown;
  text?: unknown;
  labels?: unknown;
  agentId?: unknown;
}

export function readGoldFile(file: string): GoldTranscript[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, fileErrorReason(err, 'gold file'));
  }
  return parseGold(text, file);
}

export function parseGold(text: string, file: string): GoldTranscript[] {
  const out: GoldTranscript[] = [];
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

/**
 * A turn's labels, checked: a list of strings, behaviour ids on agent turns, customer-distress on customer turns.
 * A wrong label is an InputError at the line rather than a label silently dropped (it would skew every figure).
 */
function checkedLabels(labels: unknown, role: Role, index: number, file: string, line: number): string[] {
  const where = `turns[${index}].labels`;
  if (!Array.isArray(labels) || !labels.every((l): l is string => typeof l === 'string')) {
    throw new InputError(file, `${where} is not a list of label names`, line);
  }
  for (const label of labels) {
    if (role === 'agent' && !isBehaviour(label)) {
      throw new InputError(file, `${where}: "${label}" is not a behaviour (agent turns: ${BEHAVIOURS.join(', ')})`, line);
    }
    if (role === 'customer' && label !== DISTRESS) {
      throw new InputError(file, `${where}: "${label}" is not a customer label (customer turns: ${DISTRESS})`, line);
    }
    if (role !== 'agent' && role !== 'customer') {
      throw new InputError(file, `${where}: ${role} turns carry no labels`, line);
    }
  }
  return labels;
}

function toTranscript(raw: Record<string, unknown>, file: string, line: number): GoldTranscript {
  if (!Array.isArray(raw.turns)) throw new InputError(file, 'expected a "turns" array', line);
  const agentSpeaker = typeof raw.agent === 'string' ? raw.agent : undefined;
  const source = typeof raw.source === 'string' ? raw.source : (raw.corpus as string | undefined) ?? 'gold';
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
    if (t.labels !== undefined) turn.labels = checkedLabels(t.labels, role, index, file, line);
    return turn;
  });
  // Unknown names in annotated_behaviours are ignored (a corpus may list labels of its own scheme). Without the
  // list, all five behaviours are annotated, and customer-distress too when a customer turn carries labels.
  const annotated: EvalLabel[] = Array.isArray(raw.annotated_behaviours)
    ? (raw.annotated_behaviours as unknown[]).filter((b): b is EvalLabel => typeof b === 'string' && isEvalLabel(b))
    : turns.some((t) => t.role === 'customer' && t.labels !== undefined)
      ? [...EVAL_LABELS]
      : [...BEHAVIOURS];
  const id = typeof raw.id === 'string' ? raw.id : `${file}:${line}`;
  return { id, source: { file, line }, corpus: source, annotatedBehaviours: annotated, turns };
}
