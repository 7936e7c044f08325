// Shared by the caption formats (WebVTT, SRT): cue blocks → speaker turns.
import { InputError } from '../input-error.js';
import type { RawTurn } from '../roles.js';
import { cleanText, parseTimestamp } from '../util.js';

export interface Cue {
  /** 1-based line of the timing line. */
  line: number;
  start: number;
  end: number;
  payload: string[];
}

const TIMING = /^\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$/;

/** Splits caption lines into cues. `skipBlock` drops non-cue blocks (VTT NOTE/STYLE/REGION, the header). */
export function parseCues(
  lines: string[],
  file: string,
  expected: string,
  skipBlock: (block: string[]) => boolean,
): Cue[] {
  const cues: Cue[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    const blockStart = i;
    while (i < lines.length && lines[i]!.trim() !== '') i++;
    const block = lines.slice(blockStart, i);
    if (block.length === 0 || skipBlock(block)) continue;
    const timingIndex = block.findIndex((l) => l.includes('-->'));
    if (timingIndex < 0 || timingIndex > 1) {
      throw new InputError(file, `expected a cue timing line "${expected}"`, blockStart + 1);
    }
    const match = TIMING.exec(block[timingIndex]!);
    const start = match ? parseTimestamp(match[1]!) : undefined;
    const end = match ? parseTimestamp(match[2]!) : undefined;
    if (start === undefined || end === undefined) {
      throw new InputError(file, `malformed cue timing (expected "${expected}")`, blockStart + timingIndex + 1);
    }
    cues.push({ line: blockStart + timingIndex + 1, start, end, payload: block.slice(timingIndex + 1) });
  }
  return cues;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', apos: "'", lrm: '', rlm: '' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** "Name: text" at the start of a caption payload (Zoom, SRT). */
export function splitNamePrefix(text: string): { speaker?: string; text: string } {
  const m = /^\s*-?\s*([^:<>]{1,40}?)\s*:\s+(.*)$/s.exec(text);
  if (!m) return { text };
  const name = m[1]!.trim();
  if (name.split(/\s+/).length > 5 || /[!?;,"“”…]|\.\s*$/.test(name) || /^\d+$/.test(name)) return { text };
  return { speaker: name, text: m[2]! };
}

/** A piece of a cue said by one speaker (undefined = not stated: continues the previous speaker). */
export interface CueSegment {
  speaker?: string;
  text: string;
  start: number;
  end: number;
}

/** Joins segments into turns: same-speaker neighbours merge; an unattributed segment continues the previous turn. */
export function segmentsToTurns(segments: CueSegment[]): RawTurn[] {
  const turns: RawTurn[] = [];
  for (const segment of segments) {
    const text = cleanText(segment.text);
    if (text === '') continue;
    const last = turns[turns.length - 1];
    if (last && (segment.speaker === undefined || segment.speaker === last.speaker)) {
      last.text = `${last.text} ${text}`;
      last.end = segment.end;
      continue;
    }
    turns.push({ speaker: segment.speaker ?? '', text, start: segment.start, end: segment.end });
  }
  return turns;
}

/** "&gt;&gt; yes" / ">> yes" (broadcast captions) and "- yes" (subtitles): a new speaker starts here. */
const SPEAKER_CHANGE = /^\s*(?:>>|&gt;&gt;|-\s)\s*/;

export type Attribution = { segments: CueSegment[]; warning?: string } | { skipReason: string };

/**
 * Captions without any speaker name (DESIGN §4: never a silent guess). When the cues mark speaker changes (">>" or a
 * leading "- "), speakers are numbered from those marks and roles are left to the greeting heuristic, with a warning;
 * with no marks either, who said what cannot be told and the file is skipped with the reason.
 */
export function attributeUnlabelled(segments: CueSegment[], file: string): Attribution {
  if (segments.length === 0 || segments.some((s) => s.speaker !== undefined)) return { segments };
  if (!segments.some((s) => SPEAKER_CHANGE.test(s.text))) {
    return {
      skipReason:
        'captions carry no speaker names (no <v Name> voice tags or "Name:" prefixes) and no speaker-change marks (">>" or "- "): ' +
        'who said what cannot be told (export the captions with speaker names)',
    };
  }
  let speaker = 1;
  const out = segments.map((s, i) => {
    const marked = SPEAKER_CHANGE.test(s.text);
    if (marked && i > 0) speaker = speaker === 1 ? 2 : 1;
    return { ...s, speaker: `Speaker ${speaker}`, text: marked ? s.text.replace(SPEAKER_CHANGE, '') : s.text };
  });
  return {
    segments: out,
    warning: `${file}: captions carry no speaker names: speakers taken from the speaker-change marks (">>" / "- "), roles from the greeting heuristic; check them, or pass --role-map / --agent-names`,
  };
}
