/** The front page: where to start — the most central actors, the issues, the proposals and the newest articles. */
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { KindBadge } from '../components/badges.js';
import { SourceLine } from '../components/source-line.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { ExplorerHomeDocument } from '../generated/operations.js';
import { links } from '../links.js';

export function HomeView() {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerHomeDocument });
  return (
    <section className="home">
      <h1 tabIndex={-1}>Who stands where, why, and with whom</h1>
      <p className="lead">
        Search for an actor, an issue or a quote with the box above (press <kbd>/</kbd>), or start from one of these. Every stance links to the
        words that state it, highlighted in their article.
      </p>
      {fetching && !data && <Loading what="the graph’s overview" />}
      {error && <ErrorState error={error} what="the graph’s overview" />}
      {data && (
        <div className="columns home-columns">
          <div>
            <h2>Most central actors</h2>
            {data.centrality.nodes.length === 0 ? (
              <Empty>No actors yet: load the seed (npm run seed) or ingest an article.</Empty>
            ) : (
              <ol className="plain">
                {data.centrality.nodes.map((row) => (
                  <li key={row.actor.id}>
                    <Link href={links.actor(row.actor.id)}>{row.actor.name}</Link> <KindBadge kind={row.actor.kind} />
                  </li>
                ))}
              </ol>
            )}
            <p>
              <Link href={links.network()}>Coalitions and centrality →</Link>
            </p>
          </div>
          <div>
            <h2>Issues ({data.issues.totalCount})</h2>
            <ul className="plain">
              {data.issues.nodes.map((issue) => (
                <li key={issue.id}>
                  <Link href={links.issue(issue.id)}>{issue.name}</Link>
                  {issue.subIssues.totalCount > 0 && <span className="muted"> · {issue.subIssues.totalCount} sub-issues</span>}
                </li>
              ))}
            </ul>
            <h2>Proposals ({data.proposals.totalCount})</h2>
            <ul className="plain">
              {data.proposals.nodes.map((proposal) => (
                <li key={proposal.id}>
                  <Link href={links.proposal(proposal.id)}>{proposal.name}</Link>
                  {proposal.date && <span className="muted"> · {proposal.date}</span>}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h2>Newest articles ({data.sources.totalCount})</h2>
            <ul className="plain spaced">
              {data.sources.nodes.map((source) => (
                <li key={source.id}>
                  <SourceLine source={source} />
                </li>
              ))}
            </ul>
            <p>
              <Link href={links.matrix([], [])}>Compare stances in a matrix →</Link>
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
