// A hand-built, realistic report shared by the formatter tests: three agents (one low-sample), a transfer call,
// N/A behaviours, missed moments after distress, a penalty, a failing threshold and a baseline comparison.
import {
  BEHAVIOURS,
  type AgentCallScore,
  type BehaviourId,
  type BehaviourOutcome,
  type BehaviourRate,
  type CallResult,
  type Finding,
  type GroupScorecard,
  type MissedMoment,
  type OutcomeStatus,
  type ScoreReport,
  type Turn,
} from '../../src/types.js';

export const SCRIPT_TEXT = 'Do not <script>alert(1)</script> me, and " onmouseover="x it was broken!';

function turn(index: number, role: Turn['role'], text: string, agentId?: string): Turn {
  const t: Turn = { index, role, speaker: role === 'agent' ? 'Agent' : 'Customer', text };
  if (agentId) t.agentId = agentId;
  return t;
}

/** A finding whose span really points at `quote` inside the turn text. */
function finding(
  call: string,
  turns: Turn[],
  turnIndex: number,
  behaviour: Finding['behaviour'],
  kind: string,
  quote: string,
  confidence: number,
): Finding {
  const text = turns[turnIndex]!.text;
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`fixture quote not in turn: ${quote}`);
  const span: [number, number] = [start, start + quote.length];
  const f: Finding = {
    id: `${call}#${turnIndex}:${span[0]}-${span[1]}:${behaviour}`,
    behaviour,
    kind,
    transcriptId: call,
    turn: turnIndex,
    span,
    quote,
    rule: `${behaviour}.${kind}`,
    confidence,
    message: `${behaviour} (${kind})`,
  };
  if (turns[turnIndex]!.agentId) f.agentId = turns[turnIndex]!.agentId;
  return f;
}

function outcome(
  behaviour: BehaviourId,
  status: OutcomeStatus,
  opts: { found?: Finding[]; missed?: MissedMoment[]; opportunities?: number; weight?: number } = {},
): BehaviourOutcome {
  const found = opts.found ?? [];
  const missed = opts.missed ?? (status === 'missed' ? [{ behaviour }] : []);
  const opportunities = opts.opportunities ?? (status === 'na' ? 0 : Math.max(1, found.length > 0 ? 1 : 0) + (status === 'missed' ? missed.length - 1 : 0));
  const met = status === 'na' ? 0 : opportunities - missed.length;
  const reason =
    status === 'na'
      ? 'n/a: no opportunity in this call'
      : status === 'met'
        ? `met: '${found[0]?.quote ?? ''}' (turn ${found[0]?.turn ?? 0})`
        : `missed: ${missed.length} of ${opportunities} moments`;
  return {
    behaviour,
    status,
    weight: opts.weight ?? 20,
    opportunities,
    met,
    findingIds: found.map((f) => f.id),
    missed,
    reason,
  };
}

function part(agentId: string, score: number, passed: boolean, outcomes: BehaviourOutcome[], extra: Partial<AgentCallScore> = {}): AgentCallScore {
  const behaviours = Object.fromEntries(outcomes.map((o) => [o.behaviour, o])) as Record<BehaviourId, BehaviourOutcome>;
  const counts = Object.fromEntries(BEHAVIOURS.map((b) => [b, behaviours[b].findingIds.length])) as Record<BehaviourId, number>;
  return { agentId, score, passed, criticalFailures: [], behaviours, penalties: [], agentTurns: 2, counts, ...extra };
}

// ---- call-001: Jane, everything met ----
const t1 = [
  turn(0, 'customer', "I've been waiting forty minutes and I'm really frustrated, this is the third time I've called."),
  turn(1, 'agent', "I'm so sorry for the wait, that sounds really frustrating. So you've called three times about the same refund?", 'a-102'),
  turn(2, 'customer', 'Yes, the refund for order 5512.'),
  turn(3, 'agent', "Thank you for your patience. I'll email you a confirmation by 5pm today.", 'a-102'),
];
const f1 = {
  distress: finding('call-001', t1, 0, 'customer-distress', 'fault', "I'm really frustrated", 0.9),
  apology: finding('call-001', t1, 1, 'apology', 'inconvenience', "I'm so sorry for the wait", 0.92),
  ack: finding('call-001', t1, 1, 'acknowledgement', 'validation', 'that sounds really frustrating', 0.88),
  para: finding('call-001', t1, 1, 'paraphrasing', 'restatement', "So you've called three times about the same refund", 0.71),
  thanks: finding('call-001', t1, 3, 'appreciation', 'patience', 'Thank you for your patience', 0.95),
  promise: finding('call-001', t1, 3, 'follow-up-promise', 'after-call', "I'll email you a confirmation by 5pm today", 0.83),
};
const call1: CallResult = {
  transcriptId: 'call-001',
  file: 'fixtures/transcripts/text/call-001.txt',
  date: '2024-03-01',
  team: 'north',
  channel: 'voice',
  turns: t1,
  findings: Object.values(f1),
  score: 100,
  passed: true,
  agents: [
    part('a-102', 100, true, [
      outcome('paraphrasing', 'met', { found: [f1.para] }),
      outcome('acknowledgement', 'met', { found: [f1.ack] }),
      outcome('apology', 'met', { found: [f1.apology] }),
      outcome('appreciation', 'met', { found: [f1.thanks] }),
      outcome('follow-up-promise', 'met', { found: [f1.promise] }),
    ]),
  ],
};

// ---- call-002: Jane, misses acknowledgement and apology after distress, blames the customer ----
const t2 = [
  turn(0, 'customer', 'This is ridiculous, my card was charged twice!'),
  turn(1, 'agent', 'Can I take your account number please?', 'a-102'),
  turn(2, 'customer', "It's 12345678 and I'm still upset about it."),
  turn(3, 'agent', 'Thanks for holding. You should have read the terms | they are clear.', 'a-102'),
];
const f2 = {
  distress0: finding('call-002', t2, 0, 'customer-distress', 'fault', 'This is ridiculous', 0.86),
  distress2: finding('call-002', t2, 2, 'customer-distress', 'fault', "I'm still upset", 0.8),
  thanks: finding('call-002', t2, 3, 'appreciation', 'patience', 'Thanks for holding', 0.9),
  blame: finding('call-002', t2, 3, 'negative-language', 'blame', 'You should have read the terms', 0.77),
};
const call2: CallResult = {
  transcriptId: 'call-002',
  file: 'fixtures/transcripts/text/call-002.txt',
  date: '2024-03-04',
  team: 'north',
  channel: 'voice',
  turns: t2,
  findings: Object.values(f2),
  score: 35,
  passed: false,
  agents: [
    part(
      'a-102',
      35,
      false,
      [
        outcome('paraphrasing', 'missed'),
        outcome('acknowledgement', 'missed', {
          opportunities: 2,
          missed: [
            { behaviour: 'acknowledgement', customerTurn: 0, customerQuote: t2[0]!.text, agentTurn: 1, agentQuote: t2[1]!.text },
            { behaviour: 'acknowledgement', customerTurn: 2, customerQuote: t2[2]!.text, agentTurn: 3, agentQuote: t2[3]!.text },
          ],
        }),
        outcome('apology', 'missed', {
          missed: [{ behaviour: 'apology', customerTurn: 0, customerQuote: t2[0]!.text, agentTurn: 1, agentQuote: t2[1]!.text }],
        }),
        outcome('appreciation', 'met', { found: [f2.thanks] }),
        outcome('follow-up-promise', 'na'),
      ],
      { penalties: [{ id: 'negative-language', points: 10, findingIds: [f2.blame.id], reason: "blame: 'You should have read the terms' (turn 3)" }] },
    ),
  ],
};

// ---- call-003: Sam, hostile markup in the customer's words ----
const t3 = [
  turn(0, 'customer', SCRIPT_TEXT),
  turn(1, 'agent', 'I understand, I apologise for that. Thanks for letting me know.', 'a-205'),
];
const f3 = {
  ack: finding('call-003', t3, 1, 'acknowledgement', 'bare', 'I understand', 0.6),
  apology: finding('call-003', t3, 1, 'apology', 'ownership', 'I apologise for that', 0.81),
  thanks: finding('call-003', t3, 1, 'appreciation', 'information', 'Thanks for letting me know', 0.74),
};
const call3: CallResult = {
  transcriptId: 'call-003',
  file: 'fixtures/transcripts/csv/export.csv',
  line: 14,
  date: '2024-03-02',
  team: 'south',
  turns: t3,
  findings: Object.values(f3),
  score: 62,
  passed: false,
  agents: [
    part('a-205', 62, false, [
      outcome('paraphrasing', 'missed'),
      outcome('acknowledgement', 'missed', {
        missed: [{ behaviour: 'acknowledgement', customerTurn: 0, customerQuote: SCRIPT_TEXT, agentTurn: 1, agentQuote: t3[1]!.text }],
      }),
      outcome('apology', 'met', { found: [f3.apology] }),
      outcome('appreciation', 'met', { found: [f3.thanks] }),
      outcome('follow-up-promise', 'na'),
    ], { criticalFailures: ['acknowledgement'] }),
  ],
};

// ---- call-004: transfer from Sam to Priya ----
const t4 = [
  turn(0, 'customer', 'My broadband keeps dropping every evening.'),
  turn(1, 'agent', "So the connection drops every evening, let me transfer you to the line team.", 'a-205'),
  turn(2, 'agent', "Hi, I'm Priya. Thanks for waiting. I'll call you back tomorrow morning with the engineer slot.", 'a-301'),
];
const f4 = {
  para: finding('call-004', t4, 1, 'paraphrasing', 'restatement', 'So the connection drops every evening', 0.79),
  thanks: finding('call-004', t4, 2, 'appreciation', 'patience', 'Thanks for waiting', 0.93),
  promise: finding('call-004', t4, 2, 'follow-up-promise', 'after-call', "I'll call you back tomorrow morning", 0.87),
};
const call4: CallResult = {
  transcriptId: 'call-004',
  file: 'fixtures/transcripts/csv/export.csv',
  line: 30,
  date: '2024-03-05',
  team: 'south',
  turns: t4,
  findings: Object.values(f4),
  score: 80,
  passed: true,
  agents: [
    part('a-205', 70, true, [
      outcome('paraphrasing', 'met', { found: [f4.para] }),
      outcome('acknowledgement', 'na'),
      outcome('apology', 'na'),
      outcome('appreciation', 'missed'),
      outcome('follow-up-promise', 'na'),
    ]),
    part('a-301', 90, true, [
      outcome('paraphrasing', 'na'),
      outcome('acknowledgement', 'na'),
      outcome('apology', 'na'),
      outcome('appreciation', 'met', { found: [f4.thanks] }),
      outcome('follow-up-promise', 'met', { found: [f4.promise] }),
    ]),
  ],
};

function rate(behaviour: BehaviourId, opportunities: number, met: number, findings: number, agentTurns: number): BehaviourRate {
  return {
    behaviour,
    opportunities,
    met,
    rate: opportunities === 0 ? null : met / opportunities,
    findings,
    per100Turns: agentTurns === 0 ? 0 : (findings / agentTurns) * 100,
    missed: opportunities - met,
  };
}

function group(
  key: string,
  label: string | undefined,
  calls: number,
  meanScore: number,
  ci95: [number, number] | null,
  flags: { passed: boolean; lowSample: boolean },
  rates: Record<BehaviourId, [number, number, number]>,
  extra: Partial<GroupScorecard> = {},
): GroupScorecard {
  const agentTurns = 4;
  const behaviours = Object.fromEntries(
    BEHAVIOURS.map((b) => [b, rate(b, rates[b][0], rates[b][1], rates[b][2], agentTurns)]),
  ) as Record<BehaviourId, BehaviourRate>;
  const g: GroupScorecard = {
    key,
    groupBy: 'agent',
    calls,
    noOpportunity: 0,
    meanScore,
    stdDev: calls > 1 ? 10 : null,
    ci95,
    passRate: flags.passed ? 0.5 : 0.5,
    passRateCi95: [0.095, 0.905],
    passed: flags.passed,
    lowSample: flags.lowSample,
    agentTurns,
    behaviours,
    penaltyPoints: 0,
    missedOpportunities: BEHAVIOURS.reduce((n, b) => n + behaviours[b].missed, 0),
    criticalFailures: 0,
    ...extra,
  };
  if (label) g.label = label;
  return g;
}

/** A fresh deep copy each time, so a test may mutate it freely. */
export function sampleReport(): ScoreReport {
  return structuredClone(SAMPLE);
}

const SAMPLE: ScoreReport = {
  ...{
    schemaVersion: 1,
    provenance: {
      tool: 'empathy-scorecard',
      version: '0.1.0',
      rubric: { name: 'default', version: 1, hash: '3f9a0c1b2d4e', origin: 'built-in:default' },
      inputs: { count: 4, hash: 'aa11bb22cc33' },
    },
    groupBy: 'agent',
    summary: {
      read: 6,
      scored: 4,
      skipped: 1,
      failed: 1,
      skippedInputs: [{ file: 'fixtures/transcripts/empty.txt', reason: 'no turns found' }],
      failedInputs: [{ file: 'fixtures/transcripts/bad.csv', line: 3, reason: 'expected a "speaker" column' }],
    },
    pass: 70,
    groups: [
      group('a-102', 'Jane Doe', 2, 67.5, [45.2, 89.8], { passed: false, lowSample: false }, {
        paraphrasing: [2, 1, 1],
        acknowledgement: [3, 1, 1],
        apology: [2, 1, 1],
        appreciation: [2, 2, 2],
        'follow-up-promise': [1, 1, 1],
      }, { penaltyPoints: 10 }),
      group('a-205', "Sam O'Neil <Lead>", 2, 66, [58.2, 73.8], { passed: false, lowSample: false }, {
        paraphrasing: [2, 1, 1],
        acknowledgement: [1, 0, 1],
        apology: [1, 1, 1],
        appreciation: [2, 1, 1],
        'follow-up-promise': [0, 0, 0],
      }, { criticalFailures: 1 }),
      group('a-301', 'Priya Shah', 1, 90, null, { passed: true, lowSample: true }, {
        paraphrasing: [0, 0, 0],
        acknowledgement: [0, 0, 0],
        apology: [0, 0, 0],
        appreciation: [1, 1, 1],
        'follow-up-promise': [1, 1, 1],
      }),
    ],
    calls: [call1, call2, call3, call4],
    thresholds: { failUnder: 70, failing: ['a-102', 'a-205'] },
    comparison: {
      baseline: 'baselines/2024-02.json',
      groups: [
        { key: 'a-102', previousScore: 63.5, scoreDelta: 4, behaviours: { apology: 0.1 } },
        { key: 'a-205', previousScore: 74.5, scoreDelta: -8.5, behaviours: { acknowledgement: -0.5 } },
        { key: 'a-301', previousScore: null, scoreDelta: null, behaviours: {} },
      ],
      regressions: ['a-205'],
    },
  },
};

/** ANSI colour escape, for "no colour unless asked" assertions. */
export const ANSI = /\u001b\[/;
