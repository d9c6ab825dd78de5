/** An event: when and where, who took part (and as what), and the statements that report it. */
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { KindBadge, ReliabilityBadge } from '../components/badges.js';
import { ErrorState, Loading, NotFound } from '../components/states.js';
import { ExplorerEventDocument } from '../generated/operations.js';
import { links } from '../links.js';

export function EventView({ id }: { id: string }) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerEventDocument, variables: { id } });
  if (fetching && !data) return <Loading what="the event" />;
  if (error) return <ErrorState error={error} what="the event" />;
  const event = data?.event;
  if (!event) return <NotFound what="event" id={id} />;
  return (
    <section>
      <p className="eyebrow">{event.kind && <KindBadge kind={event.kind} />}</p>
      <h1 tabIndex={-1}>{event.name}</h1>
      <p className="muted">
        {event.date ?? 'undated'}
        {event.endDate && ` – ${event.endDate}`}
        {event.place && ` · ${event.place}`}
      </p>
      {event.description && <p>{event.description}</p>}
      <div className="columns">
        <div>
          <h2>Took part ({event.participants.totalCount})</h2>
          <ul className="plain">
            {event.participants.nodes.map((p) => (
              <li key={p.actor.id}>
                <Link href={links.actor(p.actor.id)}>{p.actor.name}</Link>
                {p.role && <span className="muted"> · {p.role}</span>}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>Reported in ({event.evidence.totalCount})</h2>
          <ul className="plain spaced">
            {event.evidence.nodes.map((statement) => (
              <li key={statement.id}>
                <Link href={links.statement(statement.id)}>{statement.text.length > 140 ? `${statement.text.slice(0, 140)}…` : statement.text}</Link>
                <div className="muted">
                  {statement.speaker?.name ?? 'speaker not named'}
                  {statement.saidOn ? ` · ${statement.saidOn}` : ''}
                  {statement.citations.map((c) => (
                    <span key={c.id}>
                      {' '}
                      · {c.source.title} {c.source.reliability === 'LOW' && <ReliabilityBadge reliability="LOW" />}
                    </span>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
