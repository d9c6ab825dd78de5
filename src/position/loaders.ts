import DataLoader from 'dataloader';
import { argsKey, byIdLoader, countLoader, countLoaderWithArgs, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { PageArgs, SortedRow } from '../shared/pagination.js';
import type { Keyed } from '../shared/rows.js';
import { primePositionTree, type PositionInclude, type PrimedLoaders } from './lookahead.js';
import type { PositionRecord, PositionTree } from './model.js';
import type { Stance } from '../vocabulary.js';
import type { HistoryArgs, HistoryPageArgs, PositionArgs, PositionPageArgs, PositionRepository } from './repository.js';

type TopicPageFetch = (
  ids: readonly string[],
  args: Omit<PositionPageArgs, 'stance'> & { lanes: Array<Stance | null> },
) => Promise<Array<Keyed<SortedRow<PositionRecord>>>>;

/**
 * Pages of positions on topics. Keys that differ only by stance (`supporters: positions(stance: SUPPORTS)` next to
 * `opponents: positions(stance: OPPOSES)`) share one query, one lane per stance (see PositionRepository.onTopics).
 */
function topicPages(fetch: TopicPageFetch): DataLoader<{ id: string; args: PositionPageArgs }, Array<SortedRow<PositionRecord>>, string> {
  return new DataLoader<{ id: string; args: PositionPageArgs }, Array<SortedRow<PositionRecord>>, string>(
    async (keys) => {
      const groups = new Map<string, { args: Omit<PositionPageArgs, 'stance'>; ids: Set<string>; lanes: Set<Stance | null> }>();
      for (const { id, args } of keys) {
        const { stance, ...shared } = args;
        const signature = JSON.stringify(shared);
        const group = groups.get(signature) ?? { args: shared, ids: new Set<string>(), lanes: new Set<Stance | null>() };
        group.ids.add(id);
        group.lanes.add(stance);
        groups.set(signature, group);
      }
      const pages = new Map<string, Array<SortedRow<PositionRecord>>>();
      await Promise.all(
        [...groups].map(async ([signature, { args, ids, lanes }]) => {
          for (const { key, value } of await fetch([...ids], { ...args, lanes: [...lanes] })) {
            const page = pages.get(`${signature}\u0000${key}`) ?? [];
            page.push(value);
            pages.set(`${signature}\u0000${key}`, page);
          }
        }),
      );
      return keys.map(({ id, args: { stance, ...shared } }) => pages.get(`${JSON.stringify(shared)}\u0000${stance ?? ''}:${id}`) ?? []);
    },
    { cacheKeyFn: argsKey },
  );
}

/**
 * The totalCount of positions on topics, by stance or of all stances: keys that differ only by stance share one query
 * (the counts per stance of each topic), as their pages do.
 */
function topicCounts(
  fetch: (ids: readonly string[], asOf: string | null) => Promise<Array<Keyed<{ stance: Stance; count: number }>>>,
): DataLoader<{ id: string; args: PositionArgs }, number, string> {
  return new DataLoader<{ id: string; args: PositionArgs }, number, string>(
    async (keys) => {
      const byAsOf = new Map<string | null, Set<string>>();
      for (const { id, args } of keys) byAsOf.set(args.asOf, (byAsOf.get(args.asOf) ?? new Set()).add(id));
      const counts = new Map<string, number>();
      const tally = (key: string, count: number) => counts.set(key, (counts.get(key) ?? 0) + count);
      await Promise.all(
        [...byAsOf].map(async ([asOf, ids]) => {
          for (const { key, value } of await fetch([...ids], asOf)) {
            tally(JSON.stringify([asOf, key, value.stance]), value.count);
            tally(JSON.stringify([asOf, key, null]), value.count);
          }
        }),
      );
      return keys.map(({ id, args }) => counts.get(JSON.stringify([args.asOf, id, args.stance])) ?? 0);
    },
    { cacheKeyFn: argsKey },
  );
}

/** Position loaders; those that return pages fetch the subtree a client asks and prime `primed` with it. */
export function createPositionLoaders(positions: PositionRepository, primed: Omit<PrimedLoaders, 'evidenceByPosition'>) {
  const evidenceByPosition = groupLoader((ids) => positions.evidenceOf(ids));
  const loaders: PrimedLoaders = { ...primed, evidenceByPosition };
  /** Primes the loaders with each fetched subtree, and gives back the rows with the positions alone. */
  const primedPages =
    <A>(fetch: (ids: readonly string[], args: A) => Promise<Array<Keyed<SortedRow<PositionTree>>>>) =>
    async (ids: readonly string[], args: A): Promise<Array<Keyed<SortedRow<PositionRecord>>>> =>
      (await fetch(ids, args)).map(({ key, value }) => ({ key, value: { node: primePositionTree(loaders, value.node), sortKey: value.sortKey } }));

  return {
    evidenceByPosition,
    positionById: byIdLoader((ids) => positions.byIds(ids)),
    sourceReliabilityByPosition: byIdLoader((ids) => positions.sourceReliabilities(ids)),
    positionsByActor: groupLoaderWithArgs(primedPages((ids, args: PositionPageArgs) => positions.ofActors(ids, args))),
    positionCountByActor: countLoaderWithArgs((ids, args: PositionArgs) => positions.countOfActors(ids, args)),
    positionsByTopic: topicPages(primedPages((ids, args: Omit<PositionPageArgs, 'stance'> & { lanes: Array<Stance | null> }) => positions.onTopics(ids, args))),
    positionCountByTopic: topicCounts((ids, asOf) => positions.countOnTopicsByStance(ids, asOf)),
    stanceHistoryByActor: groupLoaderWithArgs(primedPages((ids, args: HistoryPageArgs) => positions.historyOfActors(ids, args))),
    stanceHistoryCountByActor: countLoaderWithArgs((ids, args: HistoryArgs) => positions.countHistoryOfActors(ids, args)),
    positionsByStatement: groupLoaderWithArgs(primedPages((ids, args: { page: PageArgs; include: PositionInclude }) => positions.evidencedBy(ids, args))),
    positionCountByStatement: countLoader((ids) => positions.countEvidencedBy(ids)),
  };
}
