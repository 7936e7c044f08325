// The report's only stylesheet: system fonts, a restrained palette, one colour per behaviour, and a print layout.
import type { FindingType } from '../types.js';
/** One colour per behaviour and signal: typed by FindingType, so a new detector does not compile without one. */
export const BEHAVIOUR_COLOURS: Record<FindingType, string> = {
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
  .map(([b, c]) => `mark.b-${b}{border-bottom-color:${c};background:${c}24}.b-${b} .tag,.tag.b-${b}{color:${c}}`)
  .join('\n');

export const STYLE = `
:root{--ink:#1d2939;--muted:#5d6b82;--line:#e4e7ec;--bg:#fff;--panel:#f8f9fb;--accent:#2f6690;--pass:#067647;--fail:#b42318;--warn:#a14a05}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 32px}
footer{margin-top:40px;padding-bottom:28px}
footer::before{content:"";display:block;border-top:1px solid var(--line);margin-bottom:10px}
header{padding-top:28px}
header::after{content:"";display:block;border-bottom:1px solid var(--line);margin-top:14px}
h1{font-size:1.7rem;line-height:1.2;margin:0 0 6px;letter-spacing:-.01em}
h2{font-size:1.3rem;line-height:1.3;margin:36px 0 10px}
h3{font-size:1rem;margin:24px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
p{margin:8px 0}
.prov,.muted{color:var(--muted);font-size:.875rem}
.prov{margin:0}
code{font:.8rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);word-break:break-all}
a{color:var(--accent);text-decoration:none}
a:hover,a:focus{text-decoration:underline}
table{border-collapse:collapse;width:100%;margin:8px 0 20px;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:4px 0 6px}
caption::first-letter{text-transform:uppercase}
th,td{border-bottom:1px solid var(--line);padding:7px 10px;text-align:left;vertical-align:top}
th[scope=col]{background:var(--panel);font-weight:600;font-size:.8rem;color:var(--muted);white-space:nowrap;border-bottom:1px solid #d0d5dd}
tbody tr:hover{background:#fcfcfd}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
nav{overflow-x:auto;margin-top:20px}
nav th[scope=row]{white-space:nowrap}
nav table{font-size:.85rem}
nav th,nav td{padding:7px 7px}
th[scope=col]::first-letter{text-transform:uppercase}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:700;font-size:.75rem;letter-spacing:.04em;line-height:1.5;vertical-align:1px}
.badge.pass{color:var(--pass);border:1px solid var(--pass);background:#ecfdf3}
.badge.fail{color:#fff;background:var(--fail);border:1px solid var(--fail)}
.badge.na{color:var(--muted,#555);border:1px dashed currentColor;background:none}
.low{color:var(--warn);font-size:.75rem;font-weight:500;white-space:nowrap;margin-left:4px}
section.summary{margin-top:24px;padding:4px 20px;background:var(--panel);border:1px solid var(--line);border-radius:8px}
section.summary h2{margin:12px 0 4px;font-size:1.05rem}
section.group{border-top:1px solid var(--line);margin-top:28px;padding-bottom:8px}
section.group>h2{margin-top:24px}
.score{font-size:1.4rem;font-weight:700;font-variant-numeric:tabular-nums;margin-right:2px}
.charts{display:flex;flex-wrap:wrap;align-items:flex-start;gap:32px;margin:12px 0 8px}
svg{overflow:visible}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
ul.plain{padding-left:20px;margin:6px 0}
ul.plain li{margin:3px 0}
ul.plain li p{margin:6px 0 2px}
blockquote{margin:2px 0 6px;padding:4px 12px;border-left:3px solid #d0d5dd;background:var(--panel);border-radius:0 4px 4px 0}
q{font-style:italic}
details{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 14px}
details[open]{padding-bottom:10px}
summary{cursor:pointer;font-weight:600;padding:2px 0}
ol.transcript{list-style:none;padding:0;margin:8px 0 12px}
ol.transcript li{margin:6px 0;padding:7px 12px;border-radius:6px;background:var(--panel);border-left:3px solid #d0d5dd}
ol.transcript li.agent{background:#f2f6fb;border-left-color:var(--accent)}
.who{font-weight:600;margin-right:6px}
mark{background:#eaecf0;border-bottom:2px solid #98a2b3;padding:0 2px;border-radius:2px;color:inherit}
.tag{font-size:.72rem;font-weight:600;margin-left:3px;white-space:nowrap}
${markRules}
mark.uncounted{background:#f2f4f7;border-bottom:1px dotted #98a2b3;color:var(--muted)}
.tag.uncounted{color:var(--muted);font-weight:500}
.uncounted-note{font-size:.72rem;color:var(--muted);margin-left:3px;font-style:italic;white-space:nowrap}
ul.legend{list-style:none;padding:0;margin:4px 0 10px;font-size:.85rem;color:var(--muted)}
ul.legend li{display:inline-block;margin:2px 18px 2px 0}
@media print{
  body{font-size:11pt}
  header,main{max-width:none;padding:0}
  nav{display:none}
  details{border:none;padding:0}
  section.group{break-before:page}
  section.summary{background:none}
  a{color:inherit;text-decoration:none}
  .badge.fail{color:var(--fail);background:none;border:1px solid var(--fail)}
}
`;
