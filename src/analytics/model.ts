import type { ActorRecord } from '../actor/model.js';
import type { PathRelationshipType, Stance } from '../vocabulary.js';
import type { NodeRef } from '../node/repository.js';
import type { PositionRecord } from '../position/model.js';
import type { TopicRecord } from '../topic/model.js';

export interface StanceCellRecord {
  topic: TopicRecord;
  stance: Stance | null;
  positions: PositionRecord[];
}

export interface StanceRowRecord {
  actor: ActorRecord;
  cells: StanceCellRecord[];
}

export interface StanceMatrixRecord {
  actors: ActorRecord[];
  topics: TopicRecord[];
  rows: StanceRowRecord[];
}

export type Verdict = 'AGREE' | 'DISAGREE' | 'PARTIAL';

export interface TopicComparisonRecord {
  topicId: string;
  a: PositionRecord;
  b: PositionRecord;
  verdict: Verdict;
}

export interface AgreementRecord {
  aId: string;
  bId: string;
  details: TopicComparisonRecord[];
  agreeOn: string[];
  disagreeOn: string[];
  score: number | null;
}

export interface PathStepRecord {
  from: NodeRef;
  to: NodeRef;
  type: PathRelationshipType;
  forward: boolean;
}

export interface GraphPathRecord {
  nodes: NodeRef[];
  steps: PathStepRecord[];
}
