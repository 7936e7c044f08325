#!/usr/bin/env node
// The naive peer of `empathy score` (issue 22): wink-nlp's full pipeline (sentence boundaries, negation, sentiment,
// POS, entities) over every turn of a JSONL corpus, counting tokens, with no fast scan to select what needs it.
//   node bench/naive-wink.js <file.jsonl>...     prints `MB/s` on stdout and the work done on stderr
// `empathy score` should be well above this: it runs wink-nlp only on the candidates its fast scan selects.
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';

const require = createRequire(import.meta.url);
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos', 'ner']);
const its = nlp.its;

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node bench/naive-wink.js <file.jsonl>...');
  process.exit(2);
}
const started = process.hrtime.bigint();
let bytes = 0;
let turns = 0;
let tokens = 0;
let sentiment = 0;
for (const file of files) {
  bytes += statSync(file).size;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    for (const turn of JSON.parse(line).turns ?? []) {
      const doc = nlp.readDoc(String(turn.text ?? ''));
      tokens += doc.tokens().out(its.pos).length;
      sentiment += doc.out(its.sentiment);
      doc.entities().out(its.type);
      turns++;
    }
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.error(`naive wink-nlp: ${turns} turns, ${tokens} tokens, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (sentiment sum ${sentiment.toFixed(1)})`);
console.log((bytes / 1e6 / seconds).toFixed(2));
