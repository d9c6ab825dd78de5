/**
 * Relay connections with keyset cursors: a cursor holds the sort key of its item (not an offset), so pages
 * stay stable when nodes are inserted. Cursors are opaque base64url JSON tagged with the list they belong to.
 */
import { badUserInput } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  /** The edges' nodes (GitHub's shortcut for clients that need no cursors). */
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when asked for: a separate query (or a batched loader) per connection. */
  totalCount: () => Promise<number>;
}

export type CursorKey = Array<string | number | null>;

export function pageSize(first: number | null | undefined, argument = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(argument, `must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

export function encodeCursor(list: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ l: list, k: key }), 'utf8').toString('base64url');
}

/** What each position of a cursor's key must be; keys are compared in Cypher, so their types are checked here. */
export type KeyPart = 'string' | 'int' | 'float' | 'timestamp';

/** Neo4j's toString(datetime) in UTC; like Java's, it leaves out zero seconds and trailing zero fractions. */
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/** A timestamp naming a real instant (no month 13, no 25 o'clock, no Feb 30). */
function isTimestamp(value: string): boolean {
  if (!isoTimestamp.test(value)) return false;
  const time = Date.parse(value);
  // Date.parse rolls impossible days over (Feb 30 -> Mar 2); the round trip catches that.
  const compared = value.length >= 19 ? 19 : 16;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, compared) === value.slice(0, compared);
}

function fits(value: unknown, part: KeyPart): boolean {
  switch (part) {
    case 'string':
      return typeof value === 'string' && value.length <= 1000;
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    case 'float':
      // A relevance score: JSON keeps a double exactly, so it compares equal to the score it was read from.
      return typeof value === 'number' && Number.isFinite(value);
    case 'timestamp':
      return typeof value === 'string' && isTimestamp(value);
  }
}

/**
 * The sort key inside a cursor. A cursor that does not decode, belongs to another list, or holds values of the
 * wrong shape is refused with BAD_USER_INPUT, before any query runs.
 */
export function decodeCursor(after: string | null | undefined, list: string, shape: readonly KeyPart[], argument = 'after'): CursorKey | null {
  if (after === null || after === undefined) return null;
  const invalid = () => badUserInput(argument, 'is not a cursor of this list (use pageInfo.endCursor or an edge cursor)');
  if (after.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(after)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const payload = decoded as { l?: unknown; k?: unknown };
  if (
    typeof payload !== 'object' ||
    payload === null ||
    payload.l !== list ||
    !Array.isArray(payload.k) ||
    payload.k.length !== shape.length ||
    !payload.k.every((value, index) => fits(value, shape[index]!))
  ) {
    throw invalid();
  }
  return payload.k as CursorKey;
}

/** Builds a connection from rows fetched with LIMIT first + 1 (the extra row says whether a next page exists). */
export function toConnection<T>(
  rows: T[],
  first: number,
  list: string,
  keyOf: (node: T) => CursorKey,
  totalCount: () => Promise<number>,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(list, keyOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** What a keyset page query is given: how many rows to fetch (first + 1) and the key to start after. */
export interface PageArgs {
  limit: number;
  after: string[] | null;
}

/** A row of a keyset page (see neo4j/keyset.ts): the node, any edge fields beside it, and its sort key. */
export interface SortedRow<T> {
  node: T;
  sortKey: string[];
}

/**
 * A connection from a keyset query: checks `first` and `after` (a cursor of this list, `width` strings wide), loads
 * first + 1 rows after it, and gives each edge its cursor. Edge fields other than `node` (a relation's direction...)
 * travel on the rows.
 */
export async function keysetConnection<R extends SortedRow<unknown>>(
  first: number | null | undefined,
  after: string | null | undefined,
  list: string,
  width: number,
  load: (page: PageArgs) => Promise<R[]>,
  totalCount: () => Promise<number>,
): Promise<Connection<R['node']> & { edges: Array<Omit<R, 'sortKey'> & { cursor: string }> }> {
  const limit = pageSize(first);
  const key = decodeCursor(after, list, Array<KeyPart>(width).fill('string'));
  const rows = await load({ limit: limit + 1, after: key as string[] | null });
  const edges = rows.slice(0, limit).map(({ sortKey, ...edge }) => ({ ...edge, cursor: encodeCursor(list, sortKey) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * A page of a list already in memory (a computed result): the cursor holds the item's position and id, so a page
 * resumes after that item, or after its position if the list changed meanwhile.
 */
export function listConnection<T>(items: readonly T[], first: number | null | undefined, after: string | null | undefined, list: string, idOf: (item: T) => string): Connection<T> {
  const limit = pageSize(first);
  const key = decodeCursor(after, list, ['int', 'string']);
  let start = 0;
  if (key) {
    const [position, id] = key as [number, string];
    const at = items[position];
    start = at !== undefined && idOf(at) === id ? position + 1 : items.findIndex((item) => idOf(item) === id) + 1 || position + 1;
  }
  const page = items.slice(start, start + limit);
  const edges = page.map((node, i) => ({ cursor: encodeCursor(list, [start + i, idOf(node)]), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: start + limit < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => Promise.resolve(items.length),
  };
}
