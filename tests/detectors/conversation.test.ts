// Which calls are contact-centre calls (the fitted models apply to them): lexicons/conversation.ts as data.
import { describe, expect, it } from 'vitest';
import { isServiceCall, markerKey, serviceMarkers } from '../../src/detectors/conversation.js';
import { SERVICE_MARKERS } from '../../src/detectors/lexicons/conversation.js';
import { analyseCall } from '../../src/nlp/analyse.js';
import { call, type Line } from './helpers.js';

const analysed = (...lines: Line[]) => analyseCall(call(...lines));
const entry = (id: string) => SERVICE_MARKERS.find((m) => m.id === id)!;

const SERVICE_CALLS: [string, Line[]][] = [
  [
    'punctuated voice',
    [
      ['A', 'Thanks for calling Nestwell, this is Rosa. How can I help?'],
      ['C', "Hi, my router's been dropping out all week."],
      ['A', "I'm sorry to hear that. Let me check your line."],
      ['C', 'Thanks.'],
      ['A', 'I can see the connection resetting every hour.'],
      ['C', 'So what now?'],
      ['A', "I've booked an engineer for Friday."],
      ['C', 'Great.'],
      ['A', 'Is there anything else I can help with?'],
      ['C', 'No, that is all.'],
    ],
  ],
  [
    'ASR (lower-case, unpunctuated)',
    [
      ['A', 'you\'re through to billing my name is dev how can i help'],
      ['C', 'yeah hi um i got charged twice for my bill this month'],
      ['A', 'okay can i just take your account number'],
      ['C', 'yeah it is four four two one'],
      ['A', 'thank you bear with me one moment'],
      ['C', 'sure'],
    ],
  ],
  [
    'a short chat thread',
    [
      ['C', "my parcel still hasn't arrived and it's been two weeks"],
      ['A', 'So sorry about this! Can you DM us your order number and we will look into it?'],
    ],
  ],
];

const OTHER_CONVERSATIONS: [string, Line[]][] = [
  [
    'peer talk about a topic a service call could have',
    [
      ['C', 'so do you use credit cards much'],
      ['A', 'not really we mostly pay cash'],
      ['C', 'yeah my husband says the same'],
      ['A', 'i think they make it too easy to spend'],
      ['C', 'right and then the interest piles up'],
      ['A', 'exactly we got burned once years ago'],
      ['C', 'oh no what happened'],
      ['A', 'just a big holiday we could not really afford'],
      ['C', 'that happens'],
      ['A', 'it does'],
    ],
  ],
  [
    'a supporter listening',
    [
      ['C', "I've been so stressed since I lost my job."],
      ['A', 'That sounds really hard. How have you been sleeping?'],
      ['C', 'Badly. I keep worrying about money.'],
      ['A', 'It makes sense that you would worry.'],
      ['C', 'My family does not know yet.'],
      ['A', 'What makes it hard to tell them?'],
      ['C', 'I feel ashamed.'],
      ['A', 'Losing a job is not a failure on your part.'],
      ['C', 'Maybe.'],
      ['A', 'What would you say to a friend in your place?'],
    ],
  ],
];

describe('which calls are service calls', () => {
  const cases = [
    ...SERVICE_CALLS.map(([name, lines]) => [name, lines, true] as const),
    ...OTHER_CONVERSATIONS.map(([name, lines]) => [name, lines, false] as const),
  ];
  it.each(cases)('%s → service %s', (_, lines, service) => {
    expect(isServiceCall(analysed(...lines))).toBe(service);
  });

  it('a two-turn exchange with no marker is not a service call; naming the account makes it one', () => {
    expect(isServiceCall(analysed(['C', 'I have a question.'], ['A', "Sure, go ahead."]))).toBe(false);
    expect(isServiceCall(analysed(['C', 'I have a question about my account.'], ['A', 'Sure, go ahead.']))).toBe(true);
  });

  it('markers after each side\'s first fifteen turns do not count', () => {
    const chat: Line[] = [];
    for (let i = 0; i < 16; i++) chat.push(['C', 'so how was the weekend'], ['A', 'pretty quiet we stayed in']);
    const late: Line[] = [['C', 'oh i need to cancel my order'], ['A', 'let me check your account']];
    expect(serviceMarkers(analysed(...chat, ...late)).size).toBe(0);
    expect(serviceMarkers(analysed(...late, ...chat)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('how markers count', () => {
  it('a customer thing named by both sides counts once', () => {
    expect(markerKey(entry('agent-customer-thing'), 'your account')).toBe('thing:account');
    expect(markerKey(entry('customer-thing'), 'my account')).toBe('thing:account');
    const markers = serviceMarkers(analysed(['C', 'My account is locked.'], ['A', 'Which account is it, your account with us?']));
    expect([...markers].filter((k) => k.startsWith('thing:'))).toEqual(['thing:account']);
  });

  it('a concept counts once however it is worded; each wording of a phrase counts', () => {
    expect(markerKey(entry('anything-else'), 'is there anything else')).toBe(markerKey(entry('anything-else'), 'anything else i can help'));
    expect(markerKey(entry('let-me-check'), 'let me check')).not.toBe(markerKey(entry('let-me-check'), 'let me look'));
  });

  it.each([
    'Thanks for calling Aqua Water.',
    "You're through to the renewals team.",
    "Hi, I'm Rosa from Nestwell.",
    'Retentions, Gary speaking, how can I help?',
    "you've reached brightline support",
  ])('the greeting %j counts in the opening', (greeting) => {
    expect(serviceMarkers(analysed(['A', greeting], ['C', 'Hello.']))).toContain('greeting');
  });

  it('a greeting-like line late in the call is not a greeting', () => {
    const lines: Line[] = [['A', 'Hello.'], ['C', 'Hi.'], ['A', 'Hi.'], ['C', 'Hey.'], ['A', "I'm Rosa from next door."]];
    expect(serviceMarkers(analysed(...lines))).not.toContain('greeting');
  });
});
