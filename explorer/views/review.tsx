/**
 * The review queue for editors: what the extractor suggested in ingested articles, a page at a time (filters by
 * status, kind and article in the URL), and one candidate (?candidate=) beside its article with its words marked,
 * to accept with corrections or reject with a reason. After a decision the view says what it made (the statement's
 * evidence view, the positions and actors) and moves on to the next pending candidate.
 *
 * Reads are public, but the queue is for curators: without a token the view asks for one and queries nothing (an
 * anonymous visitor has nothing to decide, and a refused request would only fill the console).
 */
import { useEffect, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { Link, useLocation, useSearchParams } from 'wouter';
import { KindBadge, ReliabilityBadge, StanceBadge } from '../components/badges.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { ExplorerReviewCandidateDocument, ExplorerReviewQueueDocument, ExplorerReviewSourceDocument, type CandidateKind, type CandidateStatus } from '../generated/operations.js';
import { links } from '../links.js';
import { setToken, useToken } from '../token.js';
import { CandidateArticle, CandidateDetails, DecidedFacts, DecisionForms, percent, type Decision } from './review-candidate.js';
import { TokenForm } from './review-token.js';
import './review.css';

const statuses: readonly CandidateStatus[] = ['PENDING', 'ACCEPTED', 'REJECTED'];
const kinds: readonly CandidateKind[] = ['STATEMENT', 'ACTOR'];
const pageSize = 25;

interface ReviewState {
  status: CandidateStatus;
  kind: CandidateKind | null;
  source: string | null;
  candidate: string | null;
}

function readState(params: URLSearchParams): ReviewState {
  return {
    status: statuses.find((status) => status === params.get('status')) ?? 'PENDING',
    kind: kinds.find((kind) => kind === params.get('kind')) ?? null,
    source: params.get('source') || null,
    candidate: params.get('candidate') || null,
  };
}

/** The review view's URL for a state: links.review() with the filters and the chosen candidate (PENDING is the default). */
function reviewHref(state: ReviewState): string {
  const params = new URLSearchParams();
  if (state.status !== 'PENDING') params.set('status', state.status);
  if (state.kind) params.set('kind', state.kind);
  if (state.source) params.set('source', state.source);
  if (state.candidate) params.set('candidate', state.candidate);
  const query = params.toString();
  return `${links.review()}${query ? `?${query}` : ''}`;
}

const statusLabels: Record<CandidateStatus, string> = { PENDING: 'Pending', ACCEPTED: 'Accepted', REJECTED: 'Rejected' };
const kindLabels: Record<CandidateKind, string> = { STATEMENT: 'Statements', ACTOR: 'New actors' };

const focusHeading = () => setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus());

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export function ReviewView() {
  const token = useToken();
  return (
    <section className="review">
      <div className="review-header">
        <h1 tabIndex={-1}>Review queue</h1>
        {token && (
          <p className="muted token-line">
            Deciding with the editor token kept in this tab.{' '}
            <button
              type="button"
              onClick={() => {
                setToken(null);
                focusHeading();
              }}
            >
              Forget token
            </button>
          </p>
        )}
      </div>
      {token ? <ReviewQueue /> : <TokenNeeded />}
    </section>
  );
}

function TokenNeeded() {
  return (
    <div className="state empty token-needed">
      <h2>Reviewing needs an editor’s API token</h2>
      <p>
        The extractor’s suggestions wait here until a curator accepts or rejects them, and deciding is a write: the service accepts only the tokens its operator set in{' '}
        <code>STANCEGRAPH_API_KEYS</code> (role <code>editor</code> or <code>admin</code>; the README’s “Curating: mutations, auth and the audit trail” says how). Reading the graph needs no
        token.
      </p>
      <p className="muted">The token stays in this browser tab (sessionStorage, gone when the tab closes) and is sent only to this service, as a bearer token.</p>
      <TokenForm onSaved={focusHeading} />
    </div>
  );
}

interface Outcome {
  verb: 'accepted' | 'rejected';
  excerpt: string;
  sourceId: string;
  decision: Decision;
  /** The candidate shown next, if any pending one was left in the list. */
  next: string | null;
}

function ReviewQueue() {
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const state = readState(params);
  const go = (change: Partial<ReviewState>) => navigate(reviewHref({ ...state, ...change }));

  // Cursors of the pages before this one (for "previous"); a change of filters starts again at the first page.
  const filterKey = `${state.status}|${state.kind ?? ''}|${state.source ?? ''}`;
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const after = cursors[cursors.length - 1] ?? null;

  const client = useClient();
  const queueVariables = { status: state.status, sourceId: state.source, kind: state.kind, first: pageSize, after };
  const [queue] = useQuery({ query: ExplorerReviewQueueDocument, variables: queueVariables });
  const [source] = useQuery({ query: ExplorerReviewSourceDocument, variables: { id: state.source ?? '' }, pause: !state.source });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const nodes = queue.data?.reviewQueue.edges.map((edge) => edge.node) ?? [];

  const onDecided = (decision: Decision, verb: Outcome['verb'], excerpt: string, sourceId: string) => {
    const decided = decision.candidate.id;
    const at = nodes.findIndex((node) => node.id === decided);
    const pending = (node: (typeof nodes)[number]) => node.status === 'PENDING' && node.id !== decided;
    const next = (at >= 0 ? [...nodes.slice(at + 1), ...nodes.slice(0, at).reverse()] : nodes).find(pending)?.id ?? null;
    setOutcome({ verb, excerpt, sourceId, decision, next });
    // The list from the service again (a decision moves candidates between statuses, and accepting a speaker settles
    // their ACTOR candidate): one request on its own, which the cache hands to the list when it answers.
    void client.query(ExplorerReviewQueueDocument, queueVariables, { requestPolicy: 'network-only' }).toPromise();
    if (next) go({ candidate: next });
  };

  return (
    <>
      {outcome && <OutcomeBanner outcome={outcome} onClose={() => setOutcome(null)} />}
      <div className="review-filters">
        <div className="toolbar" role="group" aria-label="Status">
          <span className="muted">Status:</span>
          {statuses.map((status) => (
            <button key={status} type="button" aria-pressed={state.status === status} onClick={() => go({ status })}>
              {statusLabels[status]}
            </button>
          ))}
        </div>
        <div className="toolbar" role="group" aria-label="Kind">
          <span className="muted">Kind:</span>
          <button type="button" aria-pressed={!state.kind} onClick={() => go({ kind: null })}>
            All
          </button>
          {kinds.map((kind) => (
            <button key={kind} type="button" aria-pressed={state.kind === kind} onClick={() => go({ kind })}>
              {kindLabels[kind]}
            </button>
          ))}
        </div>
        {state.source && (
          <p className="source-filter">
            Only the article{' '}
            {source.data?.source ? (
              <>
                <Link href={links.source(state.source)}>{source.data.source.title}</Link> <ReliabilityBadge reliability={source.data.source.reliability} />
              </>
            ) : (
              <code>{state.source}</code>
            )}{' '}
            <button type="button" onClick={() => go({ source: null })}>
              Every article
            </button>
          </p>
        )}
      </div>

      <div className="review-layout">
        <nav className="review-queue" aria-label="Candidates">
          {queue.fetching && !queue.data && <Loading what="the queue" />}
          {queue.error && <ErrorState error={queue.error} what="the queue" />}
          {queue.data && (
            <>
              <p className="muted queue-count">
                {queue.data.reviewQueue.totalCount === 0
                  ? 'None.'
                  : `${cursors.length * pageSize + 1}–${cursors.length * pageSize + nodes.length} of ${queue.data.reviewQueue.totalCount} ${statusLabels[state.status].toLowerCase()}`}
              </p>
              {nodes.length === 0 && (
                <Empty>
                  {state.status === 'PENDING'
                    ? 'Nothing waits for review here. Articles ingested with ingestArticle (or npm run ingest) bring new suggestions; other filters show decided ones.'
                    : `No candidate here is ${statusLabels[state.status].toLowerCase()}. Try another status or kind, or every article.`}
                </Empty>
              )}
              <ol className="plain queue-list">
                {nodes.map((node) => {
                  const current = node.id === state.candidate;
                  const who = node.kind === 'STATEMENT' ? (node.speaker?.actor?.name ?? node.speaker?.name ?? node.speaker?.note ?? 'no speaker') : `${(node.actor?.kind ?? 'actor').toLowerCase()}`;
                  return (
                    <li key={node.id}>
                      <Link href={reviewHref({ ...state, candidate: node.id })} className={current ? 'current' : undefined} aria-current={current ? 'true' : undefined}>
                        <KindBadge kind={node.kind === 'STATEMENT' ? (node.statementKind ?? 'statement') : 'new actor'} /> <span className="queue-words">{shorten(node.excerpt, 110)}</span>
                        <span className="queue-meta muted">
                          {who} · {percent(node.confidence)}
                          {!state.source && ` · ${shorten(node.source.title, 50)}`}
                        </span>
                        {node.source.reliability === 'LOW' && <ReliabilityBadge reliability="LOW" />}
                      </Link>
                    </li>
                  );
                })}
              </ol>
              {(cursors.length > 0 || queue.data.reviewQueue.pageInfo.hasNextPage) && (
                <div className="pager">
                  <button type="button" disabled={cursors.length === 0} onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}>
                    ← Previous
                  </button>
                  <button
                    type="button"
                    disabled={!queue.data.reviewQueue.pageInfo.hasNextPage || !queue.data.reviewQueue.pageInfo.endCursor}
                    onClick={() => setPages({ key: filterKey, cursors: [...cursors, queue.data?.reviewQueue.pageInfo.endCursor ?? ''] })}
                  >
                    Next →
                  </button>
                </div>
              )}
            </>
          )}
        </nav>

        {state.candidate ? (
          <CandidatePane key={state.candidate} id={state.candidate} sourceFilter={state.source} onFilterSource={(sourceId) => go({ source: sourceId })} onDecided={onDecided} />
        ) : (
          <Empty>
            <p>Choose a candidate in the list to see it beside its article, and accept or reject it.</p>
          </Empty>
        )}
      </div>
    </>
  );
}

function CandidatePane({
  id,
  sourceFilter,
  onFilterSource,
  onDecided,
}: {
  id: string;
  sourceFilter: string | null;
  onFilterSource: (sourceId: string) => void;
  onDecided: (decision: Decision, verb: Outcome['verb'], excerpt: string, sourceId: string) => void;
}) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerReviewCandidateDocument, variables: { id } });
  if (fetching && !data) return <Loading what="the candidate" />;
  if (error) return <ErrorState error={error} what="the candidate" />;
  const candidate = data?.candidate;
  if (!candidate)
    return (
      <Empty>
        <h2>No candidate “{id}”</h2>
        <p>The queue holds no candidate with this id (its article may have been removed). Choose one in the list.</p>
      </Empty>
    );
  return (
    <div className="review-columns">
      <section className="review-candidate" aria-labelledby="review-candidate-heading">
        <h2 id="review-candidate-heading">
          {candidate.kind === 'STATEMENT' ? 'Suggested statement' : 'Suggested new actor'} <span className={`badge status status-${candidate.status.toLowerCase()}`}>{candidate.status.toLowerCase()}</span>
        </h2>
        {sourceFilter !== candidate.source.id && (
          <p className="muted">
            <button type="button" className="linkish" onClick={() => onFilterSource(candidate.source.id)}>
              Only this article’s candidates
            </button>
          </p>
        )}
        <CandidateDetails candidate={candidate} />
        {candidate.status === 'PENDING' ? (
          <DecisionForms candidate={candidate} onDecided={(decision, verb) => onDecided(decision, verb, candidate.excerpt, candidate.source.id)} />
        ) : (
          <DecidedFacts candidate={candidate} />
        )}
      </section>
      <CandidateArticle candidate={candidate} />
    </div>
  );
}

/** What the last decision made, with links to it; focused when it appears, so keyboards and screen readers hear it. */
function OutcomeBanner({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [outcome]);
  const { decision } = outcome;
  return (
    <div ref={ref} className="review-outcome" role="status" tabIndex={-1} aria-label="The last decision">
      <p>
        <strong>{outcome.verb === 'accepted' ? 'Accepted' : 'Rejected'}</strong> “{shorten(outcome.excerpt, 140)}”
        {outcome.verb === 'rejected' && decision.candidate.reason && <> — {decision.candidate.reason}</>}
      </p>
      {(decision.statement || decision.positions.length > 0 || decision.actors.length > 0) && (
        <ul className="plain">
          {decision.statement && (
            <li>
              Statement: <Link href={links.statement(decision.statement.id, outcome.sourceId)}>open its evidence view</Link> <span className="muted">({decision.statement.id})</span>
            </li>
          )}
          {decision.positions.map((position) => (
            <li key={position.id}>
              Position: <Link href={links.actor(position.actor.id)}>{position.actor.name}</Link> <StanceBadge stance={position.stance} />{' '}
              <Link href={links.topic(position.topic.__typename, position.topic.id)}>{position.topic.name}</Link>
              {position.condition && <span className="muted"> if {position.condition}</span>}
            </li>
          ))}
          {decision.actors.map((actor) => (
            <li key={actor.id}>
              Actor: <Link href={links.actor(actor.id)}>{actor.name}</Link> <KindBadge kind={actor.kind} />
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{outcome.next ? 'Showing the next pending candidate.' : 'No other pending candidate is in this list.'}</p>
      <button type="button" onClick={onClose}>
        Dismiss
      </button>
    </div>
  );
}
