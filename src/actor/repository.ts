/**
 * The actor domain's Cypher: every query that returns actors, their roles and relations, and the curators' writes of
 * actors (upsert, merge, relate). Named, parameterized, batched by id lists; rows parsed by ./model.ts's schemas.
 */
import { z } from 'zod';
import { assertExist, audit, idOrSlug, lockActors, stamp } from '../curation/repository.js';
import type { Author, ChangeRecord } from '../curation/model.js';
import { int, type QueryRunner, type Tx } from '../neo4j/database.js';
import { slugify } from '../shared/input-fields.js';
import { keyset } from '../neo4j/keyset.js';
import type { CursorKey, PageArgs, SortedRow } from '../shared/pagination.js';
import { count, countRow, keyed, textList, type Keyed } from '../shared/rows.js';
import { actorSearchKey, foldForSearch } from '../shared/text.js';
import { actorRelationshipTypes, actorRelationTypes, oneOf, type ActorKind, type ActorRelationshipType, type ActorRelationType, type Stance } from '../vocabulary.js';
import type { mergeActorsInput, relateActorsInput, upsertActorInput } from './inputs.js';
import { actorRecord, actorRelationRecord, relationEdgeRow, roleRecord, type ActorRecord, type ActorRelationPayloadRecord, type ActorRelationRecord, type RoleRecord } from './model.js';

/** The projection of the actor bound to `v`, parsed by `actorRecord`; other domains' trees embed it (a speaker, a holder). */
export const actorProjection = (v: string) => `${v} {.id, .name, .kind, .aliases, .description}`;

const actorRow = z.object({ actor: actorRecord });
const keyedActorRow = keyed(actorRecord);

/** Relationship types between actors; interpolated from this fixed list only. */
const actorRelationPattern = actorRelationTypes.join('|');

/** The relation bound to `r`, read from its start to its end; parsed by `actorRelationRecord`. */
const relationProjection = "{id: startNode(r).id + ':' + type(r) + ':' + endNode(r).id, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, evidenceIds: r.evidence}";

/** An actor's relations (`direction`, `other` bound): by type, OUTGOING first, then the other end. */
const relationsFromOneEnd = keyset([{ expr: 'type(r)' }, { expr: 'direction', desc: true }, { expr: 'other.name' }, { expr: 'other.id' }]);
/** Relations between any actors (`x` start, `y` end): by type, then both ends. */
const relationsBetween = keyset([{ expr: 'type(r)' }, { expr: 'x.name' }, { expr: 'x.id' }, { expr: 'y.name' }, { expr: 'y.id' }]);
/** Roles by title, then the other end (`h` holder, `o` organisation). */
const rolesOfHolder = keyset([{ expr: 'r.title' }, { expr: 'o.name' }, { expr: 'o.id' }]);
const rolesInOrganisation = keyset([{ expr: 'r.title' }, { expr: 'h.name' }, { expr: 'h.id' }]);

/** Which relations a list of relations reads: all of them, or one actor's (sought by its id, each relation once). */
function relationListMatch(filter: { actorId: string | null }): string {
  return filter.actorId ? `MATCH (:Actor {id: $actorId})-[r:${actorRelationPattern}]-(:Actor) WITH DISTINCT r` : `MATCH (:Actor)-[r:${actorRelationPattern}]->(:Actor)`;
}

export interface RelationArgs {
  /** Only these types (null: all). */
  types: ActorRelationType[] | null;
}

export interface ActorListFilter {
  search: string | null;
  kinds: ActorKind[] | null;
  topicId: string | null;
  stance: Stance | null;
}

/**
 * The filter's conditions, only those the filter sets (fixed fragments; values stay parameters). Leaving out the
 * unset ones lets the planner see a bare `MATCH (a:Actor)`: the count then comes from the count store instead of a
 * scan of every actor (10,001 db hits against 1 at M).
 */
function actorListWhere(filter: ActorListFilter): string {
  const conditions: string[] = [];
  if (filter.kinds !== null) conditions.push('a.kind IN $kinds');
  if (filter.search !== null) conditions.push('a.searchKey CONTAINS $search');
  if (filter.topicId !== null) {
    conditions.push(`EXISTS {
      MATCH (a)-[:HOLDS]->(p:Position)-[:ON]->(:Topic {id: $topicId})
      WHERE ($stance IS NULL OR p.stance = $stance) AND (p.validTo IS NULL OR p.validTo > date())
    }`);
  }
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}

/**
 * The keyset condition, written so that the (name, id) index can be sought and read in order: an unfiltered page then
 * costs its own size (~400 db hits at M), not a scan and sort of every actor (20,000; `$x IS NULL OR ...` kept the
 * index out). Unfiltered pages name the index (the planner preferred a label scan); filtered ones leave the choice to
 * the planner, since a selective filter may be better served from elsewhere.
 */
const afterActor = 'a.name >= $afterName AND (a.name > $afterName OR a.id > $afterId)';

export class ActorRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<ActorRecord[]> {
    const rows = await this.db.read('actorsByIds', `UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN ${actorProjection('a')} AS actor`, { ids }, actorRow);
    return rows.map((row) => row.actor);
  }

  /** A page of actors ordered by (name, id), after the cursor's key. */
  async list(filter: ActorListFilter, limit: number, after: CursorKey | null): Promise<ActorRecord[]> {
    const where = actorListWhere(filter);
    const rows = await this.db.read(
      'listActors',
      `MATCH (a:Actor) ${where === 'true' ? 'USING INDEX a:Actor(name, id)' : ''}
       WHERE ${where} AND a.id IS NOT NULL AND ${after ? afterActor : 'a.name IS NOT NULL'}
       RETURN ${actorProjection('a')} AS actor
       ORDER BY a.name, a.id
       LIMIT $limit`,
      { ...filter, afterName: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
      actorRow,
    );
    return rows.map((row) => row.actor);
  }

  async count(filter: ActorListFilter): Promise<number> {
    const where = actorListWhere(filter);
    const cypher = where === 'true' ? 'MATCH (a:Actor) RETURN count(a) AS count' : `MATCH (a:Actor) WHERE ${where} RETURN count(a) AS count`;
    const rows = await this.db.read('countActors', cypher, { ...filter }, countRow);
    return rows[0]?.count ?? 0;
  }

  /** A page of each actor's relations (both directions), by type, OUTGOING first, then the other end's name and id. */
  async relationsOf(ids: readonly string[], args: RelationArgs & { page: PageArgs }): Promise<Array<Keyed<z.output<typeof relationEdgeRow>>>> {
    return this.db.read(
      'actorRelations',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (a:Actor {id: id})-[r:${actorRelationPattern}]-(other:Actor)
         WHERE $types IS NULL OR type(r) IN $types
         WITH a, r, other, CASE WHEN startNode(r) = a THEN 'OUTGOING' ELSE 'INCOMING' END AS direction
         WITH r, other, direction, ${relationsFromOneEnd.column}
         WHERE ${relationsFromOneEnd.after}
         RETURN r, other, direction, sortKey ORDER BY ${relationsFromOneEnd.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${relationProjection} AS node, other.id AS actorId, direction`,
      { ids, types: args.types, after: args.page.after, limit: int(args.page.limit) },
      relationEdgeRow.extend({ key: z.string() }).transform(({ key, ...value }) => ({ key, value })),
    );
  }

  async countRelationsOf(ids: readonly string[], args: RelationArgs): Promise<Array<Keyed<number>>> {
    return this.db.read(
      'countActorRelations',
      `UNWIND $ids AS id
       RETURN id AS key, COUNT { MATCH (:Actor {id: id})-[r:${actorRelationPattern}]-(:Actor) WHERE $types IS NULL OR type(r) IN $types } AS value`,
      { ids, types: args.types },
      keyed(count),
    );
  }

  /** A page of relations between actors (Query.relations): by type, then both ends' names and ids. */
  async listRelations(filter: RelationArgs & { actorId: string | null }, page: PageArgs): Promise<Array<SortedRow<ActorRelationRecord>>> {
    return this.db.read(
      'listRelations',
      `${relationListMatch(filter)}
       WITH r, startNode(r) AS x, endNode(r) AS y
       WHERE $types IS NULL OR type(r) IN $types
       WITH r, ${relationsBetween.column}
       WHERE ${relationsBetween.after}
       WITH r, sortKey ORDER BY ${relationsBetween.order} LIMIT $limit
       RETURN sortKey, ${relationProjection} AS node`,
      { ...filter, after: page.after, limit: int(page.limit) },
      z.object({ sortKey: z.array(z.string()), node: actorRelationRecord }),
    );
  }

  async countRelations(filter: RelationArgs & { actorId: string | null }): Promise<number> {
    const rows = await this.db.read(
      'countRelations',
      `${relationListMatch(filter)} WITH r WHERE $types IS NULL OR type(r) IN $types RETURN count(r) AS count`,
      { ...filter },
      countRow,
    );
    return rows[0]?.count ?? 0;
  }

  /** A page of the roles held by each actor (`holder`) or held in it by others (`of`): by title, then the other end. */
  async roles(ids: readonly string[], side: 'holder' | 'of', page: PageArgs): Promise<Array<Keyed<SortedRow<RoleRecord>>>> {
    const match = side === 'holder' ? '(h:Actor {id: id})-[r:HOLDS_ROLE]->(o:Actor)' : '(h:Actor)-[r:HOLDS_ROLE]->(o:Actor {id: id})';
    const keys = side === 'holder' ? rolesOfHolder : rolesInOrganisation;
    return this.db.read(
      side === 'holder' ? 'rolesByHolder' : 'rolesByOrganisation',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH ${match}
         WITH h, r, o, ${keys.column}
         WHERE ${keys.after}
         RETURN h, r, o, sortKey ORDER BY ${keys.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, {id: h.id + ':' + o.id + ':' + r.title, title: r.title, holderId: h.id, ofId: o.id} AS node`,
      { ids, after: page.after, limit: int(page.limit) },
      z
        .object({ key: z.string(), sortKey: z.array(z.string()), node: roleRecord })
        .transform(({ key, ...value }) => ({ key, value })),
    );
  }

  async countRoles(ids: readonly string[], side: 'holder' | 'of'): Promise<Array<Keyed<number>>> {
    const pattern = side === 'holder' ? '(:Actor {id: id})-[:HOLDS_ROLE]->(:Actor)' : '(:Actor)-[:HOLDS_ROLE]->(:Actor {id: id})';
    return this.db.read(side === 'holder' ? 'countRolesByHolder' : 'countRolesByOrganisation', `UNWIND $ids AS id RETURN id AS key, COUNT { ${pattern} } AS value`, { ids }, keyed(count));
  }

  /** The authors of each proposal. */
  async authorsOfProposals(ids: readonly string[]): Promise<Array<Keyed<ActorRecord>>> {
    return this.db.read(
      'proposalAuthors',
      `UNWIND $ids AS id
       MATCH (:Proposal {id: id})-[:AUTHORED_BY]->(a:Actor)
       RETURN id AS key, ${actorProjection('a')} AS value ORDER BY a.name`,
      { ids },
      keyedActorRow,
    );
  }

  upsert(author: Author, input: z.output<typeof upsertActorInput>): Promise<{ actor: ActorRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('upsertActor', (tx) => upsertActorIn(tx, author, input));
  }

  merge(author: Author, input: z.output<typeof mergeActorsInput>): Promise<{ actor: ActorRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('mergeActors', async (tx) => {
      await lockActors(tx, [input.keepId, ...input.mergeIds]);
      await assertExist(tx, 'Actor', [input.keepId], 'input.keepId');
      await assertExist(tx, 'Actor', input.mergeIds, 'input.mergeIds');
      const snapshot = await tx.run(
        'mergeSnapshot',
        `MATCH (k:Actor {id: $keepId})
         MATCH (m:Actor) WHERE m.id IN $mergeIds
         RETURN k.name AS keepName, k.aliases AS keepAliases, collect(${actorProjection('m')}) AS merged`,
        input,
        z.object({ keepName: z.string(), keepAliases: textList, merged: z.array(actorRecord) }),
      );
      const { keepName, keepAliases, merged } = snapshot[0]!;
      const aliases = dedupeAliases(keepName, [...keepAliases, ...merged.flatMap((actor) => [actor.name, ...actor.aliases])]);
      await tx.exec('mergeAliases', `MATCH (n:Actor {id: $keepId}) SET n.aliases = $aliases, n.searchKey = $searchKey, ${stamp}`, {
        keepId: input.keepId,
        aliases,
        searchKey: actorSearchKey(keepName, aliases),
        by: author.label,
      });
      const present = await tx.run(
        'mergeRelationshipTypes',
        `MATCH (m:Actor)-[r]-() WHERE m.id IN $mergeIds
         RETURN DISTINCT type(r) AS type, startNode(r) = m AS outgoing`,
        input,
        z.object({ type: z.string(), outgoing: z.boolean() }),
      );
      for (const { type, outgoing } of present) {
        const known = oneOf(actorRelationshipTypes, type);
        if (!known) throw new Error(`mergeActors: relationship type ${type} is not known to the merge`);
        await moveRelationships(tx, known, outgoing, input.keepId, input.mergeIds);
      }
      await tx.exec('deleteMerged', 'MATCH (m:Actor) WHERE m.id IN $mergeIds DETACH DELETE m', input);
      const rows = await tx.run('mergedActor', `MATCH (a:Actor {id: $keepId}) RETURN ${actorProjection('a')} AS actor`, input, actorRow);
      // The snapshot keeps what the merged actors were, for the audit trail.
      const snapshotOfMerged = merged.map(({ __typename: _typename, ...actor }) => actor);
      const change = await audit(tx, author, 'mergeActors', [input.keepId, ...input.mergeIds], { ...input, merged: snapshotOfMerged });
      return { actor: rows[0]!.actor, change };
    });
  }

  relate(author: Author, input: z.output<typeof relateActorsInput>): Promise<ActorRelationPayloadRecord> {
    return this.db.writeTransaction('relateActors', async (tx) => {
      await lockActors(tx, [input.fromId, input.toId]);
      await assertExist(tx, 'Actor', [input.fromId], 'input.fromId');
      await assertExist(tx, 'Actor', [input.toId], 'input.toId');
      await assertExist(tx, 'Statement', input.evidence ?? [], 'input.evidence');
      // The type was checked against the vocabulary by the input schema: it is one of actorRelationTypes.
      const rows = await tx.run(
        'relateActors',
        `MATCH (a:Actor {id: $fromId}), (b:Actor {id: $toId})
         MERGE (a)-[r:${input.type}]->(b)
         SET r.evidence = coalesce(r.evidence, []) + [e IN $evidence WHERE NOT e IN coalesce(r.evidence, [])],
             r.updatedAt = datetime(), r.updatedBy = $by
         RETURN r.evidence AS evidence`,
        { ...input, evidence: input.evidence ?? [], by: author.label },
        z.object({ evidence: textList }),
      );
      const relation: ActorRelationRecord = {
        id: `${input.fromId}:${input.type}:${input.toId}`,
        type: input.type,
        fromId: input.fromId,
        toId: input.toId,
        evidenceIds: rows[0]?.evidence ?? [],
      };
      return { fromId: input.fromId, relation, change: await audit(tx, author, 'relateActors', [input.fromId, input.toId], input) };
    });
  }
}

/** Moves one relationship type (one direction) from the merged actors to the kept one, joining evidence lists. */
async function moveRelationships(tx: Tx, type: ActorRelationshipType, outgoing: boolean, keepId: string, mergeIds: string[]): Promise<void> {
  const pattern = outgoing ? `(m)-[r:${type}]->(x)` : `(x)-[r:${type}]->(m)`;
  // HOLDS_ROLE is keyed by its title: a holder may hold several roles in one organisation.
  const merged = type === 'HOLDS_ROLE' ? `[n:${type} {title: r.title}]` : `[n:${type}]`;
  const target = outgoing ? `(k)-${merged}->(x)` : `(x)-${merged}->(k)`;
  await tx.exec(
    `moveRelationships${type}${outgoing ? 'Out' : 'In'}`,
    `MATCH (k:Actor {id: $keepId})
     MATCH (m:Actor) WHERE m.id IN $mergeIds
     MATCH ${pattern}
     WHERE x <> k AND NOT (x:Actor AND x.id IN $mergeIds)
     WITH k, m, r, x, properties(r) AS moved
     MERGE ${target}
     WITH r, n, moved, properties(n) AS kept
     SET n += moved
     SET n += kept
     SET n.evidence = CASE
       WHEN moved.evidence IS NULL THEN kept.evidence
       WHEN kept.evidence IS NULL THEN moved.evidence
       ELSE kept.evidence + [e IN moved.evidence WHERE NOT e IN kept.evidence] END
     DELETE r`,
    { keepId, mergeIds },
  );
}

/** Aliases without the name itself and without case/accent duplicates, first spelling kept. */
function dedupeAliases(name: string, aliases: string[]): string[] {
  const seen = new Set([foldForSearch(name)]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const key = foldForSearch(alias);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    kept.push(alias);
  }
  return kept;
}

/** upsertActor inside a caller's transaction (acceptCandidate creates a speaker with the statement). */
export async function upsertActorIn(tx: Tx, author: Author, input: z.output<typeof upsertActorInput>): Promise<{ actor: ActorRecord; change: ChangeRecord }> {
  const id = await idOrSlug(tx, 'Actor', input.id, slugify(input.name, 'actor'), 'input.name');
  const existing = await tx.run('actorAliases', 'MATCH (a:Actor {id: $id}) RETURN a.aliases AS aliases', { id }, z.object({ aliases: textList }));
  const aliases = dedupeAliases(input.name, input.aliases ?? existing[0]?.aliases ?? []);
  const rows = await tx.run(
    'upsertActor',
    `MERGE (n:Entity:Actor {id: $id})
     SET n.name = $name, n.kind = $kind, n.aliases = $aliases, n.searchKey = $searchKey,
         n.description = CASE WHEN $description IS NULL THEN n.description ELSE $description END, ${stamp}
     RETURN ${actorProjection('n')} AS actor`,
    { id, name: input.name, kind: input.kind, aliases, searchKey: actorSearchKey(input.name, aliases), description: input.description, by: author.label },
    actorRow,
  );
  return { actor: rows[0]!.actor, change: await audit(tx, author, 'upsertActor', [id], input) };
}
