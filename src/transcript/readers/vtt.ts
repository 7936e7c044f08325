// WebVTT captions: Teams `<v Speaker Name>` voice tags (GUID cue ids) or Zoom `Name: text` payloads.
import { InputError } from '../input-error.js';
import { buildTranscript } from '../roles.js';
import { idFromFileName, splitLines, stripBom } from '../util.js';
import { attributeUnlabelled, decodeEntities, parseCues, segmentsToTurns, splitNamePrefix, type CueSegment } from './cues.js';
import type { Reader } from './types.js';

const VOICE = /<v(?:\.[\w.-]+)?\s+([^>]+)>([\s\S]*?)(?:<\/v>|(?=<v[\s.])|$)/g;

function cueSegments(payload: string, start: number, end: number): CueSegment[] {
  const text = payload;
  const voices = [...text.matchAll(VOICE)];
  if (voices.length > 0) {
    return voices.map((v) => ({ speaker: decodeEntities(v[1]!.trim()), text: plain(v[2]!), start, end }));
  }
  const { speaker, text: rest } = splitNamePrefix(plain(text));
  const segment: CueSegment = { text: rest, start, end };
  if (speaker !== undefined) segment.speaker = speaker;
  return [segment];
}

/** Drops markup (<c>, <i>, inline timestamps) and decodes entities. */
function plain(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, ''));
}

export const vttReader: Reader = {
  name: 'vtt',
  description: 'WebVTT captions (Microsoft Teams voice tags, Zoom "Name: text" cues)',
  extensions: ['.vtt'],
  detection: 'file starts with "WEBVTT"',
  fields: 'cue timing hh:mm:ss.mmm --> hh:mm:ss.mmm (start/end), <v Speaker> voice tags or "Name:" prefixes, text',
  sniff(head) {
    return /^WEBVTT(?:[ \t]|\r?\n|$)/.test(stripBom(head));
  },
  read(text, ctx) {
    const lines = splitLines(text);
    if (lines.every((l) => l.trim() === '')) return { transcripts: [], problems: [], warnings: [] };
    if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0]!)) throw new InputError(ctx.file, 'expected "WEBVTT" on the first line', 1);
    const cues = parseCues(lines, ctx.file, 'HH:MM:SS.mmm --> HH:MM:SS.mmm', (block) =>
      block[0] === lines[0] || /^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(block[0]!),
    );
    const attributed = attributeUnlabelled(cues.flatMap((c) => cueSegments(c.payload.join('\n'), c.start, c.end)), ctx.file);
    if ('skipReason' in attributed) return { transcripts: [], problems: [], warnings: [], skipReason: attributed.skipReason };
    const turns = segmentsToTurns(attributed.segments);
    if (turns.length === 0) return { transcripts: [], problems: [], warnings: [] };
    const built = buildTranscript({ id: idFromFileName(ctx.file) }, turns, ctx);
    return { transcripts: [built.transcript], problems: [], warnings: [...(attributed.warning ? [attributed.warning] : []), ...built.warnings] };
  },
};
