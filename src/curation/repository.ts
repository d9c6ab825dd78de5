/**
 * The audit trail, and the checks every curator's write shares. Each domain's repository does its own writes (actor:
 * upsert, merge, relate; position: set, retract...) inside one transaction, using these helpers on the same `tx`, and
 * ends with `audit()`, so the change and its record commit together or not at all.
 */
import { z } from 'zod';
import { conflict, notFound } from '../errors.js';
import { int, type QueryRunner, type Tx } from '../neo4j/database.js';
import type { CursorKey } from '../shared/pagination.js';
import { countRow } from '../shared/rows.js';
import { changeRecord, type Author, type ChangeRecord } from './model.js';

/** Stamps who and when on a node bound to `n` (a SET clause; `$by` is the author's label). */
export const stamp = 'n.updatedAt = datetime(), n.updatedBy = $by, n.createdAt = coalesce(n.createdAt, datetime()), n.createdBy = coalesce(n.createdBy, $by)';

const changeProjection = 'c {.id, at: toString(c.at), .by, .mutation, .targetIds, .input}';
const changeRow = z.object({ change: changeRecord });

/** Records the write in the audit trail, in the write's own transaction. */
export async function audit(tx: Tx, author: Author, mutation: string, targetIds: string[], input: unknown): Promise<ChangeRecord> {
  const rows = await tx.run(
    'recordChange',
    `CREATE (c:Change {id: randomUUID(), at: datetime(), by: $by, mutation: $mutation, targetIds: $targetIds, input: $input})
     RETURN ${changeProjection} AS change`,
    { by: author.label, mutation, targetIds, input: JSON.stringify(input) },
    changeRow,
  );
  return rows[0]!.change;
}

/**
 * Takes the write locks of these actors for the rest of the transaction, in id order (so two writers cannot wait on
 * each other). A merge deletes actors after moving their relationships: without the lock, a position or relation
 * attached to a merged actor between the move and the delete was deleted with it (found by the race test).
 */
export async function lockActors(tx: Tx, ids: string[]): Promise<void> {
  await tx.exec('lockActors', 'UNWIND $ids AS id MATCH (a:Actor {id: id}) SET a._lock = true REMOVE a._lock', { ids: [...new Set(ids)].sort() });
}

const kindRow = z.object({ kind: z.string().nullable() });

/** The label of an existing node with this id, or null. */
async function kindOf(tx: Tx, id: string): Promise<string | null> {
  const rows = await tx.run('kindOfId', 'MATCH (n:Entity {id: $id}) RETURN [l IN labels(n) WHERE l <> "Entity" AND l <> "Topic"][0] AS kind', { id }, kindRow);
  return rows[0]?.kind ?? null;
}

const missingRow = z.object({ missing: z.array(z.string()) });

/** NOT_FOUND naming the argument and the ids that do not exist as `label`. */
export async function assertExist(tx: Tx, label: 'Actor' | 'Statement' | 'Topic' | 'Issue' | 'Source', ids: string[], argument: string): Promise<void> {
  if (ids.length === 0) return;
  // The label comes from the fixed union above, never from input.
  const rows = await tx.run('missingIds', `UNWIND $ids AS id WITH id WHERE NOT EXISTS { (:${label} {id: id}) } RETURN collect(id) AS missing`, { ids }, missingRow);
  const missing = rows[0]?.missing ?? [];
  if (missing.length > 0) throw notFound(argument, `no ${label.toLowerCase()} with id ${missing.map((id) => `"${id}"`).join(', ')}`);
}

const article = (kind: string) => (/^[AEIOU]/.test(kind) ? 'an' : 'a');

/** A new node's id: `id` when no node holds it, otherwise CONFLICT naming the node that does. */
export async function newId(tx: Tx, id: string, argument: string): Promise<string> {
  const existing = await kindOf(tx, id);
  if (existing) throw conflict(`${argument}: "${id}" is already taken by ${article(existing)} ${existing}; pass another id`);
  return id;
}

/**
 * The id a create-or-update writes to: the given id (updating the node when it exists, so it must be of `kind`), or
 * without one a new slug (CONFLICT when taken, so that a name never silently updates another node).
 */
export async function idOrSlug(tx: Tx, kind: 'Actor' | 'Issue' | 'Event', given: string | null, slug: string, slugArgument: string): Promise<string> {
  if (!given) return newId(tx, slug, slugArgument);
  const existing = await kindOf(tx, given);
  if (existing && existing !== kind) throw conflict(`input.id: "${given}" is ${article(existing)} ${existing}, not ${article(kind)} ${kind}`);
  return given;
}

/** `base` when no node holds it, otherwise the first free `base-2`, `base-3`... (two statements may share their first words). */
export async function nextFreeId(tx: Tx, base: string): Promise<string> {
  const rows = await tx.run(
    'freeIds',
    'MATCH (n:Entity) WHERE n.id = $base OR n.id STARTS WITH $prefix RETURN collect(n.id) AS ids',
    { base, prefix: `${base}-` },
    z.object({ ids: z.array(z.string()) }),
  );
  const taken = new Set(rows[0]?.ids ?? []);
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${base}-${suffix}`)) return `${base}-${suffix}`;
}

/** The audit trail, newest first. */
export class ChangeRepository {
  constructor(private readonly db: QueryRunner) {}

  async list(targetId: string | null, limit: number, after: CursorKey | null): Promise<ChangeRecord[]> {
    const rows = await this.db.read(
      'listChanges',
      `MATCH (c:Change)
       WHERE ($targetId IS NULL OR $targetId IN c.targetIds)
         AND ($afterAt IS NULL OR c.at < datetime($afterAt) OR (c.at = datetime($afterAt) AND c.id > $afterId))
       RETURN ${changeProjection} AS change
       ORDER BY c.at DESC, c.id
       LIMIT $limit`,
      { targetId, afterAt: after?.[0] ?? null, afterId: after?.[1] ?? null, limit: int(limit) },
      changeRow,
    );
    return rows.map((row) => row.change);
  }

  async count(targetId: string | null): Promise<number> {
    const rows = await this.db.read('countChanges', 'MATCH (c:Change) WHERE $targetId IS NULL OR $targetId IN c.targetIds RETURN count(c) AS count', { targetId }, countRow);
    return rows[0]?.count ?? 0;
  }
}
