import { byIdLoader, countLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { CursorKey } from '../shared/pagination.js';
import type { StatementRepository } from './repository.js';

type PageArgs = { limit: number; after: CursorKey | null };

export function createStatementLoaders(statements: StatementRepository) {
  return {
    statementById: byIdLoader((ids) => statements.byIds(ids)),
    evidenceByEvent: groupLoader((ids) => statements.evidenceOfEvents(ids)),
    citationsByStatement: groupLoader((ids) => statements.citationsOf(ids)),
    sourceById: byIdLoader((ids) => statements.sourcesByIds(ids)),
    sourceTextById: byIdLoader((ids) => statements.sourceTexts(ids)),
    statementsBySpeaker: groupLoaderWithArgs((ids, args: PageArgs) => statements.bySpeakers(ids, args.limit, args.after)),
    statementCountBySpeaker: countLoader((ids) => statements.countBySpeakers(ids)),
    statementsBySource: groupLoaderWithArgs((ids, args: PageArgs) => statements.bySources(ids, args.limit, args.after)),
    statementCountBySource: countLoader((ids) => statements.countBySources(ids)),
  };
}
