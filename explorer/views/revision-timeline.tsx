/**
 * A proposal's revisions as a timeline: the proposals it revises and those revising it (as far as the view's query
 * walked), by date, the one in view highlighted. An undated proposal stands just before the earliest dated proposal
 * that revises it (a revision comes after what it revises); one with no dated revision stands at the end.
 */
import { Link } from 'wouter';
import type { ExplorerRevisionStepFragment } from '../generated/operations.js';
import { links } from '../links.js';

type Step = ExplorerRevisionStepFragment;

/** `revision` revises `original`. */
export interface Revision {
  revision: string;
  original: string;
}

export interface TimelineEntry {
  step: Step;
  /** The date it is placed by: its own, or (undated) the earliest date of what revises it; null: at the end. */
  placedBy: string | null;
  revises: Step[];
  revisedBy: Step[];
}

export function timeline(steps: readonly Step[], revisions: readonly Revision[]): TimelineEntry[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const revisers = (id: string) => revisions.filter((r) => r.original === id).map((r) => r.revision);
  const placement = new Map<string, string | null>();
  const place = (id: string, seen: Set<string>): string | null => {
    if (placement.has(id)) return placement.get(id) ?? null;
    const own = byId.get(id)?.date ?? null;
    if (own || seen.has(id)) return own;
    seen.add(id);
    const dates = revisers(id)
      .map((reviser) => place(reviser, seen))
      .filter((date): date is string => date !== null)
      .sort();
    const placed = dates[0] ?? null;
    placement.set(id, placed);
    return placed;
  };
  const entries = steps.map((step) => ({
    step,
    placedBy: place(step.id, new Set()),
    revises: revisions.filter((r) => r.revision === step.id).flatMap((r) => byId.get(r.original) ?? []),
    revisedBy: revisions.filter((r) => r.original === step.id).flatMap((r) => byId.get(r.revision) ?? []),
  }));
  return entries.sort(
    (a, b) =>
      (a.placedBy ?? '\uffff').localeCompare(b.placedBy ?? '\uffff') ||
      // On the same date an undated original comes before the dated revision it is placed by.
      Number(a.step.date !== null) - Number(b.step.date !== null) ||
      a.step.name.localeCompare(b.step.name),
  );
}

export function RevisionTimeline({ current, entries }: { current: string; entries: readonly TimelineEntry[] }) {
  return (
    <ol className="timeline" aria-label="Revisions by date">
      {entries.map(({ step, revises, placedBy }) => {
        const isCurrent = step.id === current;
        return (
          <li key={step.id} className={isCurrent ? 'current' : undefined} data-proposal={step.id} aria-current={isCurrent ? 'true' : undefined}>
            <span className="when">{step.date ?? (placedBy ? `date not stated · before ${placedBy}, when it was revised` : 'date not stated')}</span>
            {isCurrent ? (
              <strong>
                {step.name} <span className="muted">(this proposal)</span>
              </strong>
            ) : (
              <Link href={links.proposal(step.id)}>{step.name}</Link>
            )}
            {revises.length > 0 && <span className="relation">revises {revises.map((original) => original.name).join('; ')}</span>}
          </li>
        );
      })}
    </ol>
  );
}
