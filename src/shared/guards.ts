/** Guards shared by every domain's resolvers. */
import { conflict } from '../errors.js';

/**
 * A relationship's far end vanished between two reads of one request (a curator merged or deleted it meanwhile): say
 * so, as the CONFLICT a concurrent change is, rather than return null for a non-null field or a masked server error.
 */
export function mustExist<T>(value: T | null | undefined, id: string): T {
  if (value === null || value === undefined) throw conflict(`node "${id}" was removed while this request read it (a concurrent change); try again.`);
  return value;
}

/** The values a DataLoader found, without the misses and the errors. */
export function present<T>(values: ReadonlyArray<T | null | Error>): T[] {
  return values.filter((value): value is T => value !== null && !(value instanceof Error));
}
