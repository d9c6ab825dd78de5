/**
 * The graph's write model, in one place: the rows each kind of thing is written from, the Cypher that writes a batch
 * of them, and the order the steps must run in. The seed loader (repository.ts: every step in one transaction) and
 * the benchmark loader (bench/data/load.ts: one transaction per batch) both write through it.
 *
 * The shape: every node carries :Entity besides its own label(s); dates are date(); Actor.searchKey; CITED_IN
 * {start, end}; HOLDS_ROLE {title} (part of its identity: one actor may hold several titles in one body);
 * PARTICIPATED_IN {role}; relations between actors {evidence}. Nodes are MERGEd on their id (uniquely constrained)
 * and relationships MERGEd between their ends, so writing the same rows again changes nothing. The benchmark's empty
 * stores could take CREATE, but on M MERGE cost only ~10% more CPU (1.2-1.4x the wall time, within the run-to-run
 * noise of a loaded machine): not worth a second set of queries.
 *
 * Queries go through a callback, not the service's QueryRunner: whoever calls owns the transaction. Only the seed tool
 * and the benchmark import this module; the service never does.
 */
import {
  actorRelationTypes,
  type ActorKind,
  type ActorRelationType,
  type DateSource,
  type EventKind,
  type Reliability,
  type Stance,
  type StatementKind,
} from '../vocabulary.js';

/** Runs one statement in the caller's transaction; `name` labels it (query logs, metadata). */
export type RunCypher = (name: string, cypher: string, params: Record<string, unknown>) => PromiseLike<unknown>;

/** Dates are ISO days (YYYY-MM-DD), stored with date(). */
type IsoDay = string;

export interface SourceRow {
  id: string;
  title: string;
  outlet?: string | null;
  publishedOn?: IsoDay | null;
  url?: string | null;
  reliability: Reliability;
  reliabilityNote?: string | null;
  text: string;
  /** The article's file in seeds/articles/ (null for generated sources). */
  file?: string | null;
}

export interface ActorRow {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  description?: string | null;
  /** actorSearchKey(name, aliases): what fuzzy search matches. */
  searchKey: string;
}

export interface RoleRow {
  actor: string;
  title: string;
  of: string;
}

export interface IssueRow {
  id: string;
  name: string;
  description?: string | null;
  parent?: string | null;
}

export interface ProposalRow {
  id: string;
  name: string;
  description?: string | null;
  date?: IsoDay | null;
  dateSource?: DateSource | null;
  authors: string[];
  addresses: string[];
  revises: string[];
}

export interface StatementRow {
  id: string;
  text: string;
  kind: StatementKind;
  saidOn?: IsoDay | null;
  dateSource?: DateSource | null;
  speaker?: string | null;
  speakerNote?: string | null;
}

/** Where a statement's words stand in a source's text: [start, end). */
export interface CitationRow {
  statement: string;
  source: string;
  start: number;
  end: number;
}

export interface EventRow {
  id: string;
  name: string;
  kind?: EventKind | null;
  date?: IsoDay | null;
  dateSource?: DateSource | null;
  endDate?: IsoDay | null;
  place?: string | null;
  description?: string | null;
  participants: Array<{ actor: string; role?: string | null }>;
  evidence: string[];
}

export interface PositionRow {
  id: string;
  actor: string;
  /** An issue or a proposal. */
  topic: string;
  stance: Stance;
  summary: string;
  condition?: string | null;
  validFrom?: IsoDay | null;
  validTo?: IsoDay | null;
  evidence: string[];
}

export interface RelationRow {
  from: string;
  type: ActorRelationType;
  to: string;
  evidence: string[];
}

/** The whole graph as rows (the seed's SeedRows is one). */
export interface GraphRows {
  sources: SourceRow[];
  actors: ActorRow[];
  roles: RoleRow[];
  issues: IssueRow[];
  proposals: ProposalRow[];
  statements: StatementRow[];
  citations: CitationRow[];
  events: EventRow[];
  positions: PositionRow[];
  relations: RelationRow[];
}

/** What each step reads. Sub-issues and revisions reread issues and proposals once every one of them exists. */
export interface StepRows {
  sources: SourceRow;
  actors: ActorRow;
  roles: RoleRow;
  issues: IssueRow;
  subIssues: IssueRow;
  proposals: ProposalRow;
  revisions: ProposalRow;
  statements: StatementRow;
  citations: CitationRow;
  events: EventRow;
  positions: PositionRow;
  relations: RelationRow;
}
export type GraphStep = keyof StepRows;

/** The order the steps run in: each links only to nodes that a step before it (all batches of it) has written. */
export const graphSteps = [
  'sources',
  'actors',
  'roles',
  'issues',
  'subIssues',
  'proposals',
  'revisions',
  'statements',
  'citations',
  'events',
  'positions',
  'relations',
] as const satisfies readonly GraphStep[];

/** Which of GraphRows each step reads. */
export const stepInput = {
  sources: 'sources',
  actors: 'actors',
  roles: 'roles',
  issues: 'issues',
  subIssues: 'issues',
  proposals: 'proposals',
  revisions: 'proposals',
  statements: 'statements',
  citations: 'citations',
  events: 'events',
  positions: 'positions',
  relations: 'relations',
} as const satisfies { [S in GraphStep]: keyof GraphRows };

/** MERGEs `link` (a pattern from n to `other`) for each id in the row's `list` that names a node of `label`. */
function linkEach(list: string, label: string, link: string): string {
  return `CALL (n, row) {
      UNWIND ${list} AS otherId
      MATCH (other:${label} {id: otherId})
      MERGE ${link}
    }`;
}

/** The Cypher of every step but relations (whose type is part of the query: see relationCypher). */
export const stepCypher: { [S in Exclude<GraphStep, 'relations'>]: string } = {
  sources: `UNWIND $rows AS row
    MERGE (n:Entity:Source {id: row.id})
    SET n.title = row.title, n.outlet = row.outlet, n.publishedOn = date(row.publishedOn), n.url = row.url,
        n.reliability = row.reliability, n.reliabilityNote = row.reliabilityNote, n.text = row.text, n.file = row.file`,
  actors: `UNWIND $rows AS row
    MERGE (n:Entity:Actor {id: row.id})
    SET n.name = row.name, n.kind = row.kind, n.aliases = row.aliases, n.description = row.description,
        n.searchKey = row.searchKey`,
  roles: `UNWIND $rows AS row
    MATCH (a:Actor {id: row.actor}), (o:Actor {id: row.of})
    MERGE (a)-[:HOLDS_ROLE {title: row.title}]->(o)`,
  issues: `UNWIND $rows AS row
    MERGE (n:Entity:Topic:Issue {id: row.id})
    SET n.name = row.name, n.description = row.description`,
  subIssues: `UNWIND $rows AS row
    WITH row WHERE row.parent IS NOT NULL
    MATCH (n:Issue {id: row.id}), (p:Issue {id: row.parent})
    MERGE (n)-[:SUB_ISSUE_OF]->(p)`,
  proposals: `UNWIND $rows AS row
    MERGE (n:Entity:Topic:Proposal {id: row.id})
    SET n.name = row.name, n.description = row.description, n.date = date(row.date), n.dateSource = row.dateSource
    WITH n, row
    ${linkEach('row.authors', 'Actor', '(n)-[:AUTHORED_BY]->(other)')}
    ${linkEach('row.addresses', 'Issue', '(n)-[:ADDRESSES]->(other)')}`,
  revisions: `UNWIND $rows AS row
    MATCH (n:Proposal {id: row.id})
    ${linkEach('row.revises', 'Proposal', '(n)-[:REVISES]->(other)')}`,
  statements: `UNWIND $rows AS row
    MERGE (n:Entity:Statement {id: row.id})
    SET n.text = row.text, n.kind = row.kind, n.saidOn = date(row.saidOn), n.dateSource = row.dateSource,
        n.speakerNote = row.speakerNote
    WITH n, row WHERE row.speaker IS NOT NULL
    MATCH (a:Actor {id: row.speaker})
    MERGE (n)-[:SAID_BY]->(a)`,
  citations: `UNWIND $rows AS row
    MATCH (s:Statement {id: row.statement}), (src:Source {id: row.source})
    MERGE (s)-[c:CITED_IN]->(src)
    SET c.start = row.start, c.end = row.end`,
  events: `UNWIND $rows AS row
    MERGE (n:Entity:Event {id: row.id})
    SET n.name = row.name, n.kind = row.kind, n.date = date(row.date), n.dateSource = row.dateSource,
        n.endDate = date(row.endDate), n.place = row.place, n.description = row.description
    WITH n, row
    CALL (n, row) {
      UNWIND row.participants AS participant
      MATCH (a:Actor {id: participant.actor})
      MERGE (a)-[p:PARTICIPATED_IN]->(n)
      SET p.role = participant.role
    }
    ${linkEach('row.evidence', 'Statement', '(n)-[:EVIDENCED_BY]->(other)')}`,
  positions: `UNWIND $rows AS row
    MATCH (a:Actor {id: row.actor}), (t:Topic {id: row.topic})
    MERGE (n:Entity:Position {id: row.id})
    SET n.stance = row.stance, n.summary = row.summary, n.condition = row.condition,
        n.validFrom = date(row.validFrom), n.validTo = date(row.validTo)
    MERGE (a)-[:HOLDS]->(n)
    MERGE (n)-[:ON]->(t)
    WITH n, row
    ${linkEach('row.evidence', 'Statement', '(n)-[:EVIDENCED_BY]->(other)')}`,
};

/** A relationship type cannot be a parameter: one query per type, the type taken from the vocabulary, never from rows. */
export function relationCypher(type: ActorRelationType): string {
  const known = actorRelationTypes.find((name) => name === type);
  if (!known) throw new Error(`not an actor relation type: ${JSON.stringify(type)}`);
  return `UNWIND $rows AS row
    MATCH (a:Actor {id: row.from}), (b:Actor {id: row.to})
    MERGE (a)-[r:${known}]->(b)
    SET r.evidence = row.evidence`;
}

/** Writes one batch of one step (relations: one statement per type present). Empty batches write nothing. */
export async function writeBatch<S extends GraphStep>(run: RunCypher, step: S, rows: ReadonlyArray<StepRows[S]>): Promise<void> {
  if (rows.length === 0) return;
  if (step !== 'relations') {
    await run(`write.${step}`, stepCypher[step as Exclude<GraphStep, 'relations'>], { rows });
    return;
  }
  const relations = rows as ReadonlyArray<RelationRow>;
  const unknown = relations.find((relation) => !actorRelationTypes.includes(relation.type));
  if (unknown) throw new Error(`not an actor relation type: ${JSON.stringify(unknown.type)}`);
  for (const type of actorRelationTypes) {
    const ofType = relations.filter((relation) => relation.type === type);
    if (ofType.length > 0) await run(`write.relations.${type}`, relationCypher(type), { rows: ofType });
  }
}

/** Writes every step of the whole graph, in order, through one `run` (the caller's single transaction, for the seed). */
export async function writeGraph(run: RunCypher, rows: GraphRows): Promise<void> {
  for (const step of graphSteps) await writeBatch(run, step, rows[stepInput[step]]);
}
