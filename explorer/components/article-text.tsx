/**
 * An article's text with spans marked: offsets are UTF-16 indices into `text`, exactly as the API's citations give
 * them, so `text.slice(start, end)` is what a mark holds. Overlapping spans are cut at every boundary; a piece inside
 * several spans belongs to the first. The span `active` is scrolled into view and carries id "cited": the page
 * scrolls to it, or with `scroll="text"` only the text's own box does (a view with a form beside the text keeps its
 * place on the page).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'wouter';

export interface Span {
  key: string;
  start: number;
  end: number;
  /** Where a click on the span goes (the statement's evidence view). */
  href?: string;
  title?: string;
}

export function ArticleText({ text, spans, active, scroll = 'page' }: { text: string; spans: readonly Span[]; active?: string; scroll?: 'page' | 'text' }) {
  const activeRef = useRef<HTMLElement | null>(null);
  const boxRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const mark = activeRef.current;
    const box = boxRef.current;
    if (!mark) return;
    if (scroll === 'page' || !box) mark.scrollIntoView({ block: 'center' });
    else box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - (box.clientHeight - mark.offsetHeight) / 2;
  }, [active, text, scroll]);

  const valid = spans.filter((span) => span.start >= 0 && span.end <= text.length && span.start < span.end);
  const bounds = [...new Set([0, text.length, ...valid.flatMap((span) => [span.start, span.end])])].sort((a, b) => a - b);
  const pieces: ReactNode[] = [];
  const startedActive = new Set<string>();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] ?? 0;
    const to = bounds[i + 1] ?? 0;
    const piece = text.slice(from, to);
    const owner = valid.find((span) => span.key === active && span.start <= from && to <= span.end) ?? valid.find((span) => span.start <= from && to <= span.end);
    if (!owner) {
      pieces.push(piece);
      continue;
    }
    const isActive = owner.key === active;
    const first = isActive && !startedActive.has(owner.key);
    if (first) startedActive.add(owner.key);
    const mark = (
      <mark
        key={`${from}-${owner.key}`}
        className={isActive ? 'cited active' : 'cited'}
        id={first ? 'cited' : undefined}
        data-start={from}
        data-end={to}
        title={owner.title}
        ref={first ? (element: HTMLElement | null) => void (activeRef.current = element) : undefined}
      >
        {piece}
      </mark>
    );
    pieces.push(owner.href && !isActive ? <Link key={`link-${from}`} href={owner.href}>{mark}</Link> : mark);
  }
  return (
    <div ref={boxRef} className="article-text" data-article-length={text.length}>
      {pieces}
    </div>
  );
}
