/**
 * Type-aheads for the review form: an actor of the graph (a speaker, or the actor a name is another spelling of) and
 * an issue or proposal (to move a suggested stance). The results are buttons under the field, so Tab, Enter and a
 * click all choose one; ArrowDown moves from the field into them and Escape back. Enter in the field never submits
 * the form around it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { KindBadge } from '../components/badges.js';
import { ExplorerReviewActorsDocument, ExplorerReviewTopicsDocument } from '../generated/operations.js';
import { useDebounced } from '../components/use-debounced.js';

export interface Choice {
  id: string;
  name: string;
  /** The actor's kind, or the topic's type (Issue, Proposal). */
  kind: string;
}

const resultsShown = 8;

interface PickerProps {
  label: string;
  value: Choice | null;
  onChange: (choice: Choice | null) => void;
  /** What to type, for the placeholder ("a name", "an issue"). */
  hint: string;
  /** Said before the chosen value (default: the label). */
  chosenLabel?: string;
}

/** The field, its results and the chosen value: shared by both pickers, each of which supplies its own search. */
/** `useSearch` is a hook: each picker passes the same one on every render. */
function Picker({ label, value, onChange, hint, chosenLabel, useSearch }: PickerProps & { useSearch: (text: string) => { choices: Choice[]; fetching: boolean; error: string | null } }) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 200);
  const inputId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const chose = useRef(false);
  const { choices, fetching, error } = useSearch(query);

  useEffect(() => {
    // After choosing, focus stays in the picker (on its "change" button) instead of falling to the page.
    if (value && chose.current) changeRef.current?.focus();
    chose.current = false;
  }, [value]);

  if (value) {
    return (
      <div className="picker chosen">
        <span className="picker-label">{chosenLabel ?? label}:</span> <strong>{value.name}</strong> <KindBadge kind={value.kind} />{' '}
        <button
          ref={changeRef}
          type="button"
          onClick={() => {
            onChange(null);
            setTimeout(() => inputRef.current?.focus());
          }}
        >
          Change
        </button>
      </div>
    );
  }

  const buttons = () => [...(listRef.current?.querySelectorAll('button') ?? [])];
  const onFieldKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      buttons()[0]?.focus();
    } else if (event.key === 'Escape') {
      setText('');
    }
  };
  const onResultKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const all = buttons();
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) inputRef.current?.focus();
      else all[index - 1]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      inputRef.current?.focus();
    }
  };

  let status: ReactNode = null;
  if (query.length < 2) status = `Type at least two letters of ${hint}.`;
  else if (error) status = <span className="field-error">Could not search: {error}</span>;
  else if (fetching && choices.length === 0) status = 'Searching…';
  else if (choices.length === 0) status = `Nothing matches “${query}”.`;

  return (
    <div className="picker">
      <label htmlFor={inputId}>{label}</label>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        autoComplete="off"
        placeholder={`Type ${hint}`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onFieldKey}
      />
      <p className="muted picker-status" aria-live="polite">
        {status ?? `${choices.length} result${choices.length === 1 ? '' : 's'}: choose one (↓ or Tab).`}
      </p>
      {choices.length > 0 && query.length >= 2 && (
        <ul ref={listRef} className="plain picker-results" aria-label={`${label}: results`}>
          {choices.map((choice, index) => (
            <li key={choice.id}>
              <button
                type="button"
                onKeyDown={(event) => onResultKey(event, index)}
                onClick={() => {
                  chose.current = true;
                  setText('');
                  onChange(choice);
                }}
              >
                {choice.name} <KindBadge kind={choice.kind} /> <span className="muted">{choice.id}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function useActorSearch(text: string) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerReviewActorsDocument, variables: { search: text, first: resultsShown }, pause: text.length < 2 });
  return {
    choices: text.length < 2 ? [] : (data?.actors.nodes ?? []).map((actor) => ({ id: actor.id, name: actor.name, kind: actor.kind })),
    fetching,
    error: error ? error.message : null,
  };
}

function useTopicSearch(text: string) {
  const [{ data, fetching, error }] = useQuery({ query: ExplorerReviewTopicsDocument, variables: { query: text, first: resultsShown }, pause: text.length < 2 });
  const choices: Choice[] = [];
  for (const edge of text.length < 2 ? [] : (data?.search.edges ?? [])) {
    const node = edge.node;
    if (node.__typename === 'Issue' || node.__typename === 'Proposal') choices.push({ id: node.id, name: node.name, kind: node.__typename });
  }
  return { choices, fetching, error: error ? error.message : null };
}

/** An actor of the graph, found by name or alias (`actors(filter: {search})`). */
export function ActorPicker(props: PickerProps) {
  return <Picker {...props} useSearch={useActorSearch} />;
}

/** An issue or proposal, found by name (`search` over issues and proposals). */
export function TopicPicker(props: PickerProps) {
  return <Picker {...props} useSearch={useTopicSearch} />;
}
