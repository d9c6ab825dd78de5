/** The Position type's fields, and the position mutations. */
import { mutate } from '../curation/mutation.js';
import type { Resolvers } from '../generated/graphql.js';
import { mustExist } from '../shared/guards.js';
import { parseInput } from '../shared/input-fields.js';
import { retractPositionInput, setPositionInput } from './inputs.js';

export const positionResolvers = {
  Position: {
    actor: async (position, _args, { loaders }) => mustExist(await loaders.actorById.load(position.actorId), position.actorId),
    topic: async (position, _args, { loaders }) => mustExist(await loaders.topicById.load(position.topicId), position.topicId),
    evidence: (position, _args, { loaders }) => loaders.evidenceByPosition.load(position.id),
  },
  Mutation: {
    setPosition: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.positions.set(author, parseInput(setPositionInput, input))),
    retractPosition: (_parent, { input }, context) =>
      mutate(context, 'editor', (author) => context.repositories.positions.retract(author, parseInput(retractPositionInput, input))),
  },
} satisfies Resolvers;
