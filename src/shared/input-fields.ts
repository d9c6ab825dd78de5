/** Field validators (zod) shared by the mutation inputs and the seed files, so both accept exactly the same values. */
import { z } from 'zod';

/** Ids are lowercase kebab-case slugs: `vladimir-putin`, `ukraine-nato-membership`. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug (a-z, 0-9 and single hyphens)')
  .max(120);
