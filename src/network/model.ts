/** The network domain's records: what its resolvers receive as parents (see codegen.ts mappers). */
import type { ActorRelationRecord, RoleRecord } from '../actor/model.js';
import type { Connection } from '../shared/pagination.js';
import type { TieKind } from '../vocabulary.js';
import type { CoalitionRecord, CoalitionStanceRecord, TopicDivideRecord } from './compute.js';

export interface ComputationRecord {
  graphVersion: string;
  computedAt: string;
  seconds: number;
}

/** A coalition, with the others of the same result (a division names one of them). */
export interface CoalitionNodeRecord {
  record: CoalitionRecord;
  all: ReadonlyMap<string, CoalitionRecord>;
}

export type CoalitionConnectionRecord = Connection<CoalitionNodeRecord> & {
  modularity: number;
  communityCount: number;
  actorCount: number;
  computation: ComputationRecord;
};

export type CoalitionStanceConnectionRecord = Connection<CoalitionStanceRecord>;

export interface CoalitionDivisionRecord {
  coalition: CoalitionNodeRecord;
  topics: TopicDivideRecord[];
}

export interface ActorCentralityRecord {
  actorId: string;
  pageRank: number;
  betweenness: number;
  degree: number;
  rank: number;
}

export type CentralityConnectionRecord = Connection<ActorCentralityRecord> & {
  connectedActors: number;
  ties: number;
  betweennessSources: number;
  computation: ComputationRecord;
};

/** An actor drawn in an ego network (Query.network), at its distance from the nearest asked actor. */
export interface NetworkMemberRecord {
  actorId: string;
  distance: number;
}

/**
 * A tie between two members: a relation or role (its record, as Actor.relations and Actor.roles give it), or the
 * events or proposals two members share (their ids, newest first, at most five).
 */
export interface NetworkTieRecord {
  id: string;
  kind: TieKind;
  fromId: string;
  toId: string;
  directed: boolean;
  label: string;
  weight: number;
  relation: ActorRelationRecord | null;
  role: RoleRecord | null;
  eventIds: string[];
  proposalIds: string[];
}

export interface ActorNetworkRecord {
  members: NetworkMemberRecord[];
  ties: NetworkTieRecord[];
  omittedActors: number;
  omittedTies: number;
}

export type { CoalitionStanceRecord, TopicDivideRecord };
