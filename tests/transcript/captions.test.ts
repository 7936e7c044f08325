import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/transcript/input-error.js';
import { srtReader } from '../../src/transcript/readers/srt.js';
import { vttReader } from '../../src/transcript/readers/vtt.js';
import { only, read, roles } from './helpers.js';

const TEAMS = `WEBVTT

063b7c5f-e95b-5d6f-bb41-0d6e679bf8fa/11-0
00:00:02.000 --> 00:00:07.215
<v Priya Shah>Thank you for calling Brightline, this is Priya, how can I help?</v>

063b7c5f-e95b-5d6f-bb41-0d6e679bf8fa/14-0
00:00:08.115 --> 00:00:15.253
<v Laura Bennett>Hi. I need to close my dad&apos;s account.</v>

063b7c5f-e95b-5d6f-bb41-0d6e679bf8fa/15-0
00:00:15.300 --> 00:00:17.000
<v Laura Bennett>He passed away &amp; I'm the executor.</v>

NOTE this block is a comment

063b7c5f-e95b-5d6f-bb41-0d6e679bf8fa/17-0
00:00:17.553 --> 00:01:25.384
<v Priya Shah>I'm so sorry for your loss.</v>
`;

const ZOOM = `WEBVTT

1
00:00:01.000 --> 00:00:04.000
Tom Nguyen: Brightline Fibre, this is Tom.

2
00:00:04.500 --> 00:00:09.000
Ana Lopez: My Wi-Fi is weak upstairs.

3
00:00:09.500 --> 00:00:12.000
Tom Nguyen: Okay, let me check.
`;

const SRT = `1
00:00:02,000 --> 00:00:07,600
Raj Patel: Thank you for calling Harbor Mutual, this is Raj, how can I help?

2
00:00:08,700 --> 00:00:18,531
Martin Keane: I've put in a claim for physical therapy,
and I've only been paid for two.

3
00:00:18,831 --> 00:00:24,431
Raj Patel: <i>Sure</i>, I can look at that.
`;

describe('vtt reader', () => {
  it('reads Teams voice tags, merges consecutive cues by one speaker and decodes entities', () => {
    const out = read(vttReader, TEAMS, 'teams-ret-4410.vtt');
    const t = only(out);
    expect(t.id).toBe('teams-ret-4410');
    expect(t.turns.map((x) => x.speaker)).toEqual(['Priya Shah', 'Laura Bennett', 'Priya Shah']);
    expect(t.turns[1]!.text).toBe("Hi. I need to close my dad's account. He passed away & I'm the executor.");
    expect(t.turns[1]).toMatchObject({ start: 8.115, end: 17 });
    expect(t.turns[2]).toMatchObject({ start: 17.553, end: 85.384 });
    // Roles come from the scripted greeting; the other of two speakers is the customer.
    expect(roles(out)).toEqual(['agent', 'customer', 'agent']);
    expect(t.turns[0]!.agentId).toBe('priya-shah');
    expect(out.warnings).toEqual([]);
  });

  it('reads Zoom "Name: text" cues; --agent-names overrides the heuristic', () => {
    const out = read(vttReader, ZOOM, 'zoom.vtt', { agentNames: ['ana'] });
    expect(roles(out)).toEqual(['customer', 'agent', 'customer']);
    expect(only(out).turns[1]!.agentId).toBe('ana-lopez');
  });

  it('requires the WEBVTT signature and well-formed timings', () => {
    expect(() => read(vttReader, '1\n00:00:01.000 --> 00:00:02.000\nhi\n', 'x.vtt')).toThrow('x.vtt:1: expected "WEBVTT" on the first line');
    try {
      read(vttReader, 'WEBVTT\n\n00:00:01.000 --> soon\n<v A>hi</v>\n', 'y.vtt');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe('y.vtt:3: malformed cue timing (expected "HH:MM:SS.mmm --> HH:MM:SS.mmm")');
    }
  });

  it('sniffs the signature', () => {
    expect(vttReader.sniff('\uFEFFWEBVTT\n\n', 'x')).toBe(true);
    expect(vttReader.sniff('WEBVTTX', 'x')).toBe(false);
  });
});

describe('srt reader', () => {
  it('reads numbered blocks, comma milliseconds, multi-line payloads and strips tags', () => {
    const out = read(srtReader, SRT, 'clm-8830.srt');
    const t = only(out);
    expect(t.turns).toHaveLength(3);
    expect(roles(out)).toEqual(['agent', 'customer', 'agent']);
    expect(t.turns[1]!.text).toBe("I've put in a claim for physical therapy, and I've only been paid for two.");
    expect(t.turns[2]!.text).toBe('Sure, I can look at that.');
    expect(t.turns[0]).toMatchObject({ start: 2, end: 7.6, agentId: 'raj-patel' });
  });

  it('reports a block without timing at its line', () => {
    expect(() => read(srtReader, '1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n2\njust text\n', 's.srt')).toThrow(
      's.srt:5: expected a cue timing line "HH:MM:SS,mmm --> HH:MM:SS,mmm"',
    );
  });

  it('sniffs an index line followed by a timing line', () => {
    expect(srtReader.sniff(SRT, 'x')).toBe(true);
    expect(srtReader.sniff(ZOOM, 'x')).toBe(false);
  });
});
