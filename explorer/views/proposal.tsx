/**
 * The proposal view: the document (date, authors, the issues it addresses), its revisions as a timeline, and who
 * stands where on it — the issue view's stance columns.
 */
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { KindBadge } from '../components/badges.js';
import { ErrorState, Loading, NotFound } from '../components/states.js';
import { ExplorerProposalDocument, type ExplorerProposalQuery, type ExplorerRevisionStepFragment } from '../generated/operations.js';
import { links } from '../links.js';
import { RevisionTimeline, timeline, type Revision } from './revision-timeline.js';
import { StanceColumns } from './stance-columns.js';
import './topic.css';

type Proposal = NonNullable<ExplorerProposalQuery['proposal']>;

/** Every proposal the query walked to, and who revises whom among them. */
function revisionFamily(proposal: Proposal): { steps: ExplorerRevisionStepFragment[]; revisions: Revision[]; partial: boolean } {
  const steps = new Map<string, ExplorerRevisionStepFragment>([[proposal.id, proposal]]);
  const revisions = new Map<string, Revision>();
  const add = (revision: ExplorerRevisionStepFragment, original: ExplorerRevisionStepFragment) => {
    steps.set(revision.id, revision);
    steps.set(original.id, original);
    revisions.set(`${revision.id}>${original.id}`, { revision: revision.id, original: original.id });
  };
  const lists: Array<{ totalCount: number; nodes: readonly unknown[] }> = [proposal.revises, proposal.revisedBy];
  for (const original of proposal.revises.nodes) {
    add(proposal, original);
    for (const earlier of original.revises.nodes) add(original, earlier);
    for (const sibling of original.revisedBy.nodes) add(sibling, original);
    lists.push(original.revises, original.revisedBy);
  }
  for (const revision of proposal.revisedBy.nodes) {
    add(revision, proposal);
    for (const later of revision.revisedBy.nodes) add(later, revision);
    lists.push(revision.revisedBy);
  }
  return { steps: [...steps.values()], revisions: [...revisions.values()], partial: lists.some((list) => list.totalCount > list.nodes.length) };
}

export function ProposalView({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerProposalDocument, variables: { id } });
  const proposal = data?.proposal ?? null;
  const family = useMemo(() => (proposal ? revisionFamily(proposal) : null), [proposal]);
  if (fetching && !data) return <Loading what="the proposal" />;
  if (error) return <ErrorState error={error} what="the proposal" />;
  if (!proposal || !family) return <NotFound what="proposal" id={id} />;
  const entries = timeline(family.steps, family.revisions);

  return (
    <article className="topic-view">
      <header>
        <p className="eyebrow">
          <span className="badge kind">proposal</span> {proposal.date ?? 'date not stated'}
          {proposal.dateSource && <span className="muted"> ({proposal.dateSource === 'EVENT' ? 'the date the articles give' : 'the article’s date'})</span>}
        </p>
        <h1 tabIndex={-1}>{proposal.name}</h1>
        {proposal.description && <p className="lead">{proposal.description}</p>}
      </header>

      <div className="proposal-top">
        <div>
          <h2>Authors</h2>
          {proposal.authors.length === 0 ? (
            <p className="muted">No author on record.</p>
          ) : (
            <ul className="plain">
              {proposal.authors.map((author) => (
                <li key={author.id}>
                  <Link href={links.actor(author.id)}>{author.name}</Link> <KindBadge kind={author.kind} />
                </li>
              ))}
            </ul>
          )}
          <h2>Addresses</h2>
          {proposal.addresses.length === 0 ? (
            <p className="muted">No issue on record.</p>
          ) : (
            <ul className="plain">
              {proposal.addresses.map((issue) => (
                <li key={issue.id}>
                  <Link href={links.issue(issue.id)}>{issue.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        <section aria-labelledby="revisions">
          <h2 id="revisions">Revisions</h2>
          {entries.length === 1 ? (
            <p className="muted">No revision on record: this proposal revises none and none revises it.</p>
          ) : (
            <>
              <RevisionTimeline current={proposal.id} entries={entries} />
              <p className="muted note">
                Two steps each way: what it revises and what revised that, what revises it and what revised those
                {family.partial ? ' (some lists are longer than shown)' : ''}.
              </p>
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="who-stands-where">
        <h2 id="who-stands-where" className="section-title">
          Who stands where
        </h2>
        <StanceColumns topicId={proposal.id} data={proposal} />
      </section>
    </article>
  );
}
