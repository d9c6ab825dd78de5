/** Reading plain Neo4j rows at the repository boundary, so records have exact types. */
import type { Plain } from '../neo4j/records.js';

export type PlainMap = { [key: string]: Plain };

export function map(value: Plain | undefined): PlainMap {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`expected a map from Neo4j, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function str(value: Plain | undefined): string {
  if (typeof value !== 'string') throw new TypeError(`expected a string from Neo4j, got ${JSON.stringify(value)}`);
  return value;
}

export function strOrNull(value: Plain | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export function num(value: Plain | undefined): number {
  if (typeof value !== 'number') throw new TypeError(`expected a number from Neo4j, got ${JSON.stringify(value)}`);
  return value;
}

export function strings(value: Plain | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
