/**
 * The reads of issue 11, through GraphQL on the seed graph: every nested list is a connection that pages without
 * losing or repeating an item; Query.positions, events and relations answer exactly what their filters say (checked
 * against the whole list filtered here); ids an argument names must exist (NOT_FOUND naming the argument); and the
 * relationship types a normalised cache must key (relations, roles, participations, citations) have stable ids.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';
import {
  ActorEventIdsPageDocument,
  ActorPositionIdsPageDocument,
  ActorProposalIdsPageDocument,
  ActorRelationEdgesDocument,
  ActorRelationIdsPageDocument,
  ActorRoleHolderIdsPageDocument,
  ActorRoleIdsPageDocument,
  AllEventFactsDocument,
  AllPositionFactsDocument,
  EventEvidenceIdsPageDocument,
  EventParticipantIdsPageDocument,
  FilteredEventIdsPageDocument,
  FilteredEventsDocument,
  FilteredPositionsDocument,
  IssuePositionIdsPageDocument,
  IssueProposalIdsPageDocument,
  IssueSubIssueIdsPageDocument,
  PositionIdsPageDocument,
  ProposalPositionIdsPageDocument,
  ProposalRevisedByIdsPageDocument,
  ProposalRevisesIdsPageDocument,
  RelationIdsPageDocument,
  RelationsOfDocument,
  StableIdsDocument,
  StatementEvidenceForIdsPageDocument,
  type AllPositionFactsQuery,
  type PositionFilter,
} from './generated/operations.js';
import { cypher, ownedData, run, type GraphQLResponse, type Variables } from './support.js';

const seed = readSeed(defaultSeedDir);
const seedPositionIds = new Set(seed.positions.map((position) => position.id));
const seedEventIds = new Set(seed.events.map((event) => event.id));
const seedActorIds = seed.actors.map((actor) => actor.id);
const seedIds = [...seed.actors, ...seed.issues, ...seed.proposals, ...seed.events, ...seed.statements, ...seed.positions].map((item) => item.id);

// This file writes nothing: it reads the seed through a service of its own.
const owned = ownedData('api-reads');
const { read } = owned;
beforeAll(() => owned.start());
afterAll(() => owned.cleanup());

interface IdList {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string } }>;
}

/** Walks a connection page by page (at most 200 pages), returning every id in order and the last totalCount. */
async function walk(page: (first: number, after: string | null) => Promise<IdList | null | undefined>, size: number) {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let pages = 1; pages <= 200; pages++) {
    const list = await page(size, after);
    if (!list) throw new Error('the parent of the list was not found');
    totalCount = list.totalCount;
    ids.push(...list.edges.map((edge) => edge.node.id));
    if (list.edges.length > 0) expect(list.pageInfo.endCursor).toBe(list.edges.at(-1)!.cursor);
    expect(list.edges.length).toBeLessThanOrEqual(size);
    if (!list.pageInfo.hasNextPage) return { ids, totalCount, pages };
    after = list.pageInfo.endCursor;
  }
  throw new Error('the list did not end within 200 pages');
}

type Parented = { parent?: { list?: IdList } | Record<string, never> | null };

/** A nested list's page, read through its typed document with the parent's id. */
function nestedPage<TData extends Parented>(document: TypedDocumentNode<TData, { id: string; first?: number | null; after?: string | null }>, id: string) {
  return async (first: number, after: string | null) => {
    const data = await read(document, { id, first, after });
    const parent = data.parent;
    return parent && 'list' in parent ? parent.list : null;
  };
}

/**
 * The seed node with the most matches of `pattern` (`(x)` bound to it): the busiest parent of a list. Seed nodes only:
 * other files write their own nodes meanwhile, never under the seed's.
 */
async function busiest(pattern: string): Promise<string> {
  const rows = await cypher(
    owned.service.db,
    'busiestParent',
    `MATCH ${pattern} WHERE x.id IN $seedIds RETURN x.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1`,
    { seedIds },
  );
  return String(rows[0]!.id);
}

describe('every nested list is a connection that pages', () => {
  const lists: Array<[string, string, (id: string) => (first: number, after: string | null) => Promise<IdList | null | undefined>]> = [
    ['Actor.positions', '(x:Actor)-[:HOLDS]->(:Position)', (id) => nestedPage(ActorPositionIdsPageDocument, id)],
    ['Actor.relations', '(x:Actor)-[:LEADS|MEMBER_OF|ADVISES|SPEAKS_FOR|ENVOY_OF|FAMILY_OF|ALLIED_WITH|NEGOTIATES_WITH|REPRESENTS|OPPOSES]-(:Actor)', (id) => nestedPage(ActorRelationIdsPageDocument, id)],
    ['Actor.events', '(x:Actor)-[:PARTICIPATED_IN]->(:Event)', (id) => nestedPage(ActorEventIdsPageDocument, id)],
    ['Actor.roles', '(x:Actor)-[:HOLDS_ROLE]->(:Actor)', (id) => nestedPage(ActorRoleIdsPageDocument, id)],
    ['Actor.roleHolders', '(:Actor)-[:HOLDS_ROLE]->(x:Actor)', (id) => nestedPage(ActorRoleHolderIdsPageDocument, id)],
    ['Actor.proposals', '(:Proposal)-[:AUTHORED_BY]->(x:Actor)', (id) => nestedPage(ActorProposalIdsPageDocument, id)],
    ['Issue.positions', '(:Position)-[:ON]->(x:Issue)', (id) => nestedPage(IssuePositionIdsPageDocument, id)],
    ['Issue.subIssues', '(:Issue)-[:SUB_ISSUE_OF]->(x:Issue)', (id) => nestedPage(IssueSubIssueIdsPageDocument, id)],
    ['Issue.proposals', '(:Proposal)-[:ADDRESSES]->(x:Issue)', (id) => nestedPage(IssueProposalIdsPageDocument, id)],
    ['Proposal.positions', '(:Position)-[:ON]->(x:Proposal)', (id) => nestedPage(ProposalPositionIdsPageDocument, id)],
    ['Proposal.revises', '(x:Proposal)-[:REVISES]->(:Proposal)', (id) => nestedPage(ProposalRevisesIdsPageDocument, id)],
    ['Proposal.revisedBy', '(:Proposal)-[:REVISES]->(x:Proposal)', (id) => nestedPage(ProposalRevisedByIdsPageDocument, id)],
    ['Event.participants', '(:Actor)-[:PARTICIPATED_IN]->(x:Event)', (id) => nestedPage(EventParticipantIdsPageDocument, id)],
    ['Event.evidence', '(x:Event)-[:EVIDENCED_BY]->(:Statement)', (id) => nestedPage(EventEvidenceIdsPageDocument, id)],
    ['Statement.evidenceFor', '(:Position)-[:EVIDENCED_BY]->(x:Statement)', (id) => nestedPage(StatementEvidenceForIdsPageDocument, id)],
  ];

  it.each(lists)('%s: pages of 1 hold every item once, in the order of one big page, and totalCount counts them', async (_name, pattern, pageOf) => {
    const parent = await busiest(pattern);
    const paged = await walk(pageOf(parent), 1);
    const whole = await walk(pageOf(parent), 100);
    expect(paged.ids.length).toBeGreaterThan(0);
    expect(new Set(paged.ids).size).toBe(paged.ids.length);
    expect(paged.ids).toEqual(whole.ids);
    expect(whole.totalCount).toBe(whole.ids.length);
    expect(whole.pages).toBe(1);
  });

  it('first is at most 100 and a cursor belongs to its own list', async () => {
    const tooMany = await owned.service.gql('{ actor(id: "vladimir-putin") { positions(first: 101) { totalCount } } }');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const events = await read(ActorEventIdsPageDocument, { id: 'steve-witkoff', first: 1 });
    const cursor = events.parent!.list.pageInfo.endCursor;
    const misused = await run(owned.service, ActorPositionIdsPageDocument, { id: 'steve-witkoff', after: cursor });
    expect(misused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('the top-level lists page the same way', async () => {
    const lists: Array<(first: number, after: string | null) => Promise<IdList>> = [
      async (first, after) => (await read(PositionIdsPageDocument, { first, after })).list,
      async (first, after) => (await read(PositionIdsPageDocument, { filter: { stances: ['SUPPORTS'] }, first, after })).list,
      async (first, after) => (await read(FilteredEventIdsPageDocument, { filter: { kinds: ['TALKS', 'MEETING'] }, first, after })).list,
      async (first, after) => (await read(RelationIdsPageDocument, { first, after })).list,
      async (first, after) => (await read(RelationIdsPageDocument, { filter: { actorId: 'vladimir-putin' }, first, after })).list,
    ];
    for (const page of lists) {
      const paged = await walk(page, 7);
      const whole = await walk(page, 100);
      // Other files write their own nodes meanwhile: the seed's items must be each once, in the same order.
      const ofSeed = (ids: string[]) => ids.filter((id) => !/^[a-z-]+-[0-9a-f]{8}-/.test(id));
      expect(ofSeed(paged.ids).length).toBeGreaterThan(0);
      expect(new Set(ofSeed(paged.ids)).size).toBe(ofSeed(paged.ids).length);
      expect(ofSeed(paged.ids)).toEqual(ofSeed(whole.ids));
    }
  });
});

type PositionFacts = AllPositionFactsQuery['positions']['nodes'][number];

/**
 * Every position of the seed, with what the filters look at. Read through the seed's actors: other files write (and
 * delete) positions of their own actors meanwhile, never of these.
 */
async function seedPositions(): Promise<PositionFacts[]> {
  const all: PositionFacts[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const { positions }: AllPositionFactsQuery = await read(AllPositionFactsDocument, { actorIds: seedActorIds, after });
    all.push(...positions.nodes);
    if (!positions.pageInfo.hasNextPage) break;
    after = positions.pageInfo.endCursor;
  }
  return all.filter((position) => seedPositionIds.has(position.id));
}

/** The seed positions a filter answers (all its pages). */
async function filtered(filter: PositionFilter): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const response: GraphQLResponse<{ positions: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> = await run(
      owned.service,
      FilteredPositionsDocument,
      { filter, after },
    );
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    ids.push(...response.data!.positions.nodes.map((position) => position.id));
    if (!response.data!.positions.pageInfo.hasNextPage) break;
    after = response.data!.positions.pageInfo.endCursor;
  }
  return ids.filter((id) => seedPositionIds.has(id)).sort();
}

const sortedIds = (positions: PositionFacts[]) => positions.map((position) => position.id).sort();
const reliabilitiesOf = (position: PositionFacts) => position.evidence.flatMap((statement) => statement.citations.map((citation) => citation.source.reliability));

describe('Query.positions answers what its filter says', () => {
  it('all of them, newest first', async () => {
    const all = await seedPositions();
    expect(all).toHaveLength(seed.positions.length);
    const dates = all.map((position) => position.validFrom ?? '0000-00-00');
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('by holders, topics and stances', async () => {
    const all = await seedPositions();
    const actorIds = ['russia', 'ukraine', 'vladimir-putin'];
    const topicIds = ['ukraine-nato-membership', 'ceasefire'];
    const expected = all.filter((p) => actorIds.includes(p.actor.id) && topicIds.includes(p.topic.id) && ['OPPOSES', 'SUPPORTS'].includes(p.stance));
    expect(expected.length).toBeGreaterThan(0);
    expect(await filtered({ actorIds, topicIds, stances: ['OPPOSES', 'SUPPORTS'] })).toEqual(sortedIds(expected));
  });

  it('stated between two dates: at least one evidence statement said then ("every position stated between Dec 1 and 5")', async () => {
    const all = await seedPositions();
    const expected = all.filter((p) => p.evidence.some((s) => s.saidOn !== null && s.saidOn >= '2025-12-01' && s.saidOn <= '2025-12-05'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(await filtered({ from: '2025-12-01', to: '2025-12-05' })).toEqual(sortedIds(expected));
    const onlyFrom = all.filter((p) => p.evidence.some((s) => s.saidOn !== null && s.saidOn >= '2025-12-03'));
    expect(await filtered({ from: '2025-12-03' })).toEqual(sortedIds(onlyFrom));
  });

  it('valid on a date', async () => {
    const all = await seedPositions();
    const asOf = '2025-12-02';
    const expected = all.filter((p) => (p.validFrom === null || p.validFrom <= asOf) && (p.validTo === null || p.validTo > asOf));
    expect(await filtered({ asOf })).toEqual(sortedIds(expected));
  });

  it('by the reliability of the sources behind it, and resting only on one reliability', async () => {
    const all = await seedPositions();
    const withLow = all.filter((p) => reliabilitiesOf(p).includes('LOW'));
    expect(withLow.length).toBeGreaterThan(0);
    expect(await filtered({ reliability: ['LOW'] })).toEqual(sortedIds(withLow));
    for (const only of ['LOW', 'HIGH'] as const) {
      const resting = all.filter((p) => reliabilitiesOf(p).length > 0 && reliabilitiesOf(p).every((r) => r === only));
      expect(await filtered({ onlyReliability: only })).toEqual(sortedIds(resting));
    }
    expect((await filtered({ onlyReliability: 'HIGH' })).length).toBeGreaterThan(0);
    // Each position is marked with its best source; LOW marks exactly those resting only on low-reliability sources.
    const rank = ['HIGH', 'MEDIUM', 'LOW'] as const;
    for (const position of all) expect(position.sourceReliability).toBe(rank.find((r) => reliabilitiesOf(position).includes(r)));
    expect(sortedIds(all.filter((p) => p.sourceReliability === 'LOW'))).toEqual(await filtered({ onlyReliability: 'LOW' }));
  });

  it('refuses dates the wrong way round, and ids that name nothing', async () => {
    const backwards = await owned.service.gql('{ positions(filter: { from: "2025-12-05", to: "2025-12-01" }) { totalCount } }');
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.to' });
  });
});

describe('Query.events and Query.relations answer what their filters say', () => {
  it('events by dates, participant and kinds ("who met whom on Dec 2")', async () => {
    const { events } = await read(AllEventFactsDocument, {});
    const all = events.nodes.filter((event) => seedEventIds.has(event.id));
    const ids = async (filter: Variables) => (await read(FilteredEventsDocument, { filter })).events.nodes.map((event) => event.id).filter((id) => seedEventIds.has(id)).sort();
    const onDec2 = all.filter((event) => event.date !== null && event.date <= '2025-12-02' && (event.endDate ?? event.date) >= '2025-12-02');
    expect(onDec2.map((event) => event.id)).toContain('moscow-talks-2025-12-02');
    expect(await ids({ from: '2025-12-02', to: '2025-12-02' })).toEqual(onDec2.map((event) => event.id).sort());
    const witkoff = all.filter((event) => event.participants.nodes.some((participant) => participant.actor.id === 'steve-witkoff'));
    expect(await ids({ participantId: 'steve-witkoff' })).toEqual(witkoff.map((event) => event.id).sort());
    const talks = all.filter((event) => event.kind === 'TALKS' || event.kind === 'MEETING');
    expect(talks.length).toBeGreaterThan(0);
    expect(await ids({ kinds: ['TALKS', 'MEETING'] })).toEqual(talks.map((event) => event.id).sort());
  });

  it('relations of one actor, by type, each once, the same as the actor’s own list', async () => {
    const { relations } = await read(RelationsOfDocument, { filter: { actorId: 'vladimir-putin' } });
    const { actor } = await read(ActorRelationEdgesDocument, { id: 'vladimir-putin' });
    expect(relations.nodes.map((relation) => relation.id).sort()).toEqual(actor!.relations.edges.map((edge) => edge.node.id).sort());
    expect(relations.totalCount).toBe(actor!.relations.totalCount);
    for (const relation of relations.nodes) expect([relation.from.id, relation.to.id]).toContain('vladimir-putin');
    const advises = await read(RelationsOfDocument, { filter: { types: ['ADVISES'] } });
    expect(advises.relations.nodes.length).toBeGreaterThan(0);
    expect(advises.relations.nodes.every((relation) => relation.type === 'ADVISES')).toBe(true);
    expect(advises.relations.nodes.map((relation) => relation.id)).toContain('yuri-ushakov:ADVISES:vladimir-putin');
  });

  it('an actor’s relations read from its end: direction and the other actor on the edge, types filtered', async () => {
    const { actor } = await read(ActorRelationEdgesDocument, { id: 'vladimir-putin', types: ['ADVISES'] });
    expect(actor!.relations.edges.length).toBeGreaterThan(0);
    for (const edge of actor!.relations.edges) {
      expect(edge.node.type).toBe('ADVISES');
      const [self, other] = edge.direction === 'OUTGOING' ? [edge.node.from.id, edge.node.to.id] : [edge.node.to.id, edge.node.from.id];
      expect(self).toBe('vladimir-putin');
      expect(edge.actor.id).toBe(other);
    }
    expect(actor!.relations.edges).toContainEqual(expect.objectContaining({ direction: 'INCOMING', actor: { id: 'yuri-ushakov' } }));
  });
});

describe('one rule for unknown ids', () => {
  it.each([
    ['actor(id: "vladimir-putin") { positions(topicId: "no-such-topic") { totalCount } }', 'topicId'],
    ['actor(id: "vladimir-putin") { positions(topicId: "russia") { totalCount } }', 'topicId'],
    ['positions(filter: { actorIds: ["russia", "no-such-actor"] }) { totalCount }', 'filter.actorIds'],
    ['positions(filter: { topicIds: ["vladimir-putin"] }) { totalCount }', 'filter.topicIds'],
    ['events(filter: { participantId: "nobody" }) { totalCount }', 'filter.participantId'],
    ['relations(filter: { actorId: "nobody" }) { totalCount }', 'filter.actorId'],
    ['actors(filter: { stanceOn: { topicId: "no-topic" } }) { totalCount }', 'filter.stanceOn.topicId'],
    ['issues(filter: { parentId: "no-issue" }) { totalCount }', 'filter.parentId'],
    ['statements(filter: { speakerId: "nobody" }) { totalCount }', 'filter.speakerId'],
    ['statements(filter: { topicId: "nothing" }) { totalCount }', 'filter.topicId'],
    ['statements(filter: { sourceId: "nowhere" }) { totalCount }', 'filter.sourceId'],
  ])('%s: NOT_FOUND naming %s', async (selection, argument) => {
    const response = await owned.service.gql(`{ ${selection} }`);
    expect(response.status).toBe(200);
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: 'NOT_FOUND', argument });
    expect(response.errors?.[0]?.message).toContain(argument);
  });
});

describe('stable ids for what a normalised cache keys', () => {
  it('a relation has one id from either end; roles, participations and citations have ids of their own', async () => {
    const { ushakov, putin, talks, statements } = await read(StableIdsDocument, {});
    const advises = 'yuri-ushakov:ADVISES:vladimir-putin';
    expect(ushakov!.relations.nodes.map((relation) => relation.id)).toContain(advises);
    expect(putin!.relations.nodes.map((relation) => relation.id)).toContain(advises);
    const relationIds = putin!.relations.nodes.map((relation) => relation.id);
    expect(new Set(relationIds).size).toBe(relationIds.length);
    for (const role of ushakov!.roles.nodes) expect(role.id).toBe(`yuri-ushakov:${role.of.id}:${role.title}`);
    expect(talks!.kind).toBe('TALKS');
    for (const participation of talks!.participants.nodes) {
      expect(participation.id).toBe(`moscow-talks-2025-12-02:${participation.actor.id}`);
      expect(participation.actor.events.nodes.map((event) => event.id)).toContain('moscow-talks-2025-12-02');
    }
    for (const statement of statements.nodes) {
      for (const citation of statement.citations) expect(citation.id).toBe(`${statement.id}@${citation.source.id}`);
    }
  });
});
