import { byIdLoader, countLoader, groupLoader, groupLoaderWithArgs } from '../shared/loaders.js';
import type { CursorKey, PageArgs } from '../shared/pagination.js';
import type { StatementRepository } from './repository.js';

type CursorPage = { limit: number; after: CursorKey | null };

export function createStatementLoaders(statements: StatementRepository) {
  return {
    statementById: byIdLoader((ids) => statements.byIds(ids)),
    evidenceByEvent: groupLoaderWithArgs((ids, page: PageArgs) => statements.evidenceOfEvents(ids, page)),
    evidenceCountByEvent: countLoader((ids) => statements.countEvidenceOfEvents(ids)),
    citationsByStatement: groupLoader((ids) => statements.citationsOf(ids)),
    sourceById: byIdLoader((ids) => statements.sourcesByIds(ids)),
    sourceTextById: byIdLoader((ids) => statements.sourceTexts(ids)),
    statementsBySpeaker: groupLoaderWithArgs((ids, args: CursorPage) => statements.bySpeakers(ids, args.limit, args.after)),
    statementCountBySpeaker: countLoader((ids) => statements.countBySpeakers(ids)),
    statementsBySource: groupLoaderWithArgs((ids, args: CursorPage) => statements.bySources(ids, args.limit, args.after)),
    statementCountBySource: countLoader((ids) => statements.countBySources(ids)),
  };
}
