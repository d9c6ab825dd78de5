/** Every view's URL (relative to the explorer's base path): deep links are the app's navigation. */
const segment = encodeURIComponent;

export const links = {
  home: () => '/',
  search: (query: string) => `/search?q=${segment(query)}`,
  actor: (id: string) => `/actor/${segment(id)}`,
  issue: (id: string) => `/issue/${segment(id)}`,
  proposal: (id: string) => `/proposal/${segment(id)}`,
  /** A topic by its GraphQL type: issues and proposals have views of their own. */
  topic: (typename: string, id: string) => (typename === 'Proposal' ? links.proposal(id) : links.issue(id)),
  event: (id: string) => `/event/${segment(id)}`,
  /** The evidence view: a statement and, optionally, which of its sources to show. */
  statement: (id: string, sourceId?: string) => `/statement/${segment(id)}${sourceId ? `?source=${segment(sourceId)}` : ''}`,
  source: (id: string) => `/source/${segment(id)}`,
  matrix: (actorIds: readonly string[], topicIds: readonly string[]) => {
    const params = new URLSearchParams();
    if (actorIds.length) params.set('actors', actorIds.join(','));
    if (topicIds.length) params.set('topics', topicIds.join(','));
    const query = params.toString();
    return `/matrix${query ? `?${query}` : ''}`;
  },
  network: (asOf?: string) => `/network${asOf ? `?asOf=${segment(asOf)}` : ''}`,
  review: (candidateId?: string) => `/review${candidateId ? `?candidate=${segment(candidateId)}` : ''}`,
};

/** The view of any node the API returns, by its __typename. */
export function nodeLink(typename: string, id: string): string {
  switch (typename) {
    case 'Actor':
      return links.actor(id);
    case 'Issue':
      return links.issue(id);
    case 'Proposal':
      return links.proposal(id);
    case 'Event':
      return links.event(id);
    case 'Statement':
      return links.statement(id);
    case 'Source':
      return links.source(id);
    default:
      return links.search(id);
  }
}

/** Comma-separated ids from a query parameter, trimmed, empty ones dropped, each once. */
export function idList(value: string | null): string[] {
  return [...new Set((value ?? '').split(',').map((id) => id.trim()).filter(Boolean))];
}
