/** One line naming an article: title (to its view), outlet, date, and its reliability plainly. */
import { Link } from 'wouter';
import { links } from '../links.js';
import { ReliabilityBadge } from './badges.js';

export interface SourceSummary {
  id: string;
  title: string;
  outlet?: string | null;
  publishedOn?: string | null;
  reliability: string;
}

export function SourceLine({ source }: { source: SourceSummary }) {
  return (
    <span className="source-line">
      <Link href={links.source(source.id)}>{source.title}</Link>
      {source.outlet ? <span className="muted"> · {source.outlet}</span> : null}
      {source.publishedOn ? <span className="muted"> · {source.publishedOn}</span> : null} <ReliabilityBadge reliability={source.reliability} />
    </span>
  );
}
