import DataLoader from 'dataloader';
import type { Stance } from '../generated/graphql.js';
import type { ActorRecord } from '../actor/model.js';
import { argsKey, byIdLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { CitationRecord, SourceRecord, StatementRecord, StatementTree } from '../statement/model.js';
import type { TopicRecord } from '../topic/model.js';
import type { PositionRecord } from './model.js';
import type { PositionArgs, PositionRepository, PositionTree } from './repository.js';

/** The loaders a position query fills with what it fetched alongside (so their fields cost no further round trip). */
export interface PositionPrimed {
  topicById: DataLoader<string, TopicRecord | null>;
  actorById: DataLoader<string, ActorRecord | null>;
  evidenceByPosition: DataLoader<string, StatementRecord[]>;
  citationsByStatement: DataLoader<string, CitationRecord[]>;
  sourceById: DataLoader<string, SourceRecord | null>;
}

export function createPositionLoaders(positions: PositionRepository, primed: PositionPrimed) {
  const primeStatement = (tree: StatementTree) => {
    if (tree.speaker && tree.statement.speakerId) primed.actorById.prime(tree.statement.speakerId, tree.speaker);
    if (tree.citations) {
      primed.citationsByStatement.prime(tree.statement.id, tree.citations.map(({ citation }) => citation));
      for (const { citation, source } of tree.citations) if (source) primed.sourceById.prime(citation.sourceId, source);
    }
  };
  const primePosition = (tree: PositionTree) => {
    if (tree.topic) primed.topicById.prime(tree.topic.id, tree.topic);
    if (tree.actor) primed.actorById.prime(tree.actor.id, tree.actor);
    if (tree.evidence) {
      primed.evidenceByPosition.prime(tree.position.id, tree.evidence.map(({ statement }) => statement));
      for (const statement of tree.evidence) primeStatement(statement);
    }
    return tree.position;
  };
  const primedTrees =
    <A>(fetch: (ids: readonly string[], args: A) => Promise<Array<{ key: string; value: PositionTree }>>) =>
    async (ids: readonly string[], args: A) =>
      (await fetch(ids, args)).map(({ key, value }) => ({ key, value: primePosition(value) }));

  /**
   * Positions on topics. Keys that differ only by stance (`supporters: positions(stance: SUPPORTS)` next to
   * `opponents: positions(stance: OPPOSES)`) share one query for the stances asked, split here by stance.
   */
  const positionsByTopic = groupLoaderWithArgs(primedTrees((ids, args: PositionArgs & { stances: Stance[] | null }) => positions.onTopics(ids, args)));
  const positionsByTopicAndStance = new DataLoader<{ id: string; args: PositionArgs }, PositionRecord[], string>(
    async (keys) => {
      const stances = keys.some(({ args }) => args.stance === null) ? null : [...new Set(keys.map(({ args }) => args.stance as Stance))].sort();
      const lists = await positionsByTopic.loadMany(keys.map(({ id, args }) => ({ id, args: { ...args, stance: null, stances } })));
      return lists.map((list, i) => {
        const stance = keys[i]?.args.stance ?? null;
        return list instanceof Error ? list : list.filter((position) => stance === null || position.stance === stance);
      });
    },
    { cacheKeyFn: argsKey },
  );

  return {
    positionById: byIdLoader((ids) => positions.byIds(ids)),
    positionsByActor: groupLoaderWithArgs(primedTrees((ids, args: PositionArgs) => positions.ofActors(ids, args))),
    positionsByTopic: positionsByTopicAndStance,
    positionsByStatement: groupLoader((ids) => positions.evidencedBy(ids)),
  };
}
