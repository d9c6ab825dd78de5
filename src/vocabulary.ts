/**
 * The closed sets of values the code needs at run time: enum values, node kinds and relationship types. The SDL is the
 * one source of the API's enums; vocabulary.contract.ts proves at compile time that each list here holds exactly the
 * values of its enum. This module imports nothing, so any room (repositories, the seed tool, the benchmark) may use it
 * without pulling in the generated types.
 */

export const actorKinds = ['PERSON', 'ORGANIZATION', 'STATE', 'GROUP'] as const;
export type ActorKind = (typeof actorKinds)[number];

export const stances = ['SUPPORTS', 'OPPOSES', 'CONDITIONAL', 'UNDECIDED'] as const;
export type Stance = (typeof stances)[number];

export const statementKinds = ['QUOTE', 'PARAPHRASE', 'REPORTED'] as const;
export type StatementKind = (typeof statementKinds)[number];

export const reliabilities = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type Reliability = (typeof reliabilities)[number];

export const dateSources = ['ARTICLE', 'EVENT'] as const;
export type DateSource = (typeof dateSources)[number];

export const candidateKinds = ['STATEMENT', 'ACTOR'] as const;
export type CandidateKind = (typeof candidateKinds)[number];

export const candidateStatuses = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export type CandidateStatus = (typeof candidateStatuses)[number];

export const eventKinds = [
  'TALKS',
  'MEETING',
  'SUMMIT',
  'PRESS_CONFERENCE',
  'ANNOUNCEMENT',
  'DECLARATION',
  'AGREEMENT',
  'VOTE',
  'MILITARY_EXERCISE',
  'MILITARY_ACTION',
  'ANNEXATION',
  'SCANDAL',
  'OTHER',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** Which way a relation reads from the actor whose list it is in. */
export const relationDirections = ['OUTGOING', 'INCOMING'] as const;
export type RelationDirection = (typeof relationDirections)[number];

/** Relationship types between actors (the SDL's ActorRelationType). Cypher interpolates only names from this list. */
export const actorRelationTypes = [
  'LEADS',
  'MEMBER_OF',
  'ADVISES',
  'SPEAKS_FOR',
  'ENVOY_OF',
  'FAMILY_OF',
  'ALLIED_WITH',
  'NEGOTIATES_WITH',
  'REPRESENTS',
  'OPPOSES',
] as const;
export type ActorRelationType = (typeof actorRelationTypes)[number];

/** What a path between two actors may walk: their relations, roles, shared events and shared proposals (the SDL's PathStepType). */
export const pathRelationshipTypes = [...actorRelationTypes, 'HOLDS_ROLE', 'PARTICIPATED_IN', 'AUTHORED_BY'] as const;
export type PathRelationshipType = (typeof pathRelationshipTypes)[number];

/** How two positions on one topic compare (the SDL's Verdict). */
export const verdicts = ['AGREE', 'DISAGREE', 'PARTIAL'] as const;
export type Verdict = (typeof verdicts)[number];

/** What `centrality` ranks actors by (the SDL's CentralityMeasure). */
export const centralityMeasures = ['PAGE_RANK', 'BETWEENNESS', 'DEGREE'] as const;
export type CentralityMeasure = (typeof centralityMeasures)[number];

/** What ties two actors of an ego network (the SDL's TieKind): the centrality network's kinds of tie. */
export const tieKinds = ['RELATION', 'ROLE', 'EVENT', 'PROPOSAL'] as const;
export type TieKind = (typeof tieKinds)[number];

/** Every relationship type that may touch an actor (a merge moves exactly these). */
export const actorRelationshipTypes = [...actorRelationTypes, 'HOLDS', 'HOLDS_ROLE', 'PARTICIPATED_IN', 'SAID_BY', 'AUTHORED_BY'] as const;
export type ActorRelationshipType = (typeof actorRelationshipTypes)[number];

/** The labels of the types implementing `Node`; every such node also carries :Entity. */
export const nodeKinds = ['Actor', 'Issue', 'Proposal', 'Position', 'Statement', 'Source', 'Event'] as const;
export type NodeKind = (typeof nodeKinds)[number];

/** What `search` may be narrowed to (the SDL's SearchKind), each with its node label: the full-text index's labels. */
export const searchKindLabels = { ACTOR: 'Actor', ISSUE: 'Issue', PROPOSAL: 'Proposal', EVENT: 'Event', STATEMENT: 'Statement' } as const satisfies Record<string, NodeKind>;
export type SearchKind = keyof typeof searchKindLabels;

/** The file formats of the graph export (the SDL's ExportFormat); GET /export names each in lower case, `_` as `-`. */
export const exportFormats = ['GRAPHML', 'GEXF', 'GRAPHOLOGY', 'CYTOSCAPE', 'CSV_NODES', 'CSV_EDGES'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The value of `list` equal to `value`, or null: narrows a string read from the database or a request. */
export function oneOf<const T extends string>(list: readonly T[], value: string): T | null {
  return list.find((known) => known === value) ?? null;
}
