/**
 * The extractor's one read: the actors and topics its gazetteer links to, bounded (the largest graphs first by name;
 * a gazetteer of more than `limit` actors would slow every extraction more than it would help).
 */
import { z } from 'zod';
import { actorKinds } from '../vocabulary.js';
import { int, type QueryRunner } from '../neo4j/database.js';
import { buildGazetteer } from './gazetteer.js';
import type { Gazetteer } from './model.js';

export const GAZETTEER_LIMIT = 20_000;

const actorRow = z.object({ id: z.string(), name: z.string(), kind: z.enum(actorKinds), aliases: z.array(z.string()).nullable() });
const topicRow = z.object({ id: z.string(), name: z.string(), description: z.string().nullable() });

export async function readGazetteer(db: QueryRunner, limit = GAZETTEER_LIMIT): Promise<Gazetteer> {
  const actors = await db.read(
    'extractionGazetteerActors',
    `/* extractionGazetteerActors */ MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases ORDER BY a.name, a.id LIMIT $limit`,
    { limit: int(limit) },
    actorRow,
  );
  const topics = await db.read(
    'extractionGazetteerTopics',
    `/* extractionGazetteerTopics */ MATCH (t:Topic) RETURN t.id AS id, t.name AS name, t.description AS description ORDER BY t.name, t.id LIMIT $limit`,
    { limit: int(limit) },
    topicRow,
  );
  return buildGazetteer(actors, topics);
}
