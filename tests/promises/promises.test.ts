import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPromisesCsv, formatPromisesJson, PROMISE_COLUMNS } from '../../src/formatters/promises.js';
import { runScore } from '../../src/pipeline.js';
import { dueDate, extractPromises, normaliseTimeframe, type FollowUpPromise } from '../../src/promises.js';
import type { CallResult, ScoreReport } from '../../src/types.js';

describe('normaliseTimeframe', () => {
  it.each([
    ['by Friday', { kind: 'weekday', value: 'friday' }],
    ['next Tuesday', { kind: 'weekday', value: 'tuesday' }],
    ['within 24 hours', { kind: 'duration', hours: 24 }],
    ['within the next two hours', { kind: 'duration', hours: 2 }],
    ['in 3 working days', { kind: 'duration', hours: 72, businessDays: true }],
    ['within a couple of days', { kind: 'duration', hours: 48 }],
    ['within 30 minutes', { kind: 'duration', hours: 0.5 }],
    ['tomorrow', { kind: 'tomorrow' }],
    ['first thing tomorrow', { kind: 'tomorrow' }],
    ['later today', { kind: 'today' }],
    ['this afternoon', { kind: 'today' }],
    ['by the end of the day', { kind: 'end-of-day' }],
    ['by end of day', { kind: 'end-of-day' }],
    ['by close of business', { kind: 'end-of-day' }],
    ['by the end of the week', { kind: 'end-of-week' }],
    ['by end of week', { kind: 'end-of-week' }],
    ['next week', { kind: 'next-week' }],
    ['on the 5th', { kind: 'day-of-month', day: 5 }],
    ['by the 21st of June', { kind: 'day-of-month', day: 21 }],
    ['by 5pm', { kind: 'time', value: '17:00' }],
    ['by noon', { kind: 'time', value: '12:00' }],
    ['as soon as possible', { kind: 'asap' }],
  ])('%s', (raw, expected) => {
    expect(normaliseTimeframe(raw)).toEqual(expected);
  });

  it('leaves shapes it cannot pin down unnormalised', () => {
    expect(normaliseTimeframe('in a few days')).toBeUndefined();
    expect(normaliseTimeframe('next month')).toBeUndefined();
  });
});

describe('dueDate (relative to the call date)', () => {
  // 2026-05-06 is a Wednesday.
  const wed = '2026-05-06';
  it.each([
    [{ kind: 'weekday', value: 'friday' }, wed, '2026-05-08'],
    [{ kind: 'weekday', value: 'wednesday' }, wed, '2026-05-13'], // said on a Wednesday: next week's
    [{ kind: 'weekday', value: 'monday' }, wed, '2026-05-11'],
    [{ kind: 'tomorrow' }, wed, '2026-05-07'],
    [{ kind: 'today' }, wed, wed],
    [{ kind: 'end-of-day' }, wed, wed],
    [{ kind: 'end-of-week' }, wed, '2026-05-08'],
    [{ kind: 'end-of-week' }, '2026-05-09', '2026-05-15'], // Saturday: the coming Friday
    [{ kind: 'next-week' }, wed, '2026-05-15'],
    [{ kind: 'next-week' }, '2026-05-10', '2026-05-15'], // Sunday ends the week
    [{ kind: 'end-of-month' }, '2026-02-10', '2026-02-28'],
    [{ kind: 'day-of-month', day: 5 }, '2026-05-12', '2026-06-05'],
    [{ kind: 'day-of-month', day: 20 }, '2026-05-12', '2026-05-20'],
    [{ kind: 'day-of-month', day: 31 }, '2026-06-12', '2026-06-30'],
    [{ kind: 'day-of-month', day: 5 }, '2026-12-20', '2027-01-05'],
    [{ kind: 'duration', hours: 24 }, wed, '2026-05-07'],
    [{ kind: 'duration', hours: 2 }, wed, wed],
    [{ kind: 'duration', hours: 72, businessDays: true }, '2026-05-08', '2026-05-13'], // Fri + 3 working days
  ] as const)('%j from %s is %s', (due, from, expected) => {
    expect(dueDate(due, from)).toBe(expected);
  });

  it('has no due date for asap or an unreadable call date', () => {
    expect(dueDate({ kind: 'asap' }, wed)).toBeUndefined();
    expect(dueDate({ kind: 'tomorrow' }, '2026-02-30')).toBeUndefined();
    expect(dueDate({ kind: 'tomorrow' }, 'last week')).toBeUndefined();
  });
});

describe('promises from the fixtures', () => {
  let report: ScoreReport;
  let promises: FollowUpPromise[];
  beforeAll(async () => {
    report = (await runScore(['fixtures/cases/scripted'], { keepCalls: true })).report;
    promises = report.calls.flatMap(extractPromises);
  });

  it('parses a specific promise into action, timeframe, due date and channel', () => {
    expect(promises.find((p) => p.callId === 'RK-201')).toEqual({
      callId: 'RK-201',
      file: 'fixtures/cases/scripted/r.khan-1.txt',
      callDate: '2026-05-06',
      agentId: 'r.khan',
      turn: 4,
      quote: "I'll call you back by Friday with the corrected bill.",
      action: "I'll call you back by Friday with the corrected bill.",
      timeframe: 'by Friday',
      due: { kind: 'weekday', value: 'friday' },
      dueDate: '2026-05-08',
      channel: 'call',
      vague: false,
      confidence: 1, // a service call (greeting, the customer's bill, the tariff): the fitted model scores the promise
    });
  });

  it('flags a vague promise (no time, no channel)', () => {
    const vague = promises.filter((p) => p.vague);
    expect(vague.map((p) => [p.callId, p.quote])).toEqual([['RK-202', 'Let me look into it and get back to you.']]);
    expect(vague[0]!.timeframe).toBeUndefined();
    expect(vague[0]!.dueDate).toBeUndefined();
  });

  it('lists every after-call promise per call, in order, with due dates', () => {
    expect(promises.map((p) => [p.callId, p.turn, p.timeframe ?? null, p.dueDate ?? null, p.channel ?? null])).toEqual([
      ['RK-201', 4, 'by Friday', '2026-05-08', 'call'],
      ['RK-202', 6, null, null, null],
      ['RK-203', 4, 'within 24 hours', '2026-05-09', 'email'],
      ['RK-205', 4, 'by the end of the week', '2026-05-15', null],
      ['RK-205', 6, 'on the 5th', '2026-06-05', 'call'],
      ['RK-206', 4, 'within the next two hours', '2026-05-13', 'email'],
    ]);
  });

  it('promises-json carries provenance and counts', () => {
    const json = JSON.parse(formatPromisesJson(report));
    expect(json.summary).toEqual({ calls: 12, promises: 6, vague: 1, withDueDate: 5 });
    expect(json.provenance.rubric.name).toBe('default');
    expect(json.promises).toHaveLength(6);
  });

  it('the CSV round-trips through a CSV parser', () => {
    const rows = parse(formatPromisesCsv(report), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...PROMISE_COLUMNS]);
    expect(rows).toHaveLength(6);
    expect(rows[5]).toMatchObject({
      call_id: 'RK-206',
      due_kind: 'duration',
      due_value: '2h',
      due_date: '2026-05-13',
      vague: 'false',
      quote: "I've refunded the second payment just now, and you'll get an email confirmation within the next two hours.",
    });
  });
});

describe('promises CSV is formula-safe', () => {
  it('neutralises cells that a spreadsheet would run', () => {
    const hostile = '=HYPERLINK("http://evil.example","x")';
    const call: CallResult = {
      transcriptId: '+cmd|calc',
      file: '@evil.txt',
      date: '2026-05-06',
      turns: [{ index: 0, role: 'agent', speaker: 'Agent', agentId: '-agent', text: hostile }],
      findings: [
        {
          id: 'x#0:0-1:follow-up-promise',
          behaviour: 'follow-up-promise',
          kind: 'after-call',
          transcriptId: '+cmd|calc',
          turn: 0,
          agentId: '-agent',
          span: [0, hostile.length],
          quote: hostile,
          rule: 'test',
          confidence: 0.9,
          message: '',
          attributes: { action: hostile, timeframe: '=1+1 tomorrow', channel: '@email' },
        },
      ],
      score: 100,
      passed: true,
      agents: [],
    };
    const report = { calls: [call] } as unknown as ScoreReport;
    const csv = formatPromisesCsv(report);
    const [, row] = parse(csv) as string[][];
    for (const cell of row!) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(row).toContain(`'${hostile}`);
    expect(row).toContain("'+cmd|calc");
    expect(row).toContain("'-agent");
    expect(row).toContain("'=1+1 tomorrow");
    // The timeframe is still understood behind the neutralising quote.
    expect(row).toContain('2026-05-07');
  });
});
