/**
 * Reads seeds/data/*.yaml and seeds/articles/, checks every file against the format and every reference
 * across files, and turns the result into the rows the repository writes. Nothing here touches Neo4j:
 * a seed that fails any check never reaches the database.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { actorSearchKey } from '../shared/text.js';
import type { ActorRelationType } from '../vocabulary.js';
import { isInsideQuotation, locate } from '../statement/locate.js';
import {
  seedFileSchema,
  type SeedActor,
  type SeedEvent,
  type SeedIssue,
  type SeedPosition,
  type SeedProposal,
  type SeedRelation,
  type SeedSource,
  type SeedStatement,
} from './schema.js';

export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(readonly problems: string[]) {
    super(`the seed data was refused (nothing was written):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Where an item came from, for messages: `seeds/data/actors.yaml: actors[3]`. */
interface Located<T> {
  item: T;
  at: string;
}

export interface SeedRows {
  sources: Array<Omit<SeedSource, 'file'> & { file: string; text: string }>;
  actors: Array<Omit<SeedActor, 'roles'> & { searchKey: string }>;
  roles: Array<{ actor: string; title: string; of: string }>;
  issues: Array<SeedIssue>;
  proposals: Array<SeedProposal>;
  events: Array<SeedEvent>;
  statements: Array<Omit<SeedStatement, 'citations'>>;
  /** `words`: what was looked for in the source (the statement's text, or the citation's `match`). */
  citations: Array<{ statement: string; source: string; start: number; end: number; words: string }>;
  positions: Array<SeedPosition & { validFrom: string | null }>;
  relations: Array<SeedRelation & { type: ActorRelationType }>;
}

const MAX_PROBLEMS = 100;

export function readSeed(seedDir: string): SeedRows {
  const dataDir = join(seedDir, 'data');
  const articlesDir = join(seedDir, 'articles');
  const problems: string[] = [];
  const report = (message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(message);
  };
  const display = (file: string) => relative(process.cwd(), file) || file;

  if (!existsSync(dataDir)) throw new SeedValidationError([`${display(dataDir)}: folder not found`]);
  const files = readdirSync(dataDir)
    .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
    .sort();
  if (files.length === 0) throw new SeedValidationError([`${display(dataDir)}: no .yaml files`]);

  const all = {
    sources: [] as Located<SeedSource>[],
    actors: [] as Located<SeedActor>[],
    issues: [] as Located<SeedIssue>[],
    proposals: [] as Located<SeedProposal>[],
    events: [] as Located<SeedEvent>[],
    statements: [] as Located<SeedStatement>[],
    positions: [] as Located<SeedPosition>[],
    relations: [] as Located<SeedRelation>[],
  };

  for (const file of files) {
    const path = join(dataDir, file);
    const name = display(path);
    let content: unknown;
    try {
      content = parse(readFileSync(path, 'utf8'), { uniqueKeys: true, maxAliasCount: 0 }) ?? {};
    } catch (error) {
      report(`${name}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const parsed = seedFileSchema.safeParse(content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report(`${name}: ${formatPath(issue.path)}: ${issue.message}`);
      continue;
    }
    for (const kind of Object.keys(all) as Array<keyof typeof all>) {
      const items = parsed.data[kind] ?? [];
      items.forEach((item, index) => {
        (all[kind] as Located<typeof item>[]).push({ item, at: `${name}: ${kind}[${index}]` });
      });
    }
  }
  if (problems.length > 0) throw new SeedValidationError(problems);

  // Ids are unique across every kind: node(id) resolves without knowing the kind.
  const kindOf = new Map<string, { kind: string; at: string }>();
  for (const kind of ['sources', 'actors', 'issues', 'proposals', 'events', 'statements', 'positions'] as const) {
    for (const { item, at } of all[kind] as Located<{ id: string }>[]) {
      const previous = kindOf.get(item.id);
      if (previous) report(`${at}.id: duplicate id "${item.id}" (already used at ${previous.at})`);
      else kindOf.set(item.id, { kind, at });
    }
  }
  const expect = (id: string | null | undefined, kinds: string[], at: string) => {
    if (!id) return;
    const found = kindOf.get(id);
    if (!found) report(`${at}: unknown ${kinds.map(singular).join(' or ')} "${id}"`);
    else if (!kinds.includes(found.kind)) report(`${at}: "${id}" is a ${singular(found.kind)}, expected a ${kinds.map(singular).join(' or ')}`);
  };

  // Sources and their texts.
  const texts = new Map<string, string>();
  const sources: SeedRows['sources'] = [];
  for (const { item, at } of all.sources) {
    const path = join(articlesDir, item.file);
    if (!existsSync(path)) {
      report(`${at}.file: ${display(path)} not found`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    texts.set(item.id, text);
    sources.push({ ...item, text });
  }

  const actors: SeedRows['actors'] = [];
  const roles: SeedRows['roles'] = [];
  for (const { item, at } of all.actors) {
    const { roles: actorRoles, ...actor } = item;
    actors.push({ ...actor, searchKey: actorSearchKey(actor.name, actor.aliases) });
    actorRoles.forEach((role, index) => {
      expect(role.of, ['actors'], `${at}.roles[${index}].of`);
      roles.push({ actor: actor.id, title: role.title, of: role.of });
    });
  }

  const parents = new Map<string, string>();
  for (const { item, at } of all.issues) {
    expect(item.parent, ['issues'], `${at}.parent`);
    if (item.parent) parents.set(item.id, item.parent);
  }
  for (const { item, at } of all.issues) {
    const seen = new Set([item.id]);
    for (let parent = parents.get(item.id); parent; parent = parents.get(parent)) {
      if (seen.has(parent)) {
        report(`${at}.parent: issue "${item.id}" is its own ancestor`);
        break;
      }
      seen.add(parent);
    }
  }

  for (const { item, at } of all.proposals) {
    item.authors.forEach((id, index) => expect(id, ['actors'], `${at}.authors[${index}]`));
    item.revises.forEach((id, index) => expect(id, ['proposals'], `${at}.revises[${index}]`));
    item.addresses.forEach((id, index) => expect(id, ['issues'], `${at}.addresses[${index}]`));
  }
  for (const { item, at } of all.events) {
    item.participants.forEach((participant, index) => expect(participant.actor, ['actors'], `${at}.participants[${index}].actor`));
    item.evidence.forEach((id, index) => expect(id, ['statements'], `${at}.evidence[${index}]`));
    if (item.date && item.endDate && item.endDate < item.date) report(`${at}.endDate: is before date`);
  }

  // Statements: every citation is found in its article; a QUOTE must sit inside quotation marks.
  const statements: SeedRows['statements'] = [];
  const citations: SeedRows['citations'] = [];
  const saidOn = new Map<string, string | null | undefined>();
  for (const { item, at } of all.statements) {
    const { citations: statementCitations, ...statement } = item;
    expect(statement.speaker, ['actors'], `${at}.speaker`);
    statements.push(statement);
    saidOn.set(statement.id, statement.saidOn);
    const cited = new Set<string>();
    statementCitations.forEach((citation, index) => {
      const where = `${at}.citations[${index}]`;
      expect(citation.source, ['sources'], `${where}.source`);
      if (cited.has(citation.source)) report(`${where}.source: "${citation.source}" is cited twice`);
      cited.add(citation.source);
      const text = texts.get(citation.source);
      if (text === undefined) return;
      const words = citation.match ?? statement.text;
      const span = locate(text, words, citation.occurrence ?? 1);
      if (!span) {
        const occurrence = citation.occurrence && citation.occurrence > 1 ? ` (occurrence ${citation.occurrence})` : '';
        report(`${where}: the words "${excerpt(words)}"${occurrence} are not in source "${citation.source}"`);
        return;
      }
      if (statement.kind === 'QUOTE' && !isInsideQuotation(text, span)) {
        report(`${where}: a QUOTE must be words inside quotation marks, but "${excerpt(words)}" is not quoted in "${citation.source}"`);
      }
      citations.push({ statement: statement.id, source: citation.source, ...span, words });
    });
  }

  const positions: SeedRows['positions'] = [];
  for (const { item, at } of all.positions) {
    expect(item.actor, ['actors'], `${at}.actor`);
    expect(item.topic, ['issues', 'proposals'], `${at}.topic`);
    const seen = new Set<string>();
    item.evidence.forEach((id, index) => {
      expect(id, ['statements'], `${at}.evidence[${index}]`);
      if (seen.has(id)) report(`${at}.evidence[${index}]: "${id}" is listed twice`);
      seen.add(id);
    });
    // validFrom is the date of the earliest evidence.
    const dates = item.evidence.map((id) => saidOn.get(id)).filter((value): value is string => Boolean(value));
    const validFrom = dates.length > 0 ? dates.sort()[0]! : null;
    if (item.validTo && validFrom && item.validTo < validFrom) report(`${at}.validTo: is before its earliest evidence (${validFrom})`);
    positions.push({ ...item, validFrom });
  }

  const relations: SeedRows['relations'] = [];
  const relationKeys = new Set<string>();
  for (const { item, at } of all.relations) {
    expect(item.from, ['actors'], `${at}.from`);
    expect(item.to, ['actors'], `${at}.to`);
    if (item.from === item.to) report(`${at}: an actor cannot relate to itself`);
    item.evidence.forEach((id, index) => expect(id, ['statements'], `${at}.evidence[${index}]`));
    const key = `${item.from} ${item.type} ${item.to}`;
    if (relationKeys.has(key)) report(`${at}: duplicate relation ${item.from} -${item.type}-> ${item.to}`);
    relationKeys.add(key);
    relations.push(item);
  }

  if (problems.length > 0) throw new SeedValidationError(problems);
  return {
    sources,
    actors,
    roles,
    issues: all.issues.map(({ item }) => item),
    proposals: all.proposals.map(({ item }) => item),
    events: all.events.map(({ item }) => item),
    statements,
    citations,
    positions,
    relations,
  };
}

function singular(kind: string): string {
  return kind.replace(/s$/, '');
}

function excerpt(words: string): string {
  return words.length > 80 ? `${words.slice(0, 77)}...` : words;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(file)';
}
