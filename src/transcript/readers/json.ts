// Canonical transcripts (DESIGN §3) as one JSON object, an array, or JSONL; gold-format fields included.
// Vendor shapes recognised inside JSON are delegated (Transcribe / Contact Lens → transcribe.ts).
import { BEHAVIOURS, isBehaviour, type BehaviourId, type InputProblem, type Role } from '../../types.js';
import { InputError } from '../input-error.js';
import { buildTranscript, roleFromLabel, type CallHeader, type RawTurn } from '../roles.js';
import { cleanText, idFromFileName, normaliseDate, splitLines, stripBom } from '../util.js';
import { isObject, parseJson, type JsonObject } from './json-parse.js';
import { JSON_SHAPE_READERS } from './json-shapes.js';
import type { DocumentPosition, JsonShape, ReadContext, ReadOutput, Reader } from './types.js';
import { describeUnknownShape } from './shapes.js';

const ROLE_VALUES = new Set<string>(['agent', 'customer', 'system', 'unknown']);


/** The canonical transcript (DESIGN §3): first, so it wins ties and describes a document with no familiar key. */
const CANONICAL: JsonShape = {
  format: 'a canonical transcript',
  short: 'canonical',
  required: 'turns',
  keys: ['turns', 'id', 'agentId', 'agent_id', 'utterances', 'messages', 'speaker'],
  matches: (value) => isObject(value) && Array.isArray(value.turns),
  convert: (value, ctx, position) => canonicalToOutput(value as JsonObject, ctx, position),
};

/** Every JSON shape the json and jsonl readers understand: the canonical one, then each vendor reader's. */
function jsonShapes(): JsonShape[] {
  return [CANONICAL, ...JSON_SHAPE_READERS.map((r) => r.json!)];
}

/** A shape error: the document parsed but is not a transcript. Thrown as InputError at the document's line. */
function shapeError(ctx: ReadContext, position: DocumentPosition, reason: string): InputError {
  return new InputError(ctx.file, reason, position.line);
}

/** Converts one parsed JSON document (any supported shape) to transcripts. */
function documentToOutput(value: unknown, ctx: ReadContext, position: DocumentPosition): ReadOutput {
  const shapes = jsonShapes();
  const shape = shapes.find((s) => s.matches(value));
  if (shape) return shape.convert(value, ctx, position);
  throw shapeError(ctx, position, describeUnknownShape(value, shapes));
}

/** A bare array that is itself one document (Twilio's sentence list), not an array of documents. */
function isDocumentArray(value: unknown[]): boolean {
  return JSON_SHAPE_READERS.some((r) => r.json!.matches(value));
}

function canonicalToOutput(value: JsonObject, ctx: ReadContext, position: DocumentPosition): ReadOutput {
  const warnings: string[] = [];
  const fail = (reason: string): never => {
    throw shapeError(ctx, position, `looks like a canonical transcript but ${reason}`);
  };
  const idValue = value.id;
  const id =
    typeof idValue === 'string' && idValue.trim() !== ''
      ? idValue.trim()
      : typeof idValue === 'number'
        ? String(idValue)
        : idFromFileName(ctx.file, position.suffix);
  const header: CallHeader = { id };
  if (position.line !== undefined) header.line = position.line;
  for (const key of ['agentId', 'agentName', 'team', 'channel'] as const) {
    const v = value[key] ?? value[snake(key)];
    if (typeof v === 'string' && v.trim() !== '') header[key] = v.trim();
  }
  if (typeof value.date === 'string') {
    const date = normaliseDate(value.date);
    if (date) header.date = date;
    else warnings.push(`${where(ctx, position)}: date "${value.date}" is not a date; ignored`);
  }
  if (typeof value.source === 'string' && value.source.trim() !== '') header.corpus = value.source.trim();
  else if (typeof value.corpus === 'string' && value.corpus.trim() !== '') header.corpus = value.corpus.trim();
  const annotated = value.annotated_behaviours ?? value.annotatedBehaviours;
  if (annotated !== undefined) {
    if (!Array.isArray(annotated)) fail('"annotated_behaviours" is not a list');
    const list = annotated as unknown[];
    const known: BehaviourId[] = [];
    for (const b of list) {
      if (typeof b === 'string' && isBehaviour(b)) known.push(b);
      else warnings.push(`${where(ctx, position)}: unknown behaviour ${JSON.stringify(b)} in annotated_behaviours (expected ${BEHAVIOURS.join(', ')}); ignored`);
    }
    header.annotatedBehaviours = known;
  }
  // Gold format: `agent` is the agent's speaker id; everyone else is the customer.
  const goldAgent = typeof value.agent === 'string' || typeof value.agent === 'number' ? String(value.agent) : undefined;

  const turns: RawTurn[] = [];
  (value.turns as unknown[]).forEach((item, i) => {
    if (!isObject(item)) return fail(`turns[${i}] is not an object`);
    if (typeof item.text !== 'string') return fail(`turns[${i}].text is missing`);
    const speakerValue = item.speaker;
    const speaker = typeof speakerValue === 'string' || typeof speakerValue === 'number' ? String(speakerValue) : undefined;
    const roleValue = typeof item.role === 'string' ? item.role.trim() : undefined;
    if (speaker === undefined && roleValue === undefined) return fail(`turns[${i}] has neither "speaker" nor "role"`);
    const text = cleanText(item.text);
    if (text === '') {
      warnings.push(`${where(ctx, position)}: turns[${i}] has empty text; skipped`);
      return undefined;
    }
    const turn: RawTurn = { speaker: speaker ?? roleValue ?? '', text };
    let role: Role | undefined;
    if (roleValue !== undefined) {
      role = ROLE_VALUES.has(roleValue.toLowerCase()) ? (roleValue.toLowerCase() as Role) : roleFromLabel(roleValue);
      if (role === undefined) warnings.push(`${where(ctx, position)}: turns[${i}].role "${roleValue}" is not a role; resolving from the speaker`);
    }
    if ((role === undefined || role === 'unknown') && goldAgent !== undefined && speaker !== undefined) {
      role = speaker === goldAgent ? 'agent' : 'customer';
    }
    if (role !== undefined && role !== 'unknown') turn.role = role;
    const agentId = item.agentId ?? item.agent_id;
    if (typeof agentId === 'string' && agentId.trim() !== '') turn.agentId = agentId.trim();
    if (typeof item.start === 'number' && Number.isFinite(item.start)) turn.start = item.start;
    if (typeof item.end === 'number' && Number.isFinite(item.end)) turn.end = item.end;
    if (item.labels !== undefined) {
      if (!Array.isArray(item.labels) || !item.labels.every((l) => typeof l === 'string')) {
        return fail(`turns[${i}].labels is not a list of behaviour names`);
      }
      turn.labels = item.labels as string[];
    }
    turns.push(turn);
    return undefined;
  });
  const built = buildTranscript(header, turns, ctx);
  return { transcripts: [built.transcript], problems: [], warnings: [...warnings, ...built.warnings] };
}

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const where = (ctx: ReadContext, p: DocumentPosition): string => (p.line !== undefined ? `${ctx.file}:${p.line}` : ctx.file);

/** A whole JSON file: one document, or an array of documents (each item failing on its own). */
function readJsonDocument(text: string, ctx: ReadContext): ReadOutput {
  if (stripBom(text).trim() === '') return { transcripts: [], problems: [], warnings: [] };
  let value: unknown;
  try {
    value = parseJson(text, ctx.file);
  } catch (error) {
    // Several JSON values on separate lines: JSONL without the extension.
    if (looksLikeJsonl(text)) return readJsonl(text, ctx);
    throw error;
  }
  // A bare array of Twilio sentences is one call, not an array of calls.
  if (!Array.isArray(value) || isDocumentArray(value)) return documentToOutput(value, ctx, {});
  const out: ReadOutput = { transcripts: [], problems: [], warnings: [] };
  const failures: InputError[] = [];
  value.forEach((item, i) => {
    try {
      merge(out, documentToOutput(item, ctx, { suffix: i + 1 }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failures.push(new InputError(ctx.file, `item ${i}: ${error.reason}`));
    }
  });
  if (out.transcripts.length === 0 && failures.length > 0) throw failures[0]!;
  out.problems.push(...failures.map((f) => f.toProblem()));
  return out;
}

/**
 * One JSONL line (0-based `index`): its transcripts, or an InputError for a broken line. Exported for the streaming
 * stdin reader, which feeds lines one at a time instead of the whole text.
 */
export function readJsonlLine(line: string, index: number, ctx: ReadContext): ReadOutput {
  return documentToOutput(parseJson(line, ctx.file, index), ctx, { line: index + 1, suffix: index + 1 });
}

/** JSONL: each non-empty line is a document; a broken line is a problem, the others still count. */
function readJsonl(text: string, ctx: ReadContext): ReadOutput {
  const out: ReadOutput = { transcripts: [], problems: [], warnings: [] };
  const failures: InputProblem[] = [];
  const lines = splitLines(text);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      merge(out, readJsonlLine(line, i, ctx));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const problem = error.toProblem();
      problem.line = i + 1;
      failures.push(problem);
    }
  });
  if (out.transcripts.length === 0 && failures.length > 0) {
    const first = failures[0]!;
    throw new InputError(first.file, first.reason, first.line, first.column);
  }
  out.problems.push(...failures);
  return out;
}

function looksLikeJsonl(text: string): boolean {
  const lines = splitLines(text).filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]!);
    return /^\s*[{[]/.test(lines[0]!);
  } catch {
    return false;
  }
}

function merge(into: ReadOutput, from: ReadOutput): void {
  into.transcripts.push(...from.transcripts);
  into.problems.push(...from.problems);
  into.warnings.push(...from.warnings);
}

export const jsonReader: Reader = {
  name: 'json',
  description: 'Canonical transcript JSON (one object or an array of them); gold-format fields; any vendor shape below',
  extensions: ['.json'],
  detection: '.json extension, or content starting with "{" or "["',
  fields:
    'id (else file name), agentId, agentName, team, date, channel, turns[].speaker|role, text, start, end, agentId, ' +
    'labels; gold: source (corpus name), agent (agent speaker id), annotated_behaviours. Transcribe/Contact Lens, ' +
    'Genesys, CCAI and Twilio documents inside a .json file (or an array of them) are read as those formats',
  sniff(head) {
    return /^\s*[{[]/.test(stripBom(head));
  },
  read: readJsonDocument,
};

export const jsonlReader: Reader = {
  name: 'jsonl',
  description: 'One canonical (or Transcribe) transcript per line; a broken line fails alone',
  extensions: ['.jsonl', '.ndjson'],
  detection: '.jsonl/.ndjson extension, or a first line that is a complete JSON object followed by more lines',
  fields: 'as json, one document per line (line number kept as source.line)',
  sniff(head) {
    const lines = splitLines(head).filter((l) => l.trim() !== '');
    if (lines.length < 2 || !/^\s*\{/.test(lines[0]!)) return false;
    try {
      return isObject(JSON.parse(lines[0]!));
    } catch {
      return false;
    }
  },
  read: readJsonl,
};
