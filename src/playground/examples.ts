/**
 * The playground's example tabs: each operations/*.graphql document (one named operation, a leading `# comment`
 * saying what it shows) with variables that reach data in the seed graph.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';

export const operationsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'operations');

/** Variables per operation name; the order here is the order of the tabs. Ids exist in seeds/. */
export const exampleVariables = {
  ActorPositions: { id: 'vladimir-putin' },
  IssueStances: { id: 'ukraine-nato-membership' },
  StanceMatrix: {
    actorIds: ['russia', 'ukraine', 'united-states'],
    issueIds: ['ukraine-nato-membership', 'donbas-withdrawal', 'security-guarantees'],
  },
  Agreement: { a: 'russia', b: 'ukraine' },
  Alignment: { with: 'europe', first: 5 },
  StanceShifts: { from: '2025-12-01', to: '2025-12-31' },
  Coalitions: { first: 5 },
  Centrality: { by: 'PAGE_RANK', first: 10 },
  Search: { query: 'Zelenskyy', first: 5 },
  Paths: { from: 'jared-kushner', to: 'vladimir-putin' },
  ActorsPage: { first: 10 },
  StatementsBySpeaker: { speakerId: 'dmitry-peskov' },
  ReviewQueue: { status: 'PENDING', first: 10 },
} satisfies Record<string, Record<string, unknown>>;

export interface PlaygroundExample {
  operationName: string;
  /** The leading comment line, without its `#`. */
  description: string;
  /** The whole document as written, comment included. */
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Reads every operation file once. A missing folder gives no examples (the page still works); a file that is not
 * exactly one named operation stops the start, naming the file.
 */
export function loadExamples(dir: string = operationsDir): PlaygroundExample[] {
  if (!existsSync(dir)) return [];
  const examples = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => readExample(join(dir, file)));
  const rank = (name: string): number => {
    const index = Object.keys(exampleVariables).indexOf(name);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return examples.sort((a, b) => rank(a.operationName) - rank(b.operationName) || a.operationName.localeCompare(b.operationName));
}

function readExample(path: string): PlaygroundExample {
  const query = readFileSync(path, 'utf8');
  const operations = parse(query).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operationName = operations.length === 1 ? operations[0]?.name?.value : undefined;
  if (!operationName) throw new Error(`${path}: a playground example must hold exactly one named operation`);
  const description = /^\s*#\s?(.*)$/m.exec(query)?.[1]?.trim() ?? '';
  return { operationName, description, query, variables: variablesFor(operationName) };
}

function variablesFor(operationName: string): Record<string, unknown> {
  return Object.hasOwn(exampleVariables, operationName) ? exampleVariables[operationName as keyof typeof exampleVariables] : {};
}
