// Paraphrasing detector against DESIGN §2.1: cue- and overlap-led restatements with evidence into the customer turn.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/types.js';
import { call, detect } from './helpers.js';
import { PARAPHRASE_PHRASES } from '../../src/detectors/lexicons/paraphrasing.js';
import { PhraseMatcher } from '../../src/nlp/phrases.js';

function paraphrases(customer: string, agent: string): Finding[] {
  return detect(call(['C', customer], ['A', agent])).filter((f) => f.behaviour === 'paraphrasing');
}

describe('paraphrasing: DESIGN §2.1 positives', () => {
  it.each([
    ['My gas bill for March charged me twice, the same amount both times.', 'So you were charged twice for the March bill, is that right?'],
    ['My router keeps dropping the connection every evening.', 'Just to make sure I have this right, the router drops the connection every evening.'],
    ['I ordered a parcel two weeks ago and the delivery never arrived.', "What I'm hearing is that the delivery never arrived."],
    ["I've restarted the router three times already.", "It sounds like you've already tried restarting it."],
  ])('%s / %s', (customer, agent) => {
    const found = paraphrases(customer, agent);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(['summary', 'restatement', 'reflection']).toContain(f.kind);
    expect(f.turn).toBe(1);
    expect(f.quote).toBe(agent);
    expect(f.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('"sounds like" is a reflection', () => {
    expect(paraphrases("I've restarted the router three times already.", "It sounds like you've already tried restarting it.")[0]!.kind).toBe(
      'reflection',
    );
  });

  it('a restatement with overlap carries evidence pointing at the echoed customer words', () => {
    const customer = 'My router keeps dropping the connection every evening.';
    const [f] = paraphrases(customer, 'Just to make sure I have this right, the router drops the connection every evening.');
    expect(f!.evidence?.length).toBeGreaterThanOrEqual(2);
    for (const e of f!.evidence!) {
      expect(e.turn).toBe(0);
      expect(customer.slice(e.span[0], e.span[1])).toBe(e.quote);
    }
    expect(f!.evidence!.map((e) => e.quote)).toEqual(expect.arrayContaining(['router', 'evening']));
  });

  it('more overlap with the customer gives more confidence for the same cue', () => {
    const customer = 'I was charged twice for the March bill.';
    const strong = paraphrases(customer, 'Just to confirm, you were charged twice for the March bill.')[0];
    const weak = paraphrases(customer, 'Just to confirm, you were charged twice for the bill.')[0];
    expect(strong).toBeDefined();
    // The weaker echo may fall below the report floor altogether (no finding): that is less confidence too.
    expect(strong!.confidence).toBeGreaterThan(weak?.confidence ?? 0);
  });
});

describe('paraphrasing: hard negatives', () => {
  it.each([
    ['My account number is 4567.', "That's 4-5-6-7?"],
    ['My account number is 4567.', 'Okay.'],
    ['My account number is 4567.', 'Right.'],
    ['My account number is 4567.', 'Got it.'],
    ['The router is broken.', 'Router?'],
  ])('%s / %s → nothing', (customer, agent) => {
    expect(paraphrases(customer, agent)).toEqual([]);
  });

  it("restating the agent's own earlier words is not a paraphrase", () => {
    const t = call(
      ['A', 'Your replacement router will be delivered by courier on Thursday morning.'],
      ['C', 'Okay.'],
      ['A', 'Your replacement router will be delivered by courier on Thursday morning.'],
    );
    expect(detect(t).filter((f) => f.behaviour === 'paraphrasing')).toEqual([]);
  });

  it('customer turns never produce paraphrasing, even when they restate the agent', () => {
    const t = call(
      ['A', 'The engineer will visit on Thursday to replace the router.'],
      ['C', 'So what you are saying is the engineer will visit on Thursday to replace the router?'],
    );
    expect(detect(t).filter((f) => f.behaviour === 'paraphrasing')).toEqual([]);
  });

  it('an agent turn with no customer turn before it has nothing to restate', () => {
    const t = call(['A', 'So you were charged twice for the March bill, is that right?']);
    expect(detect(t).filter((f) => f.behaviour === 'paraphrasing')).toEqual([]);
  });
});

describe('paraphrasing: non-apologies', () => {
  // DESIGN §2.3 lists "I'm sorry you feel that way" as a non-apology (scored 0 or negative): the "you feel" in it
  // reflects nothing the customer said, so it must not earn paraphrasing credit.
  it('"I\'m sorry you feel that way." is not a reflection of what the customer said', () => {
    expect(paraphrases('I have a question about my account.', "I'm sorry you feel that way.")).toEqual([]);
  });
});

describe('paraphrasing: reflective statements in a listening call', () => {
  // A listening role: the agent speaks about the customer ("you …") far more than about themself, one customer.
  function listening(agentLast: string): Finding[] {
    const t = call(
      ['C', 'I have been worried about my job since the layoffs started at the plant.'],
      ['A', 'You have been worried about your job.'],
      ['C', 'Yes, and my wife thinks I should look for something else.'],
      ['A', 'Your wife wants you to move on.'],
      ['C', 'She does, but I have been there twenty years.'],
      ['A', 'Twenty years there matters to you.'],
      ['C', 'It does. I am not sure what to do now, the money is tight and the kids need things.'],
      ['A', agentLast],
    );
    return detect(t).filter((f) => f.behaviour === 'paraphrasing' && f.turn === 7);
  }

  it('a short statement about the customer with no cue reflects', () => {
    const [f] = listening('You feel stuck between the money and the kids.');
    expect(f).toBeDefined();
    expect(f!.rule).toMatch(/paraphrasing\./);
    expect(f!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    'You are not sure what to do now with the money so tight.',
    'The money is tight and your kids need things.',
  ])('reflection: %s', (agent) => {
    const [f] = listening(agent);
    expect(f).toBeDefined();
    expect(f!.quote).toBe(agent);
    expect(f!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    // questions without a question mark (chat), or a question before a statement
    'Were you living there with the kids',
    'Have you talked to your wife about the money? There are advisers who deal with this',
    'Hello, how are you today',
    // assessments of the customer: affirmation, not restatement
    'It is good that you love your kids so much.',
    "That's great, your kids are lucky.",
    'It is okay to be scared about the money.',
    // imperative advice and general claims of what something does
    "Don't let the money get to you.",
    'Remember your kids love you whatever happens.',
    'Talking with your wife can help you see it clearly.',
    'Losing a job can be devastating for your family.',
  ])('not a reflection: %s', (agent) => {
    expect(listening(agent).filter((f) => f.rule === 'paraphrasing.reflective-statement')).toEqual([]);
  });

  it.each(["You're welcome, have a lovely day.", 'You are very welcome. It was a pleasure speaking with you.'])(
    'a courtesy formula is not a restatement: %s',
    (agent) => {
      expect(listening(agent)).toEqual([]);
    },
  );
});


describe('paraphrasing: asking for details is not restating (service call)', () => {
  const customer = "Hi. Um. I need to close my dad's account. He passed away a couple of weeks ago.";
  it.each(["I'm so sorry for your loss. Can I take your name, and your dad's name?", "Okay. What's the postcode on your dad's account?", 'Could you confirm the account number for your dad?'])(
    '%s → no paraphrase',
    (agent) => {
      const t = call(['A', 'Thank you for calling, how can I help with your account?'], ['C', customer], ['A', agent]);
      expect(detect(t).filter((f) => f.behaviour === 'paraphrasing' && f.turn === 2 && f.confidence >= 0.5)).toEqual([]);
    },
  );

  it('a restatement followed by a request still counts', () => {
    const t = call(['A', 'Thank you for calling, how can I help with your account?'], ['C', customer], ['A', "So you need to close your dad's account after he passed away. Can I take your name?"]);
    expect(detect(t).filter((f) => f.behaviour === 'paraphrasing' && f.turn === 2).length).toBe(1);
  });
});

describe('paraphrasing: the you-feel cue', () => {
  const matcher = new PhraseMatcher(PARAPHRASE_PHRASES.filter((e) => e.id === 'you-feel'));
  it.each(["so you feel let down by the last engineer", "You're feeling anxious about the move."])('%s → you-feel', (text) => {
    expect(matcher.matchAll(text.toLowerCase()).map((m) => m.entry.id)).toEqual(['you-feel']);
  });
  // A non-apology, not a reflection of the customer's feeling.
  it.each(["I'm sorry you feel that way.", 'i apologise if you feel that way refunds are not possible', "we're sorry that you feel let down"])('%s → no cue', (text) => {
    expect(matcher.matchAll(text.toLowerCase())).toEqual([]);
  });
});
