/**
 * Schema migrations: uniqueness constraints and the indexes the API needs. Every statement is idempotent
 * (IF NOT EXISTS), so applying them at each start is safe. Community edition supports these; existence and
 * key constraints are Enterprise-only and are not used.
 */
import type { QueryRunner } from './database.js';

/** Every stancegraph node carries :Entity as well as its own label, so `node(id)` needs one lookup. */
export const entityLabels = ['Actor', 'Issue', 'Proposal', 'Event', 'Source', 'Statement', 'Position'] as const;

const constraints = ['Entity', ...entityLabels].map(
  (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
);

const indexes = [
  // Issues and proposals are both :Topic; positions point at a Topic and are looked up by its id. Without this,
  // every `(:Topic {id})` was a scan of all topics (the benchmark's first finding: 5.7M db hits for one request).
  'CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE',
  // The audit trail (Change nodes are not :Entity: they are about the graph, not in it).
  'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at)',
  // Ingestion: one source per text (content hash), and the review queue's candidates (not :Entity: suggestions, not facts).
  'CREATE CONSTRAINT source_content_hash IF NOT EXISTS FOR (n:Source) REQUIRE n.contentHash IS UNIQUE',
  'CREATE CONSTRAINT candidate_id IF NOT EXISTS FOR (n:Candidate) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX candidate_status IF NOT EXISTS FOR (n:Candidate) ON (n.status, n.ingestedAt)',
  'CREATE INDEX candidate_source IF NOT EXISTS FOR (n:Candidate) ON (n.sourceId)',
  // Keyset pagination and filters.
  'CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name, n.id)',
  'CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)',
  'CREATE TEXT INDEX actor_search_key IF NOT EXISTS FOR (n:Actor) ON (n.searchKey)',
  'CREATE INDEX issue_name IF NOT EXISTS FOR (n:Issue) ON (n.name, n.id)',
  'CREATE INDEX proposal_name IF NOT EXISTS FOR (n:Proposal) ON (n.name, n.id)',
  'CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date)',
  'CREATE INDEX source_published IF NOT EXISTS FOR (n:Source) ON (n.publishedOn)',
  'CREATE INDEX statement_said_on IF NOT EXISTS FOR (n:Statement) ON (n.saidOn)',
  'CREATE INDEX position_stance IF NOT EXISTS FOR (n:Position) ON (n.stance)',
  'CREATE INDEX position_valid_from IF NOT EXISTS FOR (n:Position) ON (n.validFrom)',
  // Full text: names and aliases (accent- and case-folded), topics, what was said.
  "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Actor|Issue|Proposal|Event|Statement) ON EACH [n.name, n.aliases, n.description, n.text] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }",
];

export const migrations: readonly string[] = [...constraints, ...indexes];

export async function applyMigrations(db: QueryRunner): Promise<number> {
  for (const [index, statement] of migrations.entries()) {
    await db.exec(`migration${index}`, statement);
  }
  await db.exec('awaitIndexes', 'CALL db.awaitIndexes(300)');
  return migrations.length;
}
