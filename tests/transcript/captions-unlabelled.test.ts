// Captions without speaker names are never silently given to the agent (issue 21, DESIGN §4): speaker changes come
// from the cue marks (">>", "- ") with roles from the greeting heuristic and a warning, or the file is skipped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readText } from '../../src/transcript/read-inputs.js';

const DIR = 'fixtures/captions-unlabelled';

function read(file: string) {
  const events = [...readText(readFileSync(`${DIR}/${file}`, 'utf8'), `${DIR}/${file}`, {})];
  return {
    transcripts: events.flatMap((e) => (e.type === 'transcript' ? [e.transcript] : [])),
    skipped: events.flatMap((e) => (e.type === 'skipped' ? [e.problem.reason] : [])),
    warnings: events.flatMap((e) => (e.type === 'transcript' ? e.warnings : [])),
  };
}

describe('unlabelled captions', () => {
  it('no names and no speaker-change marks: skipped with the reason, not one agent turn', () => {
    const out = read('no-names-no-marks.vtt');
    expect(out.transcripts).toEqual([]);
    expect(out.skipped).toEqual([
      'captions carry no speaker names (no <v Name> voice tags or "Name:" prefixes) and no speaker-change marks (">>" or "- "): who said what cannot be told (export the captions with speaker names)',
    ]);
  });

  it('">>" marks: two speakers alternate, roles from the greeting heuristic, with a warning', () => {
    const out = read('speaker-change-marks.vtt');
    const [t] = out.transcripts;
    expect(t!.turns.map((x) => [x.speaker, x.role])).toEqual([
      ['Speaker 1', 'agent'],
      ['Speaker 2', 'customer'],
      ['Speaker 1', 'agent'],
    ]);
    expect(t!.turns[1]!.text).toBe('My bill is wrong again, this is ridiculous.');
    expect(out.warnings.some((w) => w.includes('captions carry no speaker names: speakers taken from the speaker-change marks'))).toBe(true);
  });

  it('SRT "- " marks work the same way', () => {
    const [t] = read('dash-marks.srt').transcripts;
    expect(t!.turns.map((x) => x.role)).toEqual(['agent', 'customer', 'agent']);
    expect(t!.turns[2]!.text).toBe('I am sorry about that.');
  });
});
