import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactReport, redactText } from '../src/redact.js';
import type { ScoreReport } from '../src/types.js';
import { sampleReport } from './formatters/fixture.js';

describe('redactText', () => {
  it.each([
    ['write to jane.doe+billing@example.co.uk today', 'write to [EMAIL] today'],
    ['call 07700 900123 or +44 7700 900123', 'call [PHONE] or [PHONE]'],
    ['office (020) 7946 0958, mobile 07700900123', 'office [PHONE], mobile [PHONE]'],
    ['US (555) 123-4567, 555.123.4567 or +1 555 123 4567', 'US [PHONE], [PHONE] or [PHONE]'],
    ['Paris +33 1 23 45 67 89', 'Paris [PHONE]'],
    ['card 4111 1111 1111 1111, 5500-0000-0000-0004 and 4111111111111111', 'card [CARD], [CARD] and [CARD]'],
    ['account 12345678 and sort code 12-34-56', 'account [ACCOUNT] and sort code [ACCOUNT]'],
    ['it was 1234 5678 9012 3456 I think', 'it was [ACCOUNT] I think'],
    ['I live at SW1A 1AA, near M1 1AE', 'I live at [POSTCODE], near [POSTCODE]'],
    ['Springfield, IL 62704-1234 or zip code: 90210', 'Springfield, IL [POSTCODE] or zip code: [POSTCODE]'],
  ])('masks %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    ['I live at 27 Beech Avenue, Leeds', 'I live at [ADDRESS], Leeds'],
    ['it is 42 Elm Grove', 'it is [ADDRESS]'],
    ['12 Acacia Road.', '[ADDRESS].'],
    ['1600 Pennsylvania Ave NW, Washington, DC 20500', '[ADDRESS], Washington, DC [POSTCODE]'],
    ['221B Baker Street, London NW1 6XE', '[ADDRESS], London [POSTCODE]'],
    ['Flat 3, 14 High St, please', '[ADDRESS], please'],
    ['45 MG Road, Bengaluru', '[ADDRESS], Bengaluru'],
    ['7 Smith Crescent, Ballarat VIC 3350', '[ADDRESS], Ballarat VIC 3350'],
    ["12 St John's Road and 350 5th Avenue", '[ADDRESS] and [ADDRESS]'],
    ['3/27 Ocean Pde and 221B Baker Street, Apt 4', '[ADDRESS] and [ADDRESS]'],
    ['it was 27 beech avenue i think', 'it was [ADDRESS] i think'],
  ])('masks the street address in %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    'I waited 2 weeks',
    '3 days ago',
    '2 more days',
    'call me at 5 on the road',
    'it took 10 minutes',
    'a 10 minute drive to the Park',
    'I was 2 weeks down the road with it',
    'there were 2 cars on the road',
    'at 10:30 Main Street was closed',
    'I paid £1,250 Park Lane fees',
    'I have 2 Kids. Road works all week',
    'I called 3 times and waited 45 minutes each time',
  ])('leaves the ordinary sentence %j alone', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('never masks an ordinary sentence: a number among words that are not street names (property)', () => {
    const ordinary = fc.constantFrom(
      'weeks', 'days', 'more', 'minutes', 'hours', 'times', 'ago', 'later', 'pounds', 'dollars', 'items', 'orders',
      'people', 'calls', 'emails', 'I', 'waited', 'called', 'the', 'on', 'at', 'and', 'it', 'took', 'about', 'nearly',
      'since', 'Monday', 'refund', 'engineer', 'bill', 'months', 'years', 'every', 'so', 'still', 'nothing', 'Yes',
    );
    const capitalise = (w: string, up: boolean) => (up ? w[0]!.toUpperCase() + w.slice(1) : w);
    const sentence = fc
      .tuple(
        fc.array(ordinary, { maxLength: 4 }),
        fc.integer({ min: 0, max: 99999 }),
        fc.array(fc.tuple(ordinary, fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('', ' on the road', ' down the street', ' in the park', ' by the way', '.', '?'),
      )
      .map(([before, n, after, tail]) => [...before, String(n), ...after.map(([w, up]) => capitalise(w, up))].join(' ') + tail);
    fc.assert(
      fc.property(sentence, (text) => {
        expect(redactText(text)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves ordinary numbers, dates, times, money and short references alone', () => {
    const text = 'Order 5512 on 2024-03-01 at 10:30 for £1,250.00, ref 555-1234, 3 items, room 90210, mp3 4th';
    expect(redactText(text)).toBe(text);
  });

  it('does not take a Luhn-failing 16-digit run for a card', () => {
    expect(redactText('4111 1111 1111 1112')).toBe('[ACCOUNT]');
  });

  it('stays fast on long adversarial runs (linear-time patterns)', () => {
    const nasty = [
      'a'.repeat(50_000),
      '1 '.repeat(25_000),
      `${'x.'.repeat(20_000)}@`,
      ' '.repeat(50_000) + 'sort code',
      '1 Abc '.repeat(10_000),
      `12 ${'Abc '.repeat(20_000)}`,
      `12${'   Abc'.repeat(10_000)} Road`,
      '1 abc '.repeat(10_000),
      'Flat 3, '.repeat(10_000),
      '1'.repeat(100_000),
      '1-'.repeat(50_000),
      '1/'.repeat(50_000) + ' x',
    ];
    const started = Date.now();
    for (const s of nasty) redactText(s);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('redactReport', () => {
  function reportWithPii(): ScoreReport {
    const r = sampleReport();
    const call = r.calls[0]!;
    // Put PII before and inside agent findings so spans must move.
    call.turns[1] = {
      ...call.turns[1]!,
      text: "Mail jane@example.com first. I'm so sorry for the wait, that sounds really frustrating. So you've called three times about the same refund?",
    };
    call.turns[3] = { ...call.turns[3]!, text: "Thank you for your patience. I'll email you at bob@example.org by 5pm today." };
    for (const f of call.findings) {
      const text = call.turns[f.turn]!.text;
      const quote = f.behaviour === 'follow-up-promise' ? "I'll email you at bob@example.org by 5pm today" : f.quote;
      const at = text.indexOf(quote);
      f.quote = quote;
      f.span = [at, at + quote.length];
    }
    call.findings[1]!.evidence = [{ turn: 0, span: [0, 4], quote: "I've" }];
    call.agents[0]!.behaviours.acknowledgement.missed = [
      { behaviour: 'acknowledgement', customerTurn: 0, customerQuote: 'ring me on 07700 900123', agentQuote: 'card 4111 1111 1111 1111?' },
    ];
    return r;
  }

  it('masks turns, quotes, missed moments and reasons and re-points spans at the masked text', () => {
    const r = reportWithPii();
    const before = JSON.stringify(r);
    const out = redactReport(r);
    expect(JSON.stringify(r)).toBe(before); // input untouched
    const call = out.calls[0]!;
    expect(call.turns[1]!.text.startsWith('Mail [EMAIL] first.')).toBe(true);
    const promise = call.findings.find((f) => f.behaviour === 'follow-up-promise')!;
    expect(promise.quote).toBe("I'll email you at [EMAIL] by 5pm today");
    for (const c of out.calls) {
      for (const f of c.findings) expect(c.turns[f.turn]!.text.slice(...f.span)).toBe(f.quote);
    }
    const apology = call.findings.find((f) => f.behaviour === 'apology')!;
    expect(apology.span).toEqual([20, 45]);
    expect(apology.id).toBe(r.calls[0]!.findings.find((f) => f.behaviour === 'apology')!.id);
    expect(call.findings[1]!.evidence![0]).toEqual({ turn: 0, span: [0, 4], quote: "I've" });
    expect(call.agents[0]!.behaviours.acknowledgement.missed[0]).toMatchObject({
      customerQuote: 'ring me on [PHONE]',
      agentQuote: 'card [CARD]?',
    });
    expect(JSON.stringify(out)).not.toMatch(/@example\.(com|org)|07700|4111/);
  });

  it('widens a span that cut through personal data to cover the whole mask', () => {
    const r = sampleReport();
    const call = r.calls[0]!;
    call.turns[3] = { ...call.turns[3]!, text: 'Call 07700 900123 anytime.' };
    call.findings = [{ ...call.findings[4]!, turn: 3, span: [0, 10], quote: 'Call 07700' }];
    const f = redactReport(r).calls[0]!.findings[0]!;
    expect(f.quote).toBe('Call [PHONE]');
    expect(f.span).toEqual([0, 12]);
  });

  it('keeps span and quote consistent for arbitrary text with injected emails and phones', () => {
    const email = fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,8}$/), fc.constantFrom('com', 'co.uk', 'org'))
      .map(([u, d, t]) => `${u}@${d}.${t}`);
    const phone = fc.constantFrom('07700 900123', '+44 20 7946 0958', '(555) 123-4567', '555-123-4567');
    const words = fc.stringMatching(/^[A-Za-z ,.!?']{0,20}$/);
    const piece = fc.oneof(words, email, phone);
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join(', ');
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const r = sampleReport();
        const call = r.calls[0]!;
        call.turns[1] = { ...call.turns[1]!, text };
        call.findings = [{ ...call.findings[1]!, turn: 1, span: [start, end], quote: text.slice(start, end) }];
        const out = redactReport(r).calls[0]!;
        const f = out.findings[0]!;
        expect(out.turns[1]!.text.slice(...f.span)).toBe(f.quote);
        expect(out.turns[1]!.text).not.toMatch(/@[a-z]+\./);
        expect(f.quote).not.toMatch(/@[a-z]+\./);
        expect(out.turns[1]!.text).not.toMatch(/\d{3}/);
      }),
      { numRuns: 300 },
    );
  });
});
