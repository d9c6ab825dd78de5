/** Query.reviewQueue and candidate, the Candidate type's fields, and ingestArticle, acceptCandidate, rejectCandidate. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { loadNodeById } from '../node/loaders.js';
import { requireNodes } from '../node/require.js';
import { mustExist } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { contextAround } from '../statement/excerpt.js';
import { candidateEdits, ingestArticleInput, rejectReason } from './inputs.js';
import type { CandidateConnectionRecord } from './model.js';
import { queueKey, type IngestionRepository, type QueueFilter } from './repository.js';

async function queue(repository: IngestionRepository, filter: QueueFilter, first: number | null | undefined, after: string | null | undefined): Promise<CandidateConnectionRecord> {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, 'reviewQueue', ['string', 'string', 'string', 'string']);
  const rows = await repository.list(filter, limit + 1, cursor);
  return toConnection(rows, limit, 'reviewQueue', queueKey, () => repository.count(filter));
}

export const ingestionResolvers = {
  Query: {
    reviewQueue: async (_parent, { status, sourceId, kind, first, after }, { loaders, repositories }) => {
      if (sourceId) await requireNodes(loaders, 'sourceId', [sourceId], ['Source']);
      return queue(repositories.ingestion, { status: status ?? null, sourceId: sourceId ?? null, kind: kind ?? null }, first, after);
    },
    candidate: (_parent, { id }, { loaders }) => loaders.candidateById.load(id),
  },
  Candidate: {
    source: async (candidate, _args, { loaders }) => mustExist(await loaders.sourceById.load(candidate.sourceId), candidate.sourceId),
    excerpt: (candidate) => candidate.text,
    context: async (candidate, _args, { loaders }) => {
      const source = mustExist(await loaders.sourceTextById.load(candidate.sourceId), candidate.sourceId);
      return contextAround(source.text, candidate.start, candidate.end);
    },
    stances: (candidate) => candidate.stances.map((stance, index) => ({ ...stance, index })),
    result: (candidate, _args, { loaders }) => (candidate.resultId ? loadNodeById(loaders, candidate.resultId) : null),
  },
  SuggestedActor: {
    actor: (suggested, _args, { loaders }) => (suggested.actorId ? loaders.actorById.load(suggested.actorId) : null),
  },
  SuggestedStance: {
    topic: (stance, _args, { loaders }) => loaders.topicById.load(stance.topicId),
  },
  IngestArticlePayload: {
    candidates: (payload, { first, after }, { repositories }) => queue(repositories.ingestion, { status: null, sourceId: payload.source.id, kind: null }, first, after),
  },
  Mutation: {
    ingestArticle: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) =>
        context.ingestion.ingest(context.db, context.repositories.ingestion, author, parseInput(ingestArticleInput, input), context.budget),
      ),
    acceptCandidate: (_parent, { id, edits }, context) =>
      mutate(context, 'editor', (author) => context.repositories.ingestion.accept(author, id, parseInput(candidateEdits, edits ?? {}, 'edits'))),
    rejectCandidate: (_parent, { id, reason }, context) =>
      mutate(context, 'editor', (author) => context.repositories.ingestion.reject(author, id, parseInput(rejectReason, reason, 'reason'))),
  },
} satisfies Resolvers;
