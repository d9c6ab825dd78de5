/**
 * Stance history and shifts through GraphQL on the real Neo4j. The file makes its own actors and issues and gives
 * them a history with the curators' own mutations (setPosition with another stance supersedes), so nothing here
 * depends on the seed or on what other files write meanwhile: every read is filtered to this file's ids.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddSourceDocument,
  RecordStatementDocument,
  RetractPositionDocument,
  SetPositionSupersedingDocument,
  ShiftIdsDocument,
  ShiftsDocument,
  StanceHistoryDocument,
  StanceHistoryOfActorsDocument,
  UpsertActorDocument,
  UpsertIssueDocument,
  type ShiftIdsQuery,
  type ShiftsQuery,
  type Stance,
} from './generated/operations.js';
import { ownedData, type Variables } from './support.js';

const owned = ownedData('shifts');
const { id, ok, read } = owned;

const actors = ['a', 'b', 'c', 'd'].map((name) => id(name));
const [a, b, c, d] = actors as [string, string, string, string];
const x = id('x');
const y = id('y');

/**
 * What each actor says, in this order; each step is one statement (dated `saidOn`, or undated) and one setPosition.
 * a changes its stance on x twice and on y once, b once; c retracts and restates the same stance (no shift); d's
 * new stance rests on an undated statement (it has no place in time, so no shift).
 */
const steps: Array<{ actor: string; topic: string; stance: Stance; saidOn: string | null; retractOn?: string }> = [
  { actor: a, topic: x, stance: 'SUPPORTS', saidOn: '2025-03-01' },
  { actor: a, topic: x, stance: 'OPPOSES', saidOn: '2025-06-01' },
  { actor: a, topic: x, stance: 'CONDITIONAL', saidOn: '2025-09-01' },
  { actor: a, topic: y, stance: 'SUPPORTS', saidOn: '2025-04-01' },
  { actor: a, topic: y, stance: 'OPPOSES', saidOn: '2025-06-15' },
  { actor: b, topic: x, stance: 'OPPOSES', saidOn: '2025-02-01' },
  { actor: b, topic: x, stance: 'SUPPORTS', saidOn: '2025-07-01' },
  { actor: c, topic: x, stance: 'SUPPORTS', saidOn: '2025-05-01', retractOn: '2025-06-10' },
  { actor: c, topic: x, stance: 'SUPPORTS', saidOn: '2025-08-01' },
  { actor: d, topic: x, stance: 'SUPPORTS', saidOn: '2025-05-01' },
  { actor: d, topic: x, stance: 'OPPOSES', saidOn: null },
];
const words = (step: number) => `Actor ${steps[step]!.actor} took stance ${step} on ${steps[step]!.topic}`;

/** The position each step set, and its evidence statement. */
const positions: Array<{ id: string; statement: string }> = [];
const shiftId = (before: number, after: number) => `${positions[before]!.id}>${positions[after]!.id}`;

beforeAll(async () => {
  await owned.start();
  for (const actor of actors) await ok(UpsertActorDocument, { input: { id: actor, name: `Shifter ${actor}`, kind: 'PERSON' } });
  for (const topic of [x, y]) await ok(UpsertIssueDocument, { input: { id: topic, name: `Shift issue ${topic}` } });
  await ok(AddSourceDocument, {
    input: { id: id('source'), title: 'Shifts wire', publishedOn: '2025-09-02', reliability: 'MEDIUM', text: steps.map((_, step) => `${words(step)}.`).join(' ') },
  });
  for (const [step, { actor, topic, stance, saidOn, retractOn }] of steps.entries()) {
    const statement = id(`said-${step}`);
    await ok(RecordStatementDocument, { input: { id: statement, text: words(step), kind: 'REPORTED', speakerId: actor, saidOn, sourceIds: [id('source')] } });
    const condition = stance === 'CONDITIONAL' ? 'if the terms change' : null;
    const set = await ok(SetPositionSupersedingDocument, { input: { actorId: actor, topicId: topic, stance, summary: `step ${step}`, condition, evidence: [statement] } });
    positions.push({ id: set.setPosition.position.id, statement });
    if (retractOn) await ok(RetractPositionDocument, { input: { id: set.setPosition.position.id, validTo: retractOn } });
  }
});

afterAll(() => owned.cleanup());

/** The shifts of every actor of this file, in [from, to]. */
const shiftIds = async (from: string, to: string, filter: Variables = {}) =>
  (await read(ShiftIdsDocument, { from, to, filter: { actorIds: actors, ...filter } })).shifts.nodes.map((shift) => shift.id);

describe('Actor.stanceHistory', () => {
  it('lists every position on the topic oldest first, the superseded ones with their validTo', async () => {
    const history = (await read(StanceHistoryDocument, { id: a, topicId: x })).actor!.stanceHistory;
    expect(history.totalCount).toBe(3);
    expect(history.nodes).toEqual([
      { id: positions[0]!.id, stance: 'SUPPORTS', validFrom: '2025-03-01', validTo: '2025-06-01', evidence: [{ id: positions[0]!.statement, saidOn: '2025-03-01' }] },
      { id: positions[1]!.id, stance: 'OPPOSES', validFrom: '2025-06-01', validTo: '2025-09-01', evidence: [{ id: positions[1]!.statement, saidOn: '2025-06-01' }] },
      { id: positions[2]!.id, stance: 'CONDITIONAL', validFrom: '2025-09-01', validTo: null, evidence: [{ id: positions[2]!.statement, saidOn: '2025-09-01' }] },
    ]);
  });

  it('keeps retracted positions, and lists undated ones last', async () => {
    const retracted = (await read(StanceHistoryDocument, { id: c, topicId: x })).actor!.stanceHistory.nodes;
    expect(retracted.map(({ id, validFrom, validTo }) => ({ id, validFrom, validTo }))).toEqual([
      { id: positions[7]!.id, validFrom: '2025-05-01', validTo: '2025-06-10' },
      { id: positions[8]!.id, validFrom: '2025-08-01', validTo: null },
    ]);
    const undated = (await read(StanceHistoryDocument, { id: d, topicId: x })).actor!.stanceHistory.nodes;
    expect(undated.map((position) => position.id)).toEqual([positions[9]!.id, positions[10]!.id]);
    expect(undated[0]!.validTo).not.toBeNull();
    expect(undated[1]).toMatchObject({ stance: 'OPPOSES', validFrom: null, validTo: null });
  });

  it('pages with first/after, and is empty on a topic the actor never took a stance on', async () => {
    const first = (await read(StanceHistoryDocument, { id: a, topicId: x, first: 2 })).actor!.stanceHistory;
    expect(first.nodes.map((position) => position.id)).toEqual([positions[0]!.id, positions[1]!.id]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await read(StanceHistoryDocument, { id: a, topicId: x, first: 2, after: first.pageInfo.endCursor })).actor!.stanceHistory;
    expect(rest.nodes.map((position) => position.id)).toEqual([positions[2]!.id]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const none = (await read(StanceHistoryDocument, { id: b, topicId: y })).actor!.stanceHistory;
    expect(none).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('refuses a topicId that names no issue or proposal (NOT_FOUND naming the argument)', async () => {
    for (const topicId of [id('nowhere'), b]) {
      const answer = await owned.run(StanceHistoryDocument, { id: a, topicId }, null);
      expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'topicId' } });
    }
  });
});

describe('Query.shifts', () => {
  it('lists who changed their stance in the window, newest first, with both positions and their evidence', async () => {
    const answer = (await read(ShiftsDocument, { from: '2025-05-01', to: '2025-12-31', filter: { actorIds: actors } })).shifts;
    expect(answer.totalCount).toBe(4);
    expect(answer.pageInfo.hasNextPage).toBe(false);
    const shifts = answer.edges.map((edge) => edge.node);
    expect(shifts.map((shift) => [shift.id, shift.on, shift.fromStance, shift.toStance])).toEqual([
      [shiftId(1, 2), '2025-09-01', 'OPPOSES', 'CONDITIONAL'],
      [shiftId(5, 6), '2025-07-01', 'OPPOSES', 'SUPPORTS'],
      [shiftId(3, 4), '2025-06-15', 'SUPPORTS', 'OPPOSES'],
      [shiftId(0, 1), '2025-06-01', 'SUPPORTS', 'OPPOSES'],
    ]);
    const latest = shifts[0]!;
    expect(latest.actor).toEqual({ id: a, name: `Shifter ${a}` });
    expect(latest.topic).toEqual({ id: x, name: `Shift issue ${x}` });
    expect(latest.before).toMatchObject({ id: positions[1]!.id, stance: 'OPPOSES', validTo: '2025-09-01', evidence: [{ id: positions[1]!.statement, saidOn: '2025-06-01' }] });
    expect(latest.after).toMatchObject({ id: positions[2]!.id, stance: 'CONDITIONAL', validFrom: '2025-09-01', evidence: [{ id: positions[2]!.statement, saidOn: '2025-09-01' }] });
  });

  it('keeps only the shifts dated in the window (both ends included)', async () => {
    expect(await shiftIds('2025-01-01', '2025-05-31')).toEqual([]);
    expect(await shiftIds('2025-06-01', '2025-06-01')).toEqual([shiftId(0, 1)]);
    expect(await shiftIds('2025-06-02', '2025-07-01')).toEqual([shiftId(5, 6), shiftId(3, 4)]);
  });

  it('a retraction followed by the same stance, and a stance with no date, are no shifts', async () => {
    expect(await shiftIds('2000-01-01', '2030-12-31', { actorIds: [c, d] })).toEqual([]);
  });

  it('filters by actors, topics and stances on either side', async () => {
    expect(await shiftIds('2025-01-01', '2025-12-31', { actorIds: [b] })).toEqual([shiftId(5, 6)]);
    expect(await shiftIds('2025-01-01', '2025-12-31', { topicIds: [y] })).toEqual([shiftId(3, 4)]);
    const byTopics = await read(ShiftIdsDocument, { from: '2025-01-01', to: '2025-12-31', filter: { topicIds: [x, y] } });
    expect(byTopics.shifts.nodes.map((shift) => shift.id)).toEqual([shiftId(1, 2), shiftId(5, 6), shiftId(3, 4), shiftId(0, 1)]);
    expect(await shiftIds('2025-01-01', '2025-12-31', { fromStances: ['SUPPORTS'] })).toEqual([shiftId(3, 4), shiftId(0, 1)]);
    expect(await shiftIds('2025-01-01', '2025-12-31', { toStances: ['SUPPORTS', 'CONDITIONAL'] })).toEqual([shiftId(1, 2), shiftId(5, 6)]);
  });

  it('without actors or topics named (a scan of the window by date), finds the same shifts, and pages the same', async () => {
    // Other files write shifts of their own meanwhile: only this file's are compared (a shift's id starts with its
    // before position's, which starts with the actor's id).
    const mine = (ids: string[]) => ids.filter((shift) => shift.startsWith(owned.prefix));
    const window = async (filter: Variables | null, first = 100, after: string | null = null) =>
      (await read(ShiftIdsDocument, { from: '2025-01-01', to: '2025-11-30', filter, first, after })).shifts;
    const all = (await window(null)).nodes.map((shift) => shift.id);
    expect(mine(all)).toEqual(await shiftIds('2025-01-01', '2025-11-30'));
    expect(mine((await window({ fromStances: ['SUPPORTS'] })).nodes.map((shift) => shift.id))).toEqual([shiftId(3, 4), shiftId(0, 1)]);
    expect(mine((await window({ toStances: ['SUPPORTS'] })).nodes.map((shift) => shift.id))).toEqual([shiftId(5, 6)]);
    const paged: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const answer: ShiftIdsQuery['shifts'] = await window(null, 3, after);
      paged.push(...answer.nodes.map((shift) => shift.id));
      if (!answer.pageInfo.hasNextPage) break;
      after = answer.pageInfo.endCursor;
    }
    expect(mine(paged)).toEqual(mine(all));
  });

  it('pages with first/after over several shifts, each page counting them all', async () => {
    const all = await shiftIds('2025-01-01', '2025-12-31');
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < all.length; page++) {
      const answer: ShiftsQuery['shifts'] = (await read(ShiftsDocument, { from: '2025-01-01', to: '2025-12-31', filter: { actorIds: actors }, first: 1, after })).shifts;
      expect(answer.totalCount).toBe(all.length);
      seen.push(...answer.edges.map((edge) => edge.node.id));
      expect(answer.pageInfo.hasNextPage).toBe(page < all.length - 1);
      after = answer.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    const two = (await read(ShiftsDocument, { from: '2025-01-01', to: '2025-12-31', filter: { actorIds: actors }, first: 2 })).shifts;
    const next = (await read(ShiftsDocument, { from: '2025-01-01', to: '2025-12-31', filter: { actorIds: actors }, first: 2, after: two.pageInfo.endCursor })).shifts;
    expect([...two.edges, ...next.edges].map((edge) => edge.node.id)).toEqual(all);
  });

  it('refuses bad input with a code naming the argument', async () => {
    const cases: Array<[Variables, string, string]> = [
      [{ from: '2025-07-01', to: '2025-06-30' }, 'BAD_USER_INPUT', 'to'],
      [{ from: '2025-01-01', to: '2025-12-31', filter: { actorIds: [id('nobody')] } }, 'NOT_FOUND', 'filter.actorIds'],
      [{ from: '2025-01-01', to: '2025-12-31', filter: { actorIds: [x] } }, 'NOT_FOUND', 'filter.actorIds'],
      [{ from: '2025-01-01', to: '2025-12-31', filter: { topicIds: [a] } }, 'NOT_FOUND', 'filter.topicIds'],
      [{ from: '2025-01-01', to: '2025-12-31', first: 101 }, 'BAD_USER_INPUT', 'first'],
      [{ from: '2025-01-01', to: '2025-12-31', after: 'not-a-cursor' }, 'BAD_USER_INPUT', 'after'],
      // A cursor of this list's shape whose day is no calendar day was not made by the list.
      [{ from: '2025-01-01', to: '2025-12-31', after: Buffer.from(JSON.stringify({ l: 'shifts', k: ['2025-02-30', 'x'] })).toString('base64url') }, 'BAD_USER_INPUT', 'after'],
    ];
    for (const [variables, code, argument] of cases) {
      const answer = await owned.run(ShiftIdsDocument as TypedDocumentNode<unknown, Variables>, variables, null);
      expect(answer.errors?.[0], JSON.stringify(variables)).toMatchObject({ extensions: { code, argument } });
    }
    const history = (await read(StanceHistoryDocument, { id: a, topicId: x, first: 1 })).actor!.stanceHistory.pageInfo.endCursor;
    const foreign = await owned.run(ShiftIdsDocument, { from: '2025-01-01', to: '2025-12-31', after: history }, null);
    expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  });
});

describe('round trips', () => {
  async function roundTrips<TData, TVariables extends Variables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<{ count: number; data: TData }> {
    owned.service.takeQueryCount();
    const data = await read(document, variables);
    return { count: owned.service.takeQueryCount(), data };
  }

  it("many actors' histories cost what one actor's does", async () => {
    const one = await roundTrips(StanceHistoryOfActorsDocument, { ids: [a], topicId: x });
    const four = await roundTrips(StanceHistoryOfActorsDocument, { ids: actors, topicId: x });
    const total = (data: typeof four.data) => data.nodes.reduce((sum, node) => sum + (node && 'stanceHistory' in node ? node.stanceHistory.nodes.length : 0), 0);
    expect(total(one.data)).toBe(3);
    expect(total(four.data)).toBe(9);
    expect(four.count).toBe(one.count);
  });

  it('a page of shifts costs the same for one shift as for four', async () => {
    const one = await roundTrips(ShiftsDocument, { from: '2025-01-01', to: '2025-12-31', filter: { actorIds: actors }, first: 1 });
    const four = await roundTrips(ShiftsDocument, { from: '2025-01-01', to: '2025-12-31', filter: { actorIds: actors }, first: 4 });
    expect(one.data.shifts.edges).toHaveLength(1);
    expect(four.data.shifts.edges).toHaveLength(4);
    expect(four.count).toBe(one.count);
  });
});
