// Follow-up promise detector against DESIGN §2.5: after-call commitments with timeframe/channel, in-call steps, vague offers.
import { describe, expect, it } from 'vitest';
import { agentSays, call, detect, kindsOf } from './helpers.js';

describe('follow-up-promise: DESIGN §2.5 positives and attributes', () => {
  it.each([
    ["I'll call you back by Friday.", 'by Friday', 'call'],
    ['I will email you the confirmation today.', 'today', 'email'],
    ["I'm going to escalate this and update you within 24 hours.", 'within 24 hours', undefined],
    ["I'll send you a text within 2 days.", 'within 2 days', 'text'],
    ["We'll ring you first thing tomorrow.", 'first thing tomorrow', 'call'],
  ])('%s → after-call, timeframe %j, channel %j', (text, timeframe, channel) => {
    const found = agentSays(text, 'follow-up-promise');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.kind).toBe('after-call');
    expect(f.quote).toBe(text);
    expect(f.attributes?.timeframe).toBe(timeframe);
    expect(f.attributes?.channel).toBe(channel);
    expect(f.attributes?.vague).toBeUndefined();
  });

  it('"Let me look into it and get back to you." is after-call but flagged vague (no timeframe or channel)', () => {
    const [f] = agentSays('Let me look into it and get back to you.', 'follow-up-promise');
    expect(f).toMatchObject({ kind: 'after-call', attributes: { vague: 'true' } });
    expect(f!.attributes?.timeframe).toBeUndefined();
    expect(f!.attributes?.channel).toBeUndefined();
  });

  it('a channel alone is enough to not be vague', () => {
    const [f] = agentSays("I'll text you the code.", 'follow-up-promise');
    expect(f).toMatchObject({ kind: 'after-call', attributes: { channel: 'text' } });
    expect(f!.attributes?.vague).toBeUndefined();
  });

  it('a promise with a timeframe is stronger than the same promise without', () => {
    const timed = agentSays("I'll follow up by Friday.", 'follow-up-promise')[0]!;
    const vague = agentSays("I'll follow up.", 'follow-up-promise')[0]!;
    expect(vague.attributes?.vague).toBe('true');
    expect(timed.confidence).toBeGreaterThan(vague.confidence);
  });

  it('the timeframe attribute is taken from the original text, with curly apostrophes in the sentence', () => {
    const text = 'We’ll e-mail you within 24 hours.';
    const [f] = agentSays(text, 'follow-up-promise');
    expect(f).toMatchObject({ kind: 'after-call', quote: text, attributes: { timeframe: 'within 24 hours', channel: 'email' } });
  });
});

describe('follow-up-promise: in-call steps and non-commitments', () => {
  it.each(['Let me put you on hold.', 'Bear with me one moment.', "I'll check that for you now."])('%s → in-call', (text) => {
    expect(kindsOf(text, 'follow-up-promise')).toEqual(['in-call']);
  });

  // DESIGN §2.5 names "I'll be right back" as an in-call step: not a non-commitment like "I'll be honest".
  it('"I\'ll be right back." → in-call', () => {
    expect(kindsOf("I'll be right back.", 'follow-up-promise')).toEqual(['in-call']);
  });

  it('"I\'ll be right back." is at least never an after-call promise', () => {
    expect(kindsOf("I'll be right back.", 'follow-up-promise')).not.toContain('after-call');
  });

  it.each(['You could call us again.', "I'll be honest, it's a known fault.", "We'll see.", 'Shall I call you back?', "If you want, I'll think about it."])(
    '%s → no after-call promise',
    (text) => {
      expect(kindsOf(text, 'follow-up-promise')).not.toContain('after-call');
    },
  );

  it.each(["He said he'd call you back by Friday.", 'She told me "I will email you today" and never did.'])('reported: %s', (text) => {
    expect(kindsOf(text, 'follow-up-promise')).not.toContain('after-call');
  });

  it("the customer's promises are not follow-up promises", () => {
    const t = call(['A', 'Can you send me the photos?'], ['C', "I'll email you the photos by Friday and call you back tomorrow."]);
    expect(detect(t).filter((f) => f.behaviour === 'follow-up-promise')).toEqual([]);
  });
});

describe('follow-up-promise: outcomes promised on the company\'s behalf ("it will be …")', () => {
  it.each([
    ['Your refund will be processed within 5 working days.', 'within 5 working days'],
    ["It'll be with you by Friday.", 'by Friday'],
    ["So it'll be early next week.", 'next week'],
  ])('%s → after-call, timeframe %j', (text, timeframe) => {
    const found = agentSays(text, 'follow-up-promise');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'after-call', quote: text, rule: 'follow-up-promise.it-will-be', attributes: { timeframe } });
    expect(found[0]!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('an outcome due during the contact is an in-call step', () => {
    expect(kindsOf('Your order will be ready shortly.', 'follow-up-promise')).toEqual(['in-call']);
  });

  it.each(["It will not be ready by Friday.", 'It will be fine.', "That'll be great, thanks.", 'It will be hard to say.'])('%s → no after-call promise', (text) => {
    expect(kindsOf(text, 'follow-up-promise')).not.toContain('after-call');
  });
});

describe('follow-up-promise: heads that do not commit', () => {
  it.each([
    'So the point is how long I will stay.',
    "Nobody knows when we'll move offices.",
    'So I\'ll let ==',
    "So I'll just - I was looking at the bottom of page three.",
    'Because Sunil and I will all not be here.',
  ])('%s → no after-call promise', (text) => {
    expect(kindsOf(text, 'follow-up-promise')).not.toContain('after-call');
  });

  it('a hedged forecast ("I think we\'ll …") is weaker than the plain commitment', () => {
    const plain = agentSays("We'll send you a letter.", 'follow-up-promise')[0]!;
    const hedged = agentSays("I think we'll send you a letter.", 'follow-up-promise')[0]!;
    expect(hedged.kind).toBe('after-call');
    expect(hedged.confidence).toBeLessThan(plain.confidence);
    const together = agentSays('I think Don and I are going to work on that.', 'follow-up-promise')[0]!;
    expect(together.confidence).toBeLessThan(agentSays('Don and I are going to work on that.', 'follow-up-promise')[0]!.confidence);
  });

  it('having something is a forecast, having it done is a commitment', () => {
    expect(agentSays("I'll have some results.", 'follow-up-promise').every((f) => f.confidence < 0.5)).toBe(true);
    expect(agentSays("We'll have the numbers.", 'follow-up-promise').every((f) => f.confidence < 0.5)).toBe(true);
    const [f] = agentSays("I'll have it fixed.", 'follow-up-promise');
    expect(f).toMatchObject({ kind: 'after-call' });
    expect(f!.confidence).toBeGreaterThanOrEqual(0.5);
  });
});

describe('follow-up-promise: who receives the action', () => {
  it('a third party sending something to the agent\'s side is no promise to the customer', () => {
    expect(kindsOf('So they will send us the feature files.', 'follow-up-promise')).not.toContain('after-call');
    expect(kindsOf('The engineer will send me the report.', 'follow-up-promise')).not.toContain('after-call');
  });

  it('the same third party acting for the customer still promises', () => {
    expect(kindsOf('The engineer will call you tomorrow.', 'follow-up-promise')).toEqual(['after-call']);
  });
});
