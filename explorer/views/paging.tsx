/**
 * "More" for a connection whose first page came with the view's query: later pages are fetched on demand through
 * the same client (and its cache) and appended. A new first page (another id, a refetch) starts over.
 */
import { useState } from 'react';

export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: readonly T[];
}

export interface Paged<T> {
  nodes: T[];
  totalCount: number;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
}

interface Loaded<T> {
  first: Page<T> | null;
  pages: Page<T>[];
  loading: boolean;
  error: string | null;
}

export function useMorePages<T>(first: Page<T> | null | undefined, fetchPage: (after: string) => Promise<Page<T> | null>): Paged<T> {
  const base = first ?? null;
  const [loaded, setLoaded] = useState<Loaded<T>>({ first: base, pages: [], loading: false, error: null });
  const current: Loaded<T> = loaded.first === base ? loaded : { first: base, pages: [], loading: false, error: null };
  const last = current.pages.at(-1) ?? base;
  const hasMore = Boolean(last?.pageInfo.hasNextPage && last.pageInfo.endCursor);

  const loadMore = () => {
    const after = last?.pageInfo.endCursor;
    if (!hasMore || !after || current.loading) return;
    setLoaded({ ...current, loading: true, error: null });
    const keep = (update: (state: Loaded<T>) => Loaded<T>) => setLoaded((state) => (state.first === base ? update(state) : state));
    fetchPage(after).then(
      (page) => keep((state) => ({ ...state, loading: false, pages: page ? [...state.pages, page] : state.pages, error: page ? null : 'The next page came back empty.' })),
      (error: unknown) => keep((state) => ({ ...state, loading: false, error: error instanceof Error ? error.message : String(error) })),
    );
  };

  return {
    nodes: [...(base?.nodes ?? []), ...current.pages.flatMap((page) => page.nodes)],
    totalCount: base?.totalCount ?? 0,
    hasMore,
    loading: current.loading,
    error: current.error,
    loadMore,
  };
}

/** The "more" button (only while there is more), and what went wrong if a page failed to load. */
export function MoreButton<T>({ paged, noun }: { paged: Paged<T>; noun: string }) {
  if (!paged.hasMore && !paged.error) return null;
  return (
    <div className="pager">
      {paged.hasMore && (
        <button type="button" onClick={paged.loadMore} disabled={paged.loading}>
          {paged.loading ? `Loading more ${noun}…` : `More ${noun} (showing ${paged.nodes.length} of ${paged.totalCount})`}
        </button>
      )}
      {paged.error && (
        <span role="alert" className="muted">
          Could not load more {noun}: {paged.error}
        </span>
      )}
    </div>
  );
}
