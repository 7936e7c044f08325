// A transcript written to attack every output: markup and a spreadsheet formula in the customer's words, formula
// triggers in the metadata that reaches CSV cells, and personal data inside quotes that findings carry.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SCRIPT_TAG = '<script>alert(1)</script>';
export const FORMULA = '=HYPERLINK("x")';
export const EMAIL = 'jane.doe@example.com';
export const PHONE = '07700 900123';
/** A Luhn-valid test card number. */
export const CARD = '4111 1111 1111 1111';

export const HOSTILE_TRANSCRIPT = `Call-Id: ${FORMULA}
Agent-Id: s.lee
Team: ${FORMULA}
Date: 2026-06-01
Channel: voice

[00:00:02] Agent: Thank you for calling Northwind Energy, this is Sam. How can I help you today?
[00:00:09] Customer: I'm really upset, my card ${CARD} was charged twice, call me on ${PHONE}, and the page said ${SCRIPT_TAG} ${FORMULA} instead of my bill.
[00:00:24] Agent: I'm so sorry to hear that. So you were charged twice on your card this month? That must be really stressful.
[00:00:35] Customer: Yes, twice.
[00:00:42] Agent: Thank you for your patience. I'll email the refund confirmation to ${EMAIL} by 5pm tomorrow.
`;

/** Writes the hostile transcript into `dir` and returns its path. */
export function writeHostileTranscript(dir: string): string {
  const file = join(dir, 'hostile-call.txt');
  writeFileSync(file, HOSTILE_TRANSCRIPT);
  return file;
}
