// SubRip captions: numbered blocks, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, `Name: text` payloads.
import { buildTranscript } from '../roles.js';
import { idFromFileName, splitLines, stripBom } from '../util.js';
import { attributeUnlabelled, decodeEntities, parseCues, segmentsToTurns, splitNamePrefix, type CueSegment } from './cues.js';
import type { Reader } from './types.js';

export const srtReader: Reader = {
  name: 'srt',
  description: 'SubRip (.srt) captions with "Name: text" cues',
  extensions: ['.srt'],
  detection: '.srt extension, or a first block of an index line then "HH:MM:SS,mmm --> HH:MM:SS,mmm"',
  fields: 'cue timing (start/end), "Name:" speaker prefix, text (<i>/<b>/<font> tags dropped)',
  sniff(head) {
    return /^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2},\d{1,3}\s*-->/.test(stripBom(head));
  },
  read(text, ctx) {
    const lines = splitLines(text);
    const cues = parseCues(lines, ctx.file, 'HH:MM:SS,mmm --> HH:MM:SS,mmm', () => false);
    const segments: CueSegment[] = cues.map((cue) => {
      const payload = decodeEntities(cue.payload.join('\n').replace(/<[^>]*>|\{\\[^}]*\}/g, ''));
      const { speaker, text: rest } = splitNamePrefix(payload);
      const segment: CueSegment = { text: rest, start: cue.start, end: cue.end };
      if (speaker !== undefined) segment.speaker = speaker;
      return segment;
    });
    const attributed = attributeUnlabelled(segments, ctx.file);
    if ('skipReason' in attributed) return { transcripts: [], problems: [], warnings: [], skipReason: attributed.skipReason };
    const turns = segmentsToTurns(attributed.segments);
    if (turns.length === 0) return { transcripts: [], problems: [], warnings: [] };
    const built = buildTranscript({ id: idFromFileName(ctx.file) }, turns, ctx);
    return { transcripts: [built.transcript], problems: [], warnings: [...(attributed.warning ? [attributed.warning] : []), ...built.warnings] };
  },
};
