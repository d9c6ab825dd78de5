import type { Context } from '../context.js';
import type { ActorRecord } from '../actor/model.js';
import type { EventRecord } from '../event/model.js';
import type { PositionRecord } from '../position/model.js';
import type { SourceRecord, StatementRecord } from '../statement/model.js';
import type { IssueRecord, ProposalRecord } from '../topic/model.js';
import { byIdLoader } from '../shared/loaders.js';
import type { NodeRef, NodeRepository } from './repository.js';

export type NodeRecord = ActorRecord | IssueRecord | ProposalRecord | PositionRecord | StatementRecord | SourceRecord | EventRecord;

export function createNodeLoaders(nodes: NodeRepository) {
  return { nodeRefById: byIdLoader((ids) => nodes.refsByIds(ids)) };
}

/** Resolves a reference through its kind's loader, so a list of mixed nodes costs one query per kind. */
export function loadNode(context: Context, ref: NodeRef): Promise<NodeRecord | null> {
  const { loaders } = context;
  switch (ref.kind) {
    case 'Actor':
      return loaders.actorById.load(ref.id);
    case 'Issue':
      return loaders.issueById.load(ref.id);
    case 'Proposal':
      return loaders.proposalById.load(ref.id);
    case 'Position':
      return loaders.positionById.load(ref.id);
    case 'Statement':
      return loaders.statementById.load(ref.id);
    case 'Source':
      return loaders.sourceById.load(ref.id);
    case 'Event':
      return loaders.eventById.load(ref.id);
  }
}

export async function loadNodeById(context: Context, id: string): Promise<NodeRecord | null> {
  const ref = await context.loaders.nodeRefById.load(id);
  return ref ? loadNode(context, ref) : null;
}
