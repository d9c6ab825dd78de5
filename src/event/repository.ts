/** Events and who took part. */
import { int } from '../neo4j/database.js';
import type { QueryRunner } from '../neo4j/database.js';
import type { CursorKey } from '../shared/pagination.js';
import { num, str, strOrNull } from '../shared/rows.js';
import { eventProjection, toEvent, type EventRecord, type ParticipationRecord } from './model.js';

/** Oldest first, undated last. */
const eventSortDate = "coalesce(toString(e.date), '9999-12-31')";

export class EventRepository {
  constructor(private readonly db: QueryRunner) {}

  async byIds(ids: readonly string[]): Promise<EventRecord[]> {
    const rows = await this.db.read('eventsByIds', `UNWIND $ids AS id MATCH (e:Event {id: id}) RETURN ${eventProjection} AS event`, { ids });
    return rows.map((row) => toEvent(row.event));
  }

  async list(limit: number, after: CursorKey | null): Promise<EventRecord[]> {
    const rows = await this.db.read(
      'listEvents',
      `MATCH (e:Event)
       WITH e, ${eventSortDate} AS sortDate
       WHERE $afterDate IS NULL OR sortDate > $afterDate OR (sortDate = $afterDate AND e.id > $afterId)
       RETURN ${eventProjection} AS event
       ORDER BY sortDate, e.id
       LIMIT $limit`,
      { afterDate: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
    );
    return rows.map((row) => toEvent(row.event));
  }

  async count(): Promise<number> {
    const rows = await this.db.read('countEvents', 'MATCH (e:Event) RETURN count(e) AS count');
    return num(rows[0]?.count);
  }

  async participantsOf(ids: readonly string[]): Promise<Array<{ key: string; value: ParticipationRecord }>> {
    const rows = await this.db.read(
      'eventParticipants',
      `UNWIND $ids AS id
       MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Event {id: id})
       RETURN id AS key, a.id AS actorId, r.role AS role ORDER BY a.name`,
      { ids },
    );
    return rows.map((row) => ({ key: str(row.key), value: { actorId: str(row.actorId), eventId: str(row.key), role: strOrNull(row.role) } }));
  }
}

export function eventSortKey(event: EventRecord): [string, string] {
  return [event.date ?? '9999-12-31', event.id];
}
