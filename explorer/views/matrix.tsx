/**
 * The stance matrix: pick actors and topics, see who stands where as a heatmap (rows actors, columns topics, each
 * cell coloured by stance and saying it in words), and open a cell for the positions in it and the statements that
 * evidence them. Everything is in the URL: /matrix?actors=a,b&topics=x,y&rollUp=subIssues,members&cell=a:x.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { ReliabilityBadge, StanceBadge, stanceColours, stanceLabels } from '../components/badges.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import {
  ExplorerMatrixActorOptionsDocument,
  ExplorerMatrixCellDocument,
  ExplorerMatrixChosenDocument,
  ExplorerMatrixDocument,
  ExplorerMatrixExampleDocument,
  ExplorerMatrixTopicOptionsDocument,
  type ExplorerMatrixQuery,
} from '../generated/operations.js';
import { idList, links } from '../links.js';
import { useDebounced } from '../components/use-debounced.js';
import './matrix.css';

/** `compare` takes at most this many actors and this many topics. */
const MAX_IDS = 100;

type RollUpKey = 'subIssues' | 'members';
const rollUpOptions: ReadonlyArray<{ key: RollUpKey; label: string; hint: string }> = [
  { key: 'subIssues', label: 'Count sub-issues', hint: 'a position on a sub-issue counts on the issue above it' },
  { key: 'members', label: 'Count members', hint: 'the positions of an actor’s members count as its own' },
];

type Matrix = ExplorerMatrixQuery['compare'];
type Cell = Matrix['rows'][number]['cells'][number];

/** `actorId:topicId`: actor and topic ids are slugs, which hold no colon. */
const cellKey = (actorId: string, topicId: string) => `${actorId}:${topicId}`;
const splitCell = (key: string): [string, string] => {
  const at = key.indexOf(':');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
};

export function MatrixView() {
  const [params, setParams] = useSearchParams();
  const askedActors = idList(params.get('actors'));
  const askedTopics = idList(params.get('topics'));
  const actorIds = askedActors.slice(0, MAX_IDS);
  const topicIds = askedTopics.slice(0, MAX_IDS);
  const rollUpKeys = new Set(idList(params.get('rollUp')).filter((key): key is RollUpKey => key === 'subIssues' || key === 'members'));
  const openCell = params.get('cell');

  const update = (change: (next: URLSearchParams) => void, options?: { replace?: boolean }) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      change(next);
      return next;
    }, options);
  const setList = (name: 'actors' | 'topics', ids: readonly string[]) =>
    update((next) => {
      if (ids.length) next.set(name, ids.join(','));
      else next.delete(name);
      // A cell whose row or column is gone closes (with no topics chosen, every topic is a column).
      const cell = next.get('cell');
      if (cell) {
        const [actorId, topicId] = splitCell(cell);
        if (name === 'actors' ? !ids.includes(actorId) : ids.length > 0 && !ids.includes(topicId)) next.delete('cell');
      }
    });
  const setRollUp = (key: RollUpKey, on: boolean) =>
    update((next) => {
      const keys = new Set(rollUpKeys);
      if (on) keys.add(key);
      else keys.delete(key);
      if (keys.size) next.set('rollUp', [...keys].join(','));
      else next.delete('rollUp');
    });
  const setCell = (key: string | null) =>
    update((next) => {
      if (key) next.set('cell', key);
      else next.delete('cell');
    });

  // Closing the evidence returns focus to the cell it was opened from.
  const closeCell = (key: string) => {
    const [actorId, topicId] = splitCell(key);
    setCell(null);
    document.querySelector<HTMLButtonElement>(`tr[data-actor="${CSS.escape(actorId)}"] td[data-topic="${CSS.escape(topicId)}"] button`)?.focus();
  };

  // The names of what the URL names; unknown ids are flagged on their chips and left out of the matrix.
  const [chosen] = useQuery({ query: ExplorerMatrixChosenDocument, variables: { actorIds, topicIds }, pause: actorIds.length + topicIds.length === 0 });
  const chosenData = chosen.data;
  const actorNames = new Map<string, string>();
  const topicNames = new Map<string, string>();
  for (const node of chosenData?.actors ?? []) if (node?.__typename === 'Actor') actorNames.set(node.id, node.name);
  for (const node of chosenData?.topics ?? []) if (node && (node.__typename === 'Issue' || node.__typename === 'Proposal')) topicNames.set(node.id, node.name);
  const namesLoaded = Boolean(chosenData) && !chosen.fetching;
  const knownActors = actorIds.filter((id) => actorNames.has(id));
  const knownTopics = topicIds.filter((id) => topicNames.has(id));

  const [matrix] = useQuery({
    query: ExplorerMatrixDocument,
    variables: {
      actorIds: knownActors,
      issueIds: topicIds.length ? knownTopics : null,
      rollUp: rollUpKeys.size ? { subIssues: rollUpKeys.has('subIssues'), members: rollUpKeys.has('members') } : null,
    },
    pause: !namesLoaded || knownActors.length === 0 || (topicIds.length > 0 && knownTopics.length === 0),
  });

  const chip = (id: string, names: Map<string, string>, kind: 'actor' | 'topic') =>
    namesLoaded && !names.has(id) ? { id, label: `${id} (no such ${kind})`, missing: true } : { id, label: names.get(id) ?? id, missing: false };

  return (
    <section className="matrix-view">
      <h1 tabIndex={-1}>Stance matrix</h1>
      <p className="lead">Who stands where: choose actors (rows) and topics (columns). Each cell says the actor’s current stance; open a cell for the statements behind it.</p>

      <div className="matrix-pickers">
        <Picker
          kind="actor"
          label="Actors (rows)"
          chosen={actorIds.map((id) => chip(id, actorNames, 'actor'))}
          onChange={(ids) => setList('actors', ids)}
          full={actorIds.length >= MAX_IDS}
          emptyNote="None chosen yet: add at least one."
        />
        <Picker
          kind="topic"
          label="Topics (columns)"
          chosen={topicIds.map((id) => chip(id, topicNames, 'topic'))}
          onChange={(ids) => setList('topics', ids)}
          full={topicIds.length >= MAX_IDS}
          emptyNote="None chosen: every topic the actors hold a position on."
        />
      </div>
      <fieldset className="matrix-rollup">
        <legend>Roll-ups</legend>
        {rollUpOptions.map((option) => (
          <label key={option.key}>
            <input type="checkbox" checked={rollUpKeys.has(option.key)} onChange={(event) => setRollUp(option.key, event.target.checked)} /> {option.label}{' '}
            <span className="muted">({option.hint})</span>
          </label>
        ))}
      </fieldset>
      {askedActors.length > MAX_IDS && <p className="state notice" role="status">The matrix holds at most {MAX_IDS} actors: the first {MAX_IDS} of the {askedActors.length} in the address are shown.</p>}
      {askedTopics.length > MAX_IDS && <p className="state notice" role="status">The matrix holds at most {MAX_IDS} topics: the first {MAX_IDS} of the {askedTopics.length} in the address are shown.</p>}

      {chosen.error && <ErrorState error={chosen.error} what="the chosen actors and topics" />}
      {actorIds.length === 0 ? (
        <MatrixExample onPick={(ids) => setList('actors', ids)} />
      ) : namesLoaded && knownActors.length === 0 ? (
        <Empty>None of the chosen actors exists: remove them and pick actors with the box above.</Empty>
      ) : namesLoaded && topicIds.length > 0 && knownTopics.length === 0 ? (
        <Empty>None of the chosen topics exists: remove them and pick issues or proposals with the box above.</Empty>
      ) : (
        <>
          {matrix.error && <ErrorState error={matrix.error} what="the stance matrix" />}
          {!matrix.data && !matrix.error && <Loading what="the stance matrix" />}
          {matrix.data && <Heatmap matrix={matrix.data.compare} openCell={openCell} onOpen={setCell} busy={matrix.fetching} />}
          {matrix.data && openCell && <EvidencePanel key={openCell} matrix={matrix.data.compare} cell={openCell} onClose={() => closeCell(openCell)} />}
        </>
      )}
    </section>
  );
}

/** With no actors chosen: what to do, and a one-click example (the most central actors). */
function MatrixExample({ onPick }: { onPick: (ids: string[]) => void }) {
  const [{ data, error, fetching }] = useQuery({ query: ExplorerMatrixExampleDocument });
  const actors = data?.centrality.nodes.map((node) => node.actor) ?? [];
  return (
    <Empty>
      <h2>No actors chosen yet</h2>
      <p>
        Type a name in “Actors” above and pick from the list (<kbd>↓</kbd> <kbd>Enter</kbd>), then add topics the same way — or leave topics empty to see every
        topic the actors hold a position on.
      </p>
      {error && <ErrorState error={error} what="an example" />}
      {fetching && !data && <Loading what="an example (the most central actors)" />}
      {actors.length > 0 && (
        <p>
          <button type="button" className="primary" onClick={() => onPick(actors.map((actor) => actor.id))}>
            Try the {actors.length} most central actors
          </button>{' '}
          <span className="muted">{actors.map((actor) => actor.name).join(', ')}</span>
        </p>
      )}
    </Empty>
  );
}

interface Chip {
  id: string;
  label: string;
  missing: boolean;
}

interface Option {
  id: string;
  label: string;
  note?: string;
}

/**
 * A type-ahead picker: chips for what is chosen (each with a remove button) and an ARIA combobox that suggests more
 * (ArrowUp/ArrowDown move, Enter adds, Escape closes; Backspace in the empty box removes the last chip).
 */
function Picker({ kind, label, chosen, onChange, full, emptyNote }: { kind: 'actor' | 'topic'; label: string; chosen: Chip[]; onChange: (ids: string[]) => void; full: boolean; emptyNote?: string }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const inputId = useId();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const search = useDebounced(text.trim(), 200);
  const pause = search.length < 1 || full;
  const [actorOptions] = useQuery({ query: ExplorerMatrixActorOptionsDocument, variables: { search }, pause: pause || kind !== 'actor' });
  const [topicOptions] = useQuery({ query: ExplorerMatrixTopicOptionsDocument, variables: { search }, pause: pause || kind !== 'topic' });
  const chosenIds = new Set(chosen.map((c) => c.id));
  const hits: Option[] = [];
  const containing: Option[] = [];
  if (kind === 'actor') {
    for (const { node } of actorOptions.data?.search.edges ?? []) if (node.__typename === 'Actor') hits.push({ id: node.id, label: node.name, note: node.kind.toLowerCase() });
    for (const node of actorOptions.data?.actors.nodes ?? []) containing.push({ id: node.id, label: node.name, note: node.kind.toLowerCase() });
  } else {
    for (const { node } of topicOptions.data?.search.edges ?? []) {
      if (node.__typename === 'Issue' || node.__typename === 'Proposal') hits.push({ id: node.id, label: node.name, note: node.__typename.toLowerCase() });
    }
    for (const node of topicOptions.data?.issues.nodes ?? []) containing.push({ id: node.id, label: node.name, note: 'issue' });
  }
  const found = [...hits, ...containing].filter((option, i, all) => all.findIndex((other) => other.id === option.id) === i).slice(0, 10);
  const options = pause ? [] : found.filter((option) => !chosenIds.has(option.id));
  const fetching = kind === 'actor' ? actorOptions.fetching : topicOptions.fetching;
  useEffect(() => setActive(0), [search]);

  const add = (option: Option) => {
    onChange([...chosen.map((c) => c.id), option.id]);
    setText('');
    setActive(0);
    input.current?.focus();
  };
  const remove = (id: string) => onChange(chosen.map((c) => c.id).filter((other) => other !== id));

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const option = options[active];
      if (option) add(option);
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Backspace' && text === '' && chosen.length > 0) {
      remove(chosen[chosen.length - 1]!.id);
    }
  };

  const showList = open && !pause && text.trim().length > 0;
  return (
    <div className="picker" data-picker={kind}>
      <label htmlFor={inputId} className="picker-label">
        {label}
      </label>
      <ul className="picker-chips" aria-label={`Chosen ${kind}s`}>
        {chosen.map((c) => (
          <li key={c.id} className={c.missing ? 'chip missing' : 'chip'} data-id={c.id}>
            {c.missing ? c.label : kind === 'actor' ? <Link href={links.actor(c.id)}>{c.label}</Link> : <span>{c.label}</span>}
            <button type="button" className="chip-remove" aria-label={`Remove ${c.label}`} title={`Remove ${c.label}`} onClick={() => remove(c.id)}>
              ×
            </button>
          </li>
        ))}
        {chosen.length === 0 && emptyNote && <li className="muted picker-empty">{emptyNote}</li>}
      </ul>
      <div className="picker-box">
        <input
          ref={input}
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-expanded={showList && options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && options[active] ? `${listId}-${active}` : undefined}
          placeholder={full ? `Limit reached: at most ${MAX_IDS}` : kind === 'actor' ? 'Add an actor…' : 'Add an issue or proposal…'}
          disabled={full}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        {showList && (
          <ul id={listId} role="listbox" className="search-results-popup" aria-label={`${label}: suggestions`}>
            {options.length === 0 && <li className="muted">{fetching ? 'Searching…' : `No ${kind} matches “${search}”.`}</li>}
            {options.map((option, i) => (
              <li
                key={option.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                data-id={option.id}
                onMouseDown={(event) => {
                  event.preventDefault();
                  add(option);
                }}
              >
                {option.label} {option.note && <span className="badge kind">{option.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {full && (
        <p className="muted picker-full" role="status">
          The matrix takes at most {MAX_IDS} {kind}s: remove one to add another.
        </p>
      )}
    </div>
  );
}

function cellLabel(cell: Cell): string {
  if (cell.stance) return stanceLabels[cell.stance] ?? cell.stance.toLowerCase();
  return cell.positions.length ? 'no current position' : 'no position';
}

/** The heatmap: a table that scrolls sideways inside its own box; the actor names stay in view. */
function Heatmap({ matrix, openCell, onOpen, busy }: { matrix: Matrix; openCell: string | null; onOpen: (key: string | null) => void; busy: boolean }) {
  const topics = matrix.topics.slice(0, MAX_IDS);
  if (topics.length === 0) {
    return <Empty>These actors hold no position on any topic yet: choose other actors, or topics they may hold one on.</Empty>;
  }
  return (
    <>
      {matrix.topics.length > MAX_IDS && (
        <p className="state notice" role="status">
          The actors hold positions on {matrix.topics.length} topics; the matrix shows the first {MAX_IDS}. Choose topics to see others.
        </p>
      )}
      <div className="matrix-scroll" role="region" aria-label="Stance matrix (scrolls sideways)" tabIndex={0} aria-busy={busy}>
        <table className="matrix" data-rows={matrix.rows.length} data-columns={topics.length}>
          <caption className="visually-hidden">Current stance of each actor (rows) on each topic (columns); a cell with positions opens their evidence.</caption>
          <thead>
            <tr>
              <th scope="col" className="corner">
                <span className="visually-hidden">Actor</span>
              </th>
              {topics.map((topic) => (
                <th key={topic.id} scope="col" data-topic={topic.id}>
                  <Link href={links.topic(topic.__typename, topic.id)}>{topic.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.actor.id} data-actor={row.actor.id}>
                <th scope="row">
                  <Link href={links.actor(row.actor.id)}>{row.actor.name}</Link>
                </th>
                {row.cells.slice(0, MAX_IDS).map((cell) => {
                  const key = cellKey(row.actor.id, cell.topic.id);
                  const open = openCell === key;
                  const topicName = topics.find((topic) => topic.id === cell.topic.id)?.name ?? cell.topic.id;
                  const label = cellLabel(cell);
                  const more = cell.positions.length > 1 ? ` ×${cell.positions.length}` : '';
                  return (
                    <td key={cell.topic.id} data-topic={cell.topic.id} data-stance={cell.stance ?? ''} data-positions={cell.positions.length} className={open ? 'open' : undefined}>
                      {cell.positions.length === 0 ? (
                        <span className="cell empty">{label}</span>
                      ) : (
                        <button
                          type="button"
                          className={`cell ${cell.stance ? `stance-${cell.stance.toLowerCase()}` : 'past'}`}
                          style={cell.stance ? { background: stanceColours[cell.stance] } : undefined}
                          aria-pressed={open}
                          aria-label={`${row.actor.name} on ${topicName}: ${label}, ${cell.positions.length} position${cell.positions.length === 1 ? '' : 's'}; show the evidence`}
                          onClick={() => onOpen(open ? null : key)}
                        >
                          {label}
                          {more && <span className="cell-count">{more}</span>}
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted matrix-key">
        {Object.keys(stanceLabels).filter((stance) => stance !== 'MIXED').map((stance) => (
          <span key={stance}>
            <StanceBadge stance={stance} />{' '}
          </span>
        ))}
        · “×2”: two positions fall in the cell (the first decides) · grey: held once, no longer.
      </p>
    </>
  );
}

/** An opened cell: the positions in it, newest first, each with the statements that evidence it. */
function EvidencePanel({ matrix, cell, onClose }: { matrix: Matrix; cell: string; onClose: () => void }) {
  const [actorId, topicId] = splitCell(cell);
  const row = matrix.rows.find((r) => r.actor.id === actorId);
  const found = row?.cells.find((c) => c.topic.id === topicId);
  const topic = matrix.topics.find((t) => t.id === topicId);
  const positionIds = (found?.positions ?? []).map((position) => position.id).slice(0, MAX_IDS);
  const [{ data, error }] = useQuery({ query: ExplorerMatrixCellDocument, variables: { ids: positionIds }, pause: positionIds.length === 0 });
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened (one panel per cell: the view keys it by the cell), the panel takes focus, for keyboards and screen readers.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  let body: ReactNode;
  if (!row || !found || !topic) body = <Empty>This cell is not in the matrix: choose its actor and topic, or close it.</Empty>;
  else if (positionIds.length === 0) body = <Empty>No position: {row.actor.name} holds none on this topic (with the roll-ups chosen).</Empty>;
  else if (error) body = <ErrorState error={error} what="the cell’s evidence" />;
  else if (!data || data.nodes.some((node) => node && !positionIds.includes(node.id))) body = <Loading what="the cell’s evidence" />;
  else {
    const positions = data.nodes.flatMap((node) => (node?.__typename === 'Position' ? [node] : []));
    body = (
      <ol className="plain cell-positions">
        {positions.map((position) => (
          <li key={position.id} data-position={position.id}>
            <p className="position-line">
              <StanceBadge stance={position.stance} />{' '}
              {position.actor.id !== actorId && (
                <>
                  via <Link href={links.actor(position.actor.id)}>{position.actor.name}</Link>{' '}
                </>
              )}
              {position.topic.id !== topicId && (
                <>
                  on <Link href={links.topic(position.topic.__typename, position.topic.id)}>{position.topic.name}</Link>{' '}
                </>
              )}
              <span className="muted">
                {position.validFrom ? `since ${position.validFrom}` : 'undated'}
                {position.validTo ? `, held until ${position.validTo}` : ''}
              </span>{' '}
              {position.sourceReliability === 'LOW' && <ReliabilityBadge reliability="LOW" />}
            </p>
            {position.summary && <p className="position-summary">{position.summary}</p>}
            {position.condition && <p className="muted">Condition: {position.condition}</p>}
            <ul className="plain spaced evidence-list">
              {position.evidence.map((statement) => (
                <li key={statement.id} data-statement={statement.id}>
                  <blockquote className="excerpt">{statement.kind === 'QUOTE' ? `“${statement.text}”` : statement.text}</blockquote>
                  <div className="evidence-meta">
                    {statement.speaker ? <Link href={links.actor(statement.speaker.id)}>{statement.speaker.name}</Link> : <span className="muted">speaker not named</span>}
                    {statement.speakerNote && <span className="muted"> ({statement.speakerNote})</span>}
                    <span className="muted"> · {statement.saidOn ?? 'date not stated'}</span>
                  </div>
                  <ul className="plain citations">
                    {statement.citations.map((citation) => (
                      <li key={citation.id}>
                        <Link href={links.statement(statement.id, citation.source.id)} data-evidence-link={statement.id}>
                          {citation.source.title}
                        </Link>
                        {citation.source.outlet && <span className="muted"> · {citation.source.outlet}</span>}
                        {citation.source.publishedOn && <span className="muted"> · {citation.source.publishedOn}</span>} <ReliabilityBadge reliability={citation.source.reliability} />
                      </li>
                    ))}
                    {statement.citations.length === 0 && (
                      <li>
                        <Link href={links.statement(statement.id)} data-evidence-link={statement.id}>
                          The statement
                        </Link>
                      </li>
                    )}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    );
  }

  return (
    <section className="cell-panel" aria-labelledby="cell-panel-heading" data-cell={cell}>
      <div className="cell-panel-head">
        <h2 id="cell-panel-heading" tabIndex={-1} ref={heading}>
          {row?.actor.name ?? actorId} on {topic?.name ?? topicId}
          {found && <span className="muted"> · {cellLabel(found)}</span>}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the evidence">
          Close
        </button>
      </div>
      {found && found.positions.length > MAX_IDS && <p className="muted">The first {MAX_IDS} of {found.positions.length} positions.</p>}
      {body}
    </section>
  );
}
