/**
 * The event domain's Cypher: every query that returns events or who took part, and the curators' write of events.
 * Named, parameterized, batched by id lists; rows parsed by ./model.ts's schemas.
 */
import { z } from 'zod';
import { assertExist, audit, idOrSlug, stamp } from '../curation/repository.js';
import type { Author, ChangeRecord } from '../curation/model.js';
import { int, type QueryRunner } from '../neo4j/database.js';
import { slugify } from '../shared/input-fields.js';
import type { CursorKey } from '../shared/pagination.js';
import { countRow, keyed, type Keyed } from '../shared/rows.js';
import type { recordEventInput } from './inputs.js';
import { eventRecord, participationRecord, type EventRecord, type ParticipationRecord } from './model.js';

/** The projection of the event bound to `v`, parsed by `eventRecord`. */
const eventProjection = (v: string) =>
  `${v} {.id, .name, .kind, date: toString(${v}.date), .dateSource, endDate: toString(${v}.endDate), .place, .description}`;

const eventRow = z.object({ event: eventRecord });
const keyedEventRow = keyed(eventRecord);

/** Oldest first, undated last. */
const eventSortDate = "coalesce(toString(e.date), '9999-12-31')";

export class EventRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<EventRecord[]> {
    const rows = await this.db.read('eventsByIds', `UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN ${eventProjection('e')} AS event`, { ids }, eventRow);
    return rows.map((row) => row.event);
  }

  async list(limit: number, after: CursorKey | null): Promise<EventRecord[]> {
    const rows = await this.db.read(
      'listEvents',
      `MATCH (e:Event)
       WITH e, ${eventSortDate} AS sortDate
       WHERE $afterDate IS NULL OR sortDate > $afterDate OR (sortDate = $afterDate AND e.id > $afterId)
       RETURN ${eventProjection('e')} AS event
       ORDER BY sortDate, e.id
       LIMIT $limit`,
      { afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
      eventRow,
    );
    return rows.map((row) => row.event);
  }

  async count(): Promise<number> {
    const rows = await this.db.read('countEvents', 'MATCH (e:Event) RETURN count(e) AS count', {}, countRow);
    return rows[0]?.count ?? 0;
  }

  async participantsOf(ids: readonly string[]): Promise<Array<Keyed<ParticipationRecord>>> {
    return this.db.read(
      'eventParticipants',
      `UNWIND $ids AS id
       MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Event {id: id})
       RETURN id AS key, {actorId: a.id, eventId: id, role: r.role} AS value ORDER BY a.name`,
      { ids },
      keyed(participationRecord),
    );
  }

  /** The events each actor took part in, oldest first. */
  async ofActors(ids: readonly string[]): Promise<Array<Keyed<EventRecord>>> {
    return this.db.read(
      'actorEvents',
      `UNWIND $ids AS id
       MATCH (:Actor {id: id})-[:PARTICIPATED_IN]->(e:Event)
       RETURN id AS key, ${eventProjection('e')} AS value
       ORDER BY e.date, e.id`,
      { ids },
      keyedEventRow,
    );
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
