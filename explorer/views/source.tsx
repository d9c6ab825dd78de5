/** An article: its text with every statement cited in it marked (each opens its evidence view), and its reliability. */
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ArticleText, type Span } from '../components/article-text.js';
import { KindBadge, ReliabilityBadge } from '../components/badges.js';
import { ErrorState, Loading, NotFound } from '../components/states.js';
import { ExplorerSourceDocument } from '../generated/operations.js';
import { links } from '../links.js';

export function SourceView({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerSourceDocument, variables: { id, first: 100 } });
  if (fetching && !data) return <Loading what="the article" />;
  if (error) return <ErrorState error={error} what="the article" />;
  const source = data?.source;
  if (!source) return <NotFound what="article" id={id} />;

  const statements = source.statements.nodes;
  const spans: Span[] = statements.flatMap((statement) =>
    statement.citations
      .filter((citation) => citation.source.id === source.id)
      .map((citation) => ({ key: citation.id, start: citation.start, end: citation.end, href: links.statement(statement.id, source.id), title: statement.speaker ? statement.speaker.name : 'speaker not named' })),
  );
  return (
    <article className="source">
      <h1 tabIndex={-1}>{source.title}</h1>
      <p className="source-meta">
        {source.outlet && <span>{source.outlet} · </span>}
        {source.publishedOn ?? 'undated'} · <ReliabilityBadge reliability={source.reliability} />
        {source.url && (
          <>
            {' '}
            · <a href={source.url} rel="noreferrer noopener" target="_blank">original</a>
          </>
        )}
      </p>
      {source.reliabilityNote && <p className="muted reliability-note">{source.reliabilityNote}</p>}
      <div className="columns evidence-columns">
        <aside>
          <h2>Statements cited ({source.statements.totalCount})</h2>
          {statements.length === 0 && <p className="muted">No statement cites this article yet. New articles’ suggestions wait in the review queue.</p>}
          <ol className="plain spaced">
            {statements.map((statement) => (
              <li key={statement.id}>
                <KindBadge kind={statement.kind} /> <Link href={links.statement(statement.id, source.id)}>{statement.text.length > 110 ? `${statement.text.slice(0, 110)}…` : statement.text}</Link>
                <div className="muted">{statement.speaker ? statement.speaker.name : 'speaker not named'}{statement.saidOn ? ` · ${statement.saidOn}` : ''}</div>
              </li>
            ))}
          </ol>
          {source.statements.pageInfo.hasNextPage && <p className="muted">The first 100 are marked.</p>}
        </aside>
        <section className="article" aria-label="The article">
          <ArticleText text={source.text} spans={spans} />
        </section>
      </div>
    </article>
  );
}
