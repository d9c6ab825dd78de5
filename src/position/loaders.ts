import DataLoader from 'dataloader';
import { argsKey, byIdLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { Keyed } from '../shared/rows.js';
import type { Stance } from '../vocabulary.js';
import { primePositionTree, type PrimedLoaders } from './lookahead.js';
import type { PositionRecord, PositionTree } from './model.js';
import type { PositionArgs, PositionRepository } from './repository.js';

/** Position loaders; those that return lists fetch the subtree a client asks and prime `primed` with it. */
export function createPositionLoaders(positions: PositionRepository, primed: Omit<PrimedLoaders, 'evidenceByPosition'>) {
  const evidenceByPosition = groupLoader((ids) => positions.evidenceOf(ids));
  const loaders: PrimedLoaders = { ...primed, evidenceByPosition };
  const primedTrees =
    <A>(fetch: (ids: readonly string[], args: A) => Promise<Array<Keyed<PositionTree>>>) =>
    async (ids: readonly string[], args: A) =>
      (await fetch(ids, args)).map(({ key, value }) => ({ key, value: primePositionTree(loaders, value) }));

  /**
   * Positions on topics. Keys that differ only by stance (`supporters: positions(stance: SUPPORTS)` next to
   * `opponents: positions(stance: OPPOSES)`) share one query for the stances asked, split here by stance.
   */
  const positionsByTopic = groupLoaderWithArgs(primedTrees((ids, args: PositionArgs & { stances: Stance[] | null }) => positions.onTopics(ids, args)));
  const positionsByTopicAndStance = new DataLoader<{ id: string; args: PositionArgs }, PositionRecord[], string>(
    async (keys) => {
      const stances = keys.some(({ args }) => args.stance === null) ? null : [...new Set(keys.flatMap(({ args }) => (args.stance ? [args.stance] : [])))].sort();
      const lists = await positionsByTopic.loadMany(keys.map(({ id, args }) => ({ id, args: { ...args, stance: null, stances } })));
      return lists.map((list, i) => {
        const stance = keys[i]?.args.stance ?? null;
        return list instanceof Error ? list : list.filter((position) => stance === null || position.stance === stance);
      });
    },
    { cacheKeyFn: argsKey },
  );

  return {
    evidenceByPosition,
    positionById: byIdLoader((ids) => positions.byIds(ids)),
    positionsByActor: groupLoaderWithArgs(primedTrees((ids, args: PositionArgs) => positions.ofActors(ids, args))),
    positionsByTopic: positionsByTopicAndStance,
    positionsByStatement: groupLoader((ids) => positions.evidencedBy(ids)),
  };
}
