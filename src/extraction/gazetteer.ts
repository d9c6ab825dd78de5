/**
 * Building the gazetteer the extractor links names to: from records of actors and topics (the seed's, which the CLI
 * reads through src/seed, or the database's, read by ./repository.ts), merged by id.
 */
import type { ActorKind } from '../vocabulary.js';
import type { Gazetteer, KnownActor, KnownTopic } from './model.js';

export interface ActorRecordLike {
  id: string;
  name: string;
  kind: ActorKind;
  aliases?: readonly string[] | null;
}

export interface TopicRecordLike {
  id: string;
  name: string;
  aliases?: readonly string[] | null;
  description?: string | null;
}

export function buildGazetteer(actors: readonly ActorRecordLike[], topics: readonly TopicRecordLike[]): Gazetteer {
  const known = new Map<string, KnownActor>();
  for (const actor of actors) known.set(actor.id, { id: actor.id, name: actor.name, kind: actor.kind, aliases: [...(actor.aliases ?? [])] });
  const knownTopics = new Map<string, KnownTopic>();
  for (const topic of topics) knownTopics.set(topic.id, { id: topic.id, name: topic.name, aliases: [...(topic.aliases ?? [])], description: topic.description ?? null });
  return { actors: [...known.values()], topics: [...knownTopics.values()] };
}
