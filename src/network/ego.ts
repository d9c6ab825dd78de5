/**
 * Query.network: the ego network drawn around some actors, in two queries whatever its size — the members (the
 * asked actors, then each ring ranked by its ties to the actors drawn before it), then the ties among them.
 */
import type { ActorNetworkRecord, NetworkMemberRecord } from './model.js';
import type { NetworkRepository } from './repository.js';

/** Ties one network returns at most (strongest first); `omittedTies` counts the rest. */
export const MAX_NETWORK_TIES = 1000;

/** `askedIds`: existing actors, without duplicates, in the order asked; `hops` 0 to 2; `first` at least 1. */
export async function egoNetwork(repository: NetworkRepository, askedIds: readonly string[], hops: number, first: number): Promise<ActorNetworkRecord> {
  const drawn = askedIds.slice(0, first);
  const rings = await repository.egoMembers(askedIds, hops, first - drawn.length);
  const members: NetworkMemberRecord[] = [
    ...drawn.map((actorId) => ({ actorId, distance: 0 })),
    ...rings.near.map((actorId) => ({ actorId, distance: 1 })),
    ...rings.far.map((actorId) => ({ actorId, distance: 2 })),
  ];
  const { ties, total } = await repository.egoTies(
    members.map((member) => member.actorId),
    MAX_NETWORK_TIES,
  );
  return { members, ties, omittedActors: askedIds.length - drawn.length + rings.omitted, omittedTies: total - ties.length };
}
