// Acknowledgement detector against DESIGN §2.2: validation and sympathy, bare "I understand", backchannels, negation.
import { describe, expect, it } from 'vitest';
import { agentSays, call, detect, kindsOf } from './helpers.js';

const DISTRESSED = "I've been without internet for a week and I work from home.";

describe('acknowledgement: DESIGN §2.2 positives', () => {
  it.each([
    ['I understand how frustrating that must be.', 'validation'],
    ['That sounds really stressful.', 'validation'],
    ['I can imagine how worrying that is.', 'validation'],
    ["I'd be upset too.", 'validation'],
    ["I'm sorry to hear that.", 'sympathy'],
    ["That's not the experience we want you to have.", 'validation'],
  ])('%s → acknowledgement/%s', (text, kind) => {
    const found = agentSays(text, 'acknowledgement', DISTRESSED);
    expect(found.map((f) => f.kind)).toEqual([kind]);
    expect(found[0]!.quote).toBe(text);
  });

  it('"Oh no, that\'s awful." is acknowledged (validation or sympathy, one finding)', () => {
    const kinds = kindsOf("Oh no, that's awful.", 'acknowledgement', DISTRESSED);
    expect(kinds).toHaveLength(1);
    expect(['validation', 'sympathy']).toContain(kinds[0]);
  });

  it('"I\'m sorry to hear that" is not also reported as an apology', () => {
    expect(agentSays("I'm sorry to hear that.", 'apology', DISTRESSED)).toEqual([]);
  });
});

describe('acknowledgement: hard negatives', () => {
  it.each(['Uh-huh.', 'Okay.', 'I see.', 'Right.', 'Mm-hmm, go on.'])('backchannel %s → nothing', (text) => {
    expect(agentSays(text, 'acknowledgement', DISTRESSED)).toEqual([]);
  });

  it.each(["I understand, but we can't refund it.", 'I understand.'])('%s → kind bare only', (text) => {
    expect(kindsOf(text, 'acknowledgement', DISTRESSED)).toEqual(['bare']);
  });

  it('a bare "I understand" before a refusal is more confidently bare than a plain receipt', () => {
    const refusal = agentSays("I understand, but we can't refund it.", 'acknowledgement')[0]!;
    const receipt = agentSays('I understand.', 'acknowledgement')[0]!;
    expect(refusal.confidence).toBeGreaterThan(receipt.confidence);
  });

  it.each(["I don't understand what you mean.", 'I do not understand how that happened.', "I can't see why that matters."])(
    'negated: %s → nothing',
    (text) => {
      expect(agentSays(text, 'acknowledgement', DISTRESSED)).toEqual([]);
    },
  );

  it.each(['He said that sounds really stressful.', 'My manager told me "I understand how frustrating that must be" is a script.'])(
    'reported: %s → nothing',
    (text) => {
      expect(agentSays(text, 'acknowledgement', DISTRESSED)).toEqual([]);
    },
  );

  it("the customer saying it is not the agent's acknowledgement", () => {
    const t = call(['A', 'The engineer cannot come until Friday.'], ['C', 'I understand how frustrating that must be for you, I really do.']);
    expect(detect(t).filter((f) => f.behaviour === 'acknowledgement')).toEqual([]);
  });

  it('"it\'s hard to say" describes a task, not the customer\'s situation', () => {
    expect(agentSays("It's hard to say when it will arrive.", 'acknowledgement')).toEqual([]);
  });
});
