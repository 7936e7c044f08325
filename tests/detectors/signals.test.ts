// Signals beyond the five behaviours (DESIGN §2.6): customer distress, negative language, open questions, personalisation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstNameAt } from '../../src/detectors/signals/personalisation.js';
import { agentSays, call, detect, kindsOf } from './helpers.js';

describe('negative-language', () => {
  it.each([
    ['Calm down.', 'dismissive'],
    ["That's not my department.", 'dismissive'],
    ['You need to restart it.', 'commanding'],
    ["There's nothing I can do.", 'refusal'],
    ["It's your own fault for not reading the terms.", 'blame'],
  ])('%s → %s', (text, kind) => {
    const found = agentSays(text, 'negative-language');
    expect(found.map((f) => f.kind)).toEqual([kind]);
    expect(found[0]!.agentId).toBe('agent-7');
  });

  it.each(['He told me to calm down.', 'Thanks for your help today.', "Let's get this sorted for you."])('%s → nothing', (text) => {
    expect(agentSays(text, 'negative-language')).toEqual([]);
  });

  it('a customer saying "calm down" is not agent negative language', () => {
    const t = call(['A', 'Please hold.'], ['C', "Calm down? There's nothing you can do? You need to fix it!"]);
    expect(detect(t).filter((f) => f.behaviour === 'negative-language')).toEqual([]);
  });
});

describe('open-question', () => {
  it.each(['What happened when you restarted it?', 'How can I help today?', 'Could you tell me more about the error?'])('%s → open', (text) => {
    expect(kindsOf(text, 'open-question')).toEqual(['open']);
  });

  it.each(['Is it working?', 'Did you restart it?', 'What happened next is the engineer came.'])('%s → nothing', (text) => {
    expect(agentSays(text, 'open-question')).toEqual([]);
  });

  it('spans the question sentence only', () => {
    const text = 'Okay. What happened when you restarted it?';
    const [f] = agentSays(text, 'open-question');
    expect(f!.quote).toBe('What happened when you restarted it?');
    expect(f!.span).toEqual([6, text.length]);
  });

  it('customer questions are not agent open questions', () => {
    const t = call(['A', 'Hello.'], ['C', 'What happened to my order?']);
    expect(detect(t).filter((f) => f.behaviour === 'open-question')).toEqual([]);
  });
});

describe('personalisation', () => {
  it('finds a name exactly where /\\b(?:name|…)\\b/ would (property)', () => {
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const piece = fc.constantFrom('Jo', 'Ann', 'Anne', "O'", 'Le-', 'mrs Jo', 'a', 'X', '_', '9', ' ', "'", '-', '.', ',');
    const text = fc.array(piece, { maxLength: 14 }).map((p) => p.join(''));
    const names = fc.array(fc.constantFrom('Jo', 'Ann', 'Anne', "O'", 'Le-', 'mrs Jo', 'X'), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(text, names, (t, n) => {
        const m = new RegExp(`\\b(?:${n.map(escape).join('|')})\\b`).exec(t);
        expect(firstNameAt(t, n)).toEqual(m ? [m.index, m.index + m[0].length] : undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it("the agent using the name the customer gave → name, spanned on the name", () => {
    const t = call(['C', 'Hi, my name is Priya Shah.'], ['A', 'Thanks Priya, what happened when you tried to log in?']);
    const found = detect(t).filter((f) => f.behaviour === 'personalisation');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'name', turn: 1, quote: 'Priya', span: [7, 12] });
  });

  it('no name given → nothing, even when the agent says a name', () => {
    const t = call(['C', 'Hi, my bill is wrong.'], ['A', 'Thanks Priya, let me look.']);
    expect(detect(t).filter((f) => f.behaviour === 'personalisation')).toEqual([]);
  });

  it('"I\'m Sorry" style non-names are not taken as the customer\'s name', () => {
    const t = call(['C', "I'm Sorry to bother you."], ['A', "Sorry isn't needed, how can I help?"]);
    expect(detect(t).filter((f) => f.behaviour === 'personalisation')).toEqual([]);
  });

  it("the agent's own name is not personalisation", () => {
    const t = call(['C', 'Hello, is this the billing line?'], ['A', "Yes, I'm Tom. Tom here, how can I help?"]);
    expect(detect(t).filter((f) => f.behaviour === 'personalisation')).toEqual([]);
  });
});
