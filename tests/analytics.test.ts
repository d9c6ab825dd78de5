/**
 * Comparing actors: alignment (actors ranked by agreement with one), roll-ups of sub-issues and members in compare,
 * agreement and alignment, and the one rule for ids an argument must name (NOT_FOUND with extensions.argument).
 *
 * The roll-up cases run on a small graph this file writes through the curators' mutations: a group G with a member M1
 * (itself with a member M2), two outsiders X and Y, a root issue R with a child C and a grandchild D, and a root S.
 * Each position's date is that of the seed statement given as its evidence. G's id sorts after M1's, and R's after
 * D's, so that where positions tie on date, only the nearness rule (not the id) gives the expected winner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementDocument, PathsDocument, StanceMatrixDocument } from '../src/generated/operations.js';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';
import {
  AgreementRolledUpDocument,
  AlignmentPageDocument,
  CompareRolledUpDocument,
  RelateActorsDocument,
  RetractPositionDocument,
  SetPositionDocument,
  UpsertActorDocument,
  UpsertIssueDocument,
  type AlignmentPageQuery,
  type RollUp,
  type Stance,
} from './generated/operations.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { cypher, dataOf, ownedData, run, type GraphQLResponse, type Variables } from './support.js';

const owned = ownedData('analytics');
const { id } = owned;

/**
 * An anonymous read that must succeed. The first run of a query text plans it, and on a freshly started Neo4j on a
 * busy machine planning alone can outlast the service's 10 s query timeout (the alignment query took 6-7 s to plan on
 * a cold Neo4j at load 12 on 2 cores): an answer of QUERY_TIMEOUT is asked again once; any other error fails the test.
 */
async function read<TData, TVariables extends Variables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
  const answer = await run(owned.service, document, variables);
  const timedOut = answer.errors?.some((error) => error.extensions?.code === 'QUERY_TIMEOUT') ?? false;
  return dataOf(timedOut ? await run(owned.service, document, variables) : answer);
}
const [G, M1, M2, X, Y] = ['team', 'm1', 'm2', 'x', 'y'].map(id) as [string, string, string, string, string];
const [R, C, D, S] = ['r', 'c', 'd', 's'].map(id) as [string, string, string, string];

const none: RollUp = {};
const subIssues: RollUp = { subIssues: true };
const members: RollUp = { members: true };
const both: RollUp = { subIssues: true, members: true };
const modes = { none, subIssues, members, both };

/** Positions written by beforeAll, by `${actor}/${topic}`: their ids, as setPosition answered. */
const positionIds = new Map<string, string>();
const positionOf = (actor: string, topic: string) => {
  const found = positionIds.get(`${actor}/${topic}`);
  if (!found) throw new Error(`no position of ${actor} on ${topic}`);
  return found;
};

beforeAll(async () => {
  await owned.start();
  // A seed statement said on each day: the evidence that dates a position.
  const saidOn = async (day: string) => {
    const rows = await cypher(owned.service.db, 'statementOfDay', 'MATCH (s:Statement) WHERE s.saidOn = date($day) RETURN s.id AS id ORDER BY s.id LIMIT 1', { day });
    const found = rows[0]?.id;
    if (typeof found !== 'string') throw new Error(`the seed has no statement said on ${day}`);
    return found;
  };
  for (const [actorId, kind] of [[G, 'GROUP'], [M1, 'GROUP'], [M2, 'ORGANIZATION'], [X, 'STATE'], [Y, 'STATE']] as const) {
    await owned.ok(UpsertActorDocument, { input: { id: actorId, name: `Analytics ${actorId}`, kind } });
  }
  for (const [issueId, parentId] of [[R, null], [C, R], [D, C], [S, null]] as const) {
    await owned.ok(UpsertIssueDocument, { input: { id: issueId, name: `Analytics ${issueId}`, parentId } });
  }
  await owned.ok(RelateActorsDocument, { input: { fromId: M1, type: 'MEMBER_OF', toId: G } });
  await owned.ok(RelateActorsDocument, { input: { fromId: M2, type: 'MEMBER_OF', toId: M1 } });
  const positions: Array<[string, string, Stance, string]> = [
    [G, R, 'SUPPORTS', '2025-09-12'],
    [G, S, 'SUPPORTS', '2025-12-03'],
    [M1, C, 'OPPOSES', '2025-12-03'],
    // As new as G's own on S: under `members`, G's own (nearer) decides G's place on S.
    [M1, S, 'OPPOSES', '2025-12-03'],
    [M2, D, 'CONDITIONAL', '2025-12-02'],
    [X, R, 'SUPPORTS', '2025-12-02'],
    [X, C, 'OPPOSES', '2025-12-04'],
    [X, S, 'OPPOSES', '2025-12-03'],
    [Y, D, 'SUPPORTS', '2025-12-04'],
    // As new as Y's on D: under `subIssues`, the one on R itself (nearer) decides Y's place on R.
    [Y, R, 'OPPOSES', '2025-12-04'],
    [Y, S, 'OPPOSES', '2025-12-02'],
  ];
  for (const [actorId, topicId, stance, day] of positions) {
    const { setPosition } = await owned.ok(SetPositionDocument, {
      input: { actorId, topicId, stance, summary: `${stance} ${day}`, condition: stance === 'CONDITIONAL' ? 'if asked' : null, evidence: [await saidOn(day)] },
    });
    positionIds.set(`${actorId}/${topicId}`, setPosition.position.id);
  }
  // Y's position on S is history, not current.
  await owned.ok(RetractPositionDocument, { input: { id: positionOf(Y, S) } });
});
afterAll(() => owned.cleanup());

type Edge = AlignmentPageQuery['alignment']['edges'][number]['node'];

/** What a ranking shows of each actor: id, score, shared topics, and the topics agreed and disagreed on (by id). */
const summary = (edge: Edge) => ({
  actor: edge.actor.id,
  score: edge.score,
  shared: edge.shared,
  agreeOn: edge.agreeOn.map((topic) => topic.id),
  disagreeOn: edge.disagreeOn.map((topic) => topic.id),
});

async function alignment(withId: string, rollUp: RollUp, minSharedTopics?: number) {
  return (await read(AlignmentPageDocument, { with: withId, rollUp, first: 100, minSharedTopics })).alignment;
}

describe('roll-ups on a graph of our own', () => {
  it('without roll-ups, only an actor’s own positions on the topic itself count', async () => {
    const ranking = await alignment(G, none);
    expect(ranking.edges.map((edge) => summary(edge.node))).toEqual([
      { actor: X, score: 0.5, shared: 2, agreeOn: [R], disagreeOn: [S] },
      // Equal score and shared topics: by id.
      { actor: M1, score: 0, shared: 1, agreeOn: [], disagreeOn: [S] },
      { actor: Y, score: 0, shared: 1, agreeOn: [], disagreeOn: [R] },
    ]);
    expect(ranking.totalCount).toBe(3);
  });

  it('subIssues: positions on sub-issues count on the root issue; the newest decides, then the nearest', async () => {
    const ranking = await alignment(G, subIssues);
    expect(ranking.edges.map((edge) => summary(edge.node))).toEqual([
      { actor: M1, score: 0, shared: 2, agreeOn: [], disagreeOn: [R, S] },
      { actor: X, score: 0, shared: 2, agreeOn: [], disagreeOn: [R, S] },
      { actor: Y, score: 0, shared: 1, agreeOn: [], disagreeOn: [R] },
      // Only PARTIAL (SUPPORTS against CONDITIONAL): no score, last.
      { actor: M2, score: null, shared: 1, agreeOn: [], disagreeOn: [] },
    ]);
    // X's newest position under R (on C, 2025-12-04) decides over its older one on R itself.
    const x = ranking.edges.find((edge) => edge.node.actor.id === X)!.node;
    expect(x.details.find((detail) => detail.topic.id === R)!.b).toMatchObject({ id: positionOf(X, C), topic: { id: C }, stance: 'OPPOSES' });
    // Y's on R and on D are as new: the one on R itself decides, though its id sorts after.
    const y = ranking.edges.find((edge) => edge.node.actor.id === Y)!.node;
    expect(positionOf(Y, D) < positionOf(Y, R)).toBe(true);
    expect(y.details[0]!.b).toMatchObject({ id: positionOf(Y, R), stance: 'OPPOSES' });
    expect((await alignment(G, subIssues, 2)).edges.map((edge) => edge.node.actor.id)).toEqual([M1, X]);
  });

  it('members: members’ positions (through two levels) count as the group’s; of two as new, the group’s own decides', async () => {
    const ranking = await alignment(G, members);
    expect(ranking.edges.map((edge) => summary(edge.node))).toEqual([
      { actor: M2, score: 1, shared: 1, agreeOn: [D], disagreeOn: [] },
      { actor: M1, score: 2 / 3, shared: 3, agreeOn: [C, D], disagreeOn: [S] },
      { actor: X, score: 2 / 3, shared: 3, agreeOn: [C, R], disagreeOn: [S] },
      // D is PARTIAL (CONDITIONAL against SUPPORTS), R a disagreement.
      { actor: Y, score: 0, shared: 2, agreeOn: [], disagreeOn: [R] },
    ]);
    const m1 = ranking.edges.find((edge) => edge.node.actor.id === M1)!.node;
    const onS = m1.details.find((detail) => detail.topic.id === S)!;
    expect(positionOf(M1, S) < positionOf(G, S)).toBe(true);
    expect(onS.a).toMatchObject({ id: positionOf(G, S), actor: { id: G } });
    // A member's position shows who holds it.
    expect(m1.details.find((detail) => detail.topic.id === D)!.a).toMatchObject({ id: positionOf(M2, D), actor: { id: M2 } });
  });

  it('both: a member’s position on a sub-issue decides the group’s place on the root', async () => {
    const ranking = await alignment(G, both);
    expect(ranking.edges.map((edge) => summary(edge.node))).toEqual([
      { actor: Y, score: 1, shared: 1, agreeOn: [R], disagreeOn: [] },
      { actor: M1, score: 0.5, shared: 2, agreeOn: [R], disagreeOn: [S] },
      { actor: X, score: 0.5, shared: 2, agreeOn: [R], disagreeOn: [S] },
      { actor: M2, score: null, shared: 1, agreeOn: [], disagreeOn: [] },
    ]);
    const x = ranking.edges.find((edge) => edge.node.actor.id === X)!.node;
    expect(x.details.map((detail) => [detail.topic.id, detail.verdict, detail.a.id, detail.b.id])).toEqual([
      [R, 'AGREE', positionOf(M1, C), positionOf(X, C)],
      [S, 'DISAGREE', positionOf(G, S), positionOf(X, S)],
    ]);
  });

  it('agreement gives the pair what alignment gives it, in every mode', async () => {
    for (const [mode, rollUp] of Object.entries(modes)) {
      const ranking = await alignment(G, rollUp);
      for (const other of [M1, M2, X, Y]) {
        const { agreement } = await read(AgreementRolledUpDocument, { a: G, b: other, rollUp });
        const edge = ranking.edges.find((candidate) => candidate.node.actor.id === other)?.node;
        if (!edge) {
          expect(agreement.details, `${mode} ${other}`).toEqual([]);
          continue;
        }
        expect({ score: agreement.score, agreeOn: agreement.agreeOn, disagreeOn: agreement.disagreeOn, details: agreement.details }, `${mode} ${other}`).toEqual({
          score: edge.score,
          agreeOn: edge.agreeOn,
          disagreeOn: edge.disagreeOn,
          details: edge.details,
        });
      }
    }
  });

  it('compare with subIssues counts a position in every asked issue it falls under; with members, in its group’s row', async () => {
    const { compare } = await read(CompareRolledUpDocument, { actorIds: [G, X], issueIds: [R, C], rollUp: both });
    const cells = compare.rows.map((row) => row.cells.map((cell) => ({ stance: cell.stance, positions: cell.positions.map((position) => position.id) })));
    expect(compare.topics.map((topic) => topic.id)).toEqual([R, C]);
    expect(cells).toEqual([
      [
        // Newest first: M1 on C (12-03), M2 on D (12-02), G on R (09-12).
        { stance: 'OPPOSES', positions: [positionOf(M1, C), positionOf(M2, D), positionOf(G, R)] },
        { stance: 'OPPOSES', positions: [positionOf(M1, C), positionOf(M2, D)] },
      ],
      [
        { stance: 'OPPOSES', positions: [positionOf(X, C), positionOf(X, R)] },
        { stance: 'OPPOSES', positions: [positionOf(X, C)] },
      ],
    ]);
    const plain = await read(CompareRolledUpDocument, { actorIds: [G, X], issueIds: [R, C] });
    expect(plain.compare.rows.map((row) => row.cells.map((cell) => cell.stance))).toEqual([
      ['SUPPORTS', null],
      ['SUPPORTS', 'OPPOSES'],
    ]);
  });

  it('compare without issueIds: columns are the root issues; a tie goes to the nearest; history is listed after', async () => {
    const { compare } = await read(CompareRolledUpDocument, { actorIds: [G, Y], rollUp: both });
    expect(compare.topics.map((topic) => topic.id).sort()).toEqual([R, S]);
    const cell = (actor: string, topic: string) => {
      const row = compare.rows.find((candidate) => candidate.actor.id === actor)!;
      return row.cells.find((candidate) => candidate.topic.id === topic)!;
    };
    expect(cell(G, S).stance).toBe('SUPPORTS');
    expect(cell(G, S).positions.map((position) => position.id)).toEqual([positionOf(G, S), positionOf(M1, S)]);
    // Y's only position on S is retracted: listed, no stance.
    expect(cell(Y, S).stance).toBeNull();
    expect(cell(Y, S).positions.map((position) => [position.id, position.validTo !== null])).toEqual([[positionOf(Y, S), true]]);
    expect(cell(Y, R).stance).toBe('OPPOSES');
    expect(cell(Y, R).positions.map((position) => position.id)).toEqual([positionOf(Y, R), positionOf(Y, D)]);
  });
});

describe('alignment on the seed graph', () => {
  const seedActors = readSeed(process.env.SEED_DIR || defaultSeedDir).actors.map((actor) => actor.id);

  /** Every page of a ranking, `first` at a time. */
  async function allPages(withId: string, rollUp: RollUp, first: number) {
    const edges: AlignmentPageQuery['alignment']['edges'] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const { alignment }: AlignmentPageQuery = await read(AlignmentPageDocument, { with: withId, rollUp, first, after });
      totals.add(alignment.totalCount);
      edges.push(...alignment.edges);
      expect(alignment.edges.length).toBeLessThanOrEqual(first);
      if (!alignment.pageInfo.hasNextPage) return { edges, totals };
      expect(alignment.pageInfo.endCursor).toBe(alignment.edges.at(-1)!.cursor);
      after = alignment.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  }

  it('ranks by score, then shared topics, then id, unscored last; pages add up to the whole ranking', async () => {
    for (const rollUp of [none, both]) {
      const whole = await alignment('russia', rollUp);
      expect(whole.edges.length).toBe(whole.totalCount);
      expect(whole.edges.length).toBeGreaterThan(1);
      const keys = whole.edges.map(({ node }) => [node.score === null ? 1 : 0, -(node.score ?? 0), -node.shared, node.actor.id] as const);
      const sorted = [...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0));
      expect(keys).toEqual(sorted);
      expect(whole.edges.every(({ node }) => node.actor.id !== 'russia' && node.shared >= 1)).toBe(true);
      const paged = await allPages('russia', rollUp, 4);
      // Other files set positions of their own actors on seed topics while this runs: the seed's actors must page in
      // the same order, and each page counts at least them.
      const seedActors = (edges: ReadonlyArray<{ node: { actor: { id: string } } }>) => edges.map((edge) => edge.node.actor.id).filter((id) => !/-[0-9a-f]{8}-/.test(id));
      // A seed actor can also join between the two reads (another file's sub-issue under a seed issue it holds a
      // stance on rolls up to a topic Russia holds): each of the whole ranking's seed actors pages exactly once, in order.
      // Another file's actor whose score changes while the pages are read can move across a page boundary and show
      // twice (keyset cursors keep their place, not a moving ranking's): only the seed's actors must page once each.
      const pagedSeed = seedActors(paged.edges);
      expect(new Set(pagedSeed).size).toBe(pagedSeed.length);
      const wholeSeed = seedActors(whole.edges);
      expect(seedActors(paged.edges).filter((id) => wholeSeed.includes(id))).toEqual(wholeSeed);
      for (const total of paged.totals) expect(total).toBeGreaterThanOrEqual(wholeSeed.length);
    }
  });

  it('lists exactly the seed actors agreement finds a shared topic with, with the same score and topics', async () => {
    // Without roll-ups only the two seed actors' own positions count, which no other file changes. (With roll-ups,
    // other files' actors may join seed groups between the two reads; the graph of our own above checks roll-ups.)
    for (const [mode, rollUp] of Object.entries({ none })) {
      const ranking = await alignment('russia', rollUp);
      const ranked = new Map(ranking.edges.map(({ node }) => [node.actor.id, node]));
      for (const other of seedActors.filter((actorId) => actorId !== 'russia')) {
        const { agreement } = await read(AgreementRolledUpDocument, { a: 'russia', b: other, rollUp });
        const edge = ranked.get(other);
        expect(edge ? edge.shared : 0, `${mode} ${other}`).toBe(agreement.details.length);
        if (edge) {
          expect({ score: edge.score, agreeOn: edge.agreeOn, disagreeOn: edge.disagreeOn, details: edge.details }, `${mode} ${other}`).toEqual({
            score: agreement.score,
            agreeOn: agreement.agreeOn,
            disagreeOn: agreement.disagreeOn,
            details: agreement.details,
          });
        }
      }
    }
  });

  it('minSharedTopics keeps only actors sharing that many topics', async () => {
    const all = await alignment('russia', none);
    const most = Math.max(...all.edges.map((edge) => edge.node.shared));
    expect(most).toBeGreaterThan(1);
    const some = await alignment('russia', none, 2);
    expect(some.edges.map((edge) => edge.node.actor.id)).toEqual(all.edges.filter((edge) => edge.node.shared >= 2).map((edge) => edge.node.actor.id));
    expect(some.totalCount).toBe(some.edges.length);
    expect((await alignment('russia', none, most + 1)).totalCount).toBe(0);
  });

  it('costs the same round trips for 2 actors as for 100: one ranking query, then one batch per kind of node', async () => {
    const service = owned.service;
    service.takeQueryCount();
    await read(AlignmentPageDocument, { with: 'ukraine', first: 2 });
    const few = service.takeQueryCount();
    const { alignment: many } = await read(AlignmentPageDocument, { with: 'ukraine', first: 100 });
    expect(many.edges.length).toBeGreaterThan(2);
    // Fifty times the page, no more round trips (other files' nodes may add a kind to either page meanwhile).
    expect(service.takeQueryCount()).toBeLessThanOrEqual(few);
  });

  it('refuses bad arguments naming them', async () => {
    const refused = (response: GraphQLResponse) => [response.errors?.[0]?.extensions?.code, response.errors?.[0]?.extensions?.argument];
    const gql = owned.service.gql;
    expect(refused(await gql('{ alignment(with: "russia", first: 101) { totalCount } }'))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(refused(await gql('{ alignment(with: "russia", minSharedTopics: 0) { totalCount } }'))).toEqual(['BAD_USER_INPUT', 'minSharedTopics']);
    expect(refused(await gql('{ alignment(with: "russia", after: "bm90LWEtY3Vyc29y") { totalCount } }'))).toEqual(['BAD_USER_INPUT', 'after']);
  });
});

describe('ids an argument must name', () => {
  const notFound = (response: GraphQLResponse<unknown>) => ({
    code: response.errors?.[0]?.extensions?.code,
    argument: response.errors?.[0]?.extensions?.argument,
    data: response.data ?? null,
  });

  it.each([
    ['compare(actorIds)', () => owned.run(StanceMatrixDocument, { actorIds: ['russia', 'nobody'] }, null), 'actorIds'],
    ['compare(issueIds)', () => owned.run(StanceMatrixDocument, { actorIds: ['russia'], issueIds: ['ceasefire', 'no-such-issue'] }, null), 'issueIds'],
    ['compare(issueIds) naming an actor', () => owned.run(StanceMatrixDocument, { actorIds: ['russia'], issueIds: ['ukraine'] }, null), 'issueIds'],
    ['agreement(a)', () => owned.run(AgreementDocument, { a: 'nobody', b: 'russia' }, null), 'a'],
    ['agreement(b)', () => owned.run(AgreementDocument, { a: 'russia', b: 'ceasefire' }, null), 'b'],
    ['paths(from)', () => owned.run(PathsDocument, { from: 'nobody', to: 'vladimir-putin' }, null), 'from'],
    ['paths(to)', () => owned.run(PathsDocument, { from: 'vladimir-putin', to: 'nowhere' }, null), 'to'],
    ['alignment(with)', () => owned.run(AlignmentPageDocument, { with: 'nobody' }, null), 'with'],
  ])('%s: NOT_FOUND naming the argument', async (_name, send, argument) => {
    expect(notFound(await send())).toEqual({ code: 'NOT_FOUND', argument, data: null });
  });
});
