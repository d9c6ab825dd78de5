/**
 * The one rule for unknown ids. A lookup (`actor(id)`, `node(id)`) answers null; an argument that must name an
 * existing node (`agreement(a, b)`, `compare(actorIds)`, `paths`, a filter's `actorIds`...) is refused with NOT_FOUND
 * and `extensions.argument`, before any other query runs. One batched query per request, whatever the number of ids.
 */
import type DataLoader from 'dataloader';
import { notFound } from '../errors.js';
import type { NodeKind } from '../vocabulary.js';
import type { NodeRef } from './repository.js';

const article = (kind: string) => (/^[AEIOU]/.test(kind) ? 'an' : 'a');

/** Resolves when every id names a node of one of `kinds`; otherwise NOT_FOUND naming the argument and the first unknown id. */
export async function requireNodes(
  loaders: { nodeRefById: DataLoader<string, NodeRef | null> },
  argument: string,
  ids: readonly string[],
  kinds: readonly NodeKind[],
): Promise<void> {
  const refs = await loaders.nodeRefById.loadMany(ids);
  refs.forEach((ref, index) => {
    if (ref instanceof Error) throw ref;
    if (ref === null || !kinds.includes(ref.kind)) {
      const wanted = kinds.map((kind) => kind.toLowerCase()).join(' or ');
      throw notFound(argument, `no ${wanted} with id "${ids[index]}"${ref ? ` (it is ${article(ref.kind)} ${ref.kind.toLowerCase()})` : ''}`);
    }
  });
}
