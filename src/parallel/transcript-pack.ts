// Batches of transcripts cross to a worker packed: the turn texts as one array of strings, the other turn fields as
// typed arrays into a small string table, instead of a structured clone of ~100 turn objects per call. Deserialising that
// clone cost 0.08-0.19 ms per call on the worker (plus 0.05-0.1 ms serialising on the reading thread), about as much as
// reading and parsing the file; packed, ~0.02 and ~0.035 ms. Turns are rebuilt with the same keys in the same order,
// since outputs echo them.
import type { Role, Transcript, Turn } from '../types.js';

export interface PackedBatch {
  /** Each transcript, its turns emptied when they are packed below. */
  transcripts: Transcript[];
  /** Whether transcripts[i]'s turns are packed (else it travels whole: an unusual turn shape). */
  packed: Uint8Array;
  /** How many packed turns transcripts[i] has. */
  turnCounts: Int32Array;
  /**
   * The packed turns' texts, in order. An array, not one joined string: slices of a joined string would each keep the
   * whole batch alive and made scoring measurably slower.
   */
  texts: string[];
  /** Per packed turn, in order: role, speaker and agent id as indexes into `strings` (-1: none). */
  role: Int32Array;
  speaker: Int32Array;
  agentId: Int32Array;
  /** Per packed turn: start and end seconds, present when bit 1 (start) or 2 (end) of `times` is set. */
  start: Float64Array;
  end: Float64Array;
  times: Uint8Array;
  /** Per packed turn: the vendor sentiment's label and source (indexes into `strings`, -1: none) and score (NaN: none). */
  sentimentLabel: Int32Array;
  sentimentSource: Int32Array;
  sentimentScore: Float64Array;
  strings: string[];
}

/** The keys buildTranscript gives a turn, in its order; agentId, start, end and sentiment are optional. */
const REQUIRED_KEYS = ['index', 'role', 'speaker', 'text'] as const;
const OPTIONAL_KEYS = ['agentId', 'start', 'end', 'sentiment'] as const;

/** A sentiment as the readers build it: `{ label, source }` or `{ label, source, score }`, in that key order. */
function isPackableSentiment(value: Turn['sentiment']): boolean {
  if (value === null || typeof value !== 'object') return false;
  const keys = Object.keys(value);
  if (keys[0] !== 'label' || keys[1] !== 'source' || typeof value.label !== 'string' || typeof value.source !== 'string') return false;
  return keys.length === 2 || (keys.length === 3 && keys[2] === 'score' && typeof value.score === 'number' && !Number.isNaN(value.score));
}

/** Whether the turns are exactly what unpackBatch rebuilds: the keys in order, of the expected types. */
function isPackable(turns: readonly Turn[]): boolean {
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.index !== i || typeof turn.role !== 'string' || typeof turn.speaker !== 'string' || typeof turn.text !== 'string') {
      return false;
    }
    const keys = Object.keys(turn);
    let k = 0;
    for (const required of REQUIRED_KEYS) if (keys[k++] !== required) return false;
    for (const optional of OPTIONAL_KEYS) if (keys[k] === optional) k++;
    if (k !== keys.length) return false;
    if (turn.agentId !== undefined && typeof turn.agentId !== 'string') return false;
    if (turn.start !== undefined && typeof turn.start !== 'number') return false;
    if (turn.end !== undefined && typeof turn.end !== 'number') return false;
    if (turn.sentiment !== undefined && !isPackableSentiment(turn.sentiment)) return false;
  }
  return true;
}

export function packBatch(input: readonly Transcript[]): PackedBatch {
  const packed = new Uint8Array(input.length);
  const turnCounts = new Int32Array(input.length);
  let turnCount = 0;
  input.forEach((t, i) => {
    if (isPackable(t.turns)) {
      packed[i] = 1;
      turnCounts[i] = t.turns.length;
      turnCount += t.turns.length;
    }
  });
  const role = new Int32Array(turnCount);
  const speaker = new Int32Array(turnCount);
  const agentId = new Int32Array(turnCount);
  const start = new Float64Array(turnCount);
  const end = new Float64Array(turnCount);
  const times = new Uint8Array(turnCount);
  const sentimentLabel = new Int32Array(turnCount);
  const sentimentSource = new Int32Array(turnCount);
  const sentimentScore = new Float64Array(turnCount);
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const intern = (value: string): number => {
    let at = indexOf.get(value);
    if (at === undefined) {
      at = strings.length;
      strings.push(value);
      indexOf.set(value, at);
    }
    return at;
  };
  const texts: string[] = [];
  const transcripts: Transcript[] = [];
  let at = 0;
  input.forEach((t, i) => {
    if (!packed[i]) {
      transcripts.push(t);
      return;
    }
    // A shallow copy with the turns emptied: the key keeps its place, and the caller's transcript is left alone.
    transcripts.push({ ...t, turns: [] });
    for (const turn of t.turns) {
      texts.push(turn.text);
      role[at] = intern(turn.role);
      speaker[at] = intern(turn.speaker);
      agentId[at] = turn.agentId === undefined ? -1 : intern(turn.agentId);
      if (turn.start !== undefined) {
        start[at] = turn.start;
        times[at] |= 1;
      }
      if (turn.end !== undefined) {
        end[at] = turn.end;
        times[at] |= 2;
      }
      const sentiment = turn.sentiment;
      sentimentLabel[at] = sentiment === undefined ? -1 : intern(sentiment.label);
      sentimentSource[at] = sentiment === undefined ? -1 : intern(sentiment.source);
      sentimentScore[at] = sentiment?.score ?? NaN;
      at++;
    }
  });
  return { transcripts, packed, turnCounts, texts, role, speaker, agentId, start, end, times, sentimentLabel, sentimentSource, sentimentScore, strings };
}

/** The typed arrays' buffers, to transfer rather than copy. */
export function packedBuffers(batch: PackedBatch): ArrayBuffer[] {
  return [
    batch.packed, batch.turnCounts, batch.role, batch.speaker, batch.agentId, batch.start, batch.end, batch.times,
    batch.sentimentLabel, batch.sentimentSource, batch.sentimentScore,
  ].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

export function unpackBatch(batch: PackedBatch): Transcript[] {
  const { strings } = batch;
  let at = 0;
  return batch.transcripts.map((transcript, i) => {
    if (!batch.packed[i]) return transcript;
    const count = batch.turnCounts[i]!;
    const turns: Turn[] = new Array(count);
    for (let index = 0; index < count; index++, at++) {
      const turn: Turn = {
        index,
        role: strings[batch.role[at]!] as Role,
        speaker: strings[batch.speaker[at]!]!,
        text: batch.texts[at]!,
      };
      if (batch.agentId[at]! >= 0) turn.agentId = strings[batch.agentId[at]!]!;
      if (batch.times[at]! & 1) turn.start = batch.start[at]!;
      if (batch.times[at]! & 2) turn.end = batch.end[at]!;
      if (batch.sentimentLabel[at]! >= 0) {
        const sentiment: NonNullable<Turn['sentiment']> = {
          label: strings[batch.sentimentLabel[at]!] as NonNullable<Turn['sentiment']>['label'],
          source: strings[batch.sentimentSource[at]!]!,
        };
        if (!Number.isNaN(batch.sentimentScore[at]!)) sentiment.score = batch.sentimentScore[at]!;
        turn.sentiment = sentiment;
      }
      turns[index] = turn;
    }
    transcript.turns = turns;
    return transcript;
  });
}
