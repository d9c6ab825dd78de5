/**
 * Which of a position's statements a view shows as its evidence: one cited in the most reliable source (HIGH over
 * MEDIUM over LOW), a quote over reported words (verbatim words are the strongest proof of what was said), then the
 * newest (saidOn; undated last), then by id so the choice is stable. The link goes to that statement in its most
 * reliable source.
 */
import { Link } from 'wouter';
import { KindBadge, ReliabilityBadge } from '../components/badges.js';
import type { ExplorerEvidenceStatementFragment } from '../generated/operations.js';
import { links } from '../links.js';

type Statement = ExplorerEvidenceStatementFragment;
type Citation = Statement['citations'][number];

const reliabilityRank: Record<string, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
const kindRank: Record<string, number> = { QUOTE: 0, PARAPHRASE: 1, REPORTED: 1 };

/** The statement's citation in its most reliable source (the oldest article among equals: the API's order). */
export function bestCitation(statement: Statement): Citation | null {
  let best: Citation | null = null;
  for (const citation of statement.citations) {
    if (!best || rankOf(citation) < rankOf(best)) best = citation;
  }
  return best;
}

function rankOf(citation: Citation | null): number {
  return citation ? (reliabilityRank[citation.source.reliability] ?? 3) : 4;
}

/** Negative when `a` is stronger evidence than `b`. */
export function compareEvidence(a: Statement, b: Statement): number {
  return (
    rankOf(bestCitation(a)) - rankOf(bestCitation(b)) ||
    (kindRank[a.kind] ?? 2) - (kindRank[b.kind] ?? 2) ||
    // ISO dates compare as strings; an undated statement comes after every dated one.
    (b.saidOn ?? '').localeCompare(a.saidOn ?? '') ||
    a.id.localeCompare(b.id)
  );
}

export interface StrongestEvidence {
  statement: Statement;
  citation: Citation | null;
}

export function strongestEvidence(evidence: readonly Statement[]): StrongestEvidence | null {
  const [strongest] = [...evidence].sort(compareEvidence);
  return strongest ? { statement: strongest, citation: bestCitation(strongest) } : null;
}

/** A statement's words cut to `max` characters at a word boundary. */
export function excerpt(text: string, max = 220): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A position's strongest statement: its words (a link to the evidence view, in the source chosen), when and how it
 * was said, where, and how many statements there are in all. A low-reliability source is marked.
 */
export function StrongestEvidence({ evidence, markLow = true }: { evidence: readonly Statement[]; /** False where the position is marked already. */ markLow?: boolean }) {
  const strongest = strongestEvidence(evidence);
  if (!strongest) return <p className="muted">No evidence listed.</p>;
  const { statement, citation } = strongest;
  const words = excerpt(statement.text, 170);
  return (
    <div className="strongest-evidence">
      <Link href={links.statement(statement.id, citation?.source.id)} data-evidence-statement={statement.id} className="evidence-words">
        {statement.kind === 'QUOTE' ? `“${words}”` : words}
      </Link>
      <div className="evidence-meta muted">
        <KindBadge kind={statement.kind} /> {statement.saidOn ?? 'undated'}
        {citation ? <> · {citation.source.title}</> : ' · cited in no article'}
        {markLow && citation?.source.reliability === 'LOW' && (
          <>
            {' '}
            <ReliabilityBadge reliability="LOW" />
          </>
        )}
        {evidence.length > 1 && <> · strongest of {evidence.length} statements</>}
      </div>
    </div>
  );
}
