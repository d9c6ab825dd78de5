/**
 * The editor's API token, for the review queue: kept in sessionStorage (gone with the tab), sent as a bearer token
 * by the client. Anonymous reads need none.
 */
import { useSyncExternalStore } from 'react';

const key = 'stancegraph-explorer-token';
const listeners = new Set<() => void>();

export function currentToken(): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(key, token);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage refused (private mode): the token lives as long as the page does.
  }
  for (const listener of listeners) listener();
}

export function useToken(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    currentToken,
  );
}
