import { stem, type AnalysedCall, type AnalysedTurn } from '../nlp/analyse.js';
import { contentOverlap, contentWords, distinctContentKeys, mayShare, type ContentWord, type OverlapResult } from '../nlp/overlap.js';
import { applyPhraseEdits, PhraseMatcher, type PhraseMatch } from '../nlp/phrases.js';
import { BEHAVIOUR_KINDS, type Evidence, type FindingDraft } from '../types.js';
import { clamp01, endsWithQuestion, isNegatedAt, sentenceAt, wordsBefore } from './context.js';
import { isServiceCall } from './conversation.js';
import { PARAPHRASE_PHRASES } from './lexicons/paraphrasing.js';
import type { Detector } from './types.js';

const STRONG_CUES = new Set(['what-im-hearing', 'if-i-understand', 'summary']);
/** How far back (in turns) the customer's words count as what is being reflected. */
const CUSTOMER_WINDOW_TURNS = 6;
/** A read-back of digits or letters only ("that's 4-5-6-7?") is not a paraphrase. */
const READ_BACK = /^[\s\d\-.,:;?!a-z]{0,4}$|^[\s\d\-.,:;?!]+$/;

export const paraphrasing: Detector = {
  meta: {
    id: 'paraphrasing',
    description: "The agent restates, summarises or reflects back what the customer said (cue and/or content overlap with the customer's preceding turns).",
    speaker: 'agent',
    kinds: BEHAVIOUR_KINDS['paraphrasing'],
    lexicon: PARAPHRASE_PHRASES,
    messages: {
      summary: "Summarised the customer's situation",
      restatement: 'Restated what the customer said to confirm understanding',
      reflection: "Reflected the customer's feelings back",
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(PARAPHRASE_PHRASES, options.phrases, 'restatement'), options.literals);
    return (call) => {
      const drafts: FindingDraft[] = [];
      const role = conversationRole(call);
      const listening = role === 'listening';
      for (let i = 0; i < call.turns.length; i++) {
        const turn = call.turns[i]!;
        if (turn.turn.role !== 'agent') continue;
        const draft = detectInTurn(call, i, turn, matcher, role);
        if (draft) drafts.push(draft);
      }
      return drafts;
    };
  },
};

function detectInTurn(
  call: AnalysedCall,
  index: number,
  turn: AnalysedTurn,
  matcher: PhraseMatcher,
  role: ConversationRole,
): FindingDraft | undefined {
  const listening = role === 'listening';
  const customerTurns = precedingCustomerTurns(call, index);
  if (customerTurns.length === 0) return undefined;
  // Built only when some path below needs an overlap (most agent turns in a service call need none).
  let earlier: Set<string> | undefined;
  const earlierAgentKeys = (): Set<string> => (earlier ??= agentEarlierKeys(call, index, customerTurns));
  const cues = matcher.matchAll(turn.lower).filter((m) => !isNegatedAt(turn, m.start, 2) || m.entry.id === 'you-feel');
  const words = contentWords(turn);
  if (isServiceCall(call)) {
    // Without a cue only an echo of two customer words is a candidate (see serviceCandidate): most turns have none.
    if (cues.length === 0 && !mayShare(words, customerTurns, 2)) return undefined;
    return serviceCandidate(call, index, turn, cues, words, customerTurns, earlierAgentKeys());
  }

  let best: { draft: FindingDraft; score: number } | undefined;
  const consider = (draft: FindingDraft): void => {
    if (!best || draft.confidence > best.score) best = { draft, score: draft.confidence };
  };

  for (const cue of cues) {
    const sentence = sentenceAt(turn, cue.start);
    const start = sentence ? Math.min(sentence.start, cue.start) : cue.start;
    const end = turn.text.length; // a cue introduces the rest of the turn
    const scoped = words.filter((w) => w.token.start >= start && w.token.start < end);
    const overlap = contentOverlap(scoped, customerTurns, earlierAgentKeys());
    const draft = fromCue(turn, cue, start, sentence ? sentence.end : end, overlap.shared.length, scoped.length, role);
    if (draft) {
      draft.evidence = evidence(overlap.echoed);
      consider(draft);
    }
  }

  if (!best && listening) {
    const statement = reflectiveStatement(turn, words, customerTurns, earlierAgentKeys());
    if (statement) consider(statement);
  }

  // Between peers, echoing the topic's words is conversation; overlap alone counts only in service or listening calls.
  if (!best && role !== 'peer' && mayOverlapAlone(words) && !endsWithQuestion(turn.text)) {
    const overlap = contentOverlap(words, customerTurns, earlierAgentKeys());
    if (overlap.shared.length >= 3 && overlap.ratio >= 0.5 && overlap.agentContent <= 14) {
      const span: [number, number] = [firstNonSpace(turn.text), turn.text.trimEnd().length];
      consider({
        kind: 'restatement',
        turn: turn.turn.index,
        span,
        rule: 'paraphrasing.content-overlap',
        // Overlap alone is weak evidence in open conversation: it rarely clears the default threshold by itself.
        confidence: clamp01(0.35 + 0.05 * Math.min(3, overlap.shared.length - 3) + 0.2 * (overlap.ratio - 0.5)),
        evidence: evidence(overlap.echoed),
      });
    }
  }
  return best?.draft;
}

/** Overlap alone needs 3..14 distinct content words in the agent's turn (see the test below it): skip the rest early. */
function mayOverlapAlone(words: readonly ContentWord[]): boolean {
  if (words.length < 3) return false;
  if (words.length <= 14) return true;
  return new Set(words.map((w) => w.key)).size <= 14;
}

function fromCue(
  turn: AnalysedTurn,
  cue: PhraseMatch,
  start: number,
  sentenceEnd: number,
  shared: number,
  contentCount: number,
  role: ConversationRole,
): FindingDraft | undefined {
  const listening = role === 'listening';
  const id = cue.entry.id;
  const restOfSentence = turn.text.slice(cue.end, sentenceEnd);
  if (READ_BACK.test(restOfSentence.toLowerCase())) return undefined;
  let confidence: number = cue.entry.confidence;
  // Between peers who mostly talk about themselves, "you feel…", "sounds like…" and "so you…" are conversation, not
  // reflection, unless they echo the other speaker's words substantially.
  if (role === 'peer' && WEAK_CUES.has(id) && shared < 3) return undefined;
  if (STRONG_CUES.has(id)) {
    if (contentCount < 2 && shared === 0) return undefined;
    if (id === 'summary' && shared === 0) return undefined;
    // "in other words" / "in short" also reformulate the speaker's own point: they need a real echo of the customer.
    if (id === 'summary' && /^in (?:other words|short|a nutshell)/.test(turn.lower.slice(cue.start, cue.end)) && shared < 2) return undefined;
    confidence += Math.min(0.1, shared * 0.03);
  } else if (id === 'just-to-confirm') {
    if (shared < 2) return undefined;
    confidence += Math.min(0.15, shared * 0.04);
  } else if (id === 'sounds-like') {
    if (shared < 1 && !listening) return undefined;
    confidence += Math.min(0.2, (shared - 1) * 0.06);
  } else if (id === 'you-feel') {
    if (isInvertedQuestion(turn, cue.start) || /\bsorry (?:that |if )?$/.test(turn.lower.slice(Math.max(0, cue.start - 12), cue.start))) return undefined;
    if (shared < 1 && !listening && !FEELING_AFTER.test(turn.lower.slice(cue.start, cue.end + 40))) return undefined;
    confidence += Math.min(0.2, shared * 0.06) - (shared === 0 ? 0.1 : 0);
  } else if (id === 'you-statement') {
    if (isInvertedQuestion(turn, cue.start) || shared < 1) return undefined;
    confidence += Math.min(0.2, (shared - 1) * 0.05) - (listening ? 0 : 0.15);
  } else if (id === 'so-you' && !SECOND_PERSON_CUE.test(turn.lower.slice(cue.start, cue.end)) && !listening && !isConfirmationQuestion(turn.text.slice(cue.start, sentenceEnd))) {
    // "So we went there…" narrates; only a check-back question or a "so you…" restates what the customer said.
    return undefined;
  } else if (!listening && !isConfirmationQuestion(turn.text.slice(cue.start, sentenceEnd)) && shared < 2) {
    // Outside a listening role a "so you…" statement must echo the customer substantially.
    return undefined;
  } else if (shared >= 2 || (listening && contentCount >= 2)) {
    confidence += shared >= 2 ? Math.min(0.25, (shared - 2) * 0.06) : -0.05;
  } else if (isConfirmationQuestion(turn.text.slice(cue.start, sentenceEnd)) && contentCount >= 3 && shared >= 1) {
    // "So your bill came in at three times the normal amount?": a check-back restating the problem.
    confidence = 0.6;
  } else {
    return undefined;
  }
  const span: [number, number] = [start, sentenceEnd];
  const kind = id === 'summary' ? 'summary' : cue.entry.kind;
  return { kind, turn: turn.turn.index, span, rule: `paraphrasing.${id}`, confidence: clamp01(confidence) };
}

const FEELING_AFTER = /\b(?:feel|feeling|felt|motivated|ready|worried|concerned|frustrated|upset|scared|afraid|anxious|angry|stressed|struggling|unsure|confused|tired|sick of|fed up|overwhelmed|nervous|disappointed|hurt|lonely|torn|ambivalent|sad|guilty|ashamed|embarrassed|happy|relieved|proud|stuck|alone|pressure|like)\b/;
const INVERTING = new Set(['do', 'did', 'does', 'are', 'were', 'have', 'had', 'can', 'could', 'would', 'will', 'should', 'how', 'what', 'why', 'when', 'where', 'if', 'whether', 'when', 'thank', 'see', 'tell', 'ask', 'let', 'make', 'help', 'want']);

const INVERTING_STEMS = new Set([...INVERTING].map(stem));

/** "do you feel…", "how are you feeling", "thank you": "you" is not the subject of a statement about the customer. */
function isInvertedQuestion(turn: AnalysedTurn, start: number): boolean {
  const at = turn.lower.slice(start, start + 12).search(/you/);
  const youStart = at >= 0 ? start + at : start;
  const prev = wordsBefore(turn, youStart, 2);
  return prev.some((t) => INVERTING.has(t.lemma) || INVERTING.has(t.lower) || INVERTING_STEMS.has(t.stem));
}

const ASKING_START =
  /^\W*(?:(?:okay|ok|so|and|um|uh|well|alright|right|yeah|mm-hmm|now)\W+)*(?:what|how|why|when|where|who|which|do|did|does|are|is|was|were|can|could|would|will|have|has|had|should|shall|may|might|tell me|any|anything)\b/i;

function isDeclarativeQuestion(text: string): boolean {
  const lastSentence = text.split(/(?<=[.!?])\s+/).pop() ?? text;
  return !ASKING_START.test(lastSentence) && !/\bor\s*\?\s*$/.test(lastSentence);
}

/** A sentence that opens (after discourse markers) with auxiliary + subject, or with what/how/why: a question. */
const ASKING_SENTENCE =
  /^\W*(?:(?:okay|ok|so|and|but|then|um|uh|well|alright|right|yeah|mm-hmm|mm|now|oh|cool|good|great|hello|hi|hey)\W+)*(?:(?:do|did|does|are|is|was|were|can|could|would|will|have|has|had|should|shall|may|might)\s+(?:you|u|your|he|she|they|it|there|that|this|we|the|any|i)\b|(?:what|how|why)\b(?! (?:a|an)\b))/;

/** "It's good that you …", "that's great", "it is okay to …", "it might be a good idea …": the agent assesses. */
const ASSESSING_SENTENCE =
  /^\W*(?:(?:okay|ok|so|and|but|well|yeah|yes|oh|wow|hello|hi)\W+)*(?:that|it|this|thats|its)(?:'s|’s| is| was| seems| sounds| must be| would be| will be| might be| could be| can be)?\s+(?:(?:so|really|very|quite|totally|completely|perfectly|always|definitely|actually)\s+)*(?:good|great|okay|ok|fine|normal|natural|understandable|important|nice|wonderful|awesome|brave|amazing|excellent|fantastic|cool|wise|smart|helpful|(?:a |such a )?(?:good|great|nice|wise|smart) (?:idea|thing|start|step|sign|plan|place|question|choice|decision))\b/;

/** A sentence that opens with a bare verb of advice ("don't let …", "remember …", "write it down"). */
const IMPERATIVE_SENTENCE =
  /^\W*(?:(?:okay|ok|so|and|but|well|yeah|yes|oh|just|maybe|please|then|now)\W+)*(?:don'?t|do not|never|always|remember|try|take|write|pick|find|keep|stay|hold|stop|give|consider|think about|make sure|be|let|go|talk|look|set)\b(?! (?:you|it|that|this|to)\b)/;
/** "X can help you", "could get you suspended", "can be devastating": what something may do or be in general. */
const MODAL_EFFECT =
  /\b(?:can|could|may|might|will|would)(?: (?:also|really|often|even|actually|definitely|totally|probably|only))? (?:help|lead|make|cause|keep|save|stop|get you|lower|reduce|increase|improve|benefit|hurt|damage|be devastating|be able to help|be (?:a )?(?:good|great|helpful|hard|difficult|tough|intimidating))\b/;

/** Thanks-replies, greetings and closings: "you're very welcome", "nice to meet you", "have a lovely day". */
const COURTESY = /\byou(?:'re| are|r) (?:(?:very|so|quite|most) )*welcome\b|\b(?:nice|good|great|pleasure) (?:to (?:meet|see|talk to|speak (?:to|with)) you|speaking with you|talking (?:to|with) you)\b|\bhave a (?:\w+ )?(?:day|evening|night|weekend)\b/;

function asksSomewhere(turn: AnalysedTurn): boolean {
  return someSentence(turn, ASKING_SENTENCE);
}

/** Whether a sentence of the turn opens with `pattern` (anchored; each sentence's first 200 characters). */
function someSentence(turn: AnalysedTurn, pattern: RegExp): boolean {
  for (const s of turn.sentences) if (pattern.test(turn.lower.slice(s.start, Math.min(s.end, s.start + 200)))) return true;
  return false;
}

function isConfirmationQuestion(sentence: string): boolean {
  return endsWithQuestion(sentence) && !/^\s*so,?\s+(?:what|how|why|when|where|who|which|do|did|does|are|is|can|could|would|have)\b/i.test(sentence);
}

const SECOND_PERSON_CUE = /\byou|\byour/;

/** Advice, suggestions and questions-without-a-question-mark are not reflections. */
const ADVICE =
  /\byou(?:'ll| will| can| could| may| might| should| must| need to| have to| ought to)\b|\b(?:perhaps|feel free|make sure|i suggest|it'?s (?:always |really |very )?(?:good|important|best) to)\b|^(?:be|try|set|feel|take|keep|consider|make|go|get|let|find|talk|any|how|why|who)\b|!\s*$/;

// Whether the turn has a first-person word, and a second-person word that addresses the customer (not the generic
// "you know", "you see", "you guys", "you mean", nor "thank you" / "see you"). One scan each: personOf runs on every
// agent turn of every call.
const FIRST_PERSON_WORD = /(?<![a-z'])(?:i|i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|we've|we'll|we'd|our|ours|us)(?![a-z'])/;
const SECOND_PERSON_WORD =
  /(?<![a-z'])(?:you(?<!\bthank you|\bsee you)(?! (?:know|see|guys|mean)\b)(?:'re|'ve|'d)?|your|yours|yourself)(?![a-z'])/;

function personOf(turn: AnalysedTurn): { first: boolean; second: boolean } {
  return { first: FIRST_PERSON_WORD.test(turn.lower), second: SECOND_PERSON_WORD.test(turn.lower) };
}

/**
 * A reflective-listening role: across the call the agent speaks about the customer ("you…") far more often than about
 * themself. In such calls a short statement about the customer with no self-reference is a reflection; in a
 * conversation between peers, or an agent narrating their own actions, it is not.
 */
type ConversationRole = 'listening' | 'service' | 'peer';
const WEAK_CUES = new Set(['you-feel', 'sounds-like', 'so-you', 'you-statement']);
/** Below this ratio of "you"-turns to "I"-turns the agent mostly talks about themself: a peer in conversation. */
const PEER_RATIO = 0.8;

function conversationRole(call: AnalysedCall): ConversationRole {
  const ratio = personRatio(call);
  if (ratio.agentTurns >= 4 && ratio.customers <= 1 && ratio.value >= LISTENER_RATIO) return 'listening';
  // Several other speakers (a meeting) are peers too: a restatement there must echo someone's words.
  if (ratio.customers >= 2) return 'peer';
  return ratio.agentTurns >= 4 && ratio.value < PEER_RATIO ? 'peer' : 'service';
}

function personRatio(call: AnalysedCall): { value: number; agentTurns: number; customers: number } {
  let first = 0;
  let second = 0;
  let agentTurns = 0;
  const customers = new Set<string>();
  for (const t of call.turns) {
    if (t.turn.role === 'customer') customers.add(t.turn.speaker);
    if (t.turn.role !== 'agent') continue;
    agentTurns++;
    const p = personOf(t);
    if (p.first) first++;
    if (p.second) second++;
  }
  // customers: in a meeting "you" addresses many people and reflection is not the agent's role.
  return { value: (second + 1) / (first + 1), agentTurns, customers: customers.size };
}
const LISTENER_RATIO = 2;

function reflectiveStatement(
  turn: AnalysedTurn,
  words: ContentWord[],
  customerTurns: AnalysedTurn[],
  earlierAgentKeys: ReadonlySet<string>,
): FindingDraft | undefined {
  const text = turn.text.trim();
  if ((text.match(/\S+/g) ?? []).length < 4) return undefined;
  // A declarative with rising intonation ("So it's not a priority for you right now?") still reflects;
  // a question that inverts or opens with a wh-word asks for new information.
  if (endsWithQuestion(text) && !isDeclarativeQuestion(text)) return undefined;
  // Chat and transcripts often drop the question mark: a sentence that opens with an inverted auxiliary ("were you
  // living together", "have you tried …? There are groups …") or a wh-word asks for new information wherever it sits.
  if (asksSomewhere(turn)) return undefined;
  // "It's good that you …", "that is great", "it's okay to be scared": an assessment of the customer affirms or
  // reassures, it does not restate what they said.
  if (someSentence(turn, ASSESSING_SENTENCE)) return undefined;
  // "Don't let her get to you", "always talk it out": advice in the imperative; "talking with friends can help you",
  // "it could get you suspended": a general claim about what something does, not what the customer said.
  if (someSentence(turn, IMPERATIVE_SENTENCE) || MODAL_EFFECT.test(turn.lower)) return undefined;
  if (COURTESY.test(turn.lower)) return undefined;
  const person = personOf(turn);
  if (person.first || ADVICE.test(turn.lower.trim())) return undefined;
  const overlap = contentOverlap(words, customerTurns, earlierAgentKeys);
  if (!person.second && overlap.shared.length === 0) return undefined;
  const start = firstNonSpace(turn.text);
  return {
    kind: 'restatement',
    turn: turn.turn.index,
    span: [start, turn.text.trimEnd().length],
    rule: 'paraphrasing.reflective-statement',
    confidence: clamp01(0.55 + Math.min(0.15, overlap.shared.length * 0.05) + (/^\W*(?:\w+\W+)?so\b/i.test(text) ? 0.05 : 0)),
    evidence: evidence(overlap.echoed),
  };
}

/**
 * In a contact-centre call (where the fitted model applies) every cue, and any echo of two or more of the customer's
 * content words, is a candidate: how much it echoes, whether it asks back or narrates the agent's own action, are
 * features for the model rather than gates. The strongest candidate by its prior stands for the turn.
 */
function serviceCandidate(
  call: AnalysedCall,
  index: number,
  turn: AnalysedTurn,
  cues: readonly PhraseMatch[],
  words: readonly ContentWord[],
  customerTurns: AnalysedTurn[],
  earlierAgentKeys: ReadonlySet<string>,
): FindingDraft | undefined {
  let best: { draft: FindingDraft; start: number; overlap: ReturnType<typeof contentOverlap> } | undefined;
  for (const cue of cues) {
    const sentence = sentenceAt(turn, cue.start);
    const start = sentence ? Math.min(sentence.start, cue.start) : cue.start;
    const end = turn.text.trimEnd().length;
    const scoped = words.filter((w) => w.token.start >= start);
    const overlap = contentOverlap(scoped, customerTurns, earlierAgentKeys);
    if (READ_BACK.test(turn.lower.slice(cue.end, sentence ? sentence.end : end)) && overlap.shared.length === 0) continue;
    if (sentence && isRequestForDetails(turn.lower.slice(sentence.start, sentence.end))) continue;
    const draft: FindingDraft = {
      kind: cue.entry.id === 'summary' ? 'summary' : cue.entry.kind,
      turn: turn.turn.index,
      span: [start, Math.max(start, end)],
      rule: `paraphrasing.${cue.entry.id}`,
      confidence: cue.entry.confidence,
      evidence: evidence(overlap.echoed),
    };
    if (!best || draft.confidence > best.draft.confidence) best = { draft, start, overlap };
  }
  // Features only for the candidate that stands for the turn.
  const context = (start: number, overlap: OverlapResult) => ({
    ...paraphraseFeatures(turn, start, overlap),
    ...listeningContext(call, index, words.filter((w) => w.token.start >= start), customerTurns, overlap, earlierAgentKeys),
  });
  if (best) return { ...best.draft, features: context(best.start, best.overlap) };
  const overlap = contentOverlap(words, customerTurns, earlierAgentKeys);
  if (overlap.shared.length < 2) return undefined;
  const start = firstNonSpace(turn.text);
  return {
    kind: 'restatement',
    turn: turn.turn.index,
    span: [start, turn.text.trimEnd().length],
    rule: 'paraphrasing.content-overlap',
    confidence: OVERLAP_PRIOR,
    evidence: evidence(overlap.echoed),
    features: context(start, overlap),
  };
}

/**
 * A question that asks the customer for details ("Can I take your name, and your dad's name?", "What's the
 * postcode on the account?", "Could you confirm your date of birth?"): it names the customer's things without
 * restating what they said.
 */
const REQUEST_FOR_DETAILS =
  /^\W*(?:(?:okay|ok|right|alright|thank you|thanks|great|lovely|perfect|and|so|first(?:ly)?|now)\W+)*(?:(?:can|could|may) (?:i|we) (?:just |also |quickly |please )?(?:take|have|get|grab|start with|ask (?:for|you for)|confirm|check)|(?:could|can) you (?:just |also |please )?(?:confirm|give|tell|spell|read|provide|send)|what(?:'s| is| was) (?:your|the)|do you have (?:the|your|an?|any))\b/;

function isRequestForDetails(sentence: string): boolean {
  return sentence.trimEnd().endsWith('?') && REQUEST_FOR_DETAILS.test(sentence);
}

/** Prior of an echo with no cue: in open conversation it rarely restates (the model raises it in service calls). */
const OVERLAP_PRIOR = 0.3;
const CONFIRM_TAG = /\b(?:is that (?:right|correct)|have i got (?:that|this|it) right|did i get (?:that|it) right|am i right|correct\s*\?|right\s*\?|yeah\s*\?|is that it)/;
const OWN_ACTION = /\b(?:i'll|i will|i'm going to|i am going to|let me|i've (?:just )?(?:put|added|sent|raised|booked|issued|refunded|credited|logged|flagged|escalated|arranged|cancelled|changed|updated|blocked|frozen)|i'm (?:putting|sending|adding|booking|raising|blocking|freezing|refunding|cancelling|emailing|booking)|i can (?:see|do|offer|book|send))\b/;
const YOU_SAID = /\b(?:you(?:'ve| have)|you said|you mentioned|you told|you were|you're|you are|your)\b/;
const SO_START = /^\W*(?:(?:okay|ok|right|alright|yeah|yes|oh|perfect|great|got it|sorry)\W+)*so\b/;

const SECOND_PERSON = /\b(?:you|your|you're|you've|you'd|you'll|yours|yourself)\b/g;

/**
 * What the candidate answers: how much the customer just said, how much of it the agent took up, and how much of the
 * whole call so far (a summary plays back turns beyond the window), and how often it addresses the customer.
 */
function listeningContext(
  call: AnalysedCall,
  index: number,
  scoped: readonly ContentWord[],
  customerTurns: AnalysedTurn[],
  overlap: OverlapResult,
  earlierAgentKeys: ReadonlySet<string>,
): Record<string, number> {
  const customerKeys = distinctContentKeys(customerTurns);
  const sofar = customerWordsSoFar(call);
  const wholeShared = sofar.customersBefore[index]! > customerTurns.length ? sharedSoFar(sofar, index, scoped, earlierAgentKeys) : overlap.shared.length;
  const lastCustomer = customerTurns[0]!;
  const spanText = call.turns[index]!.lower.slice(scoped[0]?.token.start ?? 0);
  return {
    'customer.words': Math.log1p(wordCount(lastCustomer)) / 4,
    'overlap.coverage': customerKeys > 0 ? Math.min(1, overlap.shared.length / customerKeys) : 0,
    'overlap.call': Math.min(wholeShared, 12) / 12,
    'second-person': Math.min((spanText.match(SECOND_PERSON) ?? []).length, 4) / 4,
  };
}

function wordCount(turn: AnalysedTurn): number {
  let n = 0;
  for (const t of turn.tokens) if (t.isWord) n++;
  return n;
}

/**
 * Linear time in long calls: per call, each content key's first customer turn and the customer turns before each
 * turn, so "the customer said it anywhere earlier in the call" is a lookup instead of a pass over every earlier
 * customer turn for every agent turn (quadratic: a 4 MB call took 20 s). Same count as contentOverlap(scoped, every
 * earlier customer turn, earlierAgentKeys).shared.length.
 */
interface CustomerWordsSoFar {
  firstTurn: Map<string, number>;
  customersBefore: Int32Array;
}
const soFarCache = new WeakMap<AnalysedCall, CustomerWordsSoFar>();

function customerWordsSoFar(call: AnalysedCall): CustomerWordsSoFar {
  let cached = soFarCache.get(call);
  if (cached) return cached;
  const firstTurn = new Map<string, number>();
  const customersBefore = new Int32Array(call.turns.length + 1);
  for (let i = 0; i < call.turns.length; i++) {
    const t = call.turns[i]!;
    customersBefore[i + 1] = customersBefore[i]! + (t.turn.role === 'customer' ? 1 : 0);
    if (t.turn.role === 'customer') for (const w of contentWords(t)) if (!firstTurn.has(w.key)) firstTurn.set(w.key, i);
  }
  cached = { firstTurn, customersBefore };
  soFarCache.set(call, cached);
  return cached;
}

function sharedSoFar(sofar: CustomerWordsSoFar, index: number, scoped: readonly ContentWord[], earlierAgentKeys: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const w of scoped) {
    if (seen.has(w.key) || earlierAgentKeys.has(w.key)) continue;
    const first = sofar.firstTurn.get(w.key);
    if (first !== undefined && first < index) seen.add(w.key);
  }
  return seen.size;
}

function paraphraseFeatures(turn: AnalysedTurn, start: number, overlap: ReturnType<typeof contentOverlap>): Record<string, number> {
  const lower = turn.lower.slice(start);
  const sentence = sentenceAt(turn, start);
  const first = sentence ? turn.lower.slice(sentence.start, Math.min(sentence.end, sentence.start + 200)) : lower;
  const numbers = overlap.shared.filter((k) => k.startsWith('#')).length;
  const f: Record<string, number> = {
    'overlap.shared': Math.min(overlap.shared.length, 8) / 8,
    'overlap.ratio': overlap.ratio,
    'overlap.numbers-only': overlap.shared.length > 0 && numbers === overlap.shared.length ? 1 : 0,
    'agent.content': Math.log1p(overlap.agentContent) / 4,
  };
  if (CONFIRM_TAG.test(lower)) f['confirm-tag'] = 1;
  if (OWN_ACTION.test(first)) f['own-action'] = 1;
  if (YOU_SAID.test(first)) f['about-you'] = 1;
  if (SO_START.test(first)) f['so-start'] = 1;
  if (ASKING_SENTENCE.test(first)) f['asks'] = 1;
  if (IMPERATIVE_SENTENCE.test(first)) f['imperative'] = 1;
  if (COURTESY.test(lower)) f['courtesy'] = 1;
  return f;
}

function precedingCustomerTurns(call: AnalysedCall, index: number): AnalysedTurn[] {
  const out: AnalysedTurn[] = [];
  for (let i = index - 1; i >= 0 && i >= index - CUSTOMER_WINDOW_TURNS; i--) {
    const t = call.turns[i]!;
    if (t.turn.role === 'customer') out.push(t);
  }
  return out;
}

/**
 * Content keys the agent used in the two agent turns before the customer's words: echoing them again restates the
 * agent's own words, not the customer's.
 */
function agentEarlierKeys(call: AnalysedCall, index: number, customerTurns: AnalysedTurn[]): Set<string> {
  const keys = new Set<string>();
  const oldestCustomer = Math.min(...customerTurns.map((t) => t.turn.index));
  let seen = 0;
  for (let i = oldestCustomer - 1; i >= 0 && seen < 2; i--) {
    const t = call.turns[i]!;
    if (t.turn.role !== 'agent') continue;
    seen++;
    for (const w of contentWords(t)) keys.add(w.key);
  }
  return keys;
}

function evidence(echoed: { turn: AnalysedTurn; token: { start: number; end: number } }[]): Evidence[] {
  return echoed.slice(0, 6).map(({ turn, token }) => ({ turn: turn.turn.index, span: [token.start, token.end], quote: turn.turn.text.slice(token.start, token.end) }));
}

function firstNonSpace(text: string): number {
  const m = /\S/.exec(text);
  return m ? m.index : 0;
}
