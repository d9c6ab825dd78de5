/** Mutations: check the role, validate the input, run one transaction, answer with fresh records. */
import { requireRole, type Role } from '../auth/viewer.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/graphql.js';
import { decodeCursor, pageSize, toConnection } from '../shared/pagination.js';
import { mustExist } from '../actor/resolvers.js';
import {
  addSourceInput,
  mergeActorsInput,
  parseInput,
  recordEventInput,
  recordStatementInput,
  relateActorsInput,
  retractPositionInput,
  setPositionInput,
  upsertActorInput,
  upsertIssueInput,
} from './inputs.js';

/** Authorises, then runs the write; loaders are cleared after it, so the payload reads what was written. */
async function write<T>(context: Context, role: Role, work: (author: { label: string }) => Promise<T>): Promise<T> {
  const author = requireRole(context.viewer, role);
  try {
    return await work(author);
  } finally {
    for (const loader of Object.values(context.loaders)) loader.clearAll();
  }
}

export const curationResolvers = {
  Mutation: {
    upsertActor: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.upsertActor(author, parseInput(upsertActorInput, input))),
    mergeActors: (_parent, { input }, context) =>
      write(context, 'admin', (author) => context.repositories.curation.mergeActors(author, parseInput(mergeActorsInput, input))),
    upsertIssue: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.upsertIssue(author, parseInput(upsertIssueInput, input))),
    addSource: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.addSource(author, parseInput(addSourceInput, input))),
    recordStatement: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.recordStatement(author, parseInput(recordStatementInput, input))),
    setPosition: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.setPosition(author, parseInput(setPositionInput, input))),
    retractPosition: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.retractPosition(author, parseInput(retractPositionInput, input))),
    relateActors: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.relateActors(author, parseInput(relateActorsInput, input))),
    recordEvent: (_parent, { input }, context) =>
      write(context, 'editor', (author) => context.repositories.curation.recordEvent(author, parseInput(recordEventInput, input))),
  },
  ActorRelationPayload: {
    from: async (payload, _args, { loaders }) => mustExist(await loaders.actorById.load(payload.fromId), payload.fromId),
  },
  Query: {
    changes: async (_parent, { targetId, first, after }, { repositories }) => {
      const limit = pageSize(first);
      const cursor = decodeCursor(after, 'changes', ['timestamp', 'string']);
      const rows = await repositories.changes.list(targetId ?? null, limit + 1, cursor);
      return toConnection(rows, limit, 'changes', (change) => [change.at, change.id], () => repositories.changes.count(targetId ?? null));
    },
  },
} satisfies Resolvers;
