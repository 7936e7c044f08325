import type { AnalysedCall } from '../nlp/analyse.js';
import type { LiteralIndex } from '../nlp/required-literals.js';
import type { FindingDraft, FindingType, PhraseEdits } from '../types.js';

export interface DetectorMeta {
  id: FindingType;
  description: string;
  /** Whose turns the detector reports on. */
  speaker: 'agent' | 'customer';
  kinds: readonly string[];
  /** Message template per kind, rendered into Finding.message. */
  messages: Record<string, string>;
  /** The default phrase lexicon rubric `phrases.<id>` edits apply to (`rubric check` checks removals against it). */
  lexicon?: readonly { id: string; pattern: string }[];
}

export interface DetectorOptions {
  /** Rubric lexicon edits for this detector (phrases.<id>.add/remove). */
  phrases?: PhraseEdits;
  /** Shared by every detector of an engine: a turn is scanned once for the literals of all their lexicons. */
  literals?: LiteralIndex;
}

/** Compile once with create(options), then scan call after call. */
export interface Detector {
  meta: DetectorMeta;
  create(options: DetectorOptions): (call: AnalysedCall) => FindingDraft[];
}
