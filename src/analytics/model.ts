import type { ActorRecord } from '../actor/model.js';
import type { PathRelationshipType, Stance, Verdict } from '../vocabulary.js';
import type { NodeRef } from '../node/repository.js';
import type { PositionRecord } from '../position/model.js';
import type { Connection } from '../shared/pagination.js';
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

/** One shared topic of an alignment, with the ids of both deciding positions (`a`: the actor aligned with). */
export interface ComparedIds {
  topicId: string;
  aPositionId: string;
  bPositionId: string;
  verdict: Verdict;
}

/** One actor ranked by `alignment`. */
export interface AlignmentRecord {
  actor: ActorRecord;
  /** Topics both hold current positions on; of them, `agree` AGREE and `decided` AGREE or DISAGREE. */
  shared: number;
  agree: number;
  decided: number;
  score: number | null;
  agreeOn: string[];
  disagreeOn: string[];
  comparisons: ComparedIds[];
}

export type AlignmentConnectionRecord = Connection<AlignmentRecord>;

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
