#!/usr/bin/env node
// Deterministic synthetic call-centre corpus for the benchmark (DESIGN §9).
//   node bench/generate.js --calls 1000 --seed 42 --out bench/corpus/demo --formats text,csv,json
// Call i depends only on (seed, i), so a 1k corpus is the prefix of the 10k corpus with the same seed,
// and every format holds the same calls. Each format gets its own subtree under --out.
import { mkdirSync, readdirSync, rmSync, existsSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as P from './phrases.js';

export const GENERATOR_VERSION = 1;
export const FORMATS = ['text', 'csv', 'json'];
const CALLS_PER_DIR = 1000; // text: one file per call; ≤ 1000 files per directory
const CALLS_PER_FILE = 1000; // csv / jsonl: calls per file
const AGENTS_PER_TEAM = 10;
const DAYS = 90;
const FIRST_DAY = Date.UTC(2026, 0, 5);

// ---- PRNG -------------------------------------------------------------------------------------------
export function mulberry32(a) {
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function mix32(x) {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    // Approximately normal (sum of uniforms), good enough for lengths.
    normal: (mean, sd) => mean + (sd * (next() + next() + next() + next() + next() + next() - 3)) / Math.SQRT1_2,
  };
  return r;
}

// ---- roster -----------------------------------------------------------------------------------------
const rosterCache = new Map();
/** 50 agents, 10 per team, derived from the seed. */
export function roster(seed) {
  if (rosterCache.has(seed)) return rosterCache.get(seed);
  const r = makeRandom(mix32(seed ^ 0x51ed270b));
  const byTeam = new Map(P.TEAMS.map((t) => [t, []]));
  const used = new Set();
  for (const team of P.TEAMS) {
    while (byTeam.get(team).length < AGENTS_PER_TEAM) {
      const first = r.pick(P.FIRST_NAMES);
      const last = r.pick(P.SURNAMES);
      const id = `${first[0].toLowerCase()}.${last.toLowerCase()}`;
      if (used.has(id)) continue;
      used.add(id);
      byTeam.get(team).push({ id, first, name: `${first} ${last}`, team });
    }
  }
  rosterCache.set(seed, byTeam);
  return byTeam;
}

// ---- one call ---------------------------------------------------------------------------------------
const DOMAIN_NAMES = Object.keys(P.DOMAINS);
const DOMAIN_WEIGHT_TOTAL = DOMAIN_NAMES.reduce((s, d) => s + P.DOMAINS[d].weight, 0);
const PER_USE_SLOTS = new Set(['n', 'step', 'timeframe', 'speed', 'meter']);
const STAKE_SHORT = ['you work from home', 'money is tight', 'you have already called before', 'it was meant to be sorted already', 'you have a lot on'];
const LETTERS = 'ABCDEFGHJKLMNPRSTUWXYZ';

function pickDomain(r) {
  let x = r.next() * DOMAIN_WEIGHT_TOTAL;
  for (const d of DOMAIN_NAMES) {
    x -= P.DOMAINS[d].weight;
    if (x < 0) return d;
  }
  return DOMAIN_NAMES[0];
}

function money(r, lo, hi) {
  return `£${r.int(lo, hi)}.${String(r.int(0, 99)).padStart(2, '0')}`;
}

function callContext(r, domain, agent) {
  const custFirst = r.pick(P.FIRST_NAMES);
  const custLast = r.pick(P.SURNAMES);
  return {
    company: r.pick(domain.companies),
    team: agent.team,
    agentFirst: agent.first,
    custFirst,
    custName: `${custFirst} ${custLast}`,
    amount: money(r, 20, 400),
    amount2: money(r, 10, 900),
    month: r.pick(P.FILL.month),
    weekday: r.pick(P.FILL.weekday),
    duration: r.pick(P.FILL.duration),
    waited: r.pick(P.FILL.waited),
    times: r.pick(P.FILL.times),
    stake: r.pick(P.FILL.stake),
    stakeShort: r.pick(STAKE_SHORT),
    colour: r.pick(P.FILL.colour),
    item: r.pick(P.FILL.item),
    plan: r.pick(P.FILL.plan),
    claimItem: r.pick(P.FILL.claimItem),
    system: r.pick(P.FILL.system),
    town: r.pick(P.FILL.town),
    street: r.pick(P.FILL.street),
    years: r.pick(P.FILL.years),
    houseNo: String(r.int(1, 140)),
    time: r.pick(['seven', 'eight', 'nine', 'ten', 'eleven']),
    order: `${r.pick(LETTERS)}${r.pick(LETTERS)}-${r.int(10000000, 99999999)}`,
    postcode: `${r.pick(LETTERS)}${r.pick(LETTERS)}${r.int(1, 29)} ${r.int(1, 9)}${r.pick(LETTERS)}${r.pick(LETTERS)}`,
    last4: String(r.int(1000, 9999)),
    errCode: `E-${r.int(100, 999)}`,
  };
}

function filler(r, ctx) {
  const perUse = {
    n: () => String(r.int(4, 20)),
    step: () => r.pick(P.FILL.step),
    timeframe: () => r.pick(P.FILL.timeframe),
    speed: () => String(r.int(2, 30)),
    meter: () => String(r.int(10000, 99999)),
  };
  return (template) =>
    template.replace(/\{(\w+)\}/g, (_, key) => (PER_USE_SLOTS.has(key) ? perUse[key]() : (ctx[key] ?? key)));
}

function wordCount(s) {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) n++;
  return n;
}

/**
 * Build call `index` of the corpus for `seed`. Pure: same (seed, index) → same call.
 * Returns the canonical transcript plus `counts` of the behaviours and traps that were planted.
 */
export function buildCall(seed, index) {
  const r = makeRandom(mix32(seed ^ mix32(index + 0x9e3779b9)));
  const domainName = pickDomain(r);
  const domain = P.DOMAINS[domainName];
  const agent = r.pick(roster(seed).get(domain.team));
  const ctx = callContext(r, domain, agent);
  const fill = filler(r, ctx);
  const [issueText, issueCore] = r.pick(domain.issues).map(fill);
  const counts = { apology: 0, acknowledgement: 0, appreciation: 0, paraphrase: 0, followUp: 0, distress: 0, distressAcknowledged: 0, clarification: 0, hold: 0, hardNegative: 0 };

  // Length: ~1,500 words per call on average, 20..200 turns.
  const words = Math.max(500, Math.min(3200, Math.round(r.normal(1500, 420))));
  const turnCount = Math.max(20, Math.min(200, 2 * Math.round(words / r.normal(15, 3) / 2)));
  const perTurn = words / turnCount;
  const turns = [];
  const say = (role, parts) => turns.push({ role, text: parts.filter(Boolean).join(' ') });
  // Recently used templates are avoided so a call does not repeat itself sentence after sentence.
  const recent = [];
  const freshTemplate = (pools) => {
    let t;
    for (let tries = 0; tries < 4; tries++) {
      t = r.pick(r.pick(pools));
      if (!recent.includes(t)) break;
    }
    recent.push(t);
    if (recent.length > 12) recent.shift();
    return t;
  };
  const fillTo = (parts, budget, pools) => {
    let n = parts.reduce((s, p) => s + (p ? wordCount(p) : 0), 0);
    while (n < budget) {
      const s = fill(freshTemplate(pools));
      parts.push(s);
      n += wordCount(s);
    }
    return parts;
  };
  // Filling stops at the first sentence that reaches the budget, so budgets sit a little under the mean.
  const agentBudget = () => perTurn * 1.05 * (0.4 + r.next() * 1.2);
  const customerBudget = () => perTurn * 0.6 * (0.4 + r.next() * 1.2);
  const paraphrase = () => {
    counts.paraphrase++;
    const cue = r.pick(P.PARAPHRASE_CUES);
    const tag = r.pick(P.PARAPHRASE_TAGS);
    return `${cue} ${issueCore}${tag || '.'}`;
  };

  // Opening.
  if (r.chance(0.3)) { counts.appreciation++; say('agent', [fill(r.pick(P.THANKING_GREETINGS))]); }
  else say('agent', [fill(r.pick(P.GREETINGS))]);
  let distressPending = r.chance(0.35);
  say('customer', fillTo([r.pick(P.CUSTOMER_OPENERS), issueText, distressPending ? (counts.distress++, fill(r.pick(P.DISTRESS))) : ''], customerBudget(), [domain.customer]));

  const agentTurn = (first) => {
    const parts = [];
    if (distressPending) {
      if (r.chance(0.6)) { parts.push(fill(r.pick(P.ACKNOWLEDGEMENTS))); counts.acknowledgement++; counts.distressAcknowledged++; }
      else if (r.chance(0.3)) { parts.push(r.pick(P.APOLOGIES)); counts.apology++; }
      distressPending = false;
    }
    if (first) {
      if (r.chance(0.5)) parts.push(paraphrase());
      parts.push(r.pick(['Let me have a look at that for you.', 'Okay, let me look into that.', 'Right, I can help with that.', 'Let me check what has happened.']));
      return fillTo(parts, agentBudget(), [P.AGENT_GENERIC]);
    }
    if (holdPending) { holdPending = false; if (r.chance(0.5)) { parts.push(r.pick(['Thanks for holding.', 'Thank you for your patience.', 'Thanks for waiting.'])); counts.appreciation++; } }
    if (r.chance(1 / 40)) { counts.clarification++; return [r.pick(P.CLARIFICATIONS)]; }
    if (r.chance(0.1)) return [r.pick(P.BACKCHANNELS)];
    if (r.chance(1 / 15)) { parts.push(r.pick(P.APOLOGIES)); counts.apology++; }
    if (r.chance(1 / 12)) { parts.push(fill(r.pick(P.APPRECIATION))); counts.appreciation++; }
    if (r.chance(1 / 25)) parts.push(paraphrase());
    if (r.chance(1 / 60)) { parts.push(r.pick(P.AGENT_HARD_NEGATIVES)); counts.hardNegative++; }
    fillTo(parts, agentBudget(), [domain.agent, domain.agent, P.AGENT_GENERIC]);
    if (r.chance(1 / 20)) { parts.push(r.pick(P.HOLDS)); counts.hold++; holdPending = true; }
    return parts;
  };
  const customerTurn = () => {
    if (r.chance(0.15)) return [r.pick(P.BACKCHANNELS)];
    const parts = [];
    if (r.chance(0.09)) { parts.push(fill(r.pick(P.DISTRESS))); counts.distress++; distressPending = true; }
    if (r.chance(0.04)) parts.push(r.pick(P.CUSTOMER_POLITE));
    return fillTo(parts, customerBudget(), [domain.customer, P.CUSTOMER_GENERIC]);
  };

  let holdPending = false;
  say('agent', agentTurn(true));
  const closingTurns = 6;
  while (turns.length < turnCount - closingTurns) {
    say(turns.length % 2 === 0 ? 'agent' : 'customer', turns.length % 2 === 0 ? agentTurn(false) : customerTurn());
  }
  // Closing: resolution (+ follow-up promise), wrap-up, goodbye. Starts on an agent turn.
  if (turns.length % 2 === 1) say('customer', customerTurn());
  const resolution = fillTo([fill(r.pick(domain.agent))], agentBudget(), [domain.agent]);
  if (r.chance(0.55)) { resolution.push(fill(r.pick(P.FOLLOW_UPS))); counts.followUp++; }
  say('agent', resolution);
  say('customer', [r.pick(['Okay, that is great.', 'Right, okay.', 'Brilliant, thank you.', 'Fine.', 'Okay, as long as it gets done.'])]);
  say('agent', [r.pick(P.WRAP_UP_AGENT)]);
  say('customer', [r.pick(P.WRAP_UP_CUSTOMER)]);
  say('agent', [r.chance(0.6) ? (counts.appreciation++, fill(r.pick(P.CLOSINGS))) : 'Okay, bye now.']);
  say('customer', [r.pick(P.CUSTOMER_BYES)]);

  // Timing: ~2.6 words/s of speech plus gaps; holds add a minute or two.
  let clock = r.int(1, 4);
  const out = turns.map((t) => {
    const start = clock;
    clock += wordCount(t.text) / 2.6 + 0.4 + r.next() * 1.6;
    if (t.role === 'agent' && P.HOLDS.some((h) => t.text.endsWith(h))) clock += r.int(30, 150);
    return {
      role: t.role,
      speaker: t.role === 'agent' ? agent.name : ctx.custName,
      text: t.text,
      start: Math.round(start * 10) / 10,
    };
  });
  const date = new Date(FIRST_DAY + r.int(0, DAYS - 1) * 86400000).toISOString().slice(0, 10);
  return {
    id: `${domain.prefix}-${String(index + 1).padStart(7, '0')}`,
    agentId: agent.id,
    agentName: agent.name,
    team: agent.team,
    date,
    domain: domainName,
    turns: out,
    counts,
  };
}

// ---- serialisation ----------------------------------------------------------------------------------
function clock(seconds) {
  const s = Math.floor(seconds);
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}
const label = (role) => (role === 'agent' ? 'Agent' : 'Customer');

export function toText(call) {
  const head = `Call-Id: ${call.id}\nAgent-Id: ${call.agentId}\nTeam: ${call.team}\nDate: ${call.date}\n\n`;
  return head + call.turns.map((t) => `${label(t.role)}: ${t.text}\n`).join('');
}
export const CSV_HEADER = 'call_id,timestamp,speaker,agent_id,team,date,text\n';
export function toCsvRows(call) {
  return call.turns
    .map((t) => `${call.id},${clock(t.start)},${label(t.role)},${call.agentId},${call.team},${call.date},"${t.text.replace(/"/g, '""')}"\n`)
    .join('');
}
export function toJsonLine(call) {
  const { id, agentId, team, date, turns } = call;
  return JSON.stringify({ id, agentId, team, date, turns }) + '\n';
}

const dirName = (n) => String(n).padStart(4, '0');

/** Relative path of the file holding call `index` in `format`. */
export function pathFor(format, index, id) {
  if (format === 'text') return join('text', dirName(Math.floor(index / CALLS_PER_DIR)), `${id}.txt`);
  const fileNo = Math.floor(index / CALLS_PER_FILE);
  const name = `calls-${String(fileNo).padStart(5, '0')}.${format === 'csv' ? 'csv' : 'jsonl'}`;
  return join(format, dirName(Math.floor(fileNo / 1000)), name);
}

// ---- corpus -----------------------------------------------------------------------------------------
function prepareOut(out, formats) {
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(join(out, 'manifest.json'))) {
      throw new Error(`${out}: not empty and has no manifest.json; refusing to write a corpus into it`);
    }
    rmSync(join(out, 'manifest.json'));
    for (const f of FORMATS) if (formats.includes(f)) rmSync(join(out, f), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

/**
 * Write `calls` calls under `out` in each of `formats`, then `manifest.json` (written last, so a
 * corpus with a manifest is complete). Returns the manifest.
 */
export function generateCorpus({ seed = 42, calls = 1000, out, formats = ['text'], onProgress }) {
  if (!out) throw new Error('generateCorpus: out directory is required');
  for (const f of formats) if (!FORMATS.includes(f)) throw new Error(`unknown format "${f}" (expected ${FORMATS.join(', ')})`);
  out = resolve(out);
  prepareOut(out, formats);
  const bytes = Object.fromEntries(formats.map((f) => [f, 0]));
  const files = Object.fromEntries(formats.map((f) => [f, 0]));
  const totals = { turns: 0, words: 0, textBytes: 0 };
  const counts = {};
  const domains = {};
  const madeDirs = new Set();
  const ensureDir = (rel) => {
    const dir = join(out, rel, '..');
    if (!madeDirs.has(dir)) { mkdirSync(dir, { recursive: true }); madeDirs.add(dir); }
  };
  const open = {}; // format → { fd, path }
  const append = (format, rel, data, header) => {
    if (!open[format] || open[format].rel !== rel) {
      if (open[format]) closeSync(open[format].fd);
      ensureDir(rel);
      open[format] = { rel, fd: openSync(join(out, rel), 'w') };
      files[format]++;
      if (header) { writeSync(open[format].fd, header); bytes[format] += Buffer.byteLength(header); }
    }
    writeSync(open[format].fd, data);
    bytes[format] += Buffer.byteLength(data);
  };
  const step = Math.max(1, Math.floor(calls / 20));
  for (let i = 0; i < calls; i++) {
    const call = buildCall(seed, i);
    totals.turns += call.turns.length;
    for (const t of call.turns) { totals.words += wordCount(t.text); totals.textBytes += Buffer.byteLength(t.text); }
    for (const [k, v] of Object.entries(call.counts)) counts[k] = (counts[k] ?? 0) + v;
    domains[call.domain] = (domains[call.domain] ?? 0) + 1;
    for (const format of formats) {
      const rel = pathFor(format, i, call.id);
      if (format === 'text') {
        const data = toText(call);
        ensureDir(rel);
        writeFileSync(join(out, rel), data);
        files.text++;
        bytes.text += Buffer.byteLength(data);
      } else if (format === 'csv') append('csv', rel, toCsvRows(call), CSV_HEADER);
      else append('json', rel, toJsonLine(call));
    }
    if (onProgress && ((i + 1) % step === 0 || i + 1 === calls)) onProgress(i + 1, calls);
  }
  for (const o of Object.values(open)) closeSync(o.fd);
  const manifest = {
    generator: 'empathy-scorecard bench/generate.js',
    version: GENERATOR_VERSION,
    seed,
    calls,
    formats,
    files,
    bytes,
    turns: totals.turns,
    words: totals.words,
    textBytes: totals.textBytes,
    meanWordsPerCall: Math.round(totals.words / Math.max(1, calls)),
    meanTurnsPerCall: Math.round((totals.turns / Math.max(1, calls)) * 10) / 10,
    domains,
    planted: counts,
  };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

// ---- one-file exports and long calls (issue 22) -------------------------------------------------------
/**
 * One export file of `calls` short calls (the first `turns` turns of call i, so ~0.5 KB of text a call, like a month of
 * chat/voice snippets: 100k calls ≈ 50-60 MB) as CSV (rows of a call together) or JSONL. Deterministic like the
 * corpus. Returns { file, bytes }.
 */
export function generateExport({ seed = 42, calls, turns = 4, format, file, onProgress }) {
  const fd = openSync(file, 'w');
  let bytes = 0;
  const put = (s) => { writeSync(fd, s); bytes += Buffer.byteLength(s); };
  if (format === 'csv') put(CSV_HEADER);
  let pending = '';
  const step = Math.max(1, Math.floor(calls / 20));
  for (let i = 0; i < calls; i++) {
    const call = buildCall(seed, i);
    const short = { ...call, turns: call.turns.slice(0, turns) };
    pending += format === 'csv' ? toCsvRows(short) : toJsonLine(short);
    if (pending.length > 1 << 20) { put(pending); pending = ''; }
    if (onProgress && ((i + 1) % step === 0 || i + 1 === calls)) onProgress(i + 1, calls);
  }
  put(pending);
  closeSync(fd);
  return { file, bytes };
}

/**
 * One JSONL call of about `mb` MB: the turns of calls 0, 1, 2, … one after another (roles kept, one agent), as a
 * never-closed chat or a concatenated recording would be. Returns { file, bytes, turns }.
 */
export function generateLongCall({ seed = 42, mb, file }) {
  const target = mb * 1024 * 1024;
  const first = buildCall(seed, 0);
  const turns = [];
  let size = 0;
  for (let i = 0, t = 0; size < target; i++) {
    for (const turn of buildCall(seed, i).turns) {
      const out = { role: turn.role, text: turn.text, start: t++ };
      turns.push(out);
      size += Buffer.byteLength(JSON.stringify(out)) + 1;
      if (size >= target) break;
    }
  }
  const line = JSON.stringify({ id: `long-${mb}mb`, agentId: first.agentId, team: first.team, date: first.date, turns }) + '\n';
  writeFileSync(file, line);
  return { file, bytes: Buffer.byteLength(line), turns: turns.length };
}

// ---- command line -----------------------------------------------------------------------------------
function parseArgs(argv) {
  const opts = { seed: 42, calls: 1000, out: null, formats: ['text', 'csv', 'json'] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (v) => {
      if (!/^\d+$/.test(v)) throw new Error(`${a} expects a non-negative integer, got "${v}"`);
      return Number(v);
    };
    if (a === '--seed') opts.seed = int(value());
    else if (a === '--calls') opts.calls = int(value());
    else if (a === '--out') opts.out = value();
    else if (a === '--formats') opts.formats = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

const USAGE = `usage: node bench/generate.js [--calls N] [--seed S] [--out DIR] [--formats text,csv,json]
  Writes DIR/text/<bucket>/<id>.txt, DIR/csv/<bucket>/calls-NNNNN.csv, DIR/json/<bucket>/calls-NNNNN.jsonl
  and DIR/manifest.json. Default DIR: bench/corpus/s<seed>-n<calls>.`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(USAGE);
    } else {
      const out = opts.out ?? join(fileURLToPath(new URL('.', import.meta.url)), 'corpus', `s${opts.seed}-n${opts.calls}`);
      const t0 = performance.now();
      const m = generateCorpus({
        ...opts,
        out,
        onProgress: (done, total) => process.stderr.write(`\rgenerating ${done}/${total} calls`),
      });
      process.stderr.write('\n');
      const mb = (b) => (b / 1e6).toFixed(1);
      console.log(`wrote ${m.calls} calls to ${resolve(out)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      console.log(`  ${m.meanWordsPerCall} words and ${m.meanTurnsPerCall} turns per call on average, ${mb(m.textBytes)} MB of turn text`);
      for (const f of m.formats) console.log(`  ${f}: ${m.files[f]} files, ${mb(m.bytes[f])} MB`);
      console.log(`  planted: ${Object.entries(m.planted).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  } catch (err) {
    console.error(`generate: ${err.message}`);
    process.exit(2);
  }
}
