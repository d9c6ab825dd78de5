/** Guards shared by every domain's resolvers. */

/** A relationship's far end vanished between two reads of one request: say so rather than return null for a non-null field. */
export function mustExist<T>(value: T | null | undefined, id: string): T {
  if (value === null || value === undefined) throw new Error(`node ${id} disappeared during the request`);
  return value;
}

/** The values a DataLoader found, without the misses and the errors. */
export function present<T>(values: ReadonlyArray<T | null | Error>): T[] {
  return values.filter((value): value is T => value !== null && !(value instanceof Error));
}
