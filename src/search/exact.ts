/**
 * What counts as an exact match: the query and a name (or an alias) have the same words once case, accents and
 * punctuation are set aside ("us 28-point PEACE plan" is "US 28-point peace plan"; "Zelenskyy" is not "Zelensky").
 */
import { foldForSearch } from '../shared/text.js';

export function matchKey(text: string): string {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .join(' ');
}

export function isExactMatch(query: string, names: readonly string[]): boolean {
  const key = matchKey(query);
  return key.length > 0 && names.some((name) => matchKey(name) === key);
}
