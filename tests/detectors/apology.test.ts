// Apology detector against DESIGN §2.3: positives by kind, clarification / non-apology / sympathy separation,
// negation, reported speech and customer turns.
import { describe, expect, it } from 'vitest';
import { agentSays, call, counted, detect, kindsOf } from './helpers.js';

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

// A check of what was said is no apology wherever the "sorry" stands: a read-back runs straight into it when
// speech-to-text has no full stop. A "sorry" that corrects the agent's own words is no apology either.
describe('apology: checks and self-corrections after other words', () => {
  it.each([
    ['h c four four one nine two seven sorry was that c for charlie', 'clarification'],
    ['The reference is HC441927, sorry, was that C for Charlie?', 'clarification'],
    ['okay the postcode is n w one sorry did you say n w one or n w eleven', 'clarification'],
  ])('%s → %s', (text, kind) => {
    expect(agentSays(text, 'apology').map((f) => f.kind)).toEqual([kind]);
  });

  it.each([
    'our cut off this month is the fourteenth sorry i mean the fifteenth',
    'Is there anything else I can explain while you are on the line? Sorry — I mean, anything about the plan itself?',
    'the engineer comes on tuesday sorry i meant wednesday',
  ])('%s → no apology', (text) => {
    expect(counted(agentSays(text, 'apology'))).toEqual([]);
  });

  it('a real apology mid-turn still counts: "… the refund, sorry about the wait on that"', () => {
    expect(agentSays("i've put the refund through sorry about the wait on that", 'apology').map((f) => f.kind)).toEqual(['inconvenience']);
  });

  it('sympathy for a loss told a message or two earlier is no apology ("Oh, I\'m so sorry.")', () => {
    const t = call(
      ['C', "It's for our cat, Pepper. She's 19 and the vet said it's time. We'd like to book for her to be put to sleep."],
      ['C', 'Can we be with her when it happens?'],
      ['A', "Oh, I'm so sorry. 19 years is a long time to have Pepper in the family. Yes, of course you can be with her."],
    );
    expect(counted(detect(t).filter((f) => f.behaviour === 'apology'))).toEqual([]);
  });
});

// Speech-to-text has no comma or question mark to show that a "sorry" opens a question or a hearing problem; the words
// after it must. Each case is given as clean prose and as ASR output (lower case, unpunctuated).
describe('apology: clarification and filler sorries without punctuation', () => {
  it.each([
    'Sorry, was that Q as in Quebec?',
    'sorry was that q as in quebec',
    'Sorry, you cut out a bit there. Was that 5509?',
    'sorry you cut out a bit there was that five five oh nine',
    'Sorry sir, the line is breaking. Can you please repeat the last two digits?',
    'sorry sir the line is breaking can you please repeat the last two digits',
    'Sorry, did you say fifteen?',
    'um sorry did you say fifteen',
    "Sorry, I didn't catch the last bit.",
    "sorry i didn't catch the last bit",
  ])('%s → clarification', (text) => {
    const found = agentSays(text, 'apology');
    expect(found.map((f) => f.kind)).toEqual(['clarification']);
    expect(found[0]!.quote).toContain(text.split(/[.?]/)[0]!);
  });

  it.each([
    ["Sorry I didn't get back to you sooner.", 'ownership'],
    ["sorry i didn't get back to you sooner", 'ownership'],
    ['Sorry you were cut off earlier.', 'inconvenience'],
    ['sorry you were cut off earlier', 'inconvenience'],
    ['Sorry I lost your paperwork.', 'ownership'],
    ['sorry i lost your paperwork', 'ownership'],
  ])('a hearing word with a fault of its own stays an apology: %s → %s', (text, kind) => {
    expect(kindsOf(text, 'apology')).toEqual([kind]);
  });

  it.each([
    "I'm sorry, is there anything else?",
    "i'm sorry is there anything else",
    'Sorry, can I take your name?',
    'uh sorry can i take your name',
  ])('a filler sorry opening a question of its own is not an apology: %s', (text) => {
    expect(agentSays(text, 'apology')).toEqual([]);
  });

  // Speech-to-text runs the clauses together, so the "sorry" does not open a sentence the splitter can see.
  function asrCall(agentLine: string) {
    return call(
      ['A', 'thanks for calling northwind this is sam how can i help'],
      ['C', 'hi yeah i need to update my address'],
      ['A', agentLine],
      ['C', 'no that is all thanks'],
    );
  }
  const apologiesIn = (agentLine: string) => detect(asrCall(agentLine)).filter((f) => f.behaviour === 'apology' && f.turn === 2);

  it.each([
    "lovely i've updated that for you i'm sorry is there anything else",
    "okay that's all done now um sorry can i just take a contact number",
  ])('unpunctuated: a filler sorry after a finished clause, before its own question, is not an apology: %s', (text) => {
    expect(apologiesIn(text)).toEqual([]);
  });

  it.each([
    ["that was our mistake i'm sorry is there anything else", 'ownership'],
    ["i've fixed the double charge it shouldn't have happened i'm sorry is there anything else", 'inconvenience'],
    ["lovely i've updated that for you i'm sorry about the wait is there anything else", 'inconvenience'],
  ])('unpunctuated: with a fault named, or an object of its own, it stays an apology: %s', (text, kind) => {
    expect(apologiesIn(text).map((f) => f.kind)).toEqual([kind]);
  });

  it.each(['Sorry about that. Can I take your name?', 'sorry about that can i take your name'])('a sorry with an object stays: %s', (text) => {
    expect(kindsOf(text, 'apology')).toEqual(['inconvenience']);
  });
});

describe('apology: sympathy for a loss is acknowledgement, not apology', () => {
  it.each([
    "I'm so sorry about your dad.",
    "i'm so sorry about your dad",
    'Sorry for your loss.',
    'sorry for your loss',
    "I'm so sorry about your dog, losing them is heartbreaking.",
    "i'm so sorry about your dog losing them is heartbreaking",
  ])('%s', (text) => {
    expect(agentSays(text, 'apology')).toEqual([]);
  });

  it.each([
    ["I'm really sorry — losing your husband, and then having to ring round everyone, that's an awful lot to carry.", 'My husband passed away last month.'],
    ["i'm really sorry losing your husband and then having to ring round everyone that's an awful lot to carry", 'my husband passed away last month'],
    ["Oh, I'm so sorry.", 'He died on Sunday. So I need to cancel the booking.'],
    ["oh i'm so sorry", 'he died on sunday so i need to cancel the booking'],
  ])('a bare sorry after a bereavement, naming no fault: %s', (text, customer) => {
    expect(agentSays(text, 'apology', customer)).toEqual([]);
  });

  it.each([
    ["Oh, I'm so sorry — that should never have happened.", 'My mum died in March and you are still sending her bills.'],
    ["oh i'm so sorry that should never have happened", 'my mum died in march and you are still sending her bills'],
    ["I'm sorry about your dad's bill going to the wrong address.", 'I have a question about my account.'],
    ["i'm sorry about your dad's bill going to the wrong address", 'i have a question about my account'],
    ["Oh, I'm sorry.", 'My car died on the motorway because your garage never fixed it.'],
  ])('regret for a fault stays an apology: %s', (text, customer) => {
    expect(agentSays(text, 'apology', customer).map((f) => f.behaviour)).toEqual(['apology']);
  });

  it.each(["Sorry, that's annoying.", "sorry that's annoying"])('a bare sorry judging the situation is sympathy: %s', (text) => {
    expect(agentSays(text, 'apology')).toEqual([]);
  });

  it.each(["Sorry, that's annoying, and it shouldn't have happened.", "sorry that's annoying and it shouldn't have happened"])(
    'a judgement that names the fault stays an apology: %s',
    (text) => {
      expect(agentSays(text, 'apology').map((f) => f.behaviour)).toEqual(['apology']);
    },
  );
});

describe('apology: a sorry softening a refusal is a non-apology', () => {
  it.each([
    "Sorry, that's the earliest we've got.",
    "sorry that's the earliest we've got",
    "Sorry, no. I can't amend a bill without a reading.",
    "sorry no i can't amend a bill without a reading",
    "I'm sorry, I don't have access to compliance queue times.",
    "i'm sorry i don't have access to compliance queue times",
    "Our returns window is thirty days, so I can't offer a refund, sorry.",
    "our returns window is thirty days so i can't offer a refund sorry",
    "I'm sorry that's the answer I've got for you.",
    "i'm sorry that's the answer i've got for you",
    "I'm sorry you're unhappy with the service.",
    "i'm sorry you're unhappy with the service",
    "I'm sorry if that's how it's coming across, but I'm only explaining the guidance.",
    "i'm sorry if that's how it's coming across but i'm only explaining the guidance",
  ])('%s → non-apology', (text) => {
    expect(kindsOf(text, 'apology')).toEqual(['non-apology']);
  });

  it.each([
    ["Sorry it's not sooner.", 'inconvenience'],
    ["sorry it's not sooner", 'inconvenience'],
    ["I'm sorry, I can't hear you.", 'clarification'],
    ["i'm sorry i can't hear you", 'clarification'],
    ["I can't remember, I'm sorry.", 'inconvenience'],
    ["i can't remember i'm sorry", 'inconvenience'],
    ["Sorry, that's the second time we've got it wrong.", 'ownership'],
    ["sorry that's the second time we've got it wrong", 'ownership'],
  ])('not a refusal: %s → %s', (text, kind) => {
    expect(kindsOf(text, 'apology')).toEqual([kind]);
  });
});

describe('apology: answer particles and ownership subjects', () => {
  it.each(['No, and I apologise for that.', 'no and i apologise for that', 'No, I’m sorry about that.', 'no i’m sorry about that'])(
    'a "no" answering the customer does not negate: %s',
    (text) => {
      const found = agentSays(text, 'apology');
      expect(found.map((f) => f.kind)).toEqual(['inconvenience']);
      expect(found[0]!.quote).toBe(text);
    },
  );

  it.each(['No need to apologise.', 'no need to apologise', 'No apology needed.', 'no apology needed'])('still negated: %s', (text) => {
    expect(agentSays(text, 'apology')).toEqual([]);
  });

  it.each(['That should never have happened and it’s our mistake.', "that should never have happened and it's our mistake", "Honestly, that's my fault.", "honestly that's my fault"])(
    '"it\'s"/"that\'s" before an ownership phrase is its own subject: %s',
    (text) => {
      const found = agentSays(text, 'apology');
      expect(found.map((f) => f.kind)).toEqual(['ownership']);
      expect(found[0]!.quote).toBe(text);
    },
  );

  it.each(["It's not our mistake.", "it's not our mistake", 'You said it was my fault.', 'you said it was my fault'])('no ownership: %s', (text) => {
    expect(agentSays(text, 'apology')).toEqual([]);
  });
});
