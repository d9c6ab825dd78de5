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
