/** Full search results: every kind or some, a page at a time, with the matching text. The URL holds the query. */
import { useState } from 'react';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { searchHitTitle } from '../components/search-hit.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { ExplorerSearchPageDocument, type SearchKind } from '../generated/operations.js';
import { nodeLink } from '../links.js';

const kinds: readonly SearchKind[] = ['ACTOR', 'ISSUE', 'PROPOSAL', 'EVENT', 'STATEMENT'];

export function SearchView() {
  const [params, setParams] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  const kind = kinds.find((k) => k === params.get('kind'));
  const [after, setAfter] = useState<string[]>([]);
  const cursor = after[after.length - 1];
  const [{ data, fetching, error }] = useQuery({
    query: ExplorerSearchPageDocument,
    variables: { query, kinds: kind ? [kind] : null, first: 25, after: cursor ?? null },
    pause: query.length === 0,
  });

  const setKind = (next: SearchKind | undefined) => {
    setAfter([]);
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next) updated.set('kind', next);
      else updated.delete('kind');
      return updated;
    });
  };

  return (
    <section>
      <h1 tabIndex={-1}>{query ? `Search: “${query}”` : 'Search'}</h1>
      {query.length === 0 && <Empty>Type a name, an issue or a few words of a quote in the search box above, and press Enter.</Empty>}
      {query.length > 0 && (
        <div className="toolbar" role="group" aria-label="Kinds">
          <button type="button" aria-pressed={!kind} onClick={() => setKind(undefined)}>
            All
          </button>
          {kinds.map((k) => (
            <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
              {k.toLowerCase()}s
            </button>
          ))}
        </div>
      )}
      {fetching && !data && <Loading what="results" />}
      {error && <ErrorState error={error} what="results" />}
      {data && query.length > 0 && (
        <>
          <p className="muted">
            {data.search.totalCount} match{data.search.totalCount === 1 ? '' : 'es'}
          </p>
          {data.search.edges.length === 0 && <Empty>Nothing matches “{query}”. Try fewer words, another spelling, or all kinds.</Empty>}
          <ol className="search-results">
            {data.search.edges.map((edge) => (
              <li key={edge.node.id}>
                <span className="badge kind">{edge.node.__typename.toLowerCase()}</span>{' '}
                <Link href={nodeLink(edge.node.__typename, edge.node.id)}>{searchHitTitle(edge.node)}</Link>
                {edge.exactMatch && <span className="badge exact">exact name</span>}
                {edge.snippet && edge.node.__typename !== 'Statement' && <div className="muted snippet">{edge.snippet}</div>}
              </li>
            ))}
          </ol>
          <div className="pager">
            {after.length > 0 && (
              <button type="button" onClick={() => setAfter(after.slice(0, -1))}>
                ← Previous
              </button>
            )}
            {data.search.pageInfo.hasNextPage && data.search.pageInfo.endCursor && (
              <button type="button" onClick={() => setAfter([...after, data.search.pageInfo.endCursor ?? ''])}>
                Next →
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
