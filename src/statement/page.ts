/** Pages of statements newest first, for the lists nested under another node (an actor's statements, a search). */
import { decodeCursor, pageSize, toConnection, type Connection, type CursorKey } from '../shared/pagination.js';
import type { StatementRecord } from './model.js';

export async function statementPage(
  first: number | null | undefined,
  after: string | null | undefined,
  load: (args: { limit: number; after: CursorKey | null }) => Promise<Array<StatementRecord & { sortDate: string }>>,
  count: () => Promise<number>,
): Promise<Connection<StatementRecord>> {
  const limit = pageSize(first);
  const cursor = decodeCursor(after, 'statements', ['string', 'string']);
  const rows = await load({ limit: limit + 1, after: cursor });
  return toConnection<StatementRecord & { sortDate: string }>(rows, limit, 'statements', (row) => [row.sortDate, row.id], count);
}
