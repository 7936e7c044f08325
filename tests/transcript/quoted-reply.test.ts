// E-mail replies carry the earlier messages: the turn keeps what its author wrote (src/transcript/quoted-reply.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetectionEngine } from '../../src/detectors/index.js';
import { jsonlReader } from '../../src/transcript/readers/json.js';
import { stripQuotedReplies } from '../../src/transcript/quoted-reply.js';
import { cleanText } from '../../src/transcript/util.js';
import { only, read } from './helpers.js';

const REPLY = "Hi Ruth,\n\nI've refunded the second payment today; it should reach your bank in 3-5 working days.\n\nKind regards,\nOmar";
const CUSTOMER = 'I was charged twice for my March invoice (INV-2231). Can you refund the duplicate payment?';

describe('stripQuotedReplies', () => {
  it.each([
    ['"> " lines', `${REPLY}\n\n> ${CUSTOMER}\n> Ruth`],
    ['an "On … wrote:" header', `${REPLY}\n\nOn 3 Apr 2026, at 10:02, Ruth Smith <ruth@example.com> wrote:\n${CUSTOMER}`],
    ['a wrapped "On … wrote:" header', `${REPLY}\n\nOn Tue, 3 Apr 2026 at 10:02, Ruth Smith\n<ruth@example.com> wrote:\n\n${CUSTOMER}`],
    ['an Outlook "Original Message" block', `${REPLY}\n-----Original Message-----\nFrom: Ruth\nSubject: Refund\n${CUSTOMER}`],
    ['an Outlook "From: / Sent:" block', `${REPLY}\n\nFrom: Ruth Smith <ruth@example.com>\nSent: 03 April 2026 10:02\nTo: Billing\n${CUSTOMER}`],
  ])('drops the earlier message under %s', (_, text) => {
    expect(stripQuotedReplies(text).trim()).toBe(REPLY);
  });

  it('keeps a text that is nothing but a quote, and quoted lines written inline', () => {
    expect(stripQuotedReplies(`> ${CUSTOMER}\n> again`)).toBe(`> ${CUSTOMER}\n> again`);
    const inline = 'Prices went from 10 -> 12 pounds.\nI paid > 50 pounds for this.';
    expect(stripQuotedReplies(inline)).toBe(inline);
  });

  it('a "wrote:" inside a sentence is no reply header', () => {
    const text = 'I checked the note our engineer wrote: it says the router was replaced.\nThanks for waiting.';
    expect(stripQuotedReplies(text)).toBe(text);
  });

  it('one-line text is returned as it is (the reader\'s fast path)', () => {
    fc.assert(fc.property(fc.string().filter((s) => !s.includes('\n')), (s) => stripQuotedReplies(s) === s), { numRuns: 300 });
  });

  it('cleanText drops the quote before it collapses the lines', () => {
    expect(cleanText(`${REPLY}\n> ${CUSTOMER}`)).toBe(REPLY.replace(/\s+/g, ' '));
  });
});

describe('a reply quoting the customer is not a paraphrase', () => {
  it('reads the JSONL e-mail thread without the quote, and finds no echo of it', () => {
    const line = JSON.stringify({
      id: 'em1',
      turns: [
        { role: 'customer', speaker: 'Ruth', text: `Hello,\n\n${CUSTOMER}\n\nThanks,\nRuth` },
        { role: 'agent', speaker: 'Omar', text: `Thank you for your email.\n\n${REPLY}\n\n> On 3 Apr, Ruth wrote:\n> ${CUSTOMER}` },
      ],
    });
    const transcript = only(read(jsonlReader, line, 'mail.jsonl'));
    expect(transcript.turns[1]!.text).not.toContain('charged twice');
    const findings = createDetectionEngine().detectTranscript(transcript);
    expect(findings.filter((f) => f.behaviour === 'paraphrasing')).toEqual([]);
    expect(findings.some((f) => f.behaviour === 'appreciation' && f.turn === 1)).toBe(true);
  });
});
