import { affectOf } from '../nlp/affect.js';
import type { AnalysedCall, AnalysedTurn, Sentence } from '../nlp/analyse.js';
import { BEHAVIOUR_KINDS, type FindingDraft } from '../types.js';
import { applyPhraseEdits, mayMatch, PhraseMatcher } from '../nlp/phrases.js';
import { clamp01, endsWithQuestion, isNegatedAt, isReportedAt, sentenceAt, wordsBefore } from './context.js';
import { ACKNOWLEDGEMENT_PHRASES, AFFECT_SENTENCE_PRIOR, FEELING_WORDS } from './lexicons/acknowledgement.js';
import { agentTurns, scanAgentPhrases } from './scan.js';
import type { Detector } from './types.js';

/** Entries whose own wording carries the negation ("I can't imagine", "that's not acceptable"). */
const NEGATION_IS_PART_OF_PHRASE = new Set(['can-imagine', 'not-the-experience', 'must-be', 'it-must-be', 'sounds', 'exclamation', 'understand-it-is']);
/** "it's hard to say" describes a task, not the customer's situation. */
const TASK_INFINITIVE = /^\s+to (?:say|tell|know|see|find|get|do|believe|understand|hear|read|figure|explain|describe|predict|judge|measure|follow|use|remember|pronounce|spell|reach|pin)\b/;
/** Constructions whose subject is the customer ("you're worried", "you sound exhausted"). */
const ABOUT_YOU = new Set(['names-feeling', 'sounds-like-you-feel', 'affects-you']);
/** Before "you": an inverted question ("are you worried?", "do you feel stressed?"). */
const QUESTION_AUX = new Set(['do', 'does', 'did', 'are', 'were', 'is', 'was', 'have', 'has', 'had', 'would', 'will', 'can', 'could', 'should', 'might', 'may', 'must', 'how', 'why', 'what']);
/** In the clause before "you": a condition, wish or purpose, not an observation ("if you're worried, …", "I hope you feel better"). */
const NOT_OBSERVED = new Set(['if', 'when', 'whenever', 'whether', 'unless', 'once', 'until', 'before', 'after', 'hope', 'hoping', 'wish', 'want', 'ensure', 'lest', 'case']);
/**
 * A sentence that checks understanding ("So you're worried about …?", "Just to clarify, you are anxious …") is a
 * restatement for the customer to confirm (paraphrasing), not validation of the feeling.
 */
const CHECKS_UNDERSTANDING = /^\s*(?:so\b|okay,? so\b|ok,? so\b)|\b(?:to (?:clarify|confirm|be sure|make sure)|(?:so|if) i understand|(?:you|you've) (?:mentioned|said))\b/;
/** A question mark that belongs to a later clause of its own ("I see you're anxious, but have you tried …?"). */
const LATER_QUESTION = /(?:[,;.…!]|\bbut|\band)\s*(?:but |and |so |then )?(?:do|does|did|have|has|are|is|can|could|would|will|what|how|why|where|when|who)\b/;
/** "Oh no" that goes on to deny or reassure ("oh no, don't worry", "oh no no") is not sympathy. */
const DENIAL_AFTER_OH_NO = /^[\s,.!]*(?:no\b|not\b|don'?t\b|do not\b|never\b|that'?s fine|it'?s fine|you'?re fine|no problem)/;
/** What one imagines: a way it feels ("how hard", "what that's like", "that", end of clause), not an activity or a reason. */
const IMAGINED_FEELING = /^\s*(?:$|[,.!;:…]|how\b|what\b|that\b|it\b|this\b|the (?:frustration|stress|worry|pain|shock)|your\b|you\b|so\b|too\b)/;
/** A feeling that is good news ("it seems like you are feeling better"): rejoicing with it is not validation. */
const GOOD_FEELING_AFTER = /^\s*(?:(?:so|much|a (?:lot|bit|little)|really|very|way) )*(?:better|good|great|happy|happier|relieved|excited|glad|hopeful|optimistic|proud|confident|positive|calm|calmer|okay|ok|fine|safe|safer|comfortable|motivated|lucky|grateful|blessed)\b/;
/** Right before the construction: a condition ("if that's hard for you, …", "even if it's frustrating"). */
const CONDITIONAL = new Set(['if', 'unless']);
/** Bare "I understand" that leads into a refusal or is only a receipt. */
const REFUSAL_AFTER = /^\s*[,.]?\s*(?:but|however|unfortunately|though)\b/;
/**
 * "Yes, but": the validation is conceded and then taken back by a turn to advice, reassurance, a minimiser or a
 * rule ("I know it's hard, but you have to …", "that sounds painful, but at least …", "I understand it's tough.
 * However, the policy …"). Like a bare "I understand" before a refusal, it does not validate the feeling. A "but" that
 * leads into help ("… but let me see what I can do") keeps the validation.
 */
const TAKEN_BACK =
  /(?:^|[\s,;]|[.!?…]\s+)(?<!\bas )(?:but|however|though|yet)\b,?\s*(?:(?:i|we)(?:'m| am| are|'re) (?:sure|confident|positive|certain)|i (?:know|think|believe|feel|guess|bet|would (?:suggest|recommend|say)|suggest|recommend)\b|at least|look on the bright side|on the (?:bright|plus) side|(?:you|u)(?:'ll| will| can| could| should| must| need| have| just| are going|'re going| might| may| shouldn't| can't| cannot| got| gotta)\b|(?:try|be|don't|do not|just|remember|think|keep|stay|look|focus|stop|calm|relax|maybe|perhaps|please|it(?:'s| is) (?:best|better|important|necessary|the (?:policy|rule|process))|that(?:'s| is) (?:the (?:policy|rule|process)|how it (?:is|works)|just how)|there(?:'s| is) (?:nothing|no way)|things? (?:will|happen)|everything (?:will|happens)|life (?:goes|is))\b)/;

export const acknowledgement: Detector = {
  meta: {
    id: 'acknowledgement',
    description: "The agent validates the customer's feelings or situation (validation, sympathy); a bare \"I understand\" is reported as kind bare.",
    speaker: 'agent',
    kinds: BEHAVIOUR_KINDS['acknowledgement'],
    lexicon: ACKNOWLEDGEMENT_PHRASES,
    messages: {
      validation: "Validated the customer's feelings or situation",
      sympathy: 'Expressed sympathy',
      bare: 'Bare or taken-back acknowledgement ("I understand", "I know it\'s hard, but …"): no validation of the feeling',
    },
  },
  create(options) {
    const matcher = new PhraseMatcher(applyPhraseEdits(ACKNOWLEDGEMENT_PHRASES, options.phrases, 'validation'), options.literals);
    const mayNameFeeling = mayMatch(FEELING_WORD.source, options.literals);
    return (call) => {
      const drafts = scanAgentPhrases(call, matcher, { validation: 3, sympathy: 3, bare: 1 }, (turn, match) => {
        const id = match.entry.id;
        if (!NEGATION_IS_PART_OF_PHRASE.has(id) && isNegatedAt(turn, match.start, 3)) return undefined;
        if (isReportedAt(turn, match.start)) return undefined;
        const after = turn.lower.slice(match.end, match.end + 80);
        if ((id === 'must-be' || id === 'it-must-be' || id === 'sounds' || id === 'understand-it-is' || id === 'can-be-hard') && TASK_INFINITIVE.test(after)) return undefined;
        const matched = turn.lower.slice(match.start, match.end);
        if (ABOUT_YOU.has(id) && !observesCustomer(turn, match.start, matched)) return undefined;
        const lastTwo = wordsBefore(turn, match.start, 2);
        if (!ABOUT_YOU.has(id) && lastTwo.some((t) => CONDITIONAL.has(t.lower))) return undefined;
        if (id === 'sounds-like-you-feel' && GOOD_FEELING_AFTER.test(after)) return undefined;
        if (id === 'exclamation' && /^oh no\b/.test(matched) && DENIAL_AFTER_OH_NO.test(after)) return undefined;
        if (id === 'exclamation' && /too bad$/.test(matched) && isNegatedAt(turn, match.end - 'too bad'.length, 3)) return undefined;
        if (id === 'can-imagine') {
          // "I can't imagine how hard …" sympathises; "I can't imagine why anyone would care" dismisses.
          if (!IMAGINED_FEELING.test(after)) return undefined;
          if (/(?:n't|not) /.test(matched) && !/^\s*(?:how|what)\b/.test(after)) return undefined;
        }
        if ((id === 'must-be' || id === 'understandable') && /^(?:that|which)\b/.test(matched) && isRelativeClause(turn, match.start)) return undefined;
        if (id === 'i-hear-you' && /^\s*saying\b/.test(after)) return undefined;
        // ("if I understand" is a condition, dropped above.)
        if (id === 'i-understand' && lastTwo[lastTwo.length - 1]?.lower === 'you') return undefined;
        let kind: string = match.entry.kind;
        const sentence = sentenceAt(turn, match.start);
        let rule = `acknowledgement.${id}`;
        if (id === 'i-understand') {
          kind = 'bare';
          if (REFUSAL_AFTER.test(after)) rule += '.before-refusal';
        } else if (isTakenBack(turn, match.end, sentence)) {
          kind = 'bare';
          rule += '.yes-but';
        }
        const span: [number, number] = sentence ? [sentence.start, sentence.end] : [match.start, match.end];
        return { kind, turn: turn.turn.index, span, rule, confidence: match.entry.confidence };
      });
      drafts.push(...affectSentences(call, drafts, mayNameFeeling));
      for (const d of drafts) d.features = acknowledgementFeatures(call.turns[d.turn]!, d.span);
      return drafts.sort((a, b) => a.turn - b.turn || a.span[0] - b.span[0]);
    };
  },
};

/**
 * Sentences of agent turns that name something bad (an AFINN-negative word or a feeling word of the lexicon) and that
 * no construction above covers: "that sounds really frightening, having somebody hit you", "losing a day's pay over a
 * no-show is really rubbish". Whether one validates the customer is the model's call, from the features below.
 */
function affectSentences(call: AnalysedCall, covered: readonly FindingDraft[], mayNameFeeling: (text: string) => boolean): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const turn of agentTurns(call)) {
    // Most turns hold no feeling word: then no sentence of theirs needs the (big) feeling-word regex.
    const feelingWords = mayNameFeeling(turn.lower);
    for (const s of turn.sentences) {
      if (s.endToken === s.firstToken) continue;
      if (covered.some((d) => d.turn === turn.turn.index && d.span[0] < s.end && d.span[1] > s.start)) continue;
      const at = affectWordAt(turn, s, feelingWords);
      if (at < 0) continue;
      const lower = turn.lower.slice(s.start, s.end);
      // As for the constructions: a question, a condition, a report or a denial names the feeling without validating it.
      if (ASKING_OR_CONDITION.test(lower) || CHECKS_UNDERSTANDING.test(lower) || isReportedAt(turn, at) || isNegatedAt(turn, at, 3)) continue;
      if (THIRD_PARTY_REPORT.test(turn.lower.slice(s.start, at))) continue;
      const afterWord = turn.lower.slice(at).replace(/^[a-z'-]+/, '');
      if (GOOD_FEELING_AFTER.test(afterWord) || TASK_INFINITIVE.test(afterWord) || ABOUT_A_TASK.test(afterWord)) continue;
      out.push({ kind: 'validation', turn: turn.turn.index, span: [s.start, s.end], rule: 'acknowledgement.affect-sentence', confidence: AFFECT_SENTENCE_PRIOR });
    }
  }
  return out;
}

/** Offset of the sentence's first AFINN-negative (≤ -2) or feeling word, or -1 (`feelingWords`: the turn may hold one). */
function affectWordAt(turn: AnalysedTurn, s: Sentence, feelingWords: boolean): number {
  for (let i = s.firstToken; i < s.endToken; i++) {
    const t = turn.tokens[i]!;
    if (t.isWord && (t.valence <= -2 || t.lemmaValence <= -2)) return t.start;
  }
  if (!feelingWords) return -1;
  const m = FEELING_WORD.exec(turn.lower.slice(s.start, s.end));
  return m ? s.start + m.index : -1;
}

/** Someone else's words: "she told me you were worried", "the engineer said it was a nightmare". */
const THIRD_PARTY_REPORT = /\b(?:he|she|they|someone|somebody|the \w+|your \w+)\s+(?:said|told|says|tells|mentioned|wrote|asked)\b/;
/** A hard question, a tough one to answer: the difficulty of a task, not of the customer's situation. */
const ABOUT_A_TASK = /^\s+(?:question|one to (?:answer|say|call|tell)|thing to (?:answer|say|tell|predict|know))\b/;

/** An inverted or wh- question, or a condition, opening the sentence ("do you feel …", "if that's frustrating, …"). */
const ASKING_OR_CONDITION = /^\W*(?:(?:so|and|but|okay|ok|well|um|uh)\W+)*(?:(?:do|did|does|are|is|was|were|have|has|can|could|would|will|should)\s+(?:you|it|that|this|they)\b|(?:what|how|why)\b|(?:if|when|whenever|unless|in case)\b)/;

const FEELING_WORD = new RegExp(`\\b(?:${FEELING_WORDS})(?![a-z])`);
const SOMEONE = /\b(?:any(?:one|body)|every(?:one|body)|no ?body|no one|(?:a lot|lots|loads|heaps|plenty) of (?:people|customers)|most people|people)\b/;
const SELF_WOULD = /\bi(?:'d| would)\b/;
const TOO = /\b(?:too|as well|the same|in your (?:position|shoes))\b/;
const PERCEIVING = /\b(?:must|sounds?|seems?|bet|imagine|can see|can tell|can hear|know|understand|get (?:it|why|that))\b/;
const NORMAL = /\b(?:normal|natural|understandabl[ey]|fair|reasonable|valid|makes? (?:complete |total )?sense|no wonder|of course)\b/;
const BAD_NEWS = /\b(?:i'm afraid|i am afraid|unfortunately|we can't|i can't|we cannot|i cannot|not able to|unable to|won't be able|policy)\b/;
const SECOND = /\b(?:you|your|you're|you've|yourself)\b/;
const FIRST_ACTION = /\b(?:i'll|i will|i'm going to|let me|i've (?:just )?(?:put|added|sent|raised|booked|issued|refunded|credited|logged|flagged|escalated))\b/;

function acknowledgementFeatures(turn: AnalysedTurn, span: readonly [number, number]): Record<string, number> {
  const lower = turn.lower.slice(span[0], span[1]);
  const affect = affectOf(turn, span[0], span[1]);
  const f: Record<string, number> = {
    'affect.negative': Math.min(1, -affect.negative / 6),
    'affect.min': -affect.min / 5,
    'affect.positive': Math.min(1, affect.positive / 6),
  };
  if (FEELING_WORD.test(lower)) f['feeling-word'] = 1;
  if (SOMEONE.test(lower)) f['someone'] = 1;
  if (SELF_WOULD.test(lower)) f['self-would'] = 1;
  if (TOO.test(lower)) f['too'] = 1;
  if (PERCEIVING.test(lower)) f['perceiving'] = 1;
  if (NORMAL.test(lower)) f['normal'] = 1;
  if (BAD_NEWS.test(lower)) f['bad-news'] = 1;
  if (SECOND.test(lower)) f['second-person'] = 1;
  if (FIRST_ACTION.test(lower)) f['first-person-action'] = 1;
  f['span.words'] = Math.log1p(lower.split(/\s+/).length) / 4;
  return f;
}

/** A statement about the customer's state, not a question to them or a condition on it. */
function observesCustomer(turn: AnalysedTurn, start: number, matched: string): boolean {
  const before = wordsBefore(turn, start, 4);
  const prev = before[before.length - 1]?.lower;
  // An auxiliary inverts only before "you" ("are you worried?"); before "made you feel" it is the perfect ("that has made you feel …").
  if (prev !== undefined && QUESTION_AUX.has(prev) && /^you/.test(matched)) return false;
  const sentence = sentenceAt(turn, start);
  if (sentence) {
    const rest = turn.lower.slice(start, sentence.end);
    if (endsWithQuestion(rest) && !LATER_QUESTION.test(rest)) return false;
    if (CHECKS_UNDERSTANDING.test(turn.lower.slice(sentence.start, start))) return false;
  }
  return !before.some((t) => NOT_OBSERVED.has(t.lower));
}

/** The rest of the sentence after the match, and a next sentence that opens with "But"/"However", turn on a "but". */
function isTakenBack(turn: AnalysedTurn, end: number, sentence: Sentence | undefined): boolean {
  if (!sentence) return false;
  const nextToken = turn.tokens[sentence.endToken];
  const next = nextToken ? sentenceAt(turn, nextToken.start) : undefined;
  const stop = next && next.start >= sentence.end && /^(?:but|however|though|yet)\b/.test(turn.lower.slice(next.start, next.start + 8)) ? next.end : sentence.end;
  return TAKEN_BACK.test(turn.lower.slice(end, Math.min(stop, end + 400)));
}

/** "that" after a noun or pronoun opens a relative clause ("the one that's difficult"), not a reply about the customer's news. */
function isRelativeClause(turn: AnalysedTurn, start: number): boolean {
  const before = wordsBefore(turn, start, 3);
  const prev = before[before.length - 1];
  if (prev === undefined) return false;
  if (/^(?:one|something|anything|everything|thing|part|bit)$/.test(prev.lower)) return true;
  // A noun phrase: a content word after a determiner ("the bill that's", "your first call that was") — unlike a
  // verb ("I know that's …"), which no determiner precedes.
  return !prev.isFunctionWord && before.slice(0, -1).some((t) => DETERMINERS.has(t.lower));
}

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'my', 'your', 'his', 'her', 'our', 'their', 'its', 'some', 'any', 'every', 'each', 'another']);
