/** Every root field and every relationship walked from both ends, through GraphQL on the seed graph. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActorPositionsDocument,
  AgreementDocument,
  IssueStancesDocument,
  PathsDocument,
  SearchDocument,
  StanceMatrixDocument,
  StatementsBySpeakerDocument,
} from '../src/generated/operations.js';
import { run, startTestService, type TestService } from './support.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service.close();
});

async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await service.gql<T>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

describe('actors', () => {
  it('an actor with its positions, their evidence, citations and sources (ActorPositions)', async () => {
    const response = await run(service, ActorPositionsDocument, { id: 'vladimir-putin' });
    expect(response.errors).toBeUndefined();
    const actor = response.data!.actor!;
    expect(actor).toMatchObject({ id: 'vladimir-putin', name: 'Vladimir Putin', kind: 'PERSON' });
    expect(actor.aliases).toContain('Putin');
    expect(actor.positions.length).toBeGreaterThan(0);
    for (const position of actor.positions) {
      expect(position.evidence.length).toBeGreaterThan(0);
      for (const statement of position.evidence) {
        expect(statement.citations.length).toBeGreaterThan(0);
        for (const citation of statement.citations) {
          expect(citation.end).toBeGreaterThan(citation.start);
          expect(['HIGH', 'MEDIUM', 'LOW']).toContain(citation.source.reliability);
        }
      }
    }
    const donbas = actor.positions.find((position) => position.topic.id === 'donbas-withdrawal');
    expect(donbas).toMatchObject({ stance: 'SUPPORTS', topic: { __typename: 'Issue' } });
  });

  it('filters an actor’s positions by topic, stance and date', async () => {
    const { actor } = await data(`{
      actor(id: "russia") {
        nato: positions(topicId: "ukraine-nato-membership") { stance topic { id } }
        opposes: positions(stance: OPPOSES) { stance }
        before: positions(asOf: "2020-01-01") { id }
        now: positions(asOf: "2025-12-31") { id validFrom validTo }
      }
    }`);
    expect(actor.nato).toEqual([{ stance: 'OPPOSES', topic: { id: 'ukraine-nato-membership' } }]);
    expect(actor.opposes.length).toBeGreaterThan(0);
    expect(actor.opposes.every((position: { stance: string }) => position.stance === 'OPPOSES')).toBe(true);
    expect(actor.before).toEqual([]);
    expect(actor.now.length).toBeGreaterThan(0);
    expect(actor.now.every((position: { validFrom: string }) => position.validFrom <= '2025-12-31')).toBe(true);
  });

  it('relations read both ways: Ushakov ADVISES Putin (outgoing) is Putin’s incoming ADVISES', async () => {
    const { ushakov, putin } = await data(`{
      ushakov: actor(id: "yuri-ushakov") { relations { type direction actor { id } evidence { text } } }
      putin: actor(id: "vladimir-putin") { relations { type direction actor { id } } }
    }`);
    const advises = ushakov.relations.find((relation: any) => relation.type === 'ADVISES' && relation.actor.id === 'vladimir-putin');
    expect(advises.direction).toBe('OUTGOING');
    expect(advises.evidence.length).toBeGreaterThan(0);
    expect(putin.relations).toContainEqual({ type: 'ADVISES', direction: 'INCOMING', actor: { id: 'yuri-ushakov' } });
  });

  it('roles both ways, events, authored proposals and what the actor said', async () => {
    const { witkoff, us } = await data(`{
      witkoff: actor(id: "steve-witkoff") {
        roles { title of { id } holder { id } }
        events { id participants { actor { id } role } }
        proposals { id authors { id } }
        statements(first: 3) { totalCount edges { node { speaker { id } } } }
      }
      us: actor(id: "united-states") { roleHolders { holder { id } title } }
    }`);
    expect(witkoff.roles.some((role: any) => role.of.id === 'united-states' && role.holder.id === 'steve-witkoff')).toBe(true);
    expect(us.roleHolders.some((role: any) => role.holder.id === 'steve-witkoff')).toBe(true);
    expect(witkoff.events.map((event: any) => event.id)).toContain('moscow-talks-2025-12-02');
    const moscow = witkoff.events.find((event: any) => event.id === 'moscow-talks-2025-12-02');
    expect(moscow.participants.map((participant: any) => participant.actor.id)).toContain('steve-witkoff');
    for (const proposal of witkoff.proposals) expect(proposal.authors.map((author: any) => author.id)).toContain('steve-witkoff');
    expect(witkoff.statements.totalCount).toBeGreaterThanOrEqual(witkoff.statements.edges.length);
    for (const edge of witkoff.statements.edges) expect(edge.node.speaker.id).toBe('steve-witkoff');
  });

  it('filters actors by name or alias, case- and accent-insensitively, by kind and by stance', async () => {
    const { zelenskyy, accented, states, natoMembers } = await data(`{
      zelenskyy: actors(filter: { search: "ZELENSKYY" }) { edges { node { id } } }
      accented: actors(filter: { search: "zélensky" }) { edges { node { id } } }
      states: actors(filter: { kinds: [STATE] }, first: 100) { totalCount edges { node { kind } } }
      natoMembers: actors(filter: { stanceOn: { topicId: "ukraine-nato-membership", stance: OPPOSES } }, first: 100) { edges { node { id } } }
    }`);
    // Other test files may add actors of their own (with their own id prefixes) while this one runs.
    expect(zelenskyy.edges).toContainEqual({ node: { id: 'volodymyr-zelensky' } });
    expect(accented.edges).toContainEqual({ node: { id: 'volodymyr-zelensky' } });
    expect(states.totalCount).toBeGreaterThanOrEqual(10);
    expect(states.edges.every((edge: any) => edge.node.kind === 'STATE')).toBe(true);
    expect(natoMembers.edges.map((edge: any) => edge.node.id)).toContain('russia');
    expect(natoMembers.edges.map((edge: any) => edge.node.id)).not.toContain('ukraine');
  });
});

describe('issues and proposals', () => {
  it('everyone for and against an issue, with evidence (IssueStances)', async () => {
    const response = await run(service, IssueStancesDocument, { id: 'ukraine-nato-membership' });
    expect(response.errors).toBeUndefined();
    const issue = response.data!.issue!;
    expect(issue.supporters.map((position) => position.actor.name)).toContain('Ukraine');
    expect(issue.opponents.map((position) => position.actor.name)).toContain('Russia');
    for (const position of [...issue.supporters, ...issue.opponents]) expect(position.evidence.length).toBeGreaterThan(0);
  });

  it('parents and sub-issues both ways, and issue filters', async () => {
    const { donbas, parent, roots, children } = await data(`{
      donbas: issue(id: "donbas-withdrawal") { parent { id subIssues { id } } }
      parent: issue(id: "territorial-concessions") { subIssues { id parent { id } } }
      roots: issues(filter: { rootsOnly: true }, first: 100) { edges { node { id parent { id } } } }
      children: issues(filter: { parentId: "territorial-concessions" }) { totalCount edges { node { id } } }
    }`);
    expect(donbas.parent.id).toBe('territorial-concessions');
    expect(donbas.parent.subIssues.map((issue: any) => issue.id)).toContain('donbas-withdrawal');
    expect(parent.subIssues.every((issue: any) => issue.parent.id === 'territorial-concessions')).toBe(true);
    expect(roots.edges.every((edge: any) => edge.node.parent === null)).toBe(true);
    expect(children.edges.map((edge: any) => edge.node.id)).toContain('donbas-withdrawal');
    expect(children.totalCount).toBe(children.edges.length);
  });

  it('proposals: authors, revisions both ways, addressed issues both ways, positions on a proposal', async () => {
    const { refined, original, proposals } = await data(`{
      refined: proposal(id: "refined-peace-framework") { revises { id } addresses { id proposals { id } } }
      original: proposal(id: "us-28-point-plan") { date authors { id } revisedBy { id } positions { actor { id } stance topic { id } } }
      proposals(first: 100) { totalCount edges { node { id date } } }
    }`);
    expect(refined.revises.map((proposal: any) => proposal.id)).toContain('us-28-point-plan');
    expect(original.revisedBy.map((proposal: any) => proposal.id)).toContain('refined-peace-framework');
    for (const issue of refined.addresses) expect(issue.proposals.map((proposal: any) => proposal.id)).toContain('refined-peace-framework');
    expect(original.authors.length).toBeGreaterThan(0);
    for (const position of original.positions) expect(position.topic.id).toBe('us-28-point-plan');
    const ids = proposals.edges.map((edge: any) => edge.node.id);
    expect(ids).toEqual(expect.arrayContaining(['us-28-point-plan', 'european-counterproposal', 'refined-peace-framework', '20-point-plan']));
    expect(proposals.totalCount).toBe(ids.length);
  });
});

describe('statements, sources and events', () => {
  it('a statement leads to the positions it evidences, its speaker, its events and its sentence in context', async () => {
    const response = await run(service, StatementsBySpeakerDocument, { speakerId: 'dmitry-peskov', first: 5 });
    expect(response.errors).toBeUndefined();
    const statements = response.data!.statements;
    expect(statements.totalCount).toBeGreaterThan(0);
    for (const { node } of statements.edges) {
      for (const citation of node.citations) expect(citation.context.replace(/[“”]/g, '"')).toContain(node.text.replace(/[“”]/g, '"').slice(0, 20));
    }
    const { statement } = await data(`{
      statement: node(id: "${'kremlin-no-compromise-on-territories'}") {
        ... on Statement { evidenceFor { id evidence { id } } citations { excerpt start end source { text } } }
      }
    }`);
    expect(statement.evidenceFor.length).toBeGreaterThan(0);
    for (const position of statement.evidenceFor) expect(position.evidence.map((s: any) => s.id)).toContain('kremlin-no-compromise-on-territories');
    for (const citation of statement.citations) expect(citation.source.text.slice(citation.start, citation.end)).toBe(citation.excerpt);
  });

  it('filters statements by speaker, topic, source, kind, dates and reliability', async () => {
    const result = await data(`{
      quotes: statements(filter: { kinds: [QUOTE] }, first: 100) { edges { node { kind } } }
      topic: statements(filter: { topicId: "ukraine-nato-membership" }, first: 100) { edges { node { evidenceFor { topic { id } } } } }
      september: statements(filter: { from: "2025-09-01", to: "2025-09-30" }, first: 100) { totalCount edges { node { saidOn } } }
      low: statements(filter: { reliability: [LOW] }, first: 100) { edges { node { citations { source { reliability } } } } }
      source: statements(filter: { sourceId: "washington-post-2025-12-03" }, first: 100) { totalCount edges { node { citations { source { id } } } } }
      search: statements(filter: { search: "stalemate" }) { edges { node { text } } }
    }`);
    expect(result.quotes.edges.every((edge: any) => edge.node.kind === 'QUOTE')).toBe(true);
    expect(result.topic.edges.length).toBeGreaterThan(0);
    for (const edge of result.topic.edges) {
      expect(edge.node.evidenceFor.map((position: any) => position.topic.id)).toContain('ukraine-nato-membership');
    }
    expect(result.september.totalCount).toBeGreaterThan(0);
    expect(result.september.edges.every((edge: any) => edge.node.saidOn >= '2025-09-01' && edge.node.saidOn <= '2025-09-30')).toBe(true);
    expect(result.low.edges.length).toBeGreaterThan(0);
    for (const edge of result.low.edges) expect(edge.node.citations.map((c: any) => c.source.reliability)).toContain('LOW');
    for (const edge of result.source.edges) expect(edge.node.citations.map((c: any) => c.source.id)).toContain('washington-post-2025-12-03');
    expect(result.search.edges.some((edge: any) => /stalemate/i.test(edge.node.text))).toBe(true);
  });

  it('sources list their statements in reading order; events their participants and evidence', async () => {
    const { sources, seedSources, event } = await data(`{
      sources(first: 100) { totalCount edges { node { id publishedOn } } }
      seedSources: nodes(ids: ["arab-news-2025-12-03", "impasse-at-the-kremlin-2025-12-04", "russia-ukraine-developments-2025-12-03", "washington-post-2025-12-03", "kremlin-talks-stalled-2025-09-12"]) {
        ... on Source { id reliability reliabilityNote text statements(first: 100) { totalCount edges { node { citations { start source { id } } } } } } }
      event(id: "moscow-talks-2025-12-02") { name date place participants { actor { id events { id } } role event { id } } evidence { id } }
    }`);
    expect(sources.totalCount).toBeGreaterThanOrEqual(5);
    const dates = sources.edges.map((edge: any) => edge.node.publishedOn ?? '0000');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(seedSources).toHaveLength(5);
    for (const node of seedSources) {
      expect(node.reliabilityNote).toBeTruthy();
      const starts = node.statements.edges.map((edge: any) => edge.node.citations.find((c: any) => c.source.id === node.id).start);
      expect([...starts].sort((a: number, b: number) => a - b)).toEqual(starts);
      expect(node.statements.totalCount).toBe(starts.length);
    }
    expect(event.date).toBe('2025-12-02');
    const ids = event.participants.map((participant: any) => participant.actor.id);
    expect(ids).toEqual(expect.arrayContaining(['vladimir-putin', 'steve-witkoff', 'jared-kushner']));
    for (const participant of event.participants) {
      expect(participant.event.id).toBe('moscow-talks-2025-12-02');
      expect(participant.actor.events.map((e: any) => e.id)).toContain('moscow-talks-2025-12-02');
    }
  });
});

describe('node, search and analytics', () => {
  it('node and nodes resolve any kind by id; unknown ids are null', async () => {
    const result = await data(`{
      actor: node(id: "nato") { __typename id }
      issue: node(id: "donbas-withdrawal") { __typename }
      proposal: node(id: "20-point-plan") { __typename }
      event: node(id: "zapad-2025") { __typename }
      source: node(id: "arab-news-2025-12-03") { __typename }
      position: node(id: "russia-donbas-withdrawal") { __typename ... on Position { actor { id } topic { id } } }
      missing: node(id: "no-such-thing") { id }
      nodes(ids: ["ukraine", "nope", "zapad-2025"]) { __typename id }
    }`);
    expect(result).toEqual({
      actor: { __typename: 'Actor', id: 'nato' },
      issue: { __typename: 'Issue' },
      proposal: { __typename: 'Proposal' },
      event: { __typename: 'Event' },
      source: { __typename: 'Source' },
      position: { __typename: 'Position', actor: { id: 'russia' }, topic: { id: 'donbas-withdrawal' } },
      missing: null,
      nodes: [{ __typename: 'Actor', id: 'ukraine' }, null, { __typename: 'Event', id: 'zapad-2025' }],
    });
  });

  it('unknown ids give null or empty lists, not errors', async () => {
    const result = await data(`{
      actor(id: "nobody") { id } issue(id: "nothing") { id } proposal(id: "none") { id } event(id: "never") { id } source(id: "nowhere") { id }
      actors(filter: { stanceOn: { topicId: "no-topic" } }) { totalCount edges { node { id } } }
      statements(filter: { speakerId: "nobody" }) { totalCount edges { node { id } } }
      paths(from: "nobody", to: "vladimir-putin") { length }
    }`);
    expect(result).toEqual({
      actor: null, issue: null, proposal: null, event: null, source: null,
      actors: { totalCount: 0, edges: [] },
      statements: { totalCount: 0, edges: [] },
      paths: [],
    });
  });

  it('search finds names, aliases (Kiev -> Ukraine), issues and statement text, best first', async () => {
    const response = await run(service, SearchDocument, { query: 'Kiev', first: 20 });
    expect(response.errors).toBeUndefined();
    const hits = response.data!.search;
    expect(hits.map((hit) => hit.node.id)).toContain('ukraine');
    const scores = hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const { issue, said } = await data(`{
      issue: search(query: "NATO membership") { node { __typename id } }
      said: search(query: "claptrap") { node { __typename id } snippet }
    }`);
    expect(issue[0].node).toEqual({ __typename: 'Issue', id: 'ukraine-nato-membership' });
    expect(said[0].node.__typename).toBe('Statement');
    expect(said[0].snippet).toMatch(/claptrap/);
  });

  it('search treats Lucene syntax as words, never as a server error', async () => {
    for (const query of ['NATO AND (', 'title:"x', '*', 'a~2^3', '\\', ') DETACH DELETE n //', 'OR', '[* TO *]']) {
      const response = await service.gql(`query($q: String!) { search(query: $q) { score } }`, { q: query });
      const code = response.errors?.[0]?.extensions?.code;
      expect(response.status, query).toBeLessThan(500);
      if (code) expect(code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('compare builds a stance matrix in the order asked (StanceMatrix)', async () => {
    const response = await run(service, StanceMatrixDocument, {
      actorIds: ['russia', 'ukraine', 'nobody'],
      issueIds: ['ukraine-nato-membership', 'donbas-withdrawal'],
    });
    expect(response.errors).toBeUndefined();
    const matrix = response.data!.compare;
    expect(matrix.topics.map((topic) => topic.id)).toEqual(['ukraine-nato-membership', 'donbas-withdrawal']);
    expect(matrix.rows.map((row) => row.actor.id)).toEqual(['russia', 'ukraine']);
    expect(matrix.rows[0]!.cells.map((cell) => cell.stance)).toEqual(['OPPOSES', 'SUPPORTS']);
    expect(matrix.rows[1]!.cells.map((cell) => cell.stance)).toEqual(['SUPPORTS', 'OPPOSES']);
    for (const row of matrix.rows) for (const cell of row.cells) for (const position of cell.positions) expect(position.evidence.length).toBeGreaterThan(0);
    const all = await data(`{ compare(actorIds: ["vladimir-putin"]) { topics { id } rows { cells { stance } } } }`);
    expect(all.compare.topics.length).toBeGreaterThan(0);
    expect(all.compare.rows[0].cells.every((cell: any) => cell.stance !== null)).toBe(true);
  });

  it('agreement between Russia and Ukraine: mostly disagreement, every verdict shown (Agreement)', async () => {
    const response = await run(service, AgreementDocument, { a: 'russia', b: 'ukraine' });
    expect(response.errors).toBeUndefined();
    const agreement = response.data!.agreement;
    expect(agreement.disagreeOn.map((topic) => topic.name).join(' ')).toMatch(/NATO/);
    expect(agreement.score).toBeGreaterThanOrEqual(0);
    expect(agreement.score).toBeLessThan(0.5);
    const details = await data(`{ agreement(a: "russia", b: "ukraine") { details { topic { id } verdict a { actor { id } } b { actor { id } } } } }`);
    for (const detail of details.agreement.details) {
      expect(detail.a.actor.id).toBe('russia');
      expect(detail.b.actor.id).toBe('ukraine');
    }
  });

  it('paths connect actors through relations, roles, events and proposals, and say what each step is (Paths)', async () => {
    const response = await run(service, PathsDocument, { from: 'jared-kushner', to: 'vladimir-putin', maxHops: 4 });
    expect(response.errors).toBeUndefined();
    const paths = response.data!.paths;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths[0]!.steps[0]!.description).toMatch(/Kushner|Putin/);
    const viaEvent = await data(`{ paths(from: "mark-rutte", to: "marcin-posacki", maxHops: 6) { length nodes { __typename id } steps { type forward from { id } to { id } description } } }`);
    for (const path of viaEvent.paths) {
      expect(path.nodes[0].id).toBe('mark-rutte');
      expect(path.nodes.at(-1).id).toBe('marcin-posacki');
      expect(path.steps.length).toBe(path.length);
      path.steps.forEach((step: any, index: number) => {
        expect(step.from.id).toBe(path.nodes[index].id);
        expect(step.to.id).toBe(path.nodes[index + 1].id);
      });
    }
  });
});
