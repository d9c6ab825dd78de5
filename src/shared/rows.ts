/**
 * Building blocks of the row schemas every repository parses its rows with (see neo4j/database.ts). A missing node
 * property reaches us as null, so optional properties are nullable; lists may be absent and read as empty.
 */
import { z } from 'zod';

export const optionalText = z.string().nullable();
/** A list property that may be unset on the node. */
export const textList = z
  .array(z.string())
  .nullable()
  .transform((list) => list ?? []);
export const count = z.number().int().nonnegative();

/** Rows of a batch query: each value tagged with the key (parent id) it belongs to. */
export const keyed = <V extends z.ZodType>(value: V) => z.object({ key: z.string(), value });
export type Keyed<V> = { key: string; value: V };

/** `RETURN count(x) AS count`. */
export const countRow = z.object({ count });

/** Rows of a batch of keyset pages (see neo4j/keyset.ts): `key`, `sortKey` and `node`, as a keyed sorted row. */
export const sortedRow = <V extends z.ZodType>(node: V) =>
  z.object({ key: z.string(), sortKey: z.array(z.string()), node }).transform((row) => {
    // Parsed by the schema above; only TypeScript cannot follow a generic `node` through zod's object type.
    const { key, sortKey, node: value } = row as { key: string; sortKey: string[]; node: z.output<V> };
    return { key, value: { node: value, sortKey } };
  });
