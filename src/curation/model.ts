/** The audit trail's records, and who writes. */
import { z } from 'zod';
import type { Connection } from '../shared/pagination.js';

/** The writer of a change: the token's role and a digest prefix (see auth/viewer.ts). */
export interface Author {
  label: string;
}

export const changeRecord = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  mutation: z.string(),
  targetIds: z.array(z.string()),
  input: z.string(),
});
export type ChangeRecord = z.output<typeof changeRecord>;

export type ChangeConnectionRecord = Connection<ChangeRecord>;
