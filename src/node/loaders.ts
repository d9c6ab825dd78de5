import type DataLoader from 'dataloader';
import type { ActorRecord } from '../actor/model.js';
import type { EventRecord } from '../event/model.js';
import type { PositionRecord } from '../position/model.js';
import { byIdLoader } from '../shared/loaders.js';
import type { SourceRecord, StatementRecord } from '../statement/model.js';
import type { IssueRecord, ProposalRecord } from '../topic/model.js';
import type { NodeRef, NodeRepository } from './repository.js';

export type NodeRecord = ActorRecord | IssueRecord | ProposalRecord | PositionRecord | StatementRecord | SourceRecord | EventRecord;

export function createNodeLoaders(nodes: NodeRepository) {
  return { nodeRefById: byIdLoader((ids) => nodes.refsByIds(ids)) };
}

/** The loaders a node of any kind is read through (the request's, from its context). */
export interface NodeLoaders {
  nodeRefById: DataLoader<string, NodeRef | null>;
  actorById: DataLoader<string, ActorRecord | null>;
  issueById: DataLoader<string, IssueRecord | null>;
  proposalById: DataLoader<string, ProposalRecord | null>;
  positionById: DataLoader<string, PositionRecord | null>;
  statementById: DataLoader<string, StatementRecord | null>;
  sourceById: DataLoader<string, SourceRecord | null>;
  eventById: DataLoader<string, EventRecord | null>;
}

/** Resolves a reference through its kind's loader, so a list of mixed nodes costs one query per kind. */
export function loadNode(loaders: NodeLoaders, ref: NodeRef): Promise<NodeRecord | null> {
  const byKind: Record<NodeRef['kind'], DataLoader<string, NodeRecord | null>> = {
    Actor: loaders.actorById,
    Issue: loaders.issueById,
    Proposal: loaders.proposalById,
    Position: loaders.positionById,
    Statement: loaders.statementById,
    Source: loaders.sourceById,
    Event: loaders.eventById,
  };
  return byKind[ref.kind].load(ref.id);
}

export async function loadNodeById(loaders: NodeLoaders, id: string): Promise<NodeRecord | null> {
  const ref = await loaders.nodeRefById.load(id);
  return ref ? loadNode(loaders, ref) : null;
}
