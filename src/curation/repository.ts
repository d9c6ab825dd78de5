/**
 * The curators' writes. Each public method is one write transaction — checks, writes and the audit record
 * commit together or not at all — and returns the records the API answers with.
 */
import { GraphQLError } from 'graphql';
import { actorProjection, toActor, type ActorRecord, type ActorRelationRecord } from '../actor/model.js';
import { ErrorCode, badUserInput, notFound } from '../errors.js';
import { eventProjection, toEvent, type EventRecord } from '../event/model.js';
import { int, type QueryRunner, type Tx } from '../neo4j/database.js';
import { positionProjection, toPosition, type PositionRecord } from '../position/model.js';
import { actorRelationshipTypes, actorRelationTypes, oneOf } from '../vocabulary.js';
import { isInsideQuotation, locate } from '../seed/locate.js';
import { map, str, strOrNull, strings } from '../shared/rows.js';
import { actorSearchKey, foldForSearch } from '../shared/text.js';
import { sourceProjection, statementProjection, toSource, toStatement, type SourceRecord, type StatementRecord } from '../statement/model.js';
import { issueProjection, toIssue, type IssueRecord } from '../topic/model.js';
import type { Plain } from '../neo4j/records.js';
import type { z } from 'zod';
import type {
  addSourceInput,
  mergeActorsInput,
  recordEventInput,
  recordStatementInput,
  relateActorsInput,
  retractPositionInput,
  setPositionInput,
  upsertActorInput,
  upsertIssueInput,
} from './inputs.js';
import { slugify } from './inputs.js';

export interface ChangeRecord {
  id: string;
  at: string;
  by: string;
  mutation: string;
  targetIds: string[];
  input: string;
}

export interface Author {
  label: string;
}

const conflict = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });

/** Stamps who and when on a node bound to `n`. */
const stamp = 'n.updatedAt = datetime(), n.updatedBy = $by, n.createdAt = coalesce(n.createdAt, datetime()), n.createdBy = coalesce(n.createdBy, $by)';

export function toChange(value: Plain | undefined): ChangeRecord {
  const row = map(value);
  return {
    id: str(row.id),
    at: str(row.at),
    by: str(row.by),
    mutation: str(row.mutation),
    targetIds: strings(row.targetIds),
    input: str(row.input),
  };
}

export const changeProjection = 'c {.id, at: toString(c.at), .by, .mutation, .targetIds, .input}';

async function audit(tx: Tx, author: Author, mutation: string, targetIds: string[], input: unknown): Promise<ChangeRecord> {
  const rows = await tx.run(
    'recordChange',
    `CREATE (c:Change {id: randomUUID(), at: datetime(), by: $by, mutation: $mutation, targetIds: $targetIds, input: $input})
     RETURN ${changeProjection} AS change`,
    { by: author.label, mutation, targetIds, input: JSON.stringify(input) },
  );
  return toChange(rows[0]?.change);
}

/**
 * Takes the write locks of these actors for the rest of the transaction, in id order (so two writers cannot wait on
 * each other). A merge deletes actors after moving their relationships: without the lock, a position or relation
 * attached to a merged actor between the move and the delete was deleted with it (found by the race test).
 */
async function lockActors(tx: Tx, ids: string[]): Promise<void> {
  await tx.run('lockActors', 'UNWIND $ids AS id MATCH (a:Actor {id: id}) SET a._lock = true REMOVE a._lock', { ids: [...new Set(ids)].sort() });
}

/** The label of an existing node with this id, or null. */
async function kindOf(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.run('kindOfId', 'MATCH (n:Entity {id: $id}) RETURN [l IN labels(n) WHERE l <> "Entity" AND l <> "Topic"][0] AS kind', { id });
  return rows.length > 0 ? strOrNull(rows[0]!.kind) : null;
}

async function assertExist(tx: Tx, label: 'Actor' | 'Statement' | 'Topic' | 'Issue' | 'Source', ids: string[], argument: string): Promise<void> {
  if (ids.length === 0) return;
  // The label comes from the fixed union above, never from input.
  const rows = await tx.run('missingIds', `UNWIND $ids AS id WITH id WHERE NOT EXISTS { (:${label} {id: id}) } RETURN collect(id) AS missing`, { ids });
  const missing = strings(rows[0]?.missing);
  if (missing.length > 0) throw notFound(argument, `no ${label.toLowerCase()} with id ${missing.map((id) => `"${id}"`).join(', ')}`);
}

/** A new id: the slug, or CONFLICT naming the node that holds it already. */
async function freshId(tx: Tx, id: string, argument: string): Promise<string> {
  const existing = await kindOf(tx, id);
  if (existing) throw conflict(`${argument}: "${id}" is already taken by ${existing === 'Actor' || existing === 'Issue' || existing === 'Event' ? 'an' : 'a'} ${existing}; pass another id`);
  return id;
}

export class CurationRepository {
  constructor(private readonly db: QueryRunner) {}

  upsertActor(author: Author, input: z.output<typeof upsertActorInput>) {
    return this.db.writeTransaction('upsertActor', async (tx) => {
      let id: string;
      if (input.id) {
        const kind = await kindOf(tx, input.id);
        if (kind && kind !== 'Actor') throw conflict(`input.id: "${input.id}" is a ${kind}, not an Actor`);
        id = input.id;
      } else {
        id = await freshId(tx, slugify(input.name, 'actor'), 'input.name');
      }
      const existing = await tx.run('actorAliases', 'MATCH (a:Actor {id: $id}) RETURN a.aliases AS aliases', { id });
      const aliases = dedupeAliases(input.name, input.aliases ?? strings(existing[0]?.aliases));
      const rows = await tx.run(
        'upsertActor',
        `MERGE (n:Entity:Actor {id: $id})
         SET n.name = $name, n.kind = $kind, n.aliases = $aliases, n.searchKey = $searchKey,
             n.description = CASE WHEN $description IS NULL THEN n.description ELSE $description END, ${stamp}
         WITH n AS a
         RETURN ${actorProjection} AS actor`,
        { id, name: input.name, kind: input.kind, aliases, searchKey: actorSearchKey(input.name, aliases), description: input.description, by: author.label },
      );
      const actor = toActor(rows[0]?.actor);
      return { actor, change: await audit(tx, author, 'upsertActor', [id], input) };
    });
  }

  mergeActors(author: Author, input: z.output<typeof mergeActorsInput>) {
    return this.db.writeTransaction('mergeActors', async (tx) => {
      await lockActors(tx, [input.keepId, ...input.mergeIds]);
      await assertExist(tx, 'Actor', [input.keepId], 'input.keepId');
      await assertExist(tx, 'Actor', input.mergeIds, 'input.mergeIds');
      const snapshot = await tx.run(
        'mergeSnapshot',
        `MATCH (k:Actor {id: $keepId})
         MATCH (m:Actor) WHERE m.id IN $mergeIds
         RETURN k.name AS keepName, k.aliases AS keepAliases, collect(m {.id, .name, .kind, .aliases, .description}) AS merged`,
        input,
      );
      const row = snapshot[0]!;
      const merged = (Array.isArray(row.merged) ? row.merged : []).map((value) => map(value));
      const keepName = str(row.keepName);
      const aliases = dedupeAliases(keepName, [
        ...strings(row.keepAliases),
        ...merged.flatMap((actor) => [str(actor.name), ...strings(actor.aliases)]),
      ]);
      await tx.run('mergeAliases', `MATCH (n:Actor {id: $keepId}) SET n.aliases = $aliases, n.searchKey = $searchKey, ${stamp}`, {
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
      );
      for (const { type, outgoing } of present) {
        const relType = typeof type === 'string' ? oneOf(actorRelationshipTypes, type) : null;
        if (!relType) throw new Error(`mergeActors: relationship type ${String(type)} is not known to the merge`);
        await moveRelationships(tx, relType, outgoing === true, input.keepId, input.mergeIds);
      }
      await tx.run('deleteMerged', 'MATCH (m:Actor) WHERE m.id IN $mergeIds DETACH DELETE m', input);
      const rows = await tx.run('mergedActor', `MATCH (a:Actor {id: $keepId}) RETURN ${actorProjection} AS actor`, input);
      const change = await audit(tx, author, 'mergeActors', [input.keepId, ...input.mergeIds], { ...input, merged });
      return { actor: toActor(rows[0]?.actor), change };
    });
  }

  upsertIssue(author: Author, input: z.output<typeof upsertIssueInput>) {
    return this.db.writeTransaction('upsertIssue', async (tx) => {
      let id: string;
      if (input.id) {
        const kind = await kindOf(tx, input.id);
        if (kind && kind !== 'Issue') throw conflict(`input.id: "${input.id}" is a ${kind}, not an Issue`);
        id = input.id;
      } else {
        id = await freshId(tx, slugify(input.name, 'issue'), 'input.name');
      }
      if (input.parentId) {
        if (input.parentId === id) throw badUserInput('input.parentId', 'an issue cannot be its own parent');
        await assertExist(tx, 'Issue', [input.parentId], 'input.parentId');
        const cycle = await tx.run(
          'issueCycle',
          'MATCH (:Issue {id: $parentId})-[:SUB_ISSUE_OF*1..50]->(ancestor:Issue {id: $id}) RETURN count(*) AS count',
          { parentId: input.parentId, id },
        );
        if (Number(cycle[0]?.count) > 0) throw badUserInput('input.parentId', `"${input.parentId}" is already under "${id}": that would make a cycle`);
      }
      const rows = await tx.run(
        'upsertIssue',
        `MERGE (n:Entity:Topic:Issue {id: $id})
         SET n.name = $name, n.description = CASE WHEN $description IS NULL THEN n.description ELSE $description END, ${stamp}
         WITH n
         CALL (n) {
           WITH n WHERE $parentId IS NOT NULL
           OPTIONAL MATCH (n)-[old:SUB_ISSUE_OF]->()
           DELETE old
           WITH DISTINCT n
           MATCH (p:Issue {id: $parentId})
           MERGE (n)-[:SUB_ISSUE_OF]->(p)
         }
         WITH n AS t
         RETURN ${issueProjection} AS issue`,
        { id, name: input.name, description: input.description, parentId: input.parentId, by: author.label },
      );
      return { issue: toIssue(rows[0]?.issue), change: await audit(tx, author, 'upsertIssue', [id], input) };
    });
  }

  addSource(author: Author, input: z.output<typeof addSourceInput>): Promise<{ source: SourceRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('addSource', async (tx) => {
      const id = await freshId(tx, input.id ?? slugify(`${input.title}${input.publishedOn ? `-${input.publishedOn}` : ''}`, 'source'), input.id ? 'input.id' : 'input.title');
      const rows = await tx.run(
        'addSource',
        `CREATE (n:Entity:Source {id: $id})
         SET n.title = $title, n.outlet = $outlet, n.publishedOn = date($publishedOn), n.url = $url, n.text = $text,
             n.reliability = $reliability, n.reliabilityNote = $reliabilityNote, ${stamp}
         WITH n AS src
         RETURN ${sourceProjection} AS source`,
        { ...input, id, by: author.label },
      );
      return { source: toSource(rows[0]?.source), change: await audit(tx, author, 'addSource', [id], { ...input, text: `(${input.text.length} characters)` }) };
    });
  }

  recordStatement(author: Author, input: z.output<typeof recordStatementInput>): Promise<{ statement: StatementRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('recordStatement', async (tx) => {
      const words = input.text.split(/\s+/).slice(0, 8).join(' ');
      const id = await freshId(tx, input.id ?? slugify(`${input.speakerId ?? 'statement'} ${words}`, 'statement'), input.id ? 'input.id' : 'input.text');
      if (input.speakerId) await assertExist(tx, 'Actor', [input.speakerId], 'input.speakerId');
      const wanted = [
        ...(input.sourceIds ?? []).map((sourceId, index) => ({ sourceId, match: null as string | null, occurrence: 1, argument: `input.sourceIds[${index}]` })),
        ...(input.citations ?? []).map((citation, index) => ({
          sourceId: citation.sourceId,
          match: citation.match,
          occurrence: citation.occurrence ?? 1,
          argument: `input.citations[${index}]`,
        })),
      ];
      const seen = new Set<string>();
      for (const citation of wanted) {
        if (seen.has(citation.sourceId)) throw badUserInput(citation.argument, `source "${citation.sourceId}" is cited twice`);
        seen.add(citation.sourceId);
      }
      const texts = await tx.run('sourceTexts', 'UNWIND $ids AS id MATCH (s:Source {id: id}) RETURN s.id AS id, s.text AS text', { ids: [...seen] });
      const textOf = new Map(texts.map((row) => [str(row.id), str(row.text)]));
      const citations = wanted.map((citation) => {
        const text = textOf.get(citation.sourceId);
        if (text === undefined) throw notFound(citation.argument, `no source with id "${citation.sourceId}"`);
        const span = locate(text, citation.match ?? input.text, citation.occurrence);
        if (!span) throw badUserInput(citation.argument, `the words are not in source "${citation.sourceId}" (quotes and whitespace may differ; nothing else)`);
        if (input.kind === 'QUOTE' && !isInsideQuotation(text, span)) {
          throw badUserInput(citation.argument, `a QUOTE must be words inside quotation marks in source "${citation.sourceId}"`);
        }
        return { sourceId: citation.sourceId, start: span.start, end: span.end };
      });
      const rows = await tx.run(
        'recordStatement',
        `CREATE (n:Entity:Statement {id: $id})
         SET n.text = $text, n.kind = $kind, n.speakerNote = $speakerNote, n.saidOn = date($saidOn), n.dateSource = $dateSource, ${stamp}
         WITH n
         CALL (n) {
           MATCH (speaker:Actor {id: $speakerId})
           MERGE (n)-[:SAID_BY]->(speaker)
         }
         CALL (n) {
           UNWIND $citations AS citation
           MATCH (src:Source {id: citation.sourceId})
           CREATE (n)-[:CITED_IN {start: citation.start, end: citation.end}]->(src)
         }
         WITH n AS s
         RETURN ${statementProjection} AS statement`,
        { ...input, id, citations, by: author.label },
      );
      const targets = [id, ...(input.speakerId ? [input.speakerId] : []), ...citations.map((citation) => citation.sourceId)];
      return { statement: toStatement(rows[0]?.statement), change: await audit(tx, author, 'recordStatement', targets, input) };
    });
  }

  setPosition(author: Author, input: z.output<typeof setPositionInput>) {
    return this.db.writeTransaction('setPosition', async (tx) => {
      await lockActors(tx, [input.actorId]);
      await assertExist(tx, 'Actor', [input.actorId], 'input.actorId');
      await assertExist(tx, 'Topic', [input.topicId], 'input.topicId');
      await assertExist(tx, 'Statement', input.evidence, 'input.evidence');
      const dated = await tx.run(
        'evidenceDate',
        'MATCH (s:Statement) WHERE s.id IN $evidence AND s.saidOn IS NOT NULL RETURN toString(min(s.saidOn)) AS validFrom',
        input,
      );
      const validFrom = strOrNull(dated[0]?.validFrom);
      const params = { ...input, validFrom, by: author.label };

      let id: string;
      let superseded: PositionRecord[] = [];
      if (input.id) {
        const owner = await tx.run('positionOwner', 'MATCH (a:Actor)-[:HOLDS]->(:Position {id: $id})-[:ON]->(t:Topic) RETURN a.id AS actorId, t.id AS topicId', { id: input.id });
        if (owner.length > 0 && (owner[0]!.actorId !== input.actorId || owner[0]!.topicId !== input.topicId)) {
          throw conflict(`input.id: position "${input.id}" belongs to ${String(owner[0]!.actorId)} on ${String(owner[0]!.topicId)}`);
        }
        id = owner.length > 0 ? input.id : await freshId(tx, input.id, 'input.id');
        // An explicit id sets the evidence to exactly what is given.
        await tx.run('replaceEvidence', 'MATCH (:Position {id: $id})-[r:EVIDENCED_BY]->(s) WHERE NOT s.id IN $evidence DELETE r', { id, evidence: input.evidence });
      } else {
        const current = await tx.run(
          'currentPositions',
          `MATCH (a:Actor {id: $actorId})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: $topicId})
           WHERE p.validTo IS NULL OR p.validTo > date()
           RETURN p.id AS id, p.stance AS stance ORDER BY p.validFrom DESC, p.id`,
          input,
        );
        const same = current.find((row) => row.stance === input.stance);
        if (same) {
          id = str(same.id);
        } else {
          id = await this.nextPositionId(tx, `${input.actorId}-${input.topicId}`.slice(0, 100).replace(/-+$/, ''));
          const ended = await tx.run(
            'supersedePositions',
            `MATCH (a:Actor {id: $actorId})-[:HOLDS]->(p:Position)-[:ON]->(t:Topic {id: $topicId})
             WHERE (p.validTo IS NULL OR p.validTo > date()) AND p.stance <> $stance
             WITH a, p, t, coalesce(date($validFrom), date()) AS end
             SET p.validTo = CASE WHEN p.validFrom IS NOT NULL AND p.validFrom > end THEN p.validFrom ELSE end END,
                 p.updatedAt = datetime(), p.updatedBy = $by
             RETURN ${positionProjection} AS position`,
            params,
          );
          superseded = ended.map((row) => toPosition(row.position));
        }
      }
      const rows = await tx.run(
        'setPosition',
        `MATCH (a:Actor {id: $actorId}), (t:Topic {id: $topicId})
         MERGE (n:Entity:Position {id: $positionId})
         SET n.stance = $stance, n.summary = $summary, n.condition = $condition, ${stamp}
         MERGE (a)-[:HOLDS]->(n)
         MERGE (n)-[:ON]->(t)
         WITH a, t, n
         CALL (n) {
           UNWIND $evidence AS statementId
           MATCH (s:Statement {id: statementId})
           MERGE (n)-[:EVIDENCED_BY]->(s)
         }
         WITH a, t, n
         SET n.validFrom = COLLECT { MATCH (n)-[:EVIDENCED_BY]->(s:Statement) WHERE s.saidOn IS NOT NULL RETURN s.saidOn ORDER BY s.saidOn LIMIT 1 }[0]
         WITH a, t, n AS p
         RETURN ${positionProjection} AS position`,
        { ...params, positionId: id },
      );
      // The checks above ran before the write took its locks: a merge may have removed the actor meanwhile.
      if (rows.length === 0) throw notFound('input.actorId', `actor "${input.actorId}" or topic "${input.topicId}" was removed while the position was being set`);
      const position = toPosition(rows[0]?.position);
      const change = await audit(tx, author, 'setPosition', [id, input.actorId, input.topicId, ...superseded.map((p) => p.id)], input);
      return { position, superseded, change };
    });
  }

  private async nextPositionId(tx: Tx, base: string): Promise<string> {
    const rows = await tx.run('positionIds', 'MATCH (n:Entity) WHERE n.id = $base OR n.id STARTS WITH $prefix RETURN collect(n.id) AS ids', { base, prefix: `${base}-` });
    const taken = new Set(strings(rows[0]?.ids));
    if (!taken.has(base)) return base;
    for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
  }

  retractPosition(author: Author, input: z.output<typeof retractPositionInput>) {
    return this.db.writeTransaction('retractPosition', async (tx) => {
      const found = await tx.run(
        'positionToRetract',
        'MATCH (:Actor)-[:HOLDS]->(p:Position {id: $id}) RETURN toString(p.validFrom) AS validFrom, toString(p.validTo) AS validTo',
        input,
      );
      if (found.length === 0) throw notFound('input.id', `no position with id "${input.id}"`);
      const { validFrom, validTo } = found[0]!;
      if (typeof validTo === 'string') throw conflict(`input.id: position "${input.id}" was already retracted on ${validTo}`);
      const end = input.validTo ?? new Date().toISOString().slice(0, 10);
      if (typeof validFrom === 'string' && end < validFrom) throw badUserInput('input.validTo', `must not be before the position's validFrom (${validFrom})`);
      const rows = await tx.run(
        'retractPosition',
        `MATCH (a:Actor)-[:HOLDS]->(p:Position {id: $id})-[:ON]->(t:Topic)
         SET p.validTo = date($end), p.updatedAt = datetime(), p.updatedBy = $by
         RETURN ${positionProjection} AS position`,
        { id: input.id, end, by: author.label },
      );
      const position = toPosition(rows[0]?.position);
      return { position, superseded: [], change: await audit(tx, author, 'retractPosition', [input.id, position.actorId, position.topicId], input) };
    });
  }

  relateActors(author: Author, input: z.output<typeof relateActorsInput>): Promise<{ fromId: string; relation: ActorRelationRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('relateActors', async (tx) => {
      await lockActors(tx, [input.fromId, input.toId]);
      await assertExist(tx, 'Actor', [input.fromId], 'input.fromId');
      await assertExist(tx, 'Actor', [input.toId], 'input.toId');
      await assertExist(tx, 'Statement', input.evidence ?? [], 'input.evidence');
      const type = input.type;
      const rows = await tx.run(
        'relateActors',
        `MATCH (a:Actor {id: $fromId}), (b:Actor {id: $toId})
         MERGE (a)-[r:${type}]->(b)
         SET r.evidence = coalesce(r.evidence, []) + [e IN $evidence WHERE NOT e IN coalesce(r.evidence, [])],
             r.updatedAt = datetime(), r.updatedBy = $by
         RETURN r.evidence AS evidence`,
        { ...input, evidence: input.evidence ?? [], by: author.label },
      );
      const relation: ActorRelationRecord = { type, actorId: input.toId, direction: 'OUTGOING', evidenceIds: strings(rows[0]?.evidence) };
      return { fromId: input.fromId, relation, change: await audit(tx, author, 'relateActors', [input.fromId, input.toId], input) };
    });
  }

  recordEvent(author: Author, input: z.output<typeof recordEventInput>): Promise<{ event: EventRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('recordEvent', async (tx) => {
      let id: string;
      if (input.id) {
        const kind = await kindOf(tx, input.id);
        if (kind && kind !== 'Event') throw conflict(`input.id: "${input.id}" is a ${kind}, not an Event`);
        id = input.id;
      } else {
        id = await freshId(tx, slugify(`${input.name}${input.date ? `-${input.date}` : ''}`, 'event'), 'input.name');
      }
      const participants = input.participants ?? [];
      await assertExist(tx, 'Actor', [...new Set(participants.map((participant) => participant.actorId))], 'input.participants');
      await assertExist(tx, 'Statement', input.evidence ?? [], 'input.evidence');
      const rows = await tx.run(
        'recordEvent',
        `MERGE (n:Entity:Event {id: $id})
         SET n.name = $name,
             n.kind = coalesce($kind, n.kind), n.date = coalesce(date($date), n.date), n.dateSource = coalesce($dateSource, n.dateSource),
             n.endDate = coalesce(date($endDate), n.endDate), n.place = coalesce($place, n.place),
             n.description = coalesce($description, n.description), ${stamp}
         WITH n
         CALL (n) {
           UNWIND $participants AS participant
           MATCH (a:Actor {id: participant.actorId})
           MERGE (a)-[r:PARTICIPATED_IN]->(n)
           SET r.role = coalesce(participant.role, r.role)
         }
         CALL (n) {
           UNWIND $evidence AS statementId
           MATCH (s:Statement {id: statementId})
           MERGE (n)-[:EVIDENCED_BY]->(s)
         }
         WITH n AS e
         RETURN ${eventProjection} AS event`,
        { ...input, id, participants, evidence: input.evidence ?? [], by: author.label },
      );
      const targets = [id, ...new Set(participants.map((participant) => participant.actorId))];
      return { event: toEvent(rows[0]?.event), change: await audit(tx, author, 'recordEvent', targets, input) };
    });
  }
}

/** Moves one relationship type (one direction) from the merged actors to the kept one, joining evidence lists. */
async function moveRelationships(tx: Tx, type: (typeof actorRelationshipTypes)[number], outgoing: boolean, keepId: string, mergeIds: string[]): Promise<void> {
  const pattern = outgoing ? `(m)-[r:${type}]->(x)` : `(x)-[r:${type}]->(m)`;
  // HOLDS_ROLE is keyed by its title: a holder may hold several roles in one organisation.
  const merged = type === 'HOLDS_ROLE' ? `[n:${type} {title: r.title}]` : `[n:${type}]`;
  const target = outgoing ? `(k)-${merged}->(x)` : `(x)-${merged}->(k)`;
  await tx.run(
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

/** The audit trail, newest first. */
export class ChangeRepository {
  constructor(private readonly db: QueryRunner) {}

  async list(targetId: string | null, limit: number, after: Array<string | number | null> | null): Promise<ChangeRecord[]> {
    const rows = await this.db.read(
      'listChanges',
      `MATCH (c:Change)
       WHERE ($targetId IS NULL OR $targetId IN c.targetIds)
         AND ($afterAt IS NULL OR c.at < datetime($afterAt) OR (c.at = datetime($afterAt) AND c.id > $afterId))
       RETURN ${changeProjection} AS change
       ORDER BY c.at DESC, c.id
       LIMIT $limit`,
      { targetId, afterAt: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
    );
    return rows.map((row) => toChange(row.change));
  }

  async count(targetId: string | null): Promise<number> {
    const rows = await this.db.read('countChanges', 'MATCH (c:Change) WHERE $targetId IS NULL OR $targetId IN c.targetIds RETURN count(c) AS count', { targetId });
    return Number(rows[0]?.count ?? 0);
  }
}
