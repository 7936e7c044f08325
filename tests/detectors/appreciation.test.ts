// Appreciation detector against DESIGN §2.4, including rubric lexicon edits.
import { describe, expect, it } from 'vitest';
import { agentSays, call, detect, kindsOf } from './helpers.js';

describe('appreciation: DESIGN §2.4 positives', () => {
  it.each([
    ['Thank you for your patience.', 'patience'],
    ['Thanks for holding.', 'patience'],
    ['I appreciate you bringing this to our attention.', 'information'],
    ['Thanks for calling.', 'greeting'], // the agent's first words: the scripted opening (see below)
    ['Great question.', 'information'],
    ['Thank you for being a customer for ten years.', 'loyalty'],
  ])('%s → appreciation/%s', (text, kind) => {
    const found = agentSays(text, 'appreciation');
    expect(found.map((f) => f.kind)).toEqual([kind]);
    expect(found[0]!.quote).toBe(text);
  });
});

describe('appreciation: the scripted opening is its own kind, greeting (issue 20)', () => {
  const kindsAt = (t: ReturnType<typeof call>, turn: number) =>
    detect(t).filter((f) => f.behaviour === 'appreciation' && f.turn === turn).map((f) => f.kind);

  it('"Thank you for calling Northwind Energy, this is Alice" opening the call is greeting; the closing thanks is courtesy', () => {
    const t = call(
      ['A', 'Thank you for calling Northwind Energy, this is Alice, how can I help?'],
      ['C', 'My bill is wrong.'],
      ['A', 'Let me check that for you.'],
      ['C', 'Okay, that is everything.'],
      ['A', 'Thanks for calling, have a lovely day.'],
    );
    expect(kindsAt(t, 0)).toEqual(['greeting']);
    expect(kindsAt(t, 4)).toEqual(['courtesy']);
  });

  it('thanks for waiting in the opening is still patience; asr text without punctuation works the same', () => {
    expect(kindsAt(call(['A', 'thanks for holding you are through to brightside energy']), 0)).toEqual(['patience']);
    expect(kindsAt(call(['A', 'thank you for calling brightside energy my names hannah']), 0)).toEqual(['greeting']);
  });

  it('the default rubric does not count the greeting; the strict and support rubrics neither', async () => {
    const { loadRubric } = await import('../../src/rubric/load.js');
    for (const name of ['default', 'strict', 'support']) expect(loadRubric(name).behaviours.appreciation.kinds).not.toContain('greeting');
  });
});

describe('appreciation: hard negatives', () => {
  it.each([
    'No thanks.',
    'No, thank you.',
    'Thanks but no.',
    'Thanks to the update, it works now.',
    "I don't appreciate that.",
    'Thank god it arrived.',
  ])('%s → no appreciation', (text) => {
    expect(agentSays(text, 'appreciation')).toEqual([]);
  });

  it('"I appreciate how frustrating this is" validates a feeling, it does not thank', () => {
    expect(kindsOf('I appreciate how frustrating this is.', 'appreciation')).toEqual([]);
  });

  it.each([
    'She told me thanks for holding.',
    'He said "thank you for your patience" and hung up.',
    "And he's like oh, thank you so much.",
  ])('reported: %s', (text) => {
    expect(agentSays(text, 'appreciation')).toEqual([]);
  });

  it('an interjection before the thanks is not a quotative ("Oh, thank you so much for waiting.")', () => {
    expect(kindsOf('Oh, thank you so much for waiting.', 'appreciation')).toEqual(['patience']);
  });

  it("the customer's thanks is not the agent's appreciation", () => {
    const t = call(['A', 'Your refund has gone through.'], ['C', 'Thank you so much for your patience and help!']);
    expect(detect(t).filter((f) => f.behaviour === 'appreciation')).toEqual([]);
  });
});

describe('appreciation: rubric lexicon edits', () => {
  const text = 'Cheers for waiting, mate.';

  it('an added plain phrase reports its kind under a rubric rule id', () => {
    const t = call(['C', 'Hello?'], ['A', text]);
    const found = detect(t, {
      appreciation: { add: [{ text: 'cheers for waiting', kind: 'patience', regex: false }], remove: ['cheers'] },
    }).filter((f) => f.behaviour === 'appreciation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'patience', rule: 'appreciation.rubric-1', confidence: 0.8, quote: text });
  });

  it('adding alongside the defaults still yields one finding for the sentence, of the added kind', () => {
    const found = detect(call(['C', 'Hello?'], ['A', text]), {
      appreciation: { add: [{ text: 'cheers for waiting', kind: 'patience', regex: false }], remove: [] },
    }).filter((f) => f.behaviour === 'appreciation');
    expect(found.map((f) => `${f.kind}:${f.rule}`)).toEqual(['patience:appreciation.rubric-1']);
  });

  it('removing a default phrase by id stops it firing', () => {
    const t = call(['C', 'Hello?'], ['A', text]);
    expect(detect(t).filter((f) => f.behaviour === 'appreciation').map((f) => f.rule)).toEqual(['appreciation.cheers']);
    expect(detect(t, { appreciation: { add: [], remove: ['cheers'] } }).filter((f) => f.behaviour === 'appreciation')).toEqual([]);
  });

  it('removing a default phrase by a phrase it matches stops it firing', () => {
    const t = call(['C', 'Hello?'], ['A', 'Great question.']);
    expect(detect(t).some((f) => f.behaviour === 'appreciation')).toBe(true);
    expect(detect(t, { appreciation: { add: [], remove: ['Great Question'] } }).some((f) => f.behaviour === 'appreciation')).toBe(false);
  });
});

describe('appreciation: offsets after characters that lower-case to two code units', () => {
  it('"İ" before the thanks does not move the finding to the next sentence', () => {
    const text = "İİİİİİİİ Thanks. I'll call you back by Friday.";
    const findings = detect(call(['C', 'Hello?'], ['A', text]));
    expect(findings.filter((f) => f.behaviour === 'appreciation').map((f) => f.quote)).toEqual(['İİİİİİİİ Thanks.']);
    const promise = findings.find((f) => f.behaviour === 'follow-up-promise');
    expect(promise).toMatchObject({ quote: "I'll call you back by Friday.", attributes: { timeframe: 'by Friday', channel: 'call' } });
  });
});

// Speech-to-text runs the stock reply into the thanks ("no worries thanks for …"); each case in prose and ASR form.
describe('appreciation: a "no" before the thanks that does not decline', () => {
  it.each([
    ['Oh no, thank you for bearing with me while I dug through all that.', 'patience'],
    ['oh no thank you for bearing with me while i dug through all that', 'patience'],
    ['No worries, thanks for your patience, mate.', 'patience'],
    ['no worries thanks for your patience mate', 'patience'],
    ['Okay, no problem. Thanks for calling.', 'courtesy'],
    ['okay no problem thanks for calling', 'courtesy'],
    ['No problem, and thanks for your patience with all of this.', 'patience'],
    ['no problem and thanks for your patience with all of this', 'patience'],
    ['No, thank you for calling!', 'courtesy'],
    ['no thank you for calling', 'courtesy'],
    ["I know this is a lot right now, so thank you for taking the time.", 'courtesy'],
    ['i know this is a lot right now so thank you for taking the time', 'courtesy'],
  ])('%s → appreciation/%s', (text, kind) => {
    const found = agentSays(text, 'appreciation');
    expect(found.map((f) => f.kind)).toEqual([kind]);
    expect(text.endsWith(found[0]!.quote)).toBe(true);
  });

  it.each(['no thanks', 'no thank you', 'No, thanks, I’m fine.', 'no thanks i’m fine', 'Not Reaganomics, thank you.', 'not really thanks', "Don't thank me.", "don't thank me", 'No need to thank me.', 'no need to thank me'])(
    'still declining or negated: %s',
    (text) => {
      expect(agentSays(text, 'appreciation')).toEqual([]);
    },
  );
});

describe('appreciation: "that\'s really helpful" appreciates what the customer gave', () => {
  it.each([
    "That's really helpful, actually.",
    "that's really helpful actually",
    "Silver sedan, partial plate 8XK. That's really useful, thank you.",
    "okay silver sedan partial plate eight x k that's really useful thank you",
    "You've been so helpful.",
    "you've been so helpful",
  ])('%s → information', (text) => {
    expect(kindsOf(text, 'appreciation')).toEqual(['information']);
  });

  it.each([
    "I hope that's helpful.",
    "i hope that's helpful",
    "Is that helpful?",
    "I think that'll be helpful.",
    "i think that'll be helpful",
    'If he came up with something that was useful, he could ship it.',
    'if he came up with something that was useful he could ship it',
  ])('the agent\'s own offering or a forecast: %s', (text) => {
    expect(agentSays(text, 'appreciation')).toEqual([]);
  });
});

describe('appreciation: praise for the customer\'s question', () => {
  it.each([
    'Good thing to ask before you commit.',
    'good thing to ask before you commit',
    "Don't be sorry, that's a really sensible thing to check.",
    "don't be sorry that's a really sensible thing to check",
  ])('%s → information', (text) => {
    expect(kindsOf(text, 'appreciation')).toEqual(['information']);
  });

  it.each(["It's not a good thing to ask them for.", "it's not a good thing to ask them for"])('negated: %s', (text) => {
    expect(agentSays(text, 'appreciation')).toEqual([]);
  });
});
