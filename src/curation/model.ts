import type { ActorRelationRecord } from '../actor/model.js';
import type { Connection } from '../shared/pagination.js';
import type { ChangeRecord } from './repository.js';

export type ChangeConnectionRecord = Connection<ChangeRecord>;

export interface ActorRelationPayloadRecord {
  fromId: string;
  relation: ActorRelationRecord;
  change: ChangeRecord;
}
