/**
 * The search box in the header: results appear as you type (actors, issues, proposals, events, statements, best
 * first); ArrowUp/ArrowDown move through them, Enter opens one (or, with none chosen, the full results page),
 * Escape closes the list, and "/" anywhere focuses the box. An ARIA combobox, so screen readers follow along.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useLocation } from 'wouter';
import { ExplorerSearchDocument } from '../generated/operations.js';
import { links, nodeLink } from '../links.js';
import { searchHitTitle } from './search-hit.js';
import { useDebounced } from './use-debounced.js';

export function SearchBox() {
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const query = useDebounced(text.trim(), 200);
  const [{ data, fetching }] = useQuery({ query: ExplorerSearchDocument, variables: { query, first: 8 }, pause: query.length < 2 });
  // Hits only for what the box says now: while the debounce catches up, Enter searches the typed words.
  const current = query === text.trim() && query.length >= 2;
  const hits = current ? (data?.search.edges ?? []) : [];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => setActive(-1), [text]);

  const go = (path: string) => {
    setOpen(false);
    setText('');
    input.current?.blur();
    navigate(path);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      if (hit) go(nodeLink(hit.node.__typename, hit.node.id));
      else if (text.trim()) go(links.search(text.trim()));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const activeHit = hits[active];
  return (
    <div className="search-box">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search actors, issues, proposals, events and statements"
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeHit ? `${listId}-${active}` : undefined}
        placeholder="Search (press /)"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {open && query.length >= 2 && (
        <ul id={listId} role="listbox" className="search-results-popup" aria-label="Search results">
          {hits.length === 0 && <li className="muted">{fetching || !current ? 'Searching…' : `Nothing matches “${query}”.`}</li>}
          {hits.map((hit, i) => (
            <li
              key={hit.node.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              data-id={hit.node.id}
              className={i === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                go(nodeLink(hit.node.__typename, hit.node.id));
              }}
            >
              <span className="badge kind">{hit.node.__typename.toLowerCase()}</span> {searchHitTitle(hit.node)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
