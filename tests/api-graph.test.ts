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
import {
  ActorFiltersDocument,
  AgreementDetailsDocument,
  CompareEveryTopicDocument,
  IssueTreeDocument,
  NodesOfEveryKindDocument,
  PathStepsDocument,
  ProposalLinksDocument,
  RussiaPositionFiltersDocument,
  SearchKindsDocument,
  SearchScoresDocument,
  SourcesAndEventDocument,
  StatementFiltersDocument,
  StatementLinksDocument,
  UnknownIdsDocument,
  UshakovAndPutinRelationsDocument,
  WitkoffRolesEventsProposalsStatementsDocument,
} from './generated/operations.js';
import { ownedData, run } from './support.js';

// This file writes nothing: it reads the seed through a service of its own.
const owned = ownedData('api-graph');
const { read } = owned;
beforeAll(() => owned.start());
afterAll(() => owned.cleanup());

describe('actors', () => {
  it('an actor with its positions, their evidence, citations and sources (ActorPositions)', async () => {
    const response = await run(owned.service, ActorPositionsDocument, { id: 'vladimir-putin' });
    expect(response.errors).toBeUndefined();
    const actor = response.data!.actor!;
    expect(actor).toMatchObject({ id: 'vladimir-putin', name: 'Vladimir Putin', kind: 'PERSON' });
    expect(actor.aliases).toContain('Putin');
    expect(actor.positions.nodes.length).toBeGreaterThan(0);
    for (const position of actor.positions.nodes) {
      expect(position.evidence.length).toBeGreaterThan(0);
      for (const statement of position.evidence) {
        expect(statement.citations.length).toBeGreaterThan(0);
        for (const citation of statement.citations) {
          expect(citation.end).toBeGreaterThan(citation.start);
          expect(['HIGH', 'MEDIUM', 'LOW']).toContain(citation.source.reliability);
        }
      }
    }
    const donbas = actor.positions.nodes.find((position) => position.topic.id === 'donbas-withdrawal');
    expect(donbas).toMatchObject({ stance: 'SUPPORTS', topic: { __typename: 'Issue' } });
  });

  it('filters an actor’s positions by topic, stance and date', async () => {
    const actor = (await read(RussiaPositionFiltersDocument, {})).actor!;
    expect(actor.nato.nodes).toEqual([{ stance: 'OPPOSES', topic: { id: 'ukraine-nato-membership' } }]);
    expect(actor.opposes.nodes.length).toBeGreaterThan(0);
    expect(actor.opposes.nodes.every((position) => position.stance === 'OPPOSES')).toBe(true);
    expect(actor.before.nodes).toEqual([]);
    expect(actor.now.nodes.length).toBeGreaterThan(0);
    expect(actor.now.nodes.every((position) => position.validFrom! <= '2025-12-31')).toBe(true);
  });

  it('relations read both ways: Ushakov ADVISES Putin (outgoing) is Putin’s incoming ADVISES', async () => {
    const { ushakov, putin } = await read(UshakovAndPutinRelationsDocument, {});
    const advises = ushakov!.relations.edges.find((edge) => edge.node.type === 'ADVISES' && edge.actor.id === 'vladimir-putin');
    expect(advises!.direction).toBe('OUTGOING');
    expect(advises!.node.evidence.length).toBeGreaterThan(0);
    expect(putin!.relations.edges).toContainEqual({ direction: 'INCOMING', actor: { id: 'yuri-ushakov' }, node: { type: 'ADVISES' } });
  });

  it('roles both ways, events, authored proposals and what the actor said', async () => {
    const result = await read(WitkoffRolesEventsProposalsStatementsDocument, {});
    const witkoff = result.witkoff!;
    expect(witkoff.roles.nodes.some((role) => role.of.id === 'united-states' && role.holder.id === 'steve-witkoff')).toBe(true);
    expect(result.us!.roleHolders.nodes.some((role) => role.holder.id === 'steve-witkoff')).toBe(true);
    expect(witkoff.events.nodes.map((event) => event.id)).toContain('moscow-talks-2025-12-02');
    const moscow = witkoff.events.nodes.find((event) => event.id === 'moscow-talks-2025-12-02');
    expect(moscow!.participants.nodes.map((participant) => participant.actor.id)).toContain('steve-witkoff');
    for (const proposal of witkoff.proposals.nodes) expect(proposal.authors.map((author) => author.id)).toContain('steve-witkoff');
    expect(witkoff.statements.totalCount).toBeGreaterThanOrEqual(witkoff.statements.edges.length);
    for (const edge of witkoff.statements.edges) expect(edge.node.speaker!.id).toBe('steve-witkoff');
  });

  it('filters actors by name or alias, case- and accent-insensitively, by kind and by stance', async () => {
    const { zelenskyy, accented, states, natoMembers } = await read(ActorFiltersDocument, {});
    // Other test files may add actors of their own (with their own id prefixes) while this one runs.
    expect(zelenskyy.edges).toContainEqual({ node: { id: 'volodymyr-zelensky' } });
    expect(accented.edges).toContainEqual({ node: { id: 'volodymyr-zelensky' } });
    expect(states.totalCount).toBeGreaterThanOrEqual(10);
    expect(states.edges.every((edge) => edge.node.kind === 'STATE')).toBe(true);
    expect(natoMembers.edges.map((edge) => edge.node.id)).toContain('russia');
    expect(natoMembers.edges.map((edge) => edge.node.id)).not.toContain('ukraine');
  });
});

describe('issues and proposals', () => {
  it('everyone for and against an issue, with evidence (IssueStances)', async () => {
    const response = await run(owned.service, IssueStancesDocument, { id: 'ukraine-nato-membership' });
    expect(response.errors).toBeUndefined();
    const issue = response.data!.issue!;
    expect(issue.supporters.nodes.map((position) => position.actor.name)).toContain('Ukraine');
    expect(issue.opponents.nodes.map((position) => position.actor.name)).toContain('Russia');
    for (const position of [...issue.supporters.nodes, ...issue.opponents.nodes]) expect(position.evidence.length).toBeGreaterThan(0);
  });

  it('parents and sub-issues both ways, and issue filters', async () => {
    const { donbas, parent, roots, children } = await read(IssueTreeDocument, {});
    expect(donbas!.parent!.id).toBe('territorial-concessions');
    expect(donbas!.parent!.subIssues.nodes.map((issue) => issue.id)).toContain('donbas-withdrawal');
    expect(parent!.subIssues.nodes.every((issue) => issue.parent!.id === 'territorial-concessions')).toBe(true);
    expect(roots.edges.every((edge) => edge.node.parent === null)).toBe(true);
    expect(children.edges.map((edge) => edge.node.id)).toContain('donbas-withdrawal');
    expect(children.totalCount).toBe(children.edges.length);
  });

  it('proposals: authors, revisions both ways, addressed issues both ways, positions on a proposal', async () => {
    const result = await read(ProposalLinksDocument, {});
    const refined = result.refined!;
    const original = result.original!;
    expect(refined.revises.nodes.map((proposal) => proposal.id)).toContain('us-28-point-plan');
    expect(original.revisedBy.nodes.map((proposal) => proposal.id)).toContain('refined-peace-framework');
    for (const issue of refined.addresses) expect(issue.proposals.nodes.map((proposal) => proposal.id)).toContain('refined-peace-framework');
    expect(original.authors.length).toBeGreaterThan(0);
    for (const position of original.positions.nodes) expect(position.topic.id).toBe('us-28-point-plan');
    const proposals = result.proposals;
    const ids = proposals.edges.map((edge) => edge.node.id);
    expect(ids).toEqual(expect.arrayContaining(['us-28-point-plan', 'european-counterproposal', 'refined-peace-framework', '20-point-plan']));
    expect(proposals.totalCount).toBe(ids.length);
  });
});

describe('statements, sources and events', () => {
  it('a statement leads to the positions it evidences, its speaker, its events and its sentence in context', async () => {
    const response = await run(owned.service, StatementsBySpeakerDocument, { speakerId: 'dmitry-peskov', first: 5 });
    expect(response.errors).toBeUndefined();
    const statements = response.data!.statements;
    expect(statements.totalCount).toBeGreaterThan(0);
    for (const { node } of statements.edges) {
      for (const citation of node.citations) expect(citation.context.replace(/[“”]/g, '"')).toContain(node.text.replace(/[“”]/g, '"').slice(0, 20));
    }
    const { statement } = await read(StatementLinksDocument, {});
    if (!statement || !('evidenceFor' in statement)) throw new Error(`not a statement: ${JSON.stringify(statement)}`);
    expect(statement.evidenceFor.nodes.length).toBeGreaterThan(0);
    for (const position of statement.evidenceFor.nodes) expect(position.evidence.map((s) => s.id)).toContain('kremlin-no-compromise-on-territories');
    for (const citation of statement.citations) expect(citation.source.text.slice(citation.start, citation.end)).toBe(citation.excerpt);
  });

  it('filters statements by speaker, topic, source, kind, dates and reliability', async () => {
    const result = await read(StatementFiltersDocument, {});
    expect(result.quotes.edges.every((edge) => edge.node.kind === 'QUOTE')).toBe(true);
    expect(result.topic.edges.length).toBeGreaterThan(0);
    for (const edge of result.topic.edges) {
      expect(edge.node.evidenceFor.nodes.map((position) => position.topic.id)).toContain('ukraine-nato-membership');
    }
    expect(result.september.totalCount).toBeGreaterThan(0);
    expect(result.september.edges.every((edge) => edge.node.saidOn! >= '2025-09-01' && edge.node.saidOn! <= '2025-09-30')).toBe(true);
    expect(result.low.edges.length).toBeGreaterThan(0);
    for (const edge of result.low.edges) expect(edge.node.citations.map((c) => c.source.reliability)).toContain('LOW');
    for (const edge of result.source.edges) expect(edge.node.citations.map((c) => c.source.id)).toContain('washington-post-2025-12-03');
    expect(result.search.edges.some((edge) => /stalemate/i.test(edge.node.text))).toBe(true);
  });

  it('sources list their statements in reading order; events their participants and evidence', async () => {
    const { sources, seedSources, event } = await read(SourcesAndEventDocument, {});
    expect(sources.totalCount).toBeGreaterThanOrEqual(5);
    const dates = sources.edges.map((edge) => edge.node.publishedOn ?? '0000');
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(seedSources).toHaveLength(5);
    for (const node of seedSources) {
      if (!node || !('statements' in node)) throw new Error(`not a source: ${JSON.stringify(node)}`);
      expect(node.reliabilityNote).toBeTruthy();
      const starts = node.statements.edges.map((edge) => edge.node.citations.find((c) => c.source.id === node.id)!.start);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      expect(node.statements.totalCount).toBe(starts.length);
    }
    expect(event!.date).toBe('2025-12-02');
    const ids = event!.participants.nodes.map((participant) => participant.actor.id);
    expect(ids).toEqual(expect.arrayContaining(['vladimir-putin', 'steve-witkoff', 'jared-kushner']));
    for (const participant of event!.participants.nodes) {
      expect(participant.event.id).toBe('moscow-talks-2025-12-02');
      expect(participant.actor.events.nodes.map((e) => e.id)).toContain('moscow-talks-2025-12-02');
    }
  });
});

describe('node, search and analytics', () => {
  it('node and nodes resolve any kind by id; unknown ids are null', async () => {
    const result = await read(NodesOfEveryKindDocument, {});
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

  it('lookups of unknown ids give null (arguments that must name a node are NOT_FOUND: tests/api-reads.test.ts)', async () => {
    const result = await read(UnknownIdsDocument, {});
    expect(result).toEqual({
      actor: null, issue: null, proposal: null, event: null, source: null,
      nodes: [null, { id: 'vladimir-putin' }],
    });
  });

  it('search finds names, aliases (Kiev -> Ukraine), issues and statement text, best first', async () => {
    const response = await run(owned.service, SearchDocument, { query: 'Kiev', first: 20 });
    expect(response.errors).toBeUndefined();
    const hits = response.data!.search.edges;
    // "Kiev" is one of Ukraine's aliases: an exact match, first; relevance orders the rest.
    expect(hits[0]).toMatchObject({ exactMatch: true, node: { id: 'ukraine' } });
    const scores = hits.filter((hit) => !hit.exactMatch).map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const { issue, said } = await read(SearchKindsDocument, {});
    expect(issue.edges[0]!.node).toEqual({ __typename: 'Issue', id: 'ukraine-nato-membership' });
    expect(said.edges[0]!.node.__typename).toBe('Statement');
    expect(said.edges[0]!.snippet).toMatch(/claptrap/);
  });

  it('search treats Lucene syntax as words, never as a server error', async () => {
    for (const query of ['NATO AND (', 'title:"x', '*', 'a~2^3', '\\', ') DETACH DELETE n //', 'OR', '[* TO *]']) {
      const response = await run(owned.service, SearchScoresDocument, { query });
      const code = response.errors?.[0]?.extensions?.code;
      expect(response.status, query).toBeLessThan(500);
      if (code) expect(code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('compare builds a stance matrix in the order asked (StanceMatrix)', async () => {
    const response = await run(owned.service, StanceMatrixDocument, {
      actorIds: ['russia', 'ukraine'],
      issueIds: ['ukraine-nato-membership', 'donbas-withdrawal'],
    });
    expect(response.errors).toBeUndefined();
    const matrix = response.data!.compare;
    expect(matrix.topics.map((topic) => topic.id)).toEqual(['ukraine-nato-membership', 'donbas-withdrawal']);
    expect(matrix.rows.map((row) => row.actor.id)).toEqual(['russia', 'ukraine']);
    expect(matrix.rows[0]!.cells.map((cell) => cell.stance)).toEqual(['OPPOSES', 'SUPPORTS']);
    expect(matrix.rows[1]!.cells.map((cell) => cell.stance)).toEqual(['SUPPORTS', 'OPPOSES']);
    for (const row of matrix.rows) for (const cell of row.cells) for (const position of cell.positions) expect(position.evidence.length).toBeGreaterThan(0);
    const all = await read(CompareEveryTopicDocument, { actorIds: ['vladimir-putin'] });
    expect(all.compare.topics.length).toBeGreaterThan(0);
    expect(all.compare.rows[0]!.cells.every((cell) => cell.stance !== null)).toBe(true);
  });

  it('agreement between Russia and Ukraine: mostly disagreement, every verdict shown (Agreement)', async () => {
    const response = await run(owned.service, AgreementDocument, { a: 'russia', b: 'ukraine' });
    expect(response.errors).toBeUndefined();
    const agreement = response.data!.agreement;
    expect(agreement.disagreeOn.map((topic) => topic.name).join(' ')).toMatch(/NATO/);
    expect(agreement.score).toBeGreaterThanOrEqual(0);
    expect(agreement.score).toBeLessThan(0.5);
    const details = await read(AgreementDetailsDocument, { a: 'russia', b: 'ukraine' });
    for (const detail of details.agreement.details) {
      expect(detail.a.actor.id).toBe('russia');
      expect(detail.b.actor.id).toBe('ukraine');
    }
  });

  it('paths connect actors through relations, roles, events and proposals, and say what each step is (Paths)', async () => {
    const response = await run(owned.service, PathsDocument, { from: 'jared-kushner', to: 'vladimir-putin', maxHops: 4 });
    expect(response.errors).toBeUndefined();
    const paths = response.data!.paths;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths[0]!.steps[0]!.description).toMatch(/Kushner|Putin/);
    const viaEvent = await read(PathStepsDocument, { from: 'mark-rutte', to: 'marcin-posacki', maxHops: 6 });
    for (const path of viaEvent.paths) {
      expect(path.nodes[0]!.id).toBe('mark-rutte');
      expect(path.nodes.at(-1)!.id).toBe('marcin-posacki');
      expect(path.steps.length).toBe(path.length);
      path.steps.forEach((step, index) => {
        expect(step.from.id).toBe(path.nodes[index]!.id);
        expect(step.to.id).toBe(path.nodes[index + 1]!.id);
      });
    }
  });
});
