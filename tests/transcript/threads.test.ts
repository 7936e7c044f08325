// CSV threads (issue 21): the csv reader with --thread-by rebuilds social threads from reply-to ids, orders them by
// their timestamps, decodes entities and splits @handles and signatures off; on a TWCS-shaped fixture written for
// the project (fixtures/social/twcs-sample.csv).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvReader } from '../../src/transcript/readers/csv.js';
import type { ReadOptions } from '../../src/transcript/readers/index.js';
import { decodeEntities, parseAbsoluteTime, splitSocialText } from '../../src/transcript/threads.js';
import type { Transcript } from '../../src/types.js';
import { read } from './helpers.js';

const FIXTURE = 'fixtures/social/twcs-sample.csv';
const TWCS: ReadOptions = { threadBy: 'in_response_to_tweet_id' };
const SIGNED: ReadOptions = { ...TWCS, agentFromSignature: true };

const readFixture = (options: ReadOptions) => read(csvReader, readFileSync(FIXTURE, 'utf8'), FIXTURE, options);
const call = (calls: Transcript[], id: string) => calls.find((t) => t.id === id)!;

describe('csv --thread-by on the Customer Support on Twitter shape', () => {
  const out = readFixture(SIGNED);

  it('one call per thread, named by its root tweet, in file order of the roots', () => {
    expect(out.problems).toEqual([]);
    expect(out.transcripts.map((t) => [t.id, t.turns.length])).toEqual([
      ['101', 5], ['110', 4], ['120', 4], ['130', 4], ['140', 5], ['150', 4], ['160', 2], ['170', 3], ['180', 3], ['190', 4],
    ]);
  });

  it('rows out of order in the file are put in timestamp order; a float-written parent id ("110.0") still links', () => {
    const t = call(out.transcripts, '110');
    expect(t.turns.map((u) => [u.role, u.agentId ?? null, u.start])).toEqual([
      ['customer', null, 0],
      ['agent', 'JS@NorthwindHelp', 427],
      ['customer', null, 854],
      ['agent', 'JS@NorthwindHelp', 1281],
    ]);
    expect(call(out.transcripts, '150').turns.map((u) => u.text)).toEqual([
      'charged roaming in France even though I bought the travel pass?!',
      "Sorry about that, that's not what should happen with a travel pass. DM us your number and we'll take a look.",
      'sent you a DM',
      "Thanks for waiting. The pass hadn't activated; I've refunded the £12.50 roaming charges & it'll show on your next bill.",
    ]);
  });

  it('roles from inbound (True = customer), speakers are the authors, team the company handle, date from created_at', () => {
    const t = call(out.transcripts, '101');
    expect(t.turns.map((u) => [u.role, u.speaker])).toEqual([
      ['customer', '200101'], ['agent', 'NorthwindHelp'], ['customer', '200101'], ['agent', 'NorthwindHelp'], ['customer', '200101'],
    ]);
    expect([t.team, t.date, t.channel, t.agentId]).toEqual(['NorthwindHelp', '2017-10-11', 'social', 'MM@NorthwindHelp']);
  });

  it('entities decoded, leading @handles and signatures split off, emoji kept', () => {
    const t = call(out.transcripts, '101');
    expect(t.turns[0]!.text).toBe('my bill is double this month & nobody has replied to my email 😡');
    expect(t.turns[3]!.text).toBe("Thanks for your patience. An estimated reading caused it; I've corrected it and I'll DM you the new bill by 5pm today");
    expect(call(out.transcripts, '120').turns[0]!.text).toBe('my card got declined at the till >:( so embarrassing');
    expect(call(out.transcripts, '130').turns[2]!.text).toBe('sent'); // two leading handles
    expect(call(out.transcripts, '160').turns[0]!.text).toBe('still waiting on that callback from last week… third time asking');
    expect(call(out.transcripts, '190').turns[0]!.text).toBe("my new phone still hasn't arrived and it was due Monday <sigh>");
  });

  it('--agent-from-signature: ^MM, /AY and - Mike name the agent at the company; an unsigned post keeps the handle, with a warning', () => {
    const agents = [...new Set(out.transcripts.flatMap((t) => t.turns.filter((u) => u.role === 'agent').map((u) => u.agentId)))].sort();
    expect(agents).toEqual(['AY@HarbourBank', 'HarbourBank', 'JS@NorthwindHelp', 'KT@HarbourBank', 'MM@NorthwindHelp', 'Mike@ZephyrMobile', 'Sarah@ZephyrMobile']);
    expect(out.warnings).toEqual([`${FIXTURE}: 1 agent post(s) carry no signature (^MM, /AY, - Mike): their agent id is the company handle`]);
  });

  it('without --agent-from-signature the company handle is the agent and the signature stays in the text', () => {
    const plain = readFixture(TWCS);
    const t = call(plain.transcripts, '140');
    expect(t.turns[1]).toMatchObject({ agentId: 'ZephyrMobile', text: expect.stringMatching(/nearby\. - Mike$/) });
    expect(plain.warnings).toEqual([]);
  });
});

describe('thread rebuilding details', () => {
  const BY_PARENT: ReadOptions = { threadBy: 'parent', agentFromSignature: true };
  const csv = (rows: string[], options: ReadOptions = BY_PARENT) =>
    read(csvReader, ['id,author,inbound,created_at,text,parent', ...rows].join('\n'), 'threads.csv', options);

  it('timestamps: ISO 8601 with offsets, YYYY-MM-DD HH:MM:SS and the Twitter form order one thread together', () => {
    const out = csv([
      '3,acme,False,2024-03-01 10:05:00,"Sorry to hear that, I have fixed it. ^AB",2',
      '1,c1,True,2024-03-01T11:00:00+01:00,my order is late,',
      '2,c1,True,Fri Mar 01 10:02:00 +0000 2024,hello?,1',
    ]);
    expect(out.transcripts[0]!.turns.map((u) => [u.text, u.start])).toEqual([
      ['my order is late', 0],
      ['hello?', 120],
      ['Sorry to hear that, I have fixed it.', 300],
    ]);
    expect(parseAbsoluteTime('Wed Oct 11 06:55:44 +0000 2017')).toBe(Date.UTC(2017, 9, 11, 6, 55, 44));
    expect(parseAbsoluteTime('2017-10-11 06:55:44')).toBe(Date.UTC(2017, 9, 11, 6, 55, 44));
    expect(parseAbsoluteTime('2017-02-30 06:55:44')).toBeUndefined();
    expect(parseAbsoluteTime('yesterday')).toBeUndefined();
  });

  it('a bad timestamp is one warning with file:line, and the thread keeps reply order', () => {
    const out = csv(['2,acme,False,soon,"We are on it - Jo",1', '1,c1,True,whenever,help']);
    expect(out.transcripts[0]!.turns.map((u) => u.text)).toEqual(['help', 'We are on it']);
    expect(out.warnings).toEqual([
      'threads.csv:2: row 2: "soon" is not a timestamp (expected ISO 8601, YYYY-MM-DD HH:MM:SS or Twitter\'s "Wed Oct 11 06:55:44 +0000 2017"); 2 rows like it: their thread keeps reply order',
    ]);
  });

  it('a reply whose parent is not in the file starts its own call; a reply loop does not hang', () => {
    const out = csv(['1,c1,True,,first,99', '2,acme,False,,"Sorry! ^AB",1', '3,c2,True,,loop a,4', '4,acme,False,,loop b ^CD,3']);
    expect(out.transcripts.map((t) => [t.id, t.turns.map((u) => u.text)])).toEqual([
      ['1', ['first', 'Sorry!']],
      ['3', ['loop a', 'loop b']],
    ]);
  });

  it('bad rows are problems with file:line; the other rows still make calls', () => {
    const out = csv(['1,c1,True,,help,', ',acme,False,,no id,1', '2,acme,maybe,,hmm,1', '3,acme,False,,,1', '1,c9,True,,again,']);
    expect(out.problems.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '3: row 3: missing id in column "id"',
      '4: row 4: "maybe" in column "inbound" is not True or False',
      '5: row 5: missing text in column "text"',
      '6: row 6: id "1" is already on row 2',
    ]);
    expect(out.transcripts.map((t) => t.id)).toEqual(['1']);
  });

  it('a --thread-by column the header lacks is one error on line 1', () => {
    expect(() => csv(['1,c1,True,,help,'], { threadBy: 'reply_to' })).toThrow(
      'threads.csv:1: --thread-by reply_to: no column "reply_to" in the header (id, author, inbound, created_at, text, parent)',
    );
  });

  it('without an inbound column, roles come from --agent-names like any speaker', () => {
    const out = read(csvReader, 'id,author,text,parent\n1,c1,my bill is wrong,\n2,acme,"Sorry, fixing it now - Jo",1\n', 't.csv', { threadBy: 'parent', agentFromSignature: true, agentNames: ['acme'] });
    expect(out.transcripts[0]!.turns.map((u) => [u.role, u.agentId ?? null, u.text])).toEqual([
      ['customer', null, 'my bill is wrong'],
      ['agent', 'acme', 'Sorry, fixing it now - Jo'],
    ]);
  });
});

describe('social text helpers', () => {
  it.each([
    ['@AcmeHelp @bob hi there', false, { text: 'hi there', handles: ['AcmeHelp', 'bob'] }],
    ['@123 Sorry for the wait ^MM', true, { text: 'Sorry for the wait', handles: ['123'], signature: 'MM' }],
    ['@123 On it now /AY', true, { text: 'On it now', handles: ['123'], signature: 'AY' }],
    ['@123 Happy to help - Mike', true, { text: 'Happy to help', handles: ['123'], signature: 'Mike' }],
    ['@123 Glad it worked -Sarah', true, { text: 'Glad it worked', handles: ['123'], signature: 'Sarah' }],
    ['@123 Done *TW', true, { text: 'Done', handles: ['123'], signature: 'TW' }],
    ['@123 it costs 5 - 10 pounds', true, { text: 'it costs 5 - 10 pounds', handles: ['123'] }],
    ['@123 see you at 3/4', true, { text: 'see you at 3/4', handles: ['123'] }],
    ['@only', true, { text: '@only', handles: ['only'] }],
  ])('%j (signed %s)', (raw, signed, expected) => {
    expect(splitSocialText(raw, signed)).toEqual(expected);
  });

  it('decodes named and numeric entities once', () => {
    expect(decodeEntities('Tom &amp; Jerry &lt;3 &#39;hi&#39; &#x1F600; &amp;lt; &bogus;')).toBe("Tom & Jerry <3 'hi' 😀 &lt; &bogus;");
  });
});
