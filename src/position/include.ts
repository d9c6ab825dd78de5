/** What to fetch with a list of positions, read from the fields the client asks below it. */
import type { GraphQLResolveInfo } from 'graphql';
import { field, lookAhead } from '../shared/lookahead.js';
import type { StatementInclude } from '../statement/model.js';

export interface PositionInclude {
  topic: boolean;
  actor: boolean;
  evidence: StatementInclude | null;
}

/** For a field that returns positions (`Actor.positions`, `Issue.positions`, `Proposal.positions`). */
export function positionInclude(info: GraphQLResolveInfo): PositionInclude {
  const positions = lookAhead(info);
  const evidence = field(positions, 'evidence');
  const citations = field(evidence, 'citations');
  return {
    topic: field(positions, 'topic') !== null,
    actor: field(positions, 'actor') !== null,
    evidence: evidence && {
      speaker: field(evidence, 'speaker') !== null,
      citations: citations && { source: field(citations, 'source') !== null },
    },
  };
}
