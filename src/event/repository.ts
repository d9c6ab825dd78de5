/**
 * The event domain's Cypher: every query that returns events or who took part, and the curators' write of events.
 * Named, parameterized, batched by id lists; rows parsed by ./model.ts's schemas.
 */
import { z } from 'zod';
import { assertExist, audit, idOrSlug, stamp } from '../curation/repository.js';
import type { Author, ChangeRecord } from '../curation/model.js';
import { int, type QueryRunner } from '../neo4j/database.js';
import { slugify } from '../shared/input-fields.js';
import { keyset, sortDate } from '../neo4j/keyset.js';
import type { PageArgs, SortedRow } from '../shared/pagination.js';
import { count, countRow, keyed, sortedRow, type Keyed } from '../shared/rows.js';
import type { EventKind } from '../vocabulary.js';
import type { recordEventInput } from './inputs.js';
import { eventRecord, participationRecord, type EventRecord, type ParticipationRecord } from './model.js';

/** The projection of the event bound to `v`, parsed by `eventRecord`. */
const eventProjection = (v: string) =>
  `${v} {.id, .name, .kind, date: toString(${v}.date), .dateSource, endDate: toString(${v}.endDate), .place, .description}`;

const eventRow = z.object({ event: eventRecord });
const keyedEventRow = keyed(eventRecord);

/** Oldest first, undated last, then id (`e` bound). */
const oldestEventsFirst = keyset([{ expr: sortDate('e.date', 'high') }, { expr: 'e.id' }]);
/** Participants by name, then id (`a` bound). */
const participantsByName = keyset([{ expr: 'a.name' }, { expr: 'a.id' }]);

/** The filter of Query.events, checked (the participant exists; from <= to). */
export interface EventListFilter {
  from: string | null;
  to: string | null;
  participantId: string | null;
  kinds: EventKind[] | null;
}

/**
 * The events a filter matches (`e` bound): only the conditions it sets, so that a participant's events are sought from
 * the actor. An event lasting from date to endDate is "on" every day between.
 */
function eventListMatch(filter: EventListFilter): string {
  const conditions: string[] = [];
  if (filter.from) conditions.push('coalesce(e.endDate, e.date) >= date($from)');
  if (filter.to) conditions.push('e.date <= date($to)');
  if (filter.kinds) conditions.push('e.kind IN $kinds');
  const match = filter.participantId ? 'MATCH (:Actor {id: $participantId})-[:PARTICIPATED_IN]->(e:Event)' : 'MATCH (e:Event)';
  return conditions.length > 0 ? `${match} WHERE ${conditions.join(' AND ')}` : match;
}

export class EventRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<EventRecord[]> {
    const rows = await this.db.read('eventsByIds', `UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN ${eventProjection('e')} AS event`, { ids }, eventRow);
    return rows.map((row) => row.event);
  }

  /** A page of events, oldest first (undated last), filtered (Query.events). */
  async list(filter: EventListFilter, page: PageArgs): Promise<Array<SortedRow<EventRecord>>> {
    return this.db.read(
      'listEvents',
      `${eventListMatch(filter)}
       WITH e, ${oldestEventsFirst.column}
       WHERE ${oldestEventsFirst.after}
       WITH e, sortKey ORDER BY ${oldestEventsFirst.order} LIMIT $limit
       RETURN sortKey, ${eventProjection('e')} AS node`,
      { ...filter, after: page.after, limit: int(page.limit) },
      z.object({ sortKey: z.array(z.string()), node: eventRecord }),
    );
  }

  async count(filter: EventListFilter): Promise<number> {
    const rows = await this.db.read('countEvents', `${eventListMatch(filter)} RETURN count(e) AS count`, { ...filter }, countRow);
    return rows[0]?.count ?? 0;
  }

  /** A page of each event's participants, by name. */
  async participantsOf(ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<ParticipationRecord>>>> {
    return this.db.read(
      'eventParticipants',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Event {id: id})
         WITH a, r, ${participantsByName.column}
         WHERE ${participantsByName.after}
         RETURN a, r, sortKey ORDER BY ${participantsByName.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, {id: id + ':' + a.id, actorId: a.id, eventId: id, role: r.role} AS node`,
      { ids, after: page.after, limit: int(page.limit) },
      sortedRow(participationRecord),
    );
  }

  async countParticipants(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.db.read('countEventParticipants', 'UNWIND $ids AS id RETURN id AS key, COUNT { (:Actor)-[:PARTICIPATED_IN]->(:Event {id: id}) } AS value', { ids }, keyed(count));
  }

  /** A page of the events each actor took part in, oldest first (undated last). */
  async ofActors(ids: readonly string[], page: PageArgs): Promise<Array<Keyed<SortedRow<EventRecord>>>> {
    return this.db.read(
      'actorEvents',
      `UNWIND $ids AS id
       CALL (id) {
         MATCH (:Actor {id: id})-[:PARTICIPATED_IN]->(e:Event)
         WITH e, ${oldestEventsFirst.column}
         WHERE ${oldestEventsFirst.after}
         RETURN e, sortKey ORDER BY ${oldestEventsFirst.order} LIMIT $limit
       }
       RETURN id AS key, sortKey, ${eventProjection('e')} AS node`,
      { ids, after: page.after, limit: int(page.limit) },
      sortedRow(eventRecord),
    );
  }

  async countOfActors(ids: readonly string[]): Promise<Array<Keyed<number>>> {
    return this.db.read('countActorEvents', 'UNWIND $ids AS id RETURN id AS key, COUNT { (:Actor {id: id})-[:PARTICIPATED_IN]->(:Event) } AS value', { ids }, keyed(count));
  }

  /** The events each statement reports. */
  async reportedBy(ids: readonly string[]): Promise<Array<Keyed<EventRecord>>> {
    return this.db.read(
      'statementEvents',
      `UNWIND $ids AS id
       MATCH (e:Event)-[:EVIDENCED_BY]->(:Statement {id: id})
       RETURN id AS key, ${eventProjection('e')} AS value ORDER BY e.date, e.id`,
      { ids },
      keyedEventRow,
    );
  }

  record(author: Author, input: z.output<typeof recordEventInput>): Promise<{ event: EventRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('recordEvent', async (tx) => {
      const id = await idOrSlug(tx, 'Event', input.id, slugify(`${input.name}${input.date ? `-${input.date}` : ''}`, 'event'), 'input.name');
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
         RETURN ${eventProjection('n')} AS event`,
        { ...input, id, participants, evidence: input.evidence ?? [], by: author.label },
        eventRow,
      );
      const targets = [id, ...new Set(participants.map((participant) => participant.actorId))];
      return { event: rows[0]!.event, change: await audit(tx, author, 'recordEvent', targets, input) };
    });
  }
}
