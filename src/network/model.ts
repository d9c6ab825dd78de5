/** The network domain's records: what its resolvers receive as parents (see codegen.ts mappers). */
import type { Connection } from '../shared/pagination.js';
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

export type { CoalitionStanceRecord, TopicDivideRecord };
