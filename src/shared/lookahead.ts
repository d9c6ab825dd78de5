/**
 * Look-ahead: which fields a client asks below the field being resolved, so that one query can fetch a whole subtree
 * (positions with their topics, evidence, speakers, citations and sources) instead of one round trip per level.
 *
 * graphql-parse-resolve-info does the reading (aliases, named and inline fragments, @skip/@include); this file only
 * merges what it finds over aliases and type conditions into field names, since a repository cares which fields are
 * needed, not how they were spelled.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

export interface Selection {
  readonly fields: ReadonlyMap<string, Selection>;
}

const empty: Selection = { fields: new Map() };

/**
 * graphql-js hands every item of a list the same `fieldNodes` array (its sub-field collection is memoized), so one
 * parse serves all the items of a list, and the parents of a batch.
 */
const cache = new WeakMap<object, Selection>();

/** The fields selected under the current field. */
export function lookAhead(info: GraphQLResolveInfo): Selection {
  const cached = cache.get(info.fieldNodes);
  if (cached) return cached;
  const tree = parseResolveInfo(info, { deep: true }) as ResolveTree | null | undefined;
  const selection = tree ? toSelection([tree]) : empty;
  cache.set(info.fieldNodes, selection);
  return selection;
}

/** The selection under `name` (merged over its aliases), or null when the field is not asked. */
export function field(selection: Selection | null, name: string): Selection | null {
  return selection?.fields.get(name) ?? null;
}

function toSelection(trees: ResolveTree[]): Selection {
  const children = new Map<string, ResolveTree[]>();
  for (const tree of trees) {
    for (const byAlias of Object.values(tree.fieldsByTypeName)) {
      for (const child of Object.values(byAlias)) children.set(child.name, [...(children.get(child.name) ?? []), child]);
    }
  }
  return { fields: new Map([...children].map(([name, group]) => [name, toSelection(group)])) };
}
