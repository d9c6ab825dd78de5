import DataLoader from 'dataloader';
import { byIdLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { CursorKey } from '../shared/pagination.js';
import type { StatementRepository } from './repository.js';

export function createStatementLoaders(statements: StatementRepository) {
  return {
    statementById: byIdLoader((ids) => statements.byIds(ids)),
    evidenceByPosition: groupLoader((ids) => statements.evidenceOf(ids)),
    evidenceByEvent: groupLoader((ids) => statements.evidenceOfEvents(ids)),
    citationsByStatement: groupLoader((ids) => statements.citationsOf(ids)),
    eventsByStatement: groupLoader((ids) => statements.eventsReporting(ids)),
    sourceById: byIdLoader((ids) => statements.sourcesByIds(ids)),
    sourceTextById: byIdLoader((ids) => statements.sourceTexts(ids)),
    statementsBySource: groupLoaderWithArgs((ids, args: { limit: number; after: CursorKey | null }) =>
      statements.bySources(ids, args.limit, args.after),
    ),
    statementCountBySource: new DataLoader<string, number>(async (ids) => {
      const counts = new Map((await statements.countBySources(ids)).map(({ key, value }) => [key, value]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
