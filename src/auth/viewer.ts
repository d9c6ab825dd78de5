/**
 * Who is asking. Reads are public; mutations need `Authorization: Bearer <token>` with a token from
 * STANCEGRAPH_API_KEYS (`role:token,role:token`). Tokens are compared in constant time through their SHA-256
 * digests and never logged; a viewer is known by role and a short digest prefix.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';

export const roles = ['editor', 'admin'] as const;
export type Role = (typeof roles)[number];
const rank: Record<Role, number> = { editor: 1, admin: 2 };

export interface ApiKey {
  role: Role;
  digest: Buffer;
  /** Safe to log and store: the role and the first 8 hex digits of the token's digest. */
  label: string;
}

export interface Viewer {
  /** `missing`: no Authorization header; `invalid`: a token that matches no key; `valid`: a known key. */
  status: 'missing' | 'invalid' | 'valid';
  role: Role | null;
  label: string | null;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** Parses `role:token,...`; throws with a message that names the entry, never the token. */
export function parseApiKeys(value: string | undefined): ApiKey[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry, index) => {
      const separator = entry.indexOf(':');
      const role = separator > 0 ? entry.slice(0, separator) : '';
      const token = separator > 0 ? entry.slice(separator + 1) : '';
      if (!(roles as readonly string[]).includes(role)) {
        throw new Error(`entry ${index + 1} must start with a role (${roles.join(' or ')}) and a colon`);
      }
      if (token.length < 16 || /\s/.test(token)) {
        throw new Error(`entry ${index + 1} (${role}): the token must be at least 16 characters without spaces`);
      }
      const tokenDigest = digest(token);
      return { role: role as Role, digest: tokenDigest, label: `${role}#${tokenDigest.toString('hex').slice(0, 8)}` };
    });
}

export function authenticate(authorization: string | undefined, keys: readonly ApiKey[]): Viewer {
  if (!authorization) return { status: 'missing', role: null, label: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return { status: 'invalid', role: null, label: null };
  const presented = digest(match[1]!);
  let found: ApiKey | null = null;
  // Every key is compared, so the time taken does not tell which (or whether any) matched early.
  for (const key of keys) {
    if (timingSafeEqual(presented, key.digest) && !found) found = key;
  }
  return found ? { status: 'valid', role: found.role, label: found.label } : { status: 'invalid', role: null, label: null };
}

/** Throws UNAUTHENTICATED without a valid token, FORBIDDEN when the role is too small; returns who it is. */
export function requireRole(viewer: Viewer, needed: Role): { role: Role; label: string } {
  if (viewer.status !== 'valid' || !viewer.role || !viewer.label) {
    throw new GraphQLError(
      viewer.status === 'missing'
        ? 'This operation needs an API token: send Authorization: Bearer <token>.'
        : 'The API token is not valid.',
      { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } },
    );
  }
  if (rank[viewer.role] < rank[needed]) {
    throw new GraphQLError(`This operation needs the ${needed} role; the token has ${viewer.role}.`, {
      extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
    });
  }
  return { role: viewer.role, label: viewer.label };
}
