// Apology detector against DESIGN §2.3: positives by kind, clarification / non-apology / sympathy separation,
// negation, reported speech and customer turns.
import { describe, expect, it } from 'vitest';
import { agentSays, call, detect, kindsOf } from './helpers.js';

describe('apology: DESIGN §2.3 positives', () => {
  it.each([
    ["I'm sorry for the inconvenience.", 'inconvenience'],
    ['I apologize for the delay.', 'inconvenience'],
    ['Sorry about that.', 'inconvenience'],
    ['My apologies.', 'inconvenience'],
    ["That was our mistake, and I'm sorry.", 'ownership'],
    ['We should have sent the engineer on Monday, I apologise.', 'ownership'],
  ])('%s → apology/%s', (text, kind) => {
    const found = agentSays(text, 'apology');
    expect(found.map((f) => f.kind)).toEqual([kind]);
    expect(found[0]!.quote).toBe(text);
    expect(found[0]!.rule).toMatch(/^apology\./);
  });
});

describe('apology: kinds that are not regret', () => {
  it.each([
    ['Sorry, could you repeat that?', 'clarification'],
    ['Excuse me?', 'clarification'],
    ["Sorry, I didn't catch your postcode.", 'clarification'],
    ["I'm sorry you feel that way.", 'non-apology'],
    ["Sorry but that's the policy.", 'non-apology'],
  ])('%s → apology/%s', (text, kind) => {
    expect(kindsOf(text, 'apology')).toEqual([kind]);
  });

  it('"I\'m sorry to hear that" is sympathy (acknowledgement), not an apology', () => {
    const findings = detect(call(['C', 'My dog died last week.'], ['A', "I'm sorry to hear that."]));
    expect(findings.filter((f) => f.behaviour === 'apology')).toEqual([]);
    expect(findings.filter((f) => f.behaviour === 'acknowledgement').map((f) => f.kind)).toEqual(['sympathy']);
  });
});

describe('apology: negation, reported speech and speaker', () => {
  it.each(["I'm not sorry.", 'I’m not sorry.', "I'm not going to apologise for the policy.", 'There is no need to apologise.'])(
    'negated: %s',
    (text) => {
      expect(agentSays(text, 'apology')).toEqual([]);
    },
  );

  it.each(['She said sorry to me.', 'He told me he apologised.', 'The note says "sorry for the delay" on it.'])('reported: %s', (text) => {
    expect(agentSays(text, 'apology')).toEqual([]);
  });

  // Say/tell after a modal or "let me" is the agent's own voice, not a report of someone else's.
  it.each(["I can tell you I'm really sorry about the delay.", 'I must say sorry for the mix-up.', 'Let me say sorry for the wait.'])(
    'own voice: %s',
    (text) => {
      expect(agentSays(text, 'apology').map((f) => f.behaviour)).toEqual(['apology']);
    },
  );

  it.each(['She told me sorry twice.', 'He really said sorry to me.'])('still reported: %s', (text) => {
    expect(agentSays(text, 'apology')).toEqual([]);
  });

  it('customer apologies never produce apology findings', () => {
    const t = call(['C', "I'm so sorry for the delay, my apologies, that was my mistake."], ['A', 'No problem at all.']);
    expect(detect(t).filter((f) => f.behaviour === 'apology')).toEqual([]);
  });

  it('a sorry in the second sentence is spanned to that sentence and credited to the agent', () => {
    const text = 'Let me check. Sorry about the wait earlier.';
    const [f] = agentSays(text, 'apology');
    expect(f).toBeDefined();
    expect(f!.quote).toBe('Sorry about the wait earlier.');
    expect(f!.span).toEqual([14, text.length]);
    expect(f!.agentId).toBe('agent-7');
    expect(f!.id).toBe(`t1#1:14-${text.length}:apology`);
  });

  it('curly apostrophes keep spans on the original text', () => {
    const text = 'Right, I’m really sorry about that — it’s our fault.';
    const found = agentSays(text, 'apology');
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe('ownership');
    expect(found[0]!.quote).toContain('I’m really sorry');
  });
});
