/**
 * The actor view: who the actor is, its network of ties (drawn and listed), its positions grouped by topic (each with
 * its strongest evidence), what it said, newest first, and the roles and events that tie it to others.
 */
import { useMemo } from 'react';
import { useClient, useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { KindBadge, ReliabilityBadge, StanceBadge } from '../components/badges.js';
import { ErrorState, Loading, NotFound } from '../components/states.js';
import {
  ExplorerActorCentralityDocument,
  ExplorerActorDocument,
  ExplorerActorNetworkDocument,
  ExplorerActorPositionsDocument,
  ExplorerActorStatementsDocument,
  type ExplorerActorQuery,
  type ExplorerEvidenceStatementFragment,
  type ExplorerStancePositionFragment,
} from '../generated/operations.js';
import { links } from '../links.js';
import { ActorNetwork } from './actor-network.js';
import { MoreButton, useMorePages } from './paging.js';
import { heldWhen } from './stance-columns.js';
import { bestCitation, excerpt, StrongestEvidence } from './strongest-evidence.js';
import './actor.css';

type Actor = NonNullable<ExplorerActorQuery['actor']>;
type Position = ExplorerStancePositionFragment;
type Statement = ExplorerEvidenceStatementFragment;

export function ActorView({ id }: { id: string }) {
  const [params] = useSearchParams();
  const hops = params.get('hops') === '1' ? 1 : 2;
  const [{ data, fetching, error }] = useQuery({ query: ExplorerActorDocument, variables: { id } });
  // The network and the centrality line need only the id: asked now, beside the actor's own query, not after it
  // answers (their components ask again with the same variables and share these requests and their answers).
  useQuery({ query: ExplorerActorNetworkDocument, variables: { id, hops } });
  useQuery({ query: ExplorerActorCentralityDocument, variables: { id } });
  if (fetching && !data) return <Loading what="the actor" />;
  if (error) return <ErrorState error={error} what="the actor" />;
  const actor = data?.actor;
  if (!actor) return <NotFound what="actor" id={id} />;

  return (
    <article className="actor-view">
      <header>
        <p className="eyebrow">
          <KindBadge kind={actor.kind} /> <Centrality id={actor.id} />
        </p>
        <h1 tabIndex={-1}>{actor.name}</h1>
        {actor.aliases.length > 0 && <p className="muted aliases">Also known as {actor.aliases.join(', ')}</p>}
        {actor.description && <p className="lead">{actor.description}</p>}
      </header>

      <ActorNetwork id={actor.id} name={actor.name} hops={hops} />

      <div className="actor-columns">
        <Positions actor={actor} />
        <Statements actor={actor} />
      </div>

      <Ties actor={actor} />
    </article>
  );
}

/** Rank and PageRank in the actor network; computed on demand, so it loads (or fails) on its own. */
function Centrality({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerActorCentralityDocument, variables: { id } });
  const centrality = data?.actor?.centrality;
  if (fetching && !centrality) return <span className="muted centrality">computing centrality…</span>;
  if (error || !centrality) return <span className="muted centrality">centrality not available{error ? ` (${error.message})` : ''}</span>;
  return (
    <span className="muted centrality" data-rank={centrality.rank}>
      rank {centrality.rank} in the actor network by PageRank ({centrality.pageRank.toFixed(4)}) · tied to {centrality.degree} {centrality.degree === 1 ? 'actor' : 'actors'}
    </span>
  );
}

function Positions({ actor }: { actor: Actor }) {
  const client = useClient();
  const paged = useMorePages<Position>(actor.positions, async (after) => {
    const result = await client.query(ExplorerActorPositionsDocument, { id: actor.id, after }).toPromise();
    if (result.error) throw result.error;
    return result.data?.actor?.positions ?? null;
  });
  // Topics in the order of their newest position (the API lists positions newest evidence first).
  const groups = useMemo(() => {
    const byTopic = new Map<string, { topic: Position['topic']; positions: Position[] }>();
    for (const position of paged.nodes) {
      const group = byTopic.get(position.topic.id) ?? { topic: position.topic, positions: [] };
      group.positions.push(position);
      byTopic.set(position.topic.id, group);
    }
    return [...byTopic.values()];
  }, [paged.nodes]);

  return (
    <section aria-labelledby="positions-heading" className="actor-positions">
      <h2 id="positions-heading">
        Positions ({paged.totalCount}) <span className="muted subtitle">by topic, most recently stated first</span>
      </h2>
      {groups.length === 0 && <p className="muted">No position of {actor.name} is on record. Their statements, if any, are listed here too.</p>}
      {groups.map(({ topic, positions }) => (
        <section key={topic.id} className="topic-group" data-topic={topic.id} aria-label={topic.name}>
          <h3>
            <Link href={links.topic(topic.__typename, topic.id)}>{topic.name}</Link>{' '}
            <span className="badge kind">{topic.__typename === 'Proposal' ? 'proposal' : 'issue'}</span>
          </h3>
          <ul className="plain">
            {positions.map((position) => (
              <li key={position.id} data-position={position.id} className={position.validTo ? 'ended' : undefined}>
                <div>
                  <StanceBadge stance={position.stance} /> <span className="muted dates">{heldWhen(position)}</span>
                  {position.sourceReliability === 'LOW' && (
                    <>
                      {' '}
                      <ReliabilityBadge reliability="LOW" />
                    </>
                  )}
                </div>
                {position.summary && <p className="summary">{position.summary}</p>}
                {position.condition && (
                  <p className="condition">
                    <span className="muted">Condition:</span> {position.condition}
                  </p>
                )}
                <StrongestEvidence evidence={position.evidence} markLow={position.sourceReliability !== 'LOW'} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <MoreButton paged={paged} noun="positions" />
    </section>
  );
}

function Statements({ actor }: { actor: Actor }) {
  const client = useClient();
  const paged = useMorePages<Statement>(actor.statements, async (after) => {
    const result = await client.query(ExplorerActorStatementsDocument, { id: actor.id, after }).toPromise();
    if (result.error) throw result.error;
    return result.data?.actor?.statements ?? null;
  });
  return (
    <section aria-labelledby="statements-heading" className="actor-statements">
      <h2 id="statements-heading">
        Statements ({paged.totalCount}) <span className="muted subtitle">newest first</span>
      </h2>
      {paged.nodes.length === 0 ? (
        <p className="muted">No statement of {actor.name}’s is on record as its speaker.</p>
      ) : (
        <ol className="plain statement-list">
          {paged.nodes.map((statement) => {
            const citation = bestCitation(statement);
            return (
              <li key={statement.id} data-statement={statement.id}>
                <div className="muted meta">
                  {statement.saidOn ?? 'undated'} <KindBadge kind={statement.kind} />
                </div>
                <Link href={links.statement(statement.id, citation?.source.id)}>
                  {statement.kind === 'QUOTE' ? `“${excerpt(statement.text)}”` : excerpt(statement.text)}
                </Link>
                {statement.citations.length > 0 && (
                  <div className="muted sources">
                    in{' '}
                    {statement.citations.map((c, i) => (
                      <span key={c.id}>
                        {i > 0 && '; '}
                        <Link href={links.statement(statement.id, c.source.id)}>{c.source.title}</Link>
                        {c.source.reliability === 'LOW' && (
                          <>
                            {' '}
                            <ReliabilityBadge reliability="LOW" />
                          </>
                        )}
                      </span>
                    ))}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <MoreButton paged={paged} noun="statements" />
    </section>
  );
}

/** Roles, roles held in it, and events, compactly: the first 20 of each, with how many there are. */
function Ties({ actor }: { actor: Actor }) {
  const more = (shown: number, total: number) => (total > shown ? <li className="muted">and {total - shown} more</li> : null);
  if (actor.roles.totalCount + actor.roleHolders.totalCount + actor.events.totalCount === 0) return null;
  return (
    <div className="actor-ties">
      {actor.roles.totalCount > 0 && (
        <section aria-labelledby="roles-heading">
          <h2 id="roles-heading">Roles ({actor.roles.totalCount})</h2>
          <ul className="plain">
            {actor.roles.nodes.map((role) => (
              <li key={role.id}>
                {role.title} of <Link href={links.actor(role.of.id)}>{role.of.name}</Link>
              </li>
            ))}
            {more(actor.roles.nodes.length, actor.roles.totalCount)}
          </ul>
        </section>
      )}
      {actor.roleHolders.totalCount > 0 && (
        <section aria-labelledby="holders-heading">
          <h2 id="holders-heading">Roles held in it ({actor.roleHolders.totalCount})</h2>
          <ul className="plain">
            {actor.roleHolders.nodes.map((role) => (
              <li key={role.id}>
                <Link href={links.actor(role.holder.id)}>{role.holder.name}</Link>, {role.title}
              </li>
            ))}
            {more(actor.roleHolders.nodes.length, actor.roleHolders.totalCount)}
          </ul>
        </section>
      )}
      {actor.events.totalCount > 0 && (
        <section aria-labelledby="events-heading">
          <h2 id="events-heading">Events ({actor.events.totalCount})</h2>
          <ul className="plain">
            {actor.events.nodes.map((event) => (
              <li key={event.id}>
                <Link href={links.event(event.id)}>{event.name}</Link>
                <span className="muted"> · {event.date ?? 'undated'}</span>
              </li>
            ))}
            {more(actor.events.nodes.length, actor.events.totalCount)}
          </ul>
        </section>
      )}
    </div>
  );
}
