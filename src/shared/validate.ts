/** Argument checks shared by the resolvers; each failure names the argument. */
import { badUserInput } from '../errors.js';
import { foldForSearch } from './text.js';

export const MAX_SEARCH_LENGTH = 500;
export const MAX_IDS = 100;

export function searchText(value: string | null | undefined, argument: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.length > MAX_SEARCH_LENGTH) throw badUserInput(argument, `must be at most ${MAX_SEARCH_LENGTH} characters`);
  const folded = foldForSearch(value);
  return folded.length > 0 ? folded : null;
}

export function idList(ids: readonly string[], argument: string, { min = 0 } = {}): string[] {
  if (ids.length > MAX_IDS) throw badUserInput(argument, `must hold at most ${MAX_IDS} ids, got ${ids.length}`);
  if (ids.length < min) throw badUserInput(argument, `must hold at least ${min} id${min === 1 ? '' : 's'}`);
  return [...new Set(ids)];
}

export function intInRange(value: number | null | undefined, argument: string, min: number, max: number, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(argument, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function numberInRange(value: number | null | undefined, argument: string, min: number, max: number, fallback: number): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min || value > max) throw badUserInput(argument, `must be between ${min} and ${max}, got ${value}`);
  return value;
}
