/**
 * The ingestion domain's Cypher: storing an article with its review candidates, the review queue, and a curator's
 * decision. Accepting runs the same audited writes as the curation mutations (upsertActorIn, recordStatementIn,
 * setPositionIn) inside one transaction, so a statement, its new speaker and its positions commit together or not at all.
 */
import { z } from 'zod';
import { upsertActorInput } from '../actor/inputs.js';
import { upsertActorIn } from '../actor/repository.js';
import type { ActorRecord } from '../actor/model.js';
import { audit, nextFreeId } from '../curation/repository.js';
import type { Author, ChangeRecord } from '../curation/model.js';
import { badUserInput, conflict, notFound } from '../errors.js';
import { int, type QueryRunner, type Tx } from '../neo4j/database.js';
import { keyset } from '../neo4j/keyset.js';
import { setPositionIn } from '../position/repository.js';
import type { PositionRecord } from '../position/model.js';
import { setPositionInput } from '../position/inputs.js';
import { parseInput } from '../shared/input-fields.js';
import type { CursorKey } from '../shared/pagination.js';
import { count, countRow } from '../shared/rows.js';
import { addSourceIn, recordStatementIn, statementSlug } from '../statement/repository.js';
import type { addSourceInput } from '../statement/inputs.js';
import { recordStatementInput } from '../statement/inputs.js';
import type { SourceRecord, StatementRecord } from '../statement/model.js';
import type { CandidateKind, CandidateStatus } from '../vocabulary.js';
import { actorKinds } from '../vocabulary.js';
import type { CandidateEdits } from './inputs.js';
import { candidateRecord, type CandidatePayloadRecord, type CandidateRecord, type NewCandidate, type SuggestedStanceRecord } from './model.js';

/** `c` bound to the candidate; parsed by `candidateRecord`. */
const candidateProjection = `c {.id, .kind, .status, .sourceId, .start, .end, .text, .rule, .confidence, .statementKind, .speaker,
  saidOn: toString(c.saidOn), .dateSource, .stances, .actor, .decidedBy, decidedAt: toString(c.decidedAt), .reason, .resultId,
  ingestedAt: toString(c.ingestedAt), ingestedMillis: c.ingestedAt.epochMillis}`;
const candidateRow = z.object({ candidate: candidateRecord });

/** Newest ingestion first, then by source, then in the article's order. */
/** A candidate's place in the queue: the cursor's key (what `queueOrder` compares). */
// Times as zero-padded epoch milliseconds: toString(datetime) drops a zero fraction ("...:05Z" sorts after "...:05.1Z").
export const queueKey = (c: CandidateRecord): string[] => [String(c.ingestedMillis).padStart(15, '0'), c.sourceId, String(c.start).padStart(10, '0'), c.id];
const queueOrder = keyset([{ expr: "right('000000000000000' + toString(c.ingestedAt.epochMillis), 15)", desc: true }, { expr: 'c.sourceId' }, { expr: "right('0000000000' + toString(c.start), 10)" }, { expr: 'c.id' }]);
export const queueCursorWidth = queueOrder.width;

export interface QueueFilter {
  status: CandidateStatus | null;
  sourceId: string | null;
  kind: CandidateKind | null;
}

const queueWhere = `($status IS NULL OR c.status = $status) AND ($sourceId IS NULL OR c.sourceId = $sourceId) AND ($kind IS NULL OR c.kind = $kind)`;

export class IngestionRepository {
  constructor(private readonly db: QueryRunner) {}

  /**
   * What the gazetteer depends on, cheaply: the numbers of actors and topics (Neo4j's count store, O(1)). A new actor or
   * topic changes it at once; a rename or a new alias is picked up when the cached gazetteer expires (see service.ts).
   */
  async gazetteerVersion(): Promise<string> {
    const rows = await this.db.read(
      'gazetteerVersion',
      'CALL () { MATCH (a:Actor) RETURN count(a) AS actors } CALL () { MATCH (t:Topic) RETURN count(t) AS topics } RETURN actors, topics',
      {},
      z.object({ actors: count, topics: count }),
    );
    return `${rows[0]?.actors ?? 0}:${rows[0]?.topics ?? 0}`;
  }

  /** The source that holds this text already, by content hash. */
  async sourceWithHash(hash: string): Promise<string | null> {
    const rows = await this.db.read('sourceWithHash', 'MATCH (src:Source {contentHash: $hash}) RETURN src.id AS id', { hash }, z.object({ id: z.string() }));
    return rows[0]?.id ?? null;
  }

  /** Stores the source (immutable, as addSource does) and its candidates in one transaction. */
  store(
    author: Author,
    source: z.output<typeof addSourceInput>,
    hash: string,
    candidates: NewCandidate[],
    summary: object,
  ): Promise<{ source: SourceRecord; change: ChangeRecord }> {
    return this.db.writeTransaction('ingestArticle', async (tx) => {
      const { source: stored } = await addSourceIn(tx, author, source);
      await tx.exec('markIngested', 'MATCH (src:Source {id: $id}) SET src.contentHash = $hash', { id: stored.id, hash });
      const rows = candidates.map((candidate) => ({
        ...candidate,
        id: `${stored.id}#${candidate.id}`,
        name: candidate.actor?.name ?? null,
        speaker: JSON.stringify(candidate.speaker),
        stances: JSON.stringify(candidate.stances),
        actor: JSON.stringify(candidate.actor),
      }));
      await tx.exec(
        'storeCandidates',
        `MATCH (src:Source {id: $sourceId})
         WITH src, datetime() AS now
         UNWIND $rows AS row
         CREATE (c:Candidate {id: row.id})
         SET c.kind = row.kind, c.status = 'PENDING', c.sourceId = src.id, c.start = toInteger(row.start), c.end = toInteger(row.end), c.text = row.text,
             c.rule = row.rule, c.confidence = row.confidence, c.statementKind = row.statementKind, c.speaker = row.speaker,
             c.saidOn = date(row.saidOn), c.dateSource = row.dateSource, c.stances = row.stances, c.actor = row.actor,
             c.name = row.name, c.ingestedAt = now
         CREATE (c)-[:SUGGESTED_IN]->(src)`,
        { sourceId: stored.id, rows },
      );
      const change = await audit(tx, author, 'ingestArticle', [stored.id], {
        ...source,
        text: `(${source.text.length} characters)`,
        contentHash: hash,
        extraction: summary,
      });
      return { source: stored, change };
    });
  }

  async list(filter: QueueFilter, limit: number, after: CursorKey | null): Promise<CandidateRecord[]> {
    const rows = await this.db.read(
      'reviewQueue',
      `MATCH (c:Candidate)
       WHERE ${queueWhere}
       WITH c, ${queueOrder.column}
       WHERE ${queueOrder.after}
       RETURN ${candidateProjection} AS candidate
       ORDER BY ${queueOrder.order}
       LIMIT $limit`,
      { ...filter, after, limit: int(limit) },
      candidateRow,
    );
    return rows.map((row) => row.candidate);
  }

  async count(filter: QueueFilter): Promise<number> {
    const rows = await this.db.read('countReviewQueue', `MATCH (c:Candidate) WHERE ${queueWhere} RETURN count(c) AS count`, { ...filter }, countRow);
    return rows[0]?.count ?? 0;
  }

  async byIds(ids: readonly string[]): Promise<CandidateRecord[]> {
    const rows = await this.db.read('candidatesByIds', `UNWIND $ids AS id MATCH (c:Candidate {id: id}) RETURN ${candidateProjection} AS candidate`, { ids }, candidateRow);
    return rows.map((row) => row.candidate);
  }

  reject(author: Author, id: string, reason: string): Promise<CandidatePayloadRecord> {
    return this.db.writeTransaction('rejectCandidate', async (tx) => {
      await pending(tx, id);
      const rows = await tx.run(
        'rejectCandidate',
        `MATCH (c:Candidate {id: $id})
         SET c.status = 'REJECTED', c.reason = $reason, c.decidedBy = $by, c.decidedAt = datetime()
         RETURN ${candidateProjection} AS candidate`,
        { id, reason, by: author.label },
        candidateRow,
      );
      const change = await audit(tx, author, 'rejectCandidate', [id], { id, reason });
      return { candidate: rows[0]!.candidate, statement: null, actors: [], positions: [], change };
    });
  }

  accept(author: Author, id: string, edits: CandidateEdits): Promise<CandidatePayloadRecord> {
    return this.db.writeTransaction('acceptCandidate', async (tx) => {
      const candidate = await pending(tx, id);
      const accepted = candidate.kind === 'STATEMENT' ? await acceptStatement(tx, author, candidate, edits) : await acceptActor(tx, author, candidate, edits);
      const resultId = accepted.statement?.id ?? accepted.actors[0]!.id;
      const rows = await tx.run(
        'acceptCandidate',
        `MATCH (c:Candidate {id: $id})
         SET c.status = 'ACCEPTED', c.resultId = $resultId, c.edits = $edits, c.decidedBy = $by, c.decidedAt = datetime()
         RETURN ${candidateProjection} AS candidate`,
        { id, resultId, edits: JSON.stringify(edits), by: author.label },
        candidateRow,
      );
      // An actor created here settles the source's ACTOR candidates that suggested the same name.
      const created = accepted.actors.map((actor) => ({ id: actor.id, names: [actor.name, ...actor.aliases].map((name) => name.toLowerCase()) }));
      await tx.exec(
        'settleActorCandidates',
        `UNWIND $created AS actor
         MATCH (o:Candidate {sourceId: $sourceId, kind: 'ACTOR', status: 'PENDING'})
         WHERE toLower(o.name) IN actor.names
         SET o.status = 'ACCEPTED', o.resultId = actor.id, o.decidedBy = $by, o.decidedAt = datetime()`,
        { created, sourceId: candidate.sourceId, by: author.label },
      );
      const targets = [id, resultId, ...accepted.actors.map((actor) => actor.id), ...accepted.positions.map((position) => position.id)];
      const change = await audit(tx, author, 'acceptCandidate', [...new Set(targets)], { id, edits });
      return { candidate: rows[0]!.candidate, ...accepted, change };
    });
  }
}

/** The candidate, locked for this transaction; NOT_FOUND when absent, CONFLICT when a curator decided it already. */
async function pending(tx: Tx, id: string): Promise<CandidateRecord> {
  const rows = await tx.run('lockCandidate', `MATCH (c:Candidate {id: $id}) SET c._lock = true REMOVE c._lock RETURN ${candidateProjection} AS candidate`, { id }, candidateRow);
  const candidate = rows[0]?.candidate;
  if (!candidate) throw notFound('id', `no candidate with id "${id}"`);
  if (candidate.status !== 'PENDING') throw conflict(`candidate "${id}" was ${candidate.status.toLowerCase()} already (by ${candidate.decidedBy} at ${candidate.decidedAt})`);
  return candidate;
}

interface Accepted {
  statement: StatementRecord | null;
  actors: ActorRecord[];
  positions: PositionRecord[];
}

const sourceTextRow = z.object({ text: z.string() });

/** The statement a candidate becomes: its words at exact offsets, its speaker (created if new), and the chosen positions. */
async function acceptStatement(tx: Tx, author: Author, candidate: CandidateRecord, edits: CandidateEdits): Promise<Accepted> {
  const source = (await tx.run('candidateSourceText', 'MATCH (src:Source {id: $id}) RETURN src.text AS text', { id: candidate.sourceId }, sourceTextRow))[0];
  if (!source) throw notFound('id', `the candidate's source "${candidate.sourceId}" no longer exists`);
  const start = edits.start ?? candidate.start;
  const end = edits.end ?? candidate.end;
  if (end > source.text.length) throw badUserInput('edits.end', `must be at most the source's length, ${source.text.length}`);
  if (start >= end) throw badUserInput('edits.start', `must be before end (${end})`);
  const text = source.text.slice(start, end);
  if (text.trim() !== text || text.length === 0) throw badUserInput('edits.start', 'the words must not begin or end with whitespace');

  const actors: ActorRecord[] = [];
  let speakerId: string | null = null;
  let speakerNote: string | null = edits.speakerNote;
  if (edits.speakerId) {
    speakerId = edits.speakerId;
  } else if (edits.newSpeaker) {
    actors.push((await upsertActorIn(tx, author, { id: null, ...edits.newSpeaker })).actor);
    speakerId = actors[0]!.id;
  } else if (!edits.speakerNote && candidate.speaker) {
    const suggested = candidate.speaker;
    if (suggested.actorId) speakerId = suggested.actorId;
    else if (suggested.note) speakerNote = suggested.note.slice(0, 300);
    else if (suggested.name) {
      // Named but not linked when extracted: the actor may exist since (another candidate's acceptance made it).
      speakerId = await actorNamed(tx, suggested.name);
      if (!speakerId) {
        const speaker = parseInput(upsertActorInput, { name: suggested.name, kind: suggested.kind ?? 'PERSON' }, 'candidate.speaker');
        actors.push((await upsertActorIn(tx, author, speaker)).actor);
        speakerId = actors[0]!.id;
      }
    }
  }
  const input = parseInput(
    recordStatementInput,
    {
      text,
      kind: edits.statementKind ?? candidate.statementKind ?? 'REPORTED',
      speakerId,
      speakerNote,
      saidOn: edits.saidOn ?? candidate.saidOn,
      dateSource: edits.saidOn && !edits.dateSource ? 'EVENT' : (edits.dateSource ?? candidate.dateSource),
      sourceIds: [candidate.sourceId],
    },
    'edits',
  );
  // The same words by the same speaker in another article are another statement: the next free id of its slug.
  const id = await nextFreeId(tx, statementSlug(speakerId, text));
  const { statement } = await recordStatementIn(tx, author, { ...input, id }, new Map([[candidate.sourceId, { start, end }]]));

  const positions: PositionRecord[] = [];
  for (const [index, wanted] of (edits.positions ?? []).entries()) {
    const argument = `edits.positions[${index}]`;
    let base: SuggestedStanceRecord | undefined;
    if (wanted.suggestion !== null) {
      base = candidate.stances[wanted.suggestion];
      if (!base) throw badUserInput(`${argument}.suggestion`, `the candidate has ${candidate.stances.length} suggested stances (indexes from 0)`);
    }
    const holderId =
      wanted.holderId ??
      base?.holder.actorId ??
      (base && base.holder.name && base.holder.name === candidate.speaker?.name ? speakerId : base?.holder.name ? await actorNamed(tx, base.holder.name) : null);
    if (!holderId) throw badUserInput(`${argument}.holderId`, 'is required: the suggestion names no actor of the graph as the holder');
    const position = parseInput(
      setPositionInput,
      {
        actorId: holderId,
        topicId: wanted.topicId ?? base?.topicId,
        stance: wanted.stance ?? base?.stance,
        condition: wanted.condition ?? base?.condition ?? null,
        summary: wanted.summary ?? (text.length > 300 ? `${text.slice(0, 297)}...` : text),
        evidence: [statement.id],
      },
      argument,
    );
    positions.push((await setPositionIn(tx, author, position)).position);
  }
  return { statement, actors, positions };
}

/** The one actor with exactly this name (by the name index), or null when none or several have it. */
async function actorNamed(tx: Tx, name: string): Promise<string | null> {
  const rows = await tx.run('actorNamed', 'MATCH (a:Actor {name: $name}) RETURN a.id AS id LIMIT 2', { name: name.normalize('NFC') }, z.object({ id: z.string() }));
  return rows.length === 1 ? rows[0]!.id : null;
}

const existingActorRow = z.object({ name: z.string(), kind: z.enum(actorKinds), aliases: z.array(z.string()) });

/** The actor a candidate becomes: a new actor, or another spelling (alias) of an existing one. */
async function acceptActor(tx: Tx, author: Author, candidate: CandidateRecord, edits: CandidateEdits): Promise<Accepted> {
  const suggested = candidate.actor;
  if (edits.sameAsActorId) {
    const rows = await tx.run(
      'aliasTarget',
      'MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.kind AS kind, coalesce(a.aliases, []) AS aliases',
      { id: edits.sameAsActorId },
      existingActorRow,
    );
    const existing = rows[0];
    if (!existing) throw notFound('edits.sameAsActorId', `no actor with id "${edits.sameAsActorId}"`);
    const alias = suggested?.name ?? candidate.text;
    const { actor } = await upsertActorIn(tx, author, { id: edits.sameAsActorId, name: existing.name, kind: existing.kind, aliases: [...existing.aliases, alias], description: null });
    return { statement: null, actors: [actor], positions: [] };
  }
  const wanted = edits.actor ? { id: null, ...edits.actor } : parseInput(upsertActorInput, { name: suggested?.name ?? candidate.text, kind: suggested?.kind ?? 'PERSON' }, 'candidate.actor');
  const { actor } = await upsertActorIn(tx, author, wanted);
  return { statement: null, actors: [actor], positions: [] };
}

