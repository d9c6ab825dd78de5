/** How every mutation resolver runs its write: check the role, run one transaction, answer with fresh records. */
import { requireRole, type Role } from '../auth/viewer.js';
import type { Context } from '../context.js';
import type { Author } from './model.js';

/** Authorises, then runs the write; the request's loaders are cleared after it, so the payload reads what was written. */
export async function mutate<T>(context: Context, role: Role, work: (author: Author) => Promise<T>): Promise<T> {
  const author = requireRole(context.viewer, role);
  try {
    return await work(author);
  } finally {
    for (const loader of Object.values(context.loaders)) loader.clearAll();
  }
}
