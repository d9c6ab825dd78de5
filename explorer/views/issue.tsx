/**
 * The issue view: what the question is, where it sits (its parent and sub-issues), who stands where on it — a column
 * per stance, each position with its strongest evidence — and the proposals that address it.
 */
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ErrorState, Loading, NotFound } from '../components/states.js';
import { ExplorerIssueDocument } from '../generated/operations.js';
import { links } from '../links.js';
import { StanceColumns } from './stance-columns.js';
import './topic.css';

export function IssueView({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerIssueDocument, variables: { id } });
  if (fetching && !data) return <Loading what="the issue" />;
  if (error) return <ErrorState error={error} what="the issue" />;
  const issue = data?.issue;
  if (!issue) return <NotFound what="issue" id={id} />;
  const positions = issue.supports.totalCount + issue.opposes.totalCount + issue.conditional.totalCount + issue.undecided.totalCount;

  return (
    <article className="topic-view">
      <header>
        <p className="eyebrow">
          <span className="badge kind">issue</span>
          {issue.parent && (
            <>
              {' '}
              part of <Link href={links.issue(issue.parent.id)}>{issue.parent.name}</Link>
            </>
          )}
        </p>
        <h1 tabIndex={-1}>{issue.name}</h1>
        {issue.description && <p className="lead">{issue.description}</p>}
      </header>

      {issue.subIssues.totalCount > 0 && (
        <nav aria-labelledby="sub-issues" className="topic-links">
          <h2 id="sub-issues">Sub-issues ({issue.subIssues.totalCount})</h2>
          <ul className="inline-links">
            {issue.subIssues.nodes.map((sub) => (
              <li key={sub.id}>
                <Link href={links.issue(sub.id)}>{sub.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <section aria-labelledby="who-stands-where">
        <h2 id="who-stands-where" className="section-title">
          Who stands where <span className="muted">({positions === 1 ? '1 position' : `${positions} positions`})</span>
        </h2>
        {positions === 0 && <p className="muted">No one’s position on this issue is on record yet; its sub-issues may have some.</p>}
        <StanceColumns topicId={issue.id} data={issue} />
      </section>

      <section aria-labelledby="proposals">
        <h2 id="proposals">Proposals addressing it ({issue.proposals.totalCount})</h2>
        {issue.proposals.totalCount === 0 ? (
          <p className="muted">No proposal on record addresses this issue.</p>
        ) : (
          <ul className="plain">
            {issue.proposals.nodes.map((proposal) => (
              <li key={proposal.id}>
                <Link href={links.proposal(proposal.id)}>{proposal.name}</Link>
                <span className="muted"> · {proposal.date ?? 'date not stated'}</span>
              </li>
            ))}
          </ul>
        )}
        {issue.proposals.totalCount > issue.proposals.nodes.length && (
          <p className="muted">Showing the first {issue.proposals.nodes.length} of {issue.proposals.totalCount}.</p>
        )}
      </section>
    </article>
  );
}
