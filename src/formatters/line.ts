// One finding per line, then one missed opportunity per line: grep-able CI logs and golden tests. Every line starts
// with where the call is and, when it is about a turn, `turn N:` counted from 1 as people count turns (so it cannot be
// read as a line number of the file); the data formats (json, ndjson) keep 0-based indices.
import type { CallResult, Finding } from '../types.js';
import { compareText, turnNumber } from './shared.js';
import type { Formatter } from './types.js';

/** JSON string syntax keeps quotes, backslashes and line breaks inside one printable line. */
function quoted(text: string): string {
  return JSON.stringify(text);
}

function byPosition(a: Finding, b: Finding): number {
  return a.turn - b.turn || a.span[0] - b.span[0] || a.span[1] - b.span[1] || compareText(a.behaviour, b.behaviour);
}

/**
 * Where a call is: its file, and for a file that holds several calls (a CSV or JSONL export: the call has a line) the
 * call id in brackets, so `export.csv[CLM-8801]: turn 6:` cannot be confused with another call's turn 6.
 */
function callLocation(call: CallResult): string {
  if (call.line === undefined) return call.file;
  return `${call.file}[${/[\s[\]"]/.test(call.transcriptId) ? quoted(call.transcriptId) : call.transcriptId}]`;
}

export function formatCallLines(call: CallResult): string {
  const lines: string[] = [];
  const at = callLocation(call);
  for (const f of [...call.findings].sort(byPosition)) {
    lines.push(`${at}: turn ${turnNumber(f.turn)}: ${f.span[0]}-${f.span[1]} ${f.behaviour}/${f.kind} ${f.confidence.toFixed(2)} ${quoted(f.quote)}`);
  }
  for (const part of call.agents) {
    for (const outcome of Object.values(part.behaviours)) {
      for (const m of outcome.missed) {
        const where = m.customerTurn === undefined ? `${at}:` : `${at}: turn ${turnNumber(m.customerTurn)}:`;
        const quote = m.customerQuote === undefined ? '' : ` ${quoted(m.customerQuote)}`;
        lines.push(`${where} missed/${m.behaviour}${quote}`);
      }
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}

export const lineFormatter: Formatter = {
  name: 'line',
  description: 'one finding per line (file[call]: turn N: span behaviour/kind confidence "quote"), then missed opportunities',
  extension: 'txt',
  format: (report) => (report.calls ?? []).map(formatCallLines).join(''),
  formatCall: (call) => formatCallLines(call),
  callsOnly: true,
};
