/** DataLoader factories: every batch is one query, and values come back in key order. */
import DataLoader from 'dataloader';

/** One record (or null) per id. */
export function byIdLoader<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await fetch(ids)).map((record) => [record.id, record]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** A list per key; `fetch` returns pairs tagged with the key they belong to. */
export function groupLoader<T>(fetch: (keys: readonly string[]) => Promise<Array<{ key: string; value: T }>>): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const { key, value } of await fetch(keys)) groups.get(key)?.push(value);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** A count per key (0 when the batch query has no row for it). */
export function countLoader(fetch: (keys: readonly string[]) => Promise<Array<{ key: string; value: number }>>): DataLoader<string, number> {
  return new DataLoader(async (keys) => {
    const counts = new Map((await fetch(keys)).map(({ key, value }) => [key, value]));
    return keys.map((key) => counts.get(key) ?? 0);
  });
}

/** The cache key of a (parent id, arguments) pair. */
export const argsKey = ({ id, args }: { id: string; args: object }): string => `${JSON.stringify(args)}\u0000${id}`;

/**
 * A list per (parent id, arguments) key. Keys of one batch that share arguments go in one query, so a batch
 * costs one query per distinct argument set in the document, never one per parent.
 */
export function groupLoaderWithArgs<A extends object, T>(
  fetch: (ids: readonly string[], args: A) => Promise<Array<{ key: string; value: T }>>,
): DataLoader<{ id: string; args: A }, T[], string> {
  return new DataLoader<{ id: string; args: A }, T[], string>(
    async (keys) => {
      const bySignature = new Map<string, { args: A; ids: string[] }>();
      for (const { id, args } of keys) {
        const signature = JSON.stringify(args);
        const group = bySignature.get(signature) ?? { args, ids: [] };
        group.ids.push(id);
        bySignature.set(signature, group);
      }
      const results = new Map<string, T[]>();
      await Promise.all(
        [...bySignature.values()].map(async ({ args, ids }) => {
          for (const id of ids) results.set(argsKey({ id, args }), []);
          for (const { key, value } of await fetch([...new Set(ids)], args)) results.get(argsKey({ id: key, args }))?.push(value);
        }),
      );
      return keys.map((key) => results.get(argsKey(key)) ?? []);
    },
    { cacheKeyFn: argsKey },
  );
}

/** A count per (parent id, arguments) key: one query per distinct argument set in a batch, like groupLoaderWithArgs. */
export function countLoaderWithArgs<A extends object>(
  fetch: (ids: readonly string[], args: A) => Promise<Array<{ key: string; value: number }>>,
): DataLoader<{ id: string; args: A }, number, string> {
  const lists = groupLoaderWithArgs(fetch);
  return new DataLoader<{ id: string; args: A }, number, string>(
    async (keys) => (await lists.loadMany(keys)).map((counts) => (counts instanceof Error ? counts : (counts[0] ?? 0))),
    { cacheKeyFn: argsKey },
  );
}
