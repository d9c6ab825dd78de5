/**
 * The look-ahead of position lists, one job in three steps: read which fields a client asks below a list of positions
 * (`positionInclude`), let the position repository fetch that whole subtree in the list's own query (its Cypher is in
 * position/repository.ts, `positionTreeColumns`), and prime the request's loaders with the subtree (`primePositionTree`)
 * so that the fields below cost no further round trip. A field the look-ahead misses still resolves through its loader:
 * one more query, never a wrong answer.
 *
 * graphql-parse-resolve-info does the reading (aliases, named and inline fragments, @skip/@include); this module merges
 * what it finds over aliases and type conditions into field names, since a repository cares which fields are needed,
 * not how they were spelled.
 */
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { ActorRecord } from '../actor/model.js';
import type { CitationRecord, SourceRecord, StatementRecord, StatementTree } from '../statement/model.js';
import type { StatementInclude } from '../statement/repository.js';
import type { TopicRecord } from '../topic/model.js';
import type { PositionTree } from './model.js';

/** The fields selected under a field, merged over aliases and fragments. */
export interface Selection {
  readonly fields: ReadonlyMap<string, Selection>;
}

/** What to fetch with a list of positions. */
export interface PositionInclude {
  topic: boolean;
  actor: boolean;
  evidence: StatementInclude | null;
}

const empty: Selection = { fields: new Map() };

/**
 * graphql-js hands every item of a list the same `fieldNodes` array (its sub-field collection is memoized), so one
 * parse serves all the items of a list, and the parents of a batch.
 */
const cache = new WeakMap<object, Selection>();

/** The fields selected under the field being resolved. */
export function lookAhead(info: GraphQLResolveInfo): Selection {
  const cached = cache.get(info.fieldNodes);
  if (cached) return cached;
  const tree = parseResolveInfo(info, { deep: true }) as ResolveTree | null | undefined;
  const selection = tree ? toSelection([tree]) : empty;
  cache.set(info.fieldNodes, selection);
  return selection;
}

function toSelection(trees: ResolveTree[]): Selection {
  const children = new Map<string, ResolveTree[]>();
  for (const tree of trees) {
    for (const byAlias of Object.values(tree.fieldsByTypeName)) {
      for (const child of Object.values(byAlias)) children.set(child.name, [...(children.get(child.name) ?? []), child]);
    }
  }
  return { fields: new Map([...children].map(([name, group]) => [name, toSelection(group)])) };
}

/** The selection under `name` (merged over its aliases), or null when the field is not asked. */
function field(selection: Selection | null, name: string): Selection | null {
  return selection?.fields.get(name) ?? null;
}

/** Step one, from the selection under a position (the `node` of a connection's edges). */
export function includeOf(positions: Selection): PositionInclude {
  const evidence = field(positions, 'evidence');
  const citations = field(evidence, 'citations');
  return {
    topic: field(positions, 'topic') !== null,
    actor: field(positions, 'actor') !== null,
    evidence: evidence && {
      speaker: field(evidence, 'speaker') !== null,
      citations: citations && { source: field(citations, 'source') !== null },
    },
  };
}

/** Two selections as one: the fields of both, those in both merged. */
function merge(a: Selection, b: Selection): Selection {
  const fields = new Map(a.fields);
  for (const [name, selection] of b.fields) fields.set(name, fields.has(name) ? merge(fields.get(name)!, selection) : selection);
  return { fields };
}

/**
 * Step one, in the resolver of a connection of positions (`Actor.positions`...): what is asked of the positions, under
 * `edges { node }` and under `nodes`, merged.
 */
export function positionInclude(info: GraphQLResolveInfo): PositionInclude {
  const connection = lookAhead(info);
  return includeOf(merge(field(field(connection, 'edges'), 'node') ?? empty, field(connection, 'nodes') ?? empty));
}

/** The loaders a position query fills with what it fetched alongside. */
export interface PrimedLoaders {
  topicById: DataLoader<string, TopicRecord | null>;
  actorById: DataLoader<string, ActorRecord | null>;
  evidenceByPosition: DataLoader<string, StatementRecord[]>;
  citationsByStatement: DataLoader<string, CitationRecord[]>;
  sourceById: DataLoader<string, SourceRecord | null>;
}

function primeStatementTree(loaders: PrimedLoaders, tree: StatementTree): void {
  if (tree.speaker && tree.statement.speakerId) loaders.actorById.prime(tree.statement.speakerId, tree.speaker);
  if (tree.citations) {
    loaders.citationsByStatement.prime(tree.statement.id, tree.citations.map(({ citation }) => citation));
    for (const { citation, source } of tree.citations) if (source) loaders.sourceById.prime(citation.sourceId, source);
  }
}

/** Step three: primes the loaders with a fetched subtree, and gives back the position itself. */
export function primePositionTree(loaders: PrimedLoaders, tree: PositionTree) {
  if (tree.topic) loaders.topicById.prime(tree.topic.id, tree.topic);
  if (tree.actor) loaders.actorById.prime(tree.actor.id, tree.actor);
  if (tree.evidence) {
    loaders.evidenceByPosition.prime(tree.position.id, tree.evidence.map(({ statement }) => statement));
    for (const statement of tree.evidence) primeStatementTree(loaders, statement);
  }
  return tree.position;
}
