import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../src/rubric/load.js';
import { scoreCall, turnOwners } from '../../src/scoring/call.js';
import { isResolved } from '../../src/scoring/resolution.js';
import { call, finding, withBehaviour } from './helpers.js';

const defaults = loadRubric('default');
const strict = loadRubric('strict');

const calm = call([
  'A: Thanks for calling Acme, how can I help?',
  "C: I'd like to change my delivery address to 12 High Street.",
  "A: So you'd like the delivery to go to 12 High Street instead?",
  'C: Yes please.',
  "A: Done, that's been updated. You're all set.",
  'C: Great, thanks for your help.',
  'A: Thank you for calling, have a good day.',
]);
const calmFindings = [
  finding(calm, 'appreciation', 'courtesy', 0, 0.9, 'Thanks for calling Acme'),
  finding(calm, 'paraphrasing', 'restatement', 2),
  finding(calm, 'appreciation', 'courtesy', 6, 0.9, 'Thank you for calling'),
];

const distressed = call([
  'A: Acme support, this is Sam.',
  "C: This is the third time I've called about this, it's ridiculous.",
  "A: What's your account number?",
  "C: It's 445521.",
  'A: So the refund from March never arrived?',
  'C: Right.',
  "A: I've processed the refund now, you're all set. Thanks for your patience.",
  'C: Okay, thanks for your help.',
]);
const distress = finding(distressed, 'customer-distress', 'repeat', 1, 0.9, "This is the third time I've called about this");
const distressedFindings = [
  distress,
  finding(distressed, 'paraphrasing', 'summary', 4),
  finding(distressed, 'appreciation', 'patience', 6, 0.9, 'Thanks for your patience.'),
];

describe('scoreCall: calm calls', () => {
  it('a calm call is N/A for acknowledgement and apology and scores 100', () => {
    const result = scoreCall(calm, calmFindings, defaults);
    const [agent] = result.agents;
    expect(result.score).toBe(100);
    expect(result.passed).toBe(true);
    expect(agent!.behaviours.apology).toMatchObject({ status: 'na', opportunities: 0, reason: 'n/a: no distress in this call' });
    expect(agent!.behaviours.acknowledgement.status).toBe('na');
    expect(agent!.behaviours['follow-up-promise'].reason).toBe('n/a: the call ended resolved');
    expect(agent!.behaviours.paraphrasing).toMatchObject({
      status: 'met',
      met: 1,
      reason: `met: "So you'd like the delivery to go to 12 High Street instead?" (turn 3)`, // turns numbered from 1 for people: index 2
    });
  });

  it('N/A weight is redistributed: a missing paraphrase costs 20/35 of the score, not 20/100', () => {
    const result = scoreCall(calm, calmFindings.filter((f) => f.behaviour !== 'paraphrasing'), defaults);
    expect(result.score).toBe(42.9); // appreciation 15 of (paraphrasing 20 + appreciation 15)
    expect(result.agents[0]!.behaviours.paraphrasing).toMatchObject({
      status: 'missed',
      reason: `missed: no paraphrasing of the customer's problem "I'd like to change my delivery address to 12 High Street." (turn 2) in the agent's 3 turns after it`,
    });
    const heavierApology = withBehaviour(defaults, 'apology', { weight: 100 });
    expect(scoreCall(calm, calmFindings.filter((f) => f.behaviour !== 'paraphrasing'), heavierApology).score).toBe(42.9);
  });

  it('gives no score when nothing was expected (one agent turn, no distress): no opportunity is not a perfect call', () => {
    const short = call(['A: Hello, Acme.', 'C: Wrong number, sorry.']);
    const result = scoreCall(short, [], defaults);
    expect(result.score).toBeNull();
    expect(result.passed).toBeNull();
    expect(result.agents[0]).toMatchObject({ score: null, passed: null });
    expect(Object.values(result.agents[0]!.behaviours).every((b) => b.status === 'na')).toBe(true);
    expect(result.agents[0]!.behaviours.paraphrasing.reason).toBe(
      'n/a: the customer described no problem (no distress, no request of 10+ words)',
    );
    expect(scoreCall(short, [], withBehaviour(defaults, 'paraphrasing', { expect: 'once' })).agents[0]!.behaviours.paraphrasing.reason).toBe(
      'n/a: fewer than 2 agent turns',
    );
  });

  it('a no-opportunity part with a penalty is scored: 100 minus what the agent did wrong', () => {
    const short = call(['A: Calm down, what is it?', 'C: Wrong number, sorry.']);
    const rude = finding(short, 'negative-language', 'dismissive', 0, 0.9, 'Calm down');
    const result = scoreCall(short, [rude], defaults);
    expect(result.agents[0]!.score).toBe(90);
    expect(result.agents[0]!.passed).toBe(true);
  });

  it('a short request expects no paraphrase under on-problem; once still expects one', () => {
    const request = call(['A: Acme, how can I help?', 'C: Can you change my delivery address?', 'A: Of course, done.', 'C: Thanks.']);
    const onProblem = scoreCall(request, [], defaults).agents[0]!.behaviours.paraphrasing;
    expect(onProblem.status).toBe('na');
    const once = scoreCall(request, [], withBehaviour(defaults, 'paraphrasing', { expect: 'once' })).agents[0]!.behaviours.paraphrasing;
    expect(once.status).toBe('missed');
  });
});

describe('scoreCall: distress opportunities', () => {
  it('distress with no acknowledgement is a missed moment quoting customer and agent', () => {
    const result = scoreCall(distressed, distressedFindings, defaults);
    const ack = result.agents[0]!.behaviours.acknowledgement;
    expect(ack.status).toBe('missed');
    expect(ack.missed).toEqual([
      {
        behaviour: 'acknowledgement',
        customerTurn: 1,
        customerQuote: "This is the third time I've called about this",
        agentTurn: 2,
        agentQuote: "What's your account number?",
      },
    ]);
    expect(ack.reason).toBe(
      `missed: customer said "This is the third time I've called about this" (turn 2), agent replied "What's your account number?" (turn 3)`, // indices 1 and 2
    );
    // acknowledgement 30 and apology 20 missed; paraphrasing 20 and appreciation 15 met.
    expect(result.score).toBe(41.2);
    expect(result.passed).toBe(false);
  });

  it('under strict the missed acknowledgement is a critical failure of the call', () => {
    const result = scoreCall(distressed, distressedFindings, strict);
    expect(result.passed).toBe(false);
    expect(result.agents[0]!.criticalFailures).toEqual(['acknowledgement']);
    expect(scoreCall(distressed, distressedFindings, defaults).agents[0]!.criticalFailures).toEqual([]);
  });

  it('a critical miss keeps the score but fails the call even above the pass mark', () => {
    const lenient = { ...withBehaviour(defaults, 'acknowledgement', { critical: true }), pass: 10 };
    const result = scoreCall(distressed, distressedFindings, lenient);
    expect(result.score).toBe(41.2);
    expect(result.passed).toBe(false);
    expect(scoreCall(distressed, distressedFindings, { ...defaults, pass: 10 }).passed).toBe(true);
  });

  it('an apology satisfies acknowledgement where the rubric says so', () => {
    const apologised = call([...distressed.turns.map((t) => (t.role === 'agent' ? 'A: ' : 'C: ') + t.text)].map((l, i) =>
      i === 2 ? "A: I'm so sorry, that was our mistake. What's your account number?" : l,
    ));
    const apology = finding(apologised, 'apology', 'ownership', 2, 0.9, "I'm so sorry, that was our mistake.");
    const findings = [{ ...distress }, apology, ...distressedFindings.slice(1)];
    const result = scoreCall(apologised, findings, defaults);
    const ack = result.agents[0]!.behaviours.acknowledgement;
    expect(ack).toMatchObject({ status: 'met', findingIds: [apology.id] });
    expect(result.score).toBe(100);
    const notConfigured = withBehaviour(defaults, 'acknowledgement', { alsoSatisfiedBy: [] });
    expect(scoreCall(apologised, findings, notConfigured).agents[0]!.behaviours.acknowledgement.status).toBe('missed');
  });

  it('the behaviour must come within `within-turns` agent turns of the distress', () => {
    const late = finding(distressed, 'acknowledgement', 'validation', 6, 0.9, "I've processed the refund now");
    const findings = [...distressedFindings, late];
    expect(scoreCall(distressed, findings, defaults).agents[0]!.behaviours.acknowledgement.status).toBe('missed');
    const patient = withBehaviour(defaults, 'acknowledgement', { withinTurns: 3 });
    expect(scoreCall(distressed, findings, patient).agents[0]!.behaviours.acknowledgement.status).toBe('met');
  });

  it('distress over consecutive customer turns is one moment', () => {
    const venting = call([
      'A: Hello.',
      'C: This is ridiculous.',
      "C: I've been waiting for two weeks!",
      'A: I completely understand how frustrating that is.',
      'C: Thanks.',
    ]);
    const findings = [
      finding(venting, 'customer-distress', 'fault', 1),
      finding(venting, 'customer-distress', 'fault', 2),
      finding(venting, 'acknowledgement', 'validation', 3),
    ];
    const ack = scoreCall(venting, findings, defaults).agents[0]!.behaviours.acknowledgement;
    expect(ack).toMatchObject({ opportunities: 1, met: 1, status: 'met' });
  });

  it('min-confidence drops weak findings and weak distress', () => {
    const weakAck = finding(distressed, 'acknowledgement', 'validation', 2, 0.4, "What's your account number?");
    expect(scoreCall(distressed, [...distressedFindings, weakAck], defaults).agents[0]!.behaviours.acknowledgement.status).toBe('missed');
    const okAck = { ...weakAck, confidence: 0.5 };
    expect(scoreCall(distressed, [...distressedFindings, okAck], defaults).agents[0]!.behaviours.acknowledgement.status).toBe('met');
    const weakDistress = [{ ...distress, confidence: 0.3 }, ...distressedFindings.slice(1)];
    const result = scoreCall(distressed, weakDistress, defaults);
    expect(result.agents[0]!.behaviours.acknowledgement.status).toBe('na');
    expect(result.findings.some((f) => f.behaviour === 'customer-distress')).toBe(false);
  });

  it('a bare "I understand" does not count under the default kinds', () => {
    const bare = finding(distressed, 'acknowledgement', 'bare', 2);
    expect(scoreCall(distressed, [...distressedFindings, bare], defaults).agents[0]!.behaviours.acknowledgement.status).toBe('missed');
    const lax = withBehaviour(defaults, 'acknowledgement', { kinds: ['validation', 'sympathy', 'bare'] });
    expect(scoreCall(distressed, [...distressedFindings, bare], lax).agents[0]!.behaviours.acknowledgement.status).toBe('met');
  });
});

describe('scoreCall: transfers', () => {
  const transfer = call([
    'A: Billing, this is Sam. How can I help?',
    'C: My internet has been down for three days and I work from home!',
    'A: That sounds really stressful. So your connection has been down since Monday. Let me transfer you to tech support.',
    'A2: Tech support, this is Priya.',
    "C: I've already explained this once, it's so frustrating.",
    'A2: I can imagine how frustrating that is.',
    "A2: Thanks for bearing with me. I've reset the line, it should be working now.",
    "C: Yes, it's working, thanks.",
  ]);
  const samAck = finding(transfer, 'acknowledgement', 'validation', 2, 0.9, 'That sounds really stressful.');
  const priyaAck = finding(transfer, 'acknowledgement', 'validation', 5);
  const findings = [
    finding(transfer, 'customer-distress', 'fault', 1),
    samAck,
    finding(transfer, 'paraphrasing', 'summary', 2, 0.8, 'So your connection has been down since Monday.'),
    finding(transfer, 'customer-distress', 'repeat', 4),
    priyaAck,
    finding(transfer, 'appreciation', 'patience', 6, 0.9, 'Thanks for bearing with me.'),
  ];

  it('customer turns belong to the agent who answers next (or the last agent at the end)', () => {
    expect(turnOwners(transfer)).toEqual(['a1', 'a1', 'a1', 'a2', 'a2', 'a2', 'a2', 'a2']);
  });

  it('each agent is credited for their own turns only', () => {
    const result = scoreCall(transfer, findings, defaults);
    expect(result.agents.map((a) => a.agentId)).toEqual(['a1', 'a2']);
    const [sam, priya] = result.agents;
    expect(sam!.behaviours.acknowledgement).toMatchObject({ status: 'met', findingIds: [samAck.id] });
    expect(priya!.behaviours.acknowledgement).toMatchObject({ status: 'met', findingIds: [priyaAck.id] });
    expect(sam!.behaviours.paraphrasing.status).toBe('met');
    expect(priya!.behaviours.paraphrasing.status).toBe('missed');
    expect(sam!.behaviours.appreciation.status).toBe('missed');
    expect(priya!.behaviours.appreciation.status).toBe('met');
    expect(sam!.agentTurns).toBe(2);
    expect(priya!.agentTurns).toBe(3);
    expect(sam!.counts.acknowledgement).toBe(1);
    expect(priya!.counts.acknowledgement).toBe(1);
    // sam: ack 30 + paraphrasing 20 of 85; priya: ack 30 + appreciation 15 of 85; call: 65 of 85.
    expect(sam!.score).toBe(58.8);
    expect(priya!.score).toBe(52.9);
    expect(result.score).toBe(76.5);
  });
});

describe('scoreCall: penalties', () => {
  it('negative language costs points per finding, up to max-points', () => {
    const findings = [
      ...calmFindings,
      finding(calm, 'negative-language', 'commanding', 4, 0.8, "Done, that's been updated."),
      finding(calm, 'negative-language', 'dismissive', 6, 0.8, 'have a good day'),
    ];
    const result = scoreCall(calm, findings, defaults);
    expect(result.score).toBe(80);
    expect(result.agents[0]!.penalties).toMatchObject([{ id: 'negative-language', points: 20 }]);
    const capped = { ...defaults, penalties: { ...defaults.penalties, 'negative-language': { points: 10, kinds: [], maxPoints: 15 } } };
    expect(scoreCall(calm, findings, capped).score).toBe(85);
    const onlyBlame = { ...defaults, penalties: { ...defaults.penalties, 'negative-language': { points: 10, kinds: ['blame'] } } };
    expect(scoreCall(calm, findings, onlyBlame).score).toBe(100);
  });

  it('a non-apology is penalised and does not meet the apology opportunity', () => {
    const nonApology = finding(distressed, 'apology', 'non-apology', 2, 0.8, "What's your account number?");
    const result = scoreCall(distressed, [...distressedFindings, nonApology], defaults);
    expect(result.agents[0]!.behaviours.apology.status).toBe('missed');
    expect(result.agents[0]!.penalties).toMatchObject([{ id: 'non-apology', points: 5, findingIds: [nonApology.id] }]);
    expect(result.score).toBe(36.2);
  });

  it('counted findings beyond max-per-call are overuse', () => {
    const sorry = [0, 2, 4, 6].flatMap((turn) => [finding(calm, 'apology', 'inconvenience', turn)]);
    const extra = [finding(calm, 'apology', 'inconvenience', 4, 0.9, 'You\'re all set.'), finding(calm, 'apology', 'inconvenience', 6, 0.9, 'have a good day')];
    const atCap = scoreCall(calm, [...calmFindings, ...sorry], defaults);
    expect(atCap.score).toBe(100);
    const over = scoreCall(calm, [...calmFindings, ...sorry, ...extra], defaults);
    expect(over.agents[0]!.counts.apology).toBe(6);
    expect(over.agents[0]!.penalties).toMatchObject([{ id: 'overuse', points: 10 }]);
    expect(over.score).toBe(90);
  });

  it('scores never go below 0', () => {
    const rude = [0, 2, 4, 6].flatMap((turn) => [0, 1, 2].map((i) => ({ ...finding(calm, 'negative-language', 'blame', turn), id: `x${turn}-${i}` })));
    expect(scoreCall(calm, [...calmFindings, ...rude], defaults).score).toBe(0);
  });
});

describe('follow-up promises and resolution', () => {
  const open = call([
    'A: Hi, how can I help?',
    "C: My parcel never arrived and I'm really upset.",
    "A: I'm so sorry to hear that, that must be upsetting.",
    'C: Can you find it?',
    "A: I've raised a trace with the courier, it can take 3 to 5 working days. I'll email you an update by Friday.",
    'C: Okay.',
  ]);
  const base = [finding(open, 'customer-distress', 'fault', 1), finding(open, 'acknowledgement', 'sympathy', 2, 0.9, "I'm so sorry to hear that")];

  it('an unresolved call expects an after-call promise; an in-call one does not count', () => {
    expect(isResolved(open, base)).toBe(false);
    const none = scoreCall(open, base, defaults).agents[0]!.behaviours['follow-up-promise'];
    expect(none).toMatchObject({ status: 'missed', reason: 'missed: the call ended unresolved and no follow-up-promise was made' });
    const inCall = finding(open, 'follow-up-promise', 'in-call', 4, 0.9, "I've raised a trace with the courier");
    expect(scoreCall(open, [...base, inCall], defaults).agents[0]!.behaviours['follow-up-promise'].status).toBe('missed');
    const afterCall = finding(open, 'follow-up-promise', 'after-call', 4, 0.9, "I'll email you an update by Friday.");
    expect(scoreCall(open, [...base, afterCall], defaults).agents[0]!.behaviours['follow-up-promise'].status).toBe('met');
  });

  it('isResolved reads the last turns', () => {
    expect(isResolved(calm, [])).toBe(true);
    expect(isResolved(distressed, [distress])).toBe(true);
    const stillBroken = call(['A: Try restarting it.', "C: It's still not working.", 'A: Okay.']);
    expect(isResolved(stillBroken, [])).toBe(false);
    const upset = call(['A: Anything else?', 'C: This has been a terrible experience.']);
    expect(isResolved(upset, [finding(upset, 'customer-distress', 'fault', 1)])).toBe(false);
    expect(isResolved(upset, [])).toBe(true);
    const fixed = call(["C: It's still not working.", "A: I've reset it, it should work now.", "C: That's sorted, thanks."]);
    expect(isResolved(fixed, [])).toBe(true);
  });

  it('a call whose agent committed to after-call work is not resolved, whatever the closing thanks say', () => {
    const pending = call(["A: I'll call you back on Wednesday with the engineer's report.", 'C: Thank you so much for your help.']);
    const promise = finding(pending, 'follow-up-promise', 'after-call', 0, 0.85, "I'll call you back on Wednesday");
    expect(isResolved(pending, [])).toBe(true);
    expect(isResolved(pending, [promise])).toBe(false);
    expect(scoreCall(pending, [promise], defaults).agents[0]!.behaviours['follow-up-promise'].status).toBe('met');
  });
});

describe('CallResult', () => {
  it('carries the call metadata and findings sorted by turn', () => {
    const meta = { ...calm, team: 'billing', date: '2024-03-05', channel: 'voice', source: { file: 'calls/x.jsonl', line: 7 } };
    const result = scoreCall(meta, [...calmFindings].reverse(), defaults);
    expect(result).toMatchObject({ transcriptId: 'call-1', file: 'calls/x.jsonl', line: 7, team: 'billing', date: '2024-03-05', channel: 'voice' });
    expect(result.findings.map((f) => f.turn)).toEqual([0, 2, 6]);
  });
});

describe('scoreCall: distress types decide which behaviours a moment expects', () => {
  const bereaved = call([
    'A: Northwind Energy, this is Alice.',
    'C: My husband died three weeks ago and the account is in his name.',
    "A: I'm so sorry for your loss. I can move the account into your name today.",
    'C: Thank you.',
  ]);
  const loss = finding(bereaved, 'customer-distress', 'loss', 1, 0.9, 'My husband died three weeks ago');
  const sympathy = finding(bereaved, 'acknowledgement', 'sympathy', 2, 0.9, "I'm so sorry for your loss.");

  it('a loss expects acknowledgement, not an apology (default: apology after fault or repeat only)', () => {
    const part = scoreCall(bereaved, [loss, sympathy], defaults).agents[0]!;
    expect(part.behaviours.acknowledgement).toMatchObject({ status: 'met', opportunities: 1 });
    expect(part.behaviours.apology).toMatchObject({
      status: 'na',
      reason: "n/a: the customer's distress (loss) does not call for it under this rubric",
    });
    expect(part.behaviours.apology.missed).toEqual([]);
    expect(part.criticalFailures).toEqual([]);
  });

  it('the same words typed as a fault expect an apology too; a rubric can make any type expect it', () => {
    const fault = { ...loss, kind: 'fault' };
    expect(scoreCall(bereaved, [fault, sympathy], defaults).agents[0]!.behaviours.apology.status).toBe('missed');
    const everyType = withBehaviour(defaults, 'apology', { signalKinds: ['fault', 'repeat', 'worry', 'loss', 'hardship'] });
    expect(scoreCall(bereaved, [loss, sympathy], everyType).agents[0]!.behaviours.apology.status).toBe('missed');
  });
});

describe('scoreCall: any customer signal can open opportunities, any agent signal can carry a penalty (rubric settings)', () => {
  const bereaved = call([
    'A: Northwind Energy, this is Alice.',
    'C: My husband died three weeks ago and the account is in his name.',
    'A: What is the account number?',
    'C: 4417.',
    "A: I'm so sorry for your loss. Could you tell me what happened with the bill?",
  ]);
  const loss = finding(bereaved, 'customer-distress', 'loss', 1, 0.9, 'My husband died three weeks ago');
  const sympathy = finding(bereaved, 'acknowledgement', 'sympathy', 4, 0.9, "I'm so sorry for your loss.");
  const question = finding(bereaved, 'open-question', 'open', 4, 0.9, 'Could you tell me what happened with the bill?');

  it('on-signal names the signal and its kinds; with customer-distress it is on-distress by another name', () => {
    const onSignal = withBehaviour(defaults, 'acknowledgement', { expect: 'on-signal', signal: 'customer-distress', signalKinds: ['loss'], withinTurns: 1 });
    const onDistress = withBehaviour(defaults, 'acknowledgement', { signalKinds: ['loss'], withinTurns: 1 });
    const a = scoreCall(bereaved, [loss, sympathy], onSignal).agents[0]!.behaviours.acknowledgement;
    const b = scoreCall(bereaved, [loss, sympathy], onDistress).agents[0]!.behaviours.acknowledgement;
    // One agent turn to answer in: the sympathy two agent turns later misses it.
    expect(a).toMatchObject({ status: 'missed', opportunities: 1, met: 0 });
    expect(a).toEqual(b);
    const otherKinds = withBehaviour(defaults, 'acknowledgement', { expect: 'on-signal', signal: 'customer-distress', signalKinds: ['fault'] });
    expect(scoreCall(bereaved, [loss, sympathy], otherKinds).agents[0]!.behaviours.acknowledgement).toMatchObject({
      status: 'na',
      reason: "n/a: the customer's distress (loss) does not call for it under this rubric",
    });
  });

  it('a penalty on an agent signal takes points per finding, capped, with the finding named', () => {
    const rubric = { ...defaults, penalties: { ...defaults.penalties, 'open-question': { points: 4, kinds: [], maxPoints: 6 } } };
    const part = scoreCall(bereaved, [loss, sympathy, question, { ...question, id: `${question.id}b` }], rubric).agents[0]!;
    expect(part.penalties).toEqual([
      expect.objectContaining({ id: 'open-question', points: 6, findingIds: [question.id, `${question.id}b`] }),
    ]);
    const off = scoreCall(bereaved, [loss, sympathy, question], defaults).agents[0]!;
    expect(off.penalties).toEqual([]);
    expect(part.score).toBe(off.score! - 6);
  });
});

describe('scoreCall: a moment with cues of several types is answered as its most specific type', () => {
  it('the detector types "upset + charged twice" as fault (apology expected) and "passed away weeks ago" as loss (not)', async () => {
    const { createDetectionEngine } = await import('../../src/detectors/index.js');
    const engine = createDetectionEngine();
    const upset = call(['A: Northwind, this is Sam.', "C: I'm really upset, you've charged me twice this month.", 'A: Account number?', 'C: 5512.']);
    const found = engine.detectTranscript(upset).filter((f) => f.behaviour === 'customer-distress');
    expect(found.map((f) => f.kind)).toEqual(['fault']);
    expect(scoreCall(upset, found, defaults).agents[0]!.behaviours.apology.status).toBe('missed');
    const loss = call(['A: Northwind, this is Sam.', 'C: My dad passed away a couple of weeks ago.', "A: I'm so sorry for your loss.", 'C: Thank you.']);
    const grief = engine.detectTranscript(loss).filter((f) => f.behaviour === 'customer-distress');
    expect(grief.map((f) => f.kind)).toEqual(['loss']);
    expect(scoreCall(loss, engine.detectTranscript(loss), defaults).agents[0]!.behaviours.apology.status).toBe('na');
  });
});
