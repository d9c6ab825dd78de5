/**
 * What the extractor reads and what it suggests. The extractor is pure (text and a gazetteer in, suggestions out): it
 * stores nothing. Ingestion (src/ingestion/) stores its suggestions as review candidates; `npm run extract` prints them.
 * Every offset is in UTF-16 code units (JavaScript string indices) into the text given, as Citation offsets are.
 */
import type { ActorKind, Stance } from '../vocabulary.js';

/** An actor the extractor can link a name to: the database's actors, or the seed's. */
export interface KnownActor {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: readonly string[];
}

/** A topic (issue or proposal) the extractor can tag. */
export interface KnownTopic {
  id: string;
  name: string;
  aliases: readonly string[];
  description: string | null;
}

/** What names and topics link to. */
export interface Gazetteer {
  actors: readonly KnownActor[];
  topics: readonly KnownTopic[];
}

/** Where a suggestion came from: which rule or model, and how sure it is (0..1). */
export interface Provenance {
  rule: string;
  confidence: number;
}

/** A span of the text. `text === source.slice(start, end)`. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * A quotation: the words inside the quotation marks (without the marks, without a trailing comma the attribution
 * replaces), one per run of marks (a quote split by "he said" is two quotes with one speaker).
 */
export interface ExtractedQuote extends Span, Provenance {
  /** The actor's canonical name when linked, otherwise the fullest name the text gives; null when the text names nobody. */
  speaker: string | null;
  speakerId: string | null;
  /** A speaker the text gives without a name ("a senior NATO official"), or null. */
  speakerNote: string | null;
  /** Where the speaker is named (or described), when the text names one. */
  speakerSpan: Span | null;
  /** How the speaker was found (e.g. `said-after`, `according-to`, `continues-previous`). */
  speakerRule: string | null;
  speakerConfidence: number;
  /** A few words inside reported speech (`said the plan was "unacceptable"`): a partial quote. */
  partial: boolean;
}

/** A person, organisation or state the text names. One per distinct actor, with its first mention. */
export interface ExtractedActor extends Provenance {
  /** The canonical name when linked, otherwise the fullest name the text gives. */
  name: string;
  id: string | null;
  /** The linked actor's kind, or the kind suggested for a new actor. */
  kind: ActorKind | null;
  mentions: Span[];
}

/** A stance the text states, with its evidence. */
export interface ExtractedStance extends Provenance {
  /** Who holds the stance (canonical name when linked). May differ from the speaker (a spokesman for a state). */
  holder: string;
  holderId: string | null;
  /** The topic's id. */
  topic: string;
  stance: Stance;
  /** Required reading for CONDITIONAL: the condition's words. */
  condition: string | null;
  /** The evidence's words, exactly `text.slice(evidence_start, evidence_end)`. */
  evidence: string;
  evidence_start: number;
  evidence_end: number;
  /** The quote this stance rests on (an index into `quotes`), or null for reported speech. */
  quoteIndex: number | null;
}

export interface Extraction {
  quotes: ExtractedQuote[];
  actors: ExtractedActor[];
  /** Topics the text is about, strongest first. */
  topics: Array<{ id: string } & Provenance>;
  stances: ExtractedStance[];
}
