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
