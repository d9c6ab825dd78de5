/**
 * Roll-ups: which positions count as an actor's position on a topic when actors are compared (`compare`, `agreement`,
 * `alignment`; the rule is written out on the RollUp input in schema/analytics.graphql). The Cypher fragments here are
 * fixed text chosen by two booleans, shared by the queries that compare (position and analytics repositories).
 */
import type { PositionRecord } from '../position/model.js';

export interface RollUpOptions {
  /** A position on a sub-issue counts on the issue above it. */
  subIssues: boolean;
  /** A member's position counts as its group's. */
  members: boolean;
}

export const noRollUp: RollUpOptions = { subIssues: false, members: false };

/** Levels of SUB_ISSUE_OF walked up (as deep as the cycle check of upsertIssue looks). */
export const MAX_ISSUE_DEPTH = 50;
/** Levels of MEMBER_OF walked down from a group. */
export const MAX_MEMBERSHIP_DEPTH = 5;

/** A position and where it counts: for which actor, on which topic (its own holder and topic without roll-ups). */
export interface RolledPosition {
  actorId: string;
  topicId: string;
  position: PositionRecord;
}

/**
 * The patterns of a roll-up. Variable-length bounds cannot be parameters, so each is one of two fixed strings;
 * `*0..0` binds both ends to the same node, which is "no roll-up". Each pattern names its relationships (`hops`), so
 * that a query can tell how far a position came: `size(hops)` is 0 for an actor's own position on the topic itself.
 */
export function rollUpPatterns(options: RollUpOptions) {
  const memberHops = options.members ? `*0..${MAX_MEMBERSHIP_DEPTH}` : '*0..0';
  const issueHops = options.subIssues ? `*0..${MAX_ISSUE_DEPTH}` : '*0..0';
  return {
    /** `holder` is `group` or (with members) one of its members, at any depth up to the bound. */
    heldFor: (group: string, holder: string, hops: string) => `(${group})<-[${hops}:MEMBER_OF${memberHops}]-(${holder}:Actor)`,
    /** `into` is `topic` or (with subIssues) one of its ancestors. */
    countsOn: (topic: string, into: string, hops: string) => `(${topic})-[${hops}:SUB_ISSUE_OF${issueHops}]->(${into}:Topic)`,
    /** The reverse walk: `topic` is `into` or (with subIssues) one of its descendants. */
    countingOn: (into: string, topic: string, hops: string) => `(${into})<-[${hops}:SUB_ISSUE_OF${issueHops}]-(${topic}:Topic)`,
    /** With subIssues, `topic` is a root (has no parent); without, any topic stays itself. */
    isRoot: (topic: string) => (options.subIssues ? `NOT EXISTS { (${topic})-[:SUB_ISSUE_OF]->(:Issue) }` : 'true'),
  };
}

/**
 * The order in which the first current position decides a place: newest first (undated last); of equally new ones,
 * the nearest (fewest MEMBER_OF hops from the actor, then fewest SUB_ISSUE_OF hops from the topic), then by id.
 * `memberHops` and `issueHops` are expressions giving those counts.
 */
export const decidingOrder = (position: string, memberHops: string, issueHops: string) =>
  `coalesce(toString(${position}.validFrom), '0000') DESC, ${memberHops}, ${issueHops}, ${position}.id`;
