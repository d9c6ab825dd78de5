/**
 * What the extractor found, as review candidates: one STATEMENT candidate per quotation (with the stances it
 * suggests), one per stance resting on reported speech, and one ACTOR candidate per actor the graph does not hold.
 * Suggestions only: nothing here is a fact until a curator accepts it.
 */
import type { ExtractedActor, Extraction } from '../extraction/model.js';
import { foldForSearch } from '../shared/text.js';
import type { ExtractionSummary, NewCandidate, SuggestedActorRecord, SuggestedStanceRecord } from './model.js';

/** The article's own date, marked as such: the extractor does not date utterances (a curator may, on accepting). */
interface Dating {
  publishedOn: string | null;
}

/** Candidate ids are local to their article (`statement-<start>-<end>`); the repository prefixes the stored source's id. */
export function toCandidates(extraction: Extraction, dating: Dating): { candidates: NewCandidate[]; summary: Omit<ExtractionSummary, 'milliseconds'> } {
  const kinds = new Map(extraction.actors.map((actor) => [foldForSearch(actor.name), actor] as const));
  const suggested = (name: string | null, actorId: string | null, rule: string | null, confidence: number | null, note: string | null = null): SuggestedActorRecord => ({
    name,
    actorId,
    kind: (name ? kinds.get(foldForSearch(name))?.kind : null) ?? (name && !note ? 'PERSON' : null),
    note,
    rule,
    confidence,
  });
  const stanceOf = (stance: Extraction['stances'][number]): SuggestedStanceRecord => ({
    holder: suggested(stance.holder, stance.holderId, stance.rule, stance.confidence),
    topicId: stance.topic,
    stance: stance.stance,
    condition: stance.condition,
    rule: stance.rule,
    confidence: stance.confidence,
  });
  const dated = { saidOn: dating.publishedOn, dateSource: dating.publishedOn ? ('ARTICLE' as const) : null };
  const candidates: NewCandidate[] = [];
  const taken = new Set<string>();
  const add = (candidate: NewCandidate) => {
    if (taken.has(candidate.id)) return;
    taken.add(candidate.id);
    candidates.push(candidate);
  };

  extraction.quotes.forEach((quote, index) => {
    add({
      id: `statement-${quote.start}-${quote.end}`,
      kind: 'STATEMENT',
      start: quote.start,
      end: quote.end,
      text: quote.text,
      rule: quote.rule,
      confidence: quote.confidence,
      statementKind: 'QUOTE',
      speaker: quote.speaker || quote.speakerNote ? suggested(quote.speakerNote ? null : quote.speaker, quote.speakerId, quote.speakerRule, quote.speakerConfidence, quote.speakerNote) : null,
      ...dated,
      stances: extraction.stances.filter((stance) => stance.quoteIndex === index).map(stanceOf),
      actor: null,
    });
  });
  for (const stance of extraction.stances.filter((candidate) => candidate.quoteIndex === null)) {
    add({
      id: `statement-${stance.evidence_start}-${stance.evidence_end}`,
      kind: 'STATEMENT',
      start: stance.evidence_start,
      end: stance.evidence_end,
      text: stance.evidence,
      rule: stance.rule,
      confidence: stance.confidence,
      statementKind: 'REPORTED',
      speaker: suggested(stance.holder, stance.holderId, stance.rule, stance.confidence),
      ...dated,
      stances: [stanceOf(stance)],
      actor: null,
    });
  }
  const unknown = extraction.actors.filter((actor): actor is ExtractedActor & { mentions: [ExtractedActor['mentions'][number], ...ExtractedActor['mentions']] } => actor.id === null && actor.mentions.length > 0);
  for (const actor of unknown) {
    const first = actor.mentions[0];
    add({
      id: `actor-${first.start}-${first.end}`,
      kind: 'ACTOR',
      start: first.start,
      end: first.end,
      text: first.text,
      rule: actor.rule,
      confidence: actor.confidence,
      statementKind: null,
      speaker: null,
      saidOn: null,
      dateSource: null,
      stances: [],
      actor: suggested(actor.name, null, actor.rule, actor.confidence),
    });
  }
  candidates.sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
  return {
    candidates,
    summary: {
      quotes: extraction.quotes.length,
      attributed: extraction.quotes.filter((quote) => quote.speaker !== null || quote.speakerNote !== null).length,
      actorsLinked: extraction.actors.filter((actor) => actor.id !== null).length,
      actorsNew: unknown.length,
      stances: extraction.stances.length,
      candidates: candidates.length,
    },
  };
}
