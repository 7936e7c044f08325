// E-mail and ticket exports often carry the earlier messages under a reply ("> I was charged twice…", "On 3 Apr,
// Ruth wrote:", Outlook's "-----Original Message-----" or "From: … Sent: …" block). Those words belong to other
// turns: read as this one's, a reply quoting the customer would "echo" every word of it as a paraphrase, and a
// customer's reply would repeat the agent's apology. Like a mail client's "hide quoted text", the turn keeps what its
// author wrote. Needs the message's line breaks, so it runs before whitespace is collapsed (cleanText).

/** "On Tue, 3 Apr 2026 at 10:02, Ruth <ruth@example.com> wrote:" — the header may wrap onto a second line. */
const ON_WROTE = /^[ \t]*on\b[^\n]{0,300}?(?:\n[^\n]{0,200}?)?\bwrote[ \t]*:[ \t]*$/im;
/** Outlook's separators: dashes around "Original Message", or a "From:" line with "Sent:" / "Date:" just below. */
const ORIGINAL_MESSAGE = /^[ \t]*-{2,}[ \t]*(?:original message|forwarded message)[ \t]*-{2,}[ \t]*$/im;
const FROM_SENT = /^[ \t]*from:[^\n]{1,300}\n[ \t]*(?:sent|date):/im;

/** Cheap test before any pattern runs: most texts are one line or hold none of these. */
function mayQuote(text: string): boolean {
  return text.includes('\n') && (text.includes('>') || /wrote|original message|forwarded message|from:/i.test(text));
}

/** The text without its quoted earlier messages; the text itself when nothing of it would be left. */
export function stripQuotedReplies(text: string): string {
  if (!mayQuote(text)) return text;
  let end = text.length;
  for (const pattern of [ON_WROTE, ORIGINAL_MESSAGE, FROM_SENT]) {
    const m = pattern.exec(text);
    if (m) end = Math.min(end, m.index);
  }
  const kept = text
    .slice(0, end)
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
  return kept.trim() === '' ? text : kept;
}
