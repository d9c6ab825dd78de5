/** Waiting for work that runs apart from the request (a worker thread's job) without outliving the request's deadline. */
import { queryTimeout } from '../errors.js';
import type { RequestBudget } from '../neo4j/database.js';

const DEADLINE_MARGIN_MS = 100;

/** Waits for work off the request's thread (a worker's job) up to the request's deadline; past it, QUERY_TIMEOUT with `message`. */
export async function withinDeadline<T>(promise: Promise<T>, budget: RequestBudget | undefined, message: string): Promise<T> {
  // No deadline, or none any more: a request whose write committed is answered whatever it takes (never a timeout
  // that would hide the write).
  if (!budget || !Number.isFinite(budget.remainingMs())) return promise;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(queryTimeout(message)),
      // A little before the request's own deadline, so the client reads why (and that asking again will do).
      Math.max(0, budget.remainingMs() - DEADLINE_MARGIN_MS),
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
