// The report's only stylesheet: system fonts, a restrained palette, one colour per behaviour, and a print layout.
export const BEHAVIOUR_COLOURS: Record<string, string> = {
  paraphrasing: '#2f6690',
  acknowledgement: '#2e7d4f',
  apology: '#a0522d',
  appreciation: '#6a4c93',
  'follow-up-promise': '#0f766e',
  'customer-distress': '#b42318',
  'negative-language': '#7a1f1f',
  personalisation: '#475467',
  'open-question': '#475467',
};

const markRules = Object.entries(BEHAVIOUR_COLOURS)
  .map(([b, c]) => `mark.b-${b}{border-bottom-color:${c};background:${c}1a}.b-${b} .tag,.tag.b-${b}{color:${c}}`)
  .join('\n');

export const STYLE = `
:root{--ink:#1d2939;--muted:#667085;--line:#e4e7ec;--bg:#fff;--panel:#f9fafb;--pass:#067647;--fail:#b42318}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header,main,nav{max-width:1100px;margin:0 auto;padding:0 24px}
header{padding-top:24px;border-bottom:1px solid var(--line)}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.3rem;margin:32px 0 8px}h3{font-size:1.05rem;margin:20px 0 6px}
.prov,.muted{color:var(--muted);font-size:.875rem}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th[scope=col]{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:700;font-size:.8rem;letter-spacing:.03em}
.badge.pass{color:var(--pass);border:1px solid var(--pass)}
.badge.fail{color:#fff;background:var(--fail)}
.low{color:#b54708;font-size:.8rem}
section.group{border-top:2px solid var(--line);padding-bottom:8px}
.score{font-size:1.25rem;font-weight:700}
.charts{display:flex;flex-wrap:wrap;gap:24px}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--ink)}
ul.plain{padding-left:20px}
blockquote{margin:4px 0;padding:2px 12px;border-left:3px solid var(--line)}
details{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:4px 12px}
summary{cursor:pointer;font-weight:600}
ol.transcript{list-style:none;padding:0}
ol.transcript li{margin:6px 0;padding:6px 10px;border-radius:6px;background:var(--panel)}
ol.transcript li.agent{background:#f2f6fb}
.who{font-weight:600;margin-right:6px}
mark{background:#fff3;border-bottom:2px solid #98a2b3;padding:0 1px;color:inherit}
.tag{font-size:.72rem;font-weight:600;margin-left:3px;white-space:nowrap}
${markRules}
@media print{
  body{font-size:11pt}
  nav{display:none}
  details{border:none;padding:0}
  section.group{break-before:page}
  a{color:inherit;text-decoration:none}
  .badge.fail{color:var(--fail);background:none;border:1px solid var(--fail)}
}
`;
