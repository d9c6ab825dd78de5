/** The issue mutation's input, checked at the edge: every failure names the field. */
import { z } from 'zod';
import { name, optional, slug, text } from '../shared/input-fields.js';

export const upsertIssueInput = z.strictObject({
  id: optional(slug),
  name: name(300),
  description: optional(text(2000)),
  parentId: optional(slug),
});
