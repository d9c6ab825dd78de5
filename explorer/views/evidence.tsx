/**
 * The evidence view: a statement — its words, speaker, date and kind — and the article that carries it, with the
 * cited span highlighted and scrolled into view. A statement cited in several articles has one tab per article
 * (`?source=` in the URL). The source's reliability is said plainly; a low-reliability source is marked.
 */
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { ArticleText } from '../components/article-text.js';
import { KindBadge, ReliabilityBadge, StanceBadge } from '../components/badges.js';
import { ErrorState, Loading, NotFound } from '../components/states.js';
import { ExplorerStatementDocument } from '../generated/operations.js';
import { links } from '../links.js';

export function EvidenceView({ id }: { id: string }) {
  const [params] = useSearchParams();
  const [{ data, fetching, error }] = useQuery({ query: ExplorerStatementDocument, variables: { id } });
  if (fetching && !data) return <Loading what="the statement" />;
  if (error) return <ErrorState error={error} what="the statement" />;
  const statement = data?.node?.__typename === 'Statement' ? data.node : null;
  if (!statement) return <NotFound what="statement" id={id} />;

  const citation = statement.citations.find((c) => c.source.id === params.get('source')) ?? statement.citations[0];
  return (
    <article className="evidence">
      <header>
        <p className="eyebrow">
          <KindBadge kind={statement.kind} /> {statement.saidOn ? `said on ${statement.saidOn}` : 'date not stated'}
          {statement.dateSource && <span className="muted"> ({statement.dateSource.toLowerCase().replace(/_/g, ' ')})</span>}
        </p>
        <h1 tabIndex={-1} className="quote">
          {statement.kind === 'QUOTE' ? `“${statement.text}”` : statement.text}
        </h1>
        <p className="speaker">
          {statement.speaker ? (
            <>
              — <Link href={links.actor(statement.speaker.id)}>{statement.speaker.name}</Link>
            </>
          ) : (
            <span className="muted">— speaker not named</span>
          )}
          {statement.speakerNote && <span className="muted"> ({statement.speakerNote})</span>}
        </p>
      </header>

      <div className="columns evidence-columns">
        <aside>
          <h2>Evidence for</h2>
          {statement.evidenceFor.nodes.length === 0 ? (
            <p className="muted">No position rests on this statement yet.</p>
          ) : (
            <ul className="plain spaced">
              {statement.evidenceFor.nodes.map((position) => (
                <li key={position.id}>
                  <Link href={links.actor(position.actor.id)}>{position.actor.name}</Link> <StanceBadge stance={position.stance} />{' '}
                  <Link href={links.topic(position.topic.__typename, position.topic.id)}>{position.topic.name}</Link>
                  {position.condition && <div className="muted">if {position.condition}</div>}
                  {position.validTo && <div className="muted">held until {position.validTo}</div>}
                </li>
              ))}
            </ul>
          )}
          {statement.events.length > 0 && (
            <>
              <h2>Reports</h2>
              <ul className="plain">
                {statement.events.map((event) => (
                  <li key={event.id}>
                    <Link href={links.event(event.id)}>{event.name}</Link>
                    {event.date && <span className="muted"> · {event.date}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>

        <section className="article" aria-label="The article">
          {statement.citations.length > 1 && (
            <nav className="tabs" aria-label="Articles citing this statement">
              {statement.citations.map((c) => (
                <Link key={c.id} href={links.statement(statement.id, c.source.id)} aria-current={c === citation ? 'page' : undefined} className={c === citation ? 'current' : undefined}>
                  {c.source.title}
                </Link>
              ))}
            </nav>
          )}
          {citation ? (
            <>
              <h2>
                <Link href={links.source(citation.source.id)}>{citation.source.title}</Link>
              </h2>
              <p className="source-meta">
                {citation.source.outlet && <span>{citation.source.outlet} · </span>}
                {citation.source.publishedOn ?? 'undated'} · <ReliabilityBadge reliability={citation.source.reliability} />
                {citation.source.url && (
                  <>
                    {' '}
                    · <a href={citation.source.url} rel="noreferrer noopener" target="_blank">original</a>
                  </>
                )}
              </p>
              {citation.source.reliabilityNote && <p className="muted reliability-note">{citation.source.reliabilityNote}</p>}
              <p className="muted">
                Characters {citation.start}–{citation.end} of {citation.source.text.length}.
              </p>
              <ArticleText text={citation.source.text} spans={[{ key: citation.id, start: citation.start, end: citation.end }]} active={citation.id} />
            </>
          ) : (
            <p className="muted">This statement is cited in no article.</p>
          )}
        </section>
      </div>
    </article>
  );
}
