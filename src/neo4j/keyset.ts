/**
 * Keyset pages in Cypher. A list's order is a sort key of non-null strings (`sortKey`, a list column); a page is the
 * rows after the cursor's key in that order, LIMIT first + 1. The same fragments serve top-level lists and lists nested
 * under many parents at once (one CALL per parent id, so one query answers a page for each parent of a batch).
 *
 * Only fixed expressions from the repositories go into these fragments; the cursor's key is the `$after` parameter.
 */

/** One part of a sort key: a Cypher expression giving a non-null string (dates via toString + coalesce). */
export interface SortPart {
  expr: string;
  desc?: boolean;
}

export interface Keyset {
  /** `[<parts>] AS sortKey`, for a WITH or RETURN. */
  column: string;
  /** Rows after `$after` (a list of strings, or null for the first page), with `sortKey` bound. */
  after: string;
  /** `ORDER BY` terms over `sortKey`. */
  order: string;
  /** The cursor's width (what decodeCursor checks). */
  width: number;
}

export function keyset(parts: readonly SortPart[]): Keyset {
  const beyond = parts.map((part, index) => {
    const equalBefore = parts.slice(0, index).map((_, before) => `sortKey[${before}] = $after[${before}]`);
    return `(${[...equalBefore, `sortKey[${index}] ${part.desc ? '<' : '>'} $after[${index}]`].join(' AND ')})`;
  });
  return {
    column: `[${parts.map((part) => part.expr).join(', ')}] AS sortKey`,
    after: `($after IS NULL OR ${beyond.join(' OR ')})`,
    order: parts.map((part, index) => `sortKey[${index}]${part.desc ? ' DESC' : ''}`).join(', '),
    width: parts.length,
  };
}

/**
 * A date as a sort-key string. A missing date sorts `high` ('9999-12-31': last in ascending order) or `low`
 * ('0000-00-00': last in descending order).
 */
export const sortDate = (expr: string, missing: 'high' | 'low') => `coalesce(toString(${expr}), '${missing === 'high' ? '9999-12-31' : '0000-00-00'}')`;
