/**
 * Who stands where on a topic (an issue or a proposal): supporters, opponents, conditional supporters and the
 * undecided side by side, one column per stance, each with its total and "more" while it has more. Each position
 * shows its holder, what they hold (and on what condition), since when, and its strongest evidence.
 */
import { useClient } from 'urql';
import { Link } from 'wouter';
import { StanceBadge } from '../components/badges.js';
import { ExplorerTopicPositionsDocument, type ExplorerStanceColumnFragment, type ExplorerStancePositionFragment, type Stance } from '../generated/operations.js';
import { links } from '../links.js';
import { MoreButton, useMorePages, type Page } from './paging.js';
import { StrongestEvidence } from './strongest-evidence.js';
import './stance-columns.css';

type Position = ExplorerStancePositionFragment;

export interface StanceColumnsData {
  supports: ExplorerStanceColumnFragment;
  opposes: ExplorerStanceColumnFragment;
  conditional: ExplorerStanceColumnFragment;
  undecided: ExplorerStanceColumnFragment;
}

const columns: ReadonlyArray<{ key: keyof StanceColumnsData; stance: Stance; title: string; nobody: string }> = [
  { key: 'supports', stance: 'SUPPORTS', title: 'Supporters', nobody: 'No one on record supports this.' },
  { key: 'opposes', stance: 'OPPOSES', title: 'Opponents', nobody: 'No one on record opposes this.' },
  { key: 'conditional', stance: 'CONDITIONAL', title: 'Conditional', nobody: 'No one on record supports this on conditions.' },
  { key: 'undecided', stance: 'UNDECIDED', title: 'Undecided', nobody: 'No one on record is undecided on this.' },
];

export function StanceColumns({ topicId, data }: { topicId: string; data: StanceColumnsData }) {
  return (
    <div className="stance-columns">
      {columns.map((column) => (
        <StanceColumn key={column.key} topicId={topicId} stance={column.stance} title={column.title} nobody={column.nobody} first={data[column.key]} />
      ))}
    </div>
  );
}

function StanceColumn({ topicId, stance, title, nobody, first }: { topicId: string; stance: Stance; title: string; nobody: string; first: ExplorerStanceColumnFragment }) {
  const client = useClient();
  const paged = useMorePages<Position>(first, async (after): Promise<Page<Position> | null> => {
    const result = await client.query(ExplorerTopicPositionsDocument, { id: topicId, stance, after }).toPromise();
    if (result.error) throw result.error;
    const node = result.data?.node;
    return node && 'positions' in node ? node.positions : null;
  });
  const headingId = `stance-column-${stance.toLowerCase()}`;
  return (
    <section className={`stance-column stance-column-${stance.toLowerCase()}`} aria-labelledby={headingId} data-stance-column={stance}>
      <h2 id={headingId}>
        {title} <span className="count">({paged.totalCount})</span>
      </h2>
      {paged.nodes.length === 0 ? (
        <p className="muted nobody">{nobody}</p>
      ) : (
        <ul className="plain stance-positions">
          {paged.nodes.map((position) => (
            <PositionItem key={position.id} position={position} />
          ))}
        </ul>
      )}
      <MoreButton paged={paged} noun={title.toLowerCase()} />
    </section>
  );
}

function PositionItem({ position }: { position: Position }) {
  return (
    <li data-position={position.id} data-holder={position.actor.id}>
      <div className="holder">
        <Link href={links.actor(position.actor.id)}>{position.actor.name}</Link> <StanceBadge stance={position.stance} />
      </div>
      {position.summary && <p className="summary">{position.summary}</p>}
      {position.condition && (
        <p className="condition">
          <span className="muted">Condition:</span> {position.condition}
        </p>
      )}
      <p className="dates muted">{heldWhen(position)}</p>
      <StrongestEvidence evidence={position.evidence} />
    </li>
  );
}

/** "since 2025-11-22", "2025-09-12 to 2025-12-03 (superseded or retracted)", or "undated". */
export function heldWhen(position: { validFrom: string | null; validTo: string | null }): string {
  if (position.validTo) return `${position.validFrom ?? 'undated'} to ${position.validTo} (no longer held)`;
  return position.validFrom ? `since ${position.validFrom}` : 'undated (no dated evidence)';
}
