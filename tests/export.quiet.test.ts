/**
 * GET /export and Query.export, read by the consumers analysts use: networkx (GraphML, GEXF), graphology
 * (`Graph.from`), Cytoscape.js's element JSON, and Python's csv reader. Each file must hold exactly the nodes and edges
 * Neo4j holds for the same filter, counted here with Cypher of the test's own (not the export's queries).
 *
 * Other files write to the same database meanwhile, so each comparison reads Neo4j before and after the download and
 * retries until the two agree (the download then saw that same graph).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
// graphology's Graph.from, through the named class its typings export under NodeNext (the default import types as the module).
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActorEdgeIdsDocument,
  AddSourceDocument,
  ExportLinkDocument,
  RecordStatementDocument,
  SetPositionSupersedingDocument,
  UpsertActorDocument,
  UpsertIssueDocument,
  type ExportFilter,
} from './generated/operations.js';
import { cypher, cypherSnapshot, ownedData, run, startTestService, testConfig, type CypherRow } from './support.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const python = process.env.STANCEGRAPH_PYTHON ?? join(root, '.venv', 'bin', 'python');
const reader = join(root, 'tests', 'python', 'read_export.py');
const runFile = promisify(execFile);

const owned = ownedData('export');
const { id, ok } = owned;
let dir: string;

/** Characters a curator's text may hold that XML 1.0 cannot: the XML formats drop them, the others keep them. */
const xmlForbidden = '\u0001\u000B';
const awkward = {
  name: `Ève d'Arc <&> "Quoted" ${owned.prefix}`,
  description: `Line one, with a comma\nline two\tafter a tab; ${xmlForbidden}control & <b>markup</b> 'single' "double"`,
};

beforeAll(async () => {
  if (!existsSync(python)) throw new Error(`no Python at ${python}: run \`bash scripts/python-env.sh\` (npm test runs it first) or set STANCEGRAPH_PYTHON`);
  dir = await mkdtemp(join(tmpdir(), 'stancegraph-export-'));
  await owned.start();
  // An actor whose name and description test escaping, and a position it held and then changed (superseded: validTo).
  await ok(UpsertActorDocument, { input: { id: id('eve'), name: awkward.name, kind: 'PERSON', aliases: ['Ève', 'E, d’A'], description: awkward.description } });
  await ok(UpsertIssueDocument, { input: { id: id('issue'), name: `Export test issue ${owned.prefix}` } });
  await ok(AddSourceDocument, {
    input: { id: id('source'), title: 'Export wire', publishedOn: '2025-12-05', reliability: 'LOW', text: 'Eve said no to it. Later Eve said yes to it.' },
  });
  await ok(RecordStatementDocument, { input: { id: id('no'), text: 'Eve said no to it', kind: 'PARAPHRASE', speakerId: id('eve'), saidOn: '2025-12-05', sourceIds: [id('source')] } });
  await ok(RecordStatementDocument, { input: { id: id('yes'), text: 'Eve said yes to it', kind: 'PARAPHRASE', speakerId: id('eve'), saidOn: '2025-12-07', sourceIds: [id('source')] } });
  const first = await ok(SetPositionSupersedingDocument, { input: { actorId: id('eve'), topicId: id('issue'), stance: 'OPPOSES', summary: 'Says no.', evidence: [id('no')] } });
  await ok(SetPositionSupersedingDocument, { input: { actorId: id('eve'), topicId: id('issue'), stance: 'SUPPORTS', summary: 'Says yes.', evidence: [id('yes')] } });
  superseded = first.setPosition.position.id;
});

afterAll(async () => {
  await owned.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

let superseded = '';

// ---------------------------------------------------------------------------------------------------------------
// Downloads and the consumers that read them

interface Download {
  status: number;
  headers: Headers;
  body: string;
}

async function download(query: string, url = owned.service.url, headers: Record<string, string> = {}): Promise<Download> {
  const response = await fetch(`${url}/export?${query}`, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

type Attributes = Record<string, string | number>;

interface NetworkxGraph {
  kind: 'graphml' | 'gexf';
  graphType: string;
  directed: boolean;
  nodeCount: number;
  edgeCount: number;
  nodes: Record<string, Attributes>;
  edges: Record<string, Attributes & { source: string; target: string }>;
}

interface CsvFile {
  kind: 'csv';
  header: string[];
  rows: Array<Record<string, string>>;
}

type PythonRead = NetworkxGraph | CsvFile;

let files = 0;
/** Writes each file and has one Python process read them all: networkx for graphml and gexf, the csv module for csv. */
async function readInPython(requests: ReadonlyArray<{ kind: PythonRead['kind']; body: string }>): Promise<PythonRead[]> {
  const args: string[] = [];
  for (const { kind, body } of requests) {
    const path = join(dir, `export-${(files += 1)}.${kind}`);
    await writeFile(path, body, 'utf8');
    args.push(kind, path);
  }
  const { stdout } = await runFile(python, [reader, ...args], { maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as PythonRead[];
}

function graphOf(read: PythonRead | undefined): NetworkxGraph {
  if (read?.kind !== 'graphml' && read?.kind !== 'gexf') throw new Error(`not a graph: ${read?.kind}`);
  return read;
}

function csvOf(read: PythonRead | undefined): CsvFile {
  if (read?.kind !== 'csv') throw new Error(`not a CSV file: ${read?.kind}`);
  return read;
}

interface CytoscapeJson {
  elements: { nodes: Array<{ data: { id: string } & Record<string, unknown> }>; edges: Array<{ data: { id: string; source: string; target: string } & Record<string, unknown> }> };
}

// ---------------------------------------------------------------------------------------------------------------
// What Neo4j holds for a filter, by Cypher of the test's own

interface Filter {
  topicIds?: readonly string[];
  actorIds?: readonly string[];
  hops?: number;
  from?: string;
  to?: string;
  minReliability?: 'HIGH' | 'MEDIUM' | 'LOW';
}

interface Expected {
  nodeIds: string[];
  edgeCount: number;
  positionIds: string[];
}

/** Relationship types exported as one edge each (positions are two relationships through a Position node). */
const directTypes = [
  'LEADS',
  'MEMBER_OF',
  'ADVISES',
  'SPEAKS_FOR',
  'ENVOY_OF',
  'FAMILY_OF',
  'ALLIED_WITH',
  'NEGOTIATES_WITH',
  'REPRESENTS',
  'OPPOSES',
  'HOLDS_ROLE',
  'PARTICIPATED_IN',
  'AUTHORED_BY',
  'SUB_ISSUE_OF',
  'ADDRESSES',
  'REVISES',
];
const atLeast = { HIGH: ['HIGH'], MEDIUM: ['HIGH', 'MEDIUM'], LOW: ['HIGH', 'MEDIUM', 'LOW'] };
const idsOf = (rows: CypherRow[]) => rows.map((row) => String(row.id));

function expectedGraph(filter: Filter): Promise<Expected> {
  return cypherSnapshot(owned.service.db, 'exportExpected', async (read) => {
    let nodes = new Set(idsOf(await read('expectedNodes', 'MATCH (n) WHERE n:Actor OR n:Issue OR n:Proposal OR n:Event RETURN n.id AS id')));
    const keep = (ids: Iterable<string>) => {
      const kept = new Set(ids);
      nodes = new Set([...nodes].filter((node) => kept.has(node)));
    };
    if (filter.topicIds) {
      const holders = await read(
        'expectedHolders',
        'MATCH (a:Actor)-[:HOLDS]->(:Position)-[:ON]->(t:Topic) WHERE t.id IN $topicIds RETURN DISTINCT a.id AS id',
        { topicIds: filter.topicIds },
      );
      keep([...filter.topicIds, ...idsOf(holders)]);
    }
    if (filter.actorIds) {
      // Breadth first, a position counting as one step between its actor and its topic.
      const reached = new Set(filter.actorIds);
      let frontier = [...filter.actorIds];
      for (let hop = 0; hop < (filter.hops ?? 1); hop++) {
        const rows = await read(
          'expectedStep',
          `MATCH (n)-[r]-(m) WHERE n.id IN $frontier AND type(r) IN $types AND (m:Actor OR m:Issue OR m:Proposal OR m:Event) RETURN m.id AS id
           UNION
           MATCH (n)-[:HOLDS|ON]-(:Position)-[:HOLDS|ON]-(m) WHERE n.id IN $frontier AND m <> n RETURN m.id AS id`,
          { frontier, types: directTypes },
        );
        frontier = idsOf(rows).filter((node) => !reached.has(node));
        for (const node of frontier) reached.add(node);
      }
      keep(reached);
    }
    if (filter.from || filter.to) {
      const outside = await read(
        'expectedEventsOutside',
        `MATCH (e:Event) WHERE NOT (e.date IS NOT NULL AND ($to IS NULL OR e.date <= date($to)) AND ($from IS NULL OR coalesce(e.endDate, e.date) >= date($from)))
         RETURN e.id AS id`,
        { from: filter.from ?? null, to: filter.to ?? null },
      );
      const out = new Set(idsOf(outside));
      keep([...nodes].filter((node) => !out.has(node)));
    }
    const ids = [...nodes];
    const direct = await read('expectedDirectEdges', 'MATCH (a)-[r]->(b) WHERE type(r) IN $types AND a.id IN $ids AND b.id IN $ids RETURN count(r) AS count', {
      ids,
      types: directTypes,
    });
    const positions = await read(
      'expectedPositionEdges',
      `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic)
       WHERE a.id IN $ids AND t.id IN $ids
         AND ($from IS NULL AND $to IS NULL OR EXISTS {
           MATCH (p)-[:EVIDENCED_BY]->(s:Statement)
           WHERE s.saidOn >= coalesce(date($from), s.saidOn) AND s.saidOn <= coalesce(date($to), s.saidOn)
         })
         AND ($reliabilities IS NULL OR EXISTS { MATCH (p)-[:EVIDENCED_BY]->(:Statement)-[:CITED_IN]->(src:Source) WHERE src.reliability IN $reliabilities })
       RETURN p.id AS id`,
      { ids, from: filter.from ?? null, to: filter.to ?? null, reliabilities: filter.minReliability ? atLeast[filter.minReliability] : null },
    );
    return { nodeIds: ids.sort(), edgeCount: Number(direct[0]!.count) + positions.length, positionIds: idsOf(positions).sort() };
  });
}

/** The query string of a filter, as GET /export takes it. */
function queryOf(format: string, filter: Filter): string {
  const search = new URLSearchParams({ format });
  for (const topic of filter.topicIds ?? []) search.append('topicId', topic);
  for (const actor of filter.actorIds ?? []) search.append('actorId', actor);
  if (filter.hops !== undefined) search.set('hops', String(filter.hops));
  if (filter.from) search.set('from', filter.from);
  if (filter.to) search.set('to', filter.to);
  if (filter.minReliability) search.set('minReliability', filter.minReliability);
  return search.toString();
}

const allFormats = ['graphml', 'gexf', 'graphology', 'cytoscape', 'csv-nodes', 'csv-edges'] as const;
type Format = (typeof allFormats)[number];

/** The files of a filter in each format, and what Neo4j held while they were written (unchanged before and after). */
async function exportsOf(filter: Filter, formats: readonly Format[] = allFormats): Promise<{ expected: Expected; files: Record<Format, string> }> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const before = await expectedGraph(filter);
    // One after the other: the service runs at most EXPORT_MAX_CONCURRENT (2) at once.
    const downloads: Array<readonly [Format, Download]> = [];
    for (const format of formats) downloads.push([format, await download(queryOf(format, filter))]);
    const after = await expectedGraph(filter);
    if (JSON.stringify(before) !== JSON.stringify(after)) continue;
    for (const [format, file] of downloads) expect(file.status, `${format}: ${file.body.slice(0, 300)}`).toBe(200);
    return { expected: after, files: Object.fromEntries(downloads.map(([format, file]) => [format, file.body])) as Record<Format, string> };
  }
  throw new Error('the graph kept changing while it was exported');
}

/** Every reader finds the nodes and edges Neo4j holds; the networkx graphs read, GraphML's first. */
async function expectAllReadersAgree(expected: Expected, files: Partial<Record<Format, string>>): Promise<NetworkxGraph[]> {
  const requests = (['graphml', 'gexf', 'csv-nodes', 'csv-edges'] as const).flatMap((format) => {
    const body = files[format];
    return body === undefined ? [] : [{ format, kind: format.startsWith('csv') ? ('csv' as const) : (format as 'graphml' | 'gexf'), body }];
  });
  const reads = await readInPython(requests);
  const graphs: NetworkxGraph[] = [];
  for (const [index, { format }] of requests.entries()) {
    if (format === 'graphml' || format === 'gexf') {
      const graph = graphOf(reads[index]);
      expect(graph.directed).toBe(true);
      expect(graph.nodeCount, `${format} nodes`).toBe(expected.nodeIds.length);
      expect(Object.keys(graph.nodes).sort(), `${format} node ids`).toEqual(expected.nodeIds);
      expect(graph.edgeCount, `${format} edges`).toBe(expected.edgeCount);
      const positions = Object.entries(graph.edges).filter(([, edge]) => edge.type === 'POSITION');
      expect(positions.map(([edgeId]) => edgeId).sort(), `${format} position edges`).toEqual(expected.positionIds);
      graphs.push(graph);
    } else if (format === 'csv-nodes') {
      const csv = csvOf(reads[index]);
      expect(csv.header).toEqual(['id', 'label', 'nodeType', 'kind', 'aliases', 'description', 'date', 'endDate', 'dateSource', 'place']);
      expect(csv.rows.map((row) => row.id).sort()).toEqual(expected.nodeIds);
    } else {
      const csv = csvOf(reads[index]);
      expect(csv.header.slice(0, 4)).toEqual(['id', 'source', 'target', 'type']);
      expect(csv.rows).toHaveLength(expected.edgeCount);
      expect(csv.rows.filter((row) => row.type === 'POSITION').map((row) => row.id).sort()).toEqual(expected.positionIds);
    }
  }
  if (files.graphology !== undefined) {
    const json = JSON.parse(files.graphology) as SerializedGraph;
    expect(json.options).toEqual({ type: 'directed', multi: true, allowSelfLoops: true });
    const graph = MultiDirectedGraph.from(json);
    expect(graph.order).toBe(expected.nodeIds.length);
    expect(graph.size).toBe(expected.edgeCount);
    expect(graph.filterEdges((_edge: string, attributes: Record<string, unknown>) => attributes.type === 'POSITION').sort()).toEqual(expected.positionIds);
  }
  if (files.cytoscape !== undefined) {
    const { elements } = JSON.parse(files.cytoscape) as CytoscapeJson;
    expect(elements.nodes.map((node) => node.data.id).sort()).toEqual(expected.nodeIds);
    expect(elements.edges).toHaveLength(expected.edgeCount);
    const nodeIds = new Set(expected.nodeIds);
    for (const { data } of elements.edges) expect(nodeIds.has(data.source) && nodeIds.has(data.target), data.id).toBe(true);
    // Cytoscape wants one id space for nodes and edges.
    expect(new Set([...elements.nodes, ...elements.edges].map((element) => element.data.id)).size).toBe(expected.nodeIds.length + expected.edgeCount);
  }
  return graphs;
}

// ---------------------------------------------------------------------------------------------------------------

describe('the whole graph', () => {
  let expected: Expected;
  let files: Record<Format, string>;
  let graphml: NetworkxGraph;
  let gexf: NetworkxGraph;

  beforeAll(async () => {
    ({ expected, files } = await exportsOf({}));
    [graphml, gexf] = (await expectAllReadersAgree(expected, files)) as [NetworkxGraph, NetworkxGraph];
  });

  it('every reader finds the nodes and edges Neo4j holds', () => {
    // The counts were compared in beforeAll; the graph is the seed and more.
    expect(expected.nodeIds.length).toBeGreaterThanOrEqual(91);
    expect(graphml.graphType).toBe('MultiDiGraph');
  });

  it('a position edge carries its stance, dates, evidence count and best reliability; superseded ones are there', async () => {
    const rows = await cypher(
      owned.service.db,
      'positionFacts',
      `MATCH (a:Actor)-[:HOLDS]->(p:Position)-[:ON]->(t:Topic) WHERE p.id IN $ids
       RETURN p.id AS id, a.id AS actor, t.id AS topic, p.stance AS stance, toString(p.validFrom) AS validFrom, toString(p.validTo) AS validTo,
              COUNT { (p)-[:EVIDENCED_BY]->() } AS evidence,
              COLLECT { MATCH (p)-[:EVIDENCED_BY]->()-[:CITED_IN]->(s:Source) RETURN DISTINCT s.reliability } AS reliabilities`,
      { ids: ['russia-peace-settlement', superseded] },
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const best = ['HIGH', 'MEDIUM', 'LOW'].find((reliability) => (row.reliabilities as string[]).includes(reliability));
      const wanted = { type: 'POSITION', source: row.actor, target: row.topic, stance: row.stance, validFrom: row.validFrom, evidenceCount: row.evidence, reliability: best };
      for (const graph of [graphml, gexf]) {
        expect(graph.edges[String(row.id)]).toMatchObject(row.validTo === null ? wanted : { ...wanted, validTo: row.validTo });
      }
    }
    expect(graphml.edges[superseded]!.validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('names and texts survive escaping: quotes, apostrophes, accents, markup, line breaks; XML drops only what XML 1.0 forbids', async () => {
    const eve = id('eve');
    const inXml = awkward.description.replace(new RegExp(`[${xmlForbidden}]`, 'g'), '');
    for (const graph of [graphml, gexf]) {
      expect(graph.nodes[eve]).toMatchObject({ label: awkward.name, nodeType: 'Actor', kind: 'PERSON', aliases: 'Ève | E, d’A', description: inXml });
    }
    const seedNames = await cypher(owned.service.db, 'awkwardSeedNames', `MATCH (n:Event) WHERE n.name CONTAINS '"' OR n.name CONTAINS "'" RETURN n.id AS id, n.name AS name`);
    expect(seedNames.length).toBeGreaterThan(0);
    for (const row of seedNames) {
      expect(graphml.nodes[String(row.id)]!.label).toBe(row.name);
      expect(gexf.nodes[String(row.id)]!.label).toBe(row.name);
    }
    // JSON and CSV keep every character.
    const graph = MultiDirectedGraph.from(JSON.parse(files.graphology) as SerializedGraph);
    expect(graph.getNodeAttributes(eve)).toMatchObject({ label: awkward.name, aliases: ['Ève', 'E, d’A'], description: awkward.description });
    const csv = csvOf((await readInPython([{ kind: 'csv', body: files['csv-nodes'] }]))[0]);
    expect(csv.rows.find((row) => row.id === eve)).toMatchObject({ label: awkward.name, aliases: 'Ève | E, d’A', description: awkward.description });
  });

  it('edge ids are the API’s: positions, ActorRelation.id, Role.id, Participation.id', async () => {
    const { actor } = await owned.read(ActorEdgeIdsDocument, { id: 'steve-witkoff' });
    const apiIds = [
      ...actor!.positions.nodes.map((node) => node.id),
      ...actor!.relations.nodes.map((node) => node.id),
      ...actor!.roles.nodes.map((node) => node.id),
      ...actor!.events.nodes.flatMap((event) => event.participants.nodes.map((node) => node.id)),
    ];
    expect(actor!.roles.nodes.length * actor!.relations.nodes.length * actor!.events.nodes.length).toBeGreaterThan(0);
    for (const apiId of apiIds) expect(Object.keys(graphml.edges), apiId).toContain(apiId);
  });

  it('comes with its media type, a file name, no caching; CORS as /graphql', async () => {
    const expectations: Record<Format, [string, string]> = {
      graphml: ['application/xml', 'stancegraph.graphml'],
      gexf: ['application/xml', 'stancegraph.gexf'],
      graphology: ['application/json', 'stancegraph.graphology.json'],
      cytoscape: ['application/json', 'stancegraph.cytoscape.json'],
      'csv-nodes': ['text/csv', 'stancegraph-nodes.csv'],
      'csv-edges': ['text/csv', 'stancegraph-edges.csv'],
    };
    for (const [format, [mediaType, fileName]] of Object.entries(expectations)) {
      const response = await fetch(`${owned.service.url}/export?format=${format}&actorId=vladimir-putin&hops=0`, { method: 'HEAD', headers: { origin: 'http://localhost:5173' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(mediaType);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${fileName}"`);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    }
  });
});

describe('filters', () => {
  it('topicIds: those topics and the actors holding a position on one of them', async () => {
    const filter = { topicIds: ['peace-settlement', 'us-28-point-plan'] };
    const { expected, files } = await exportsOf(filter);
    expect(expected.positionIds.length).toBeGreaterThan(0);
    await expectAllReadersAgree(expected, files);
  });

  it('actorIds with hops: the actors and every node within that many steps', async () => {
    const filter = { actorIds: ['vladimir-putin'], hops: 2 };
    const { expected, files } = await exportsOf(filter, ['graphml', 'gexf', 'graphology', 'csv-edges']);
    expect(expected.nodeIds.length).toBeGreaterThan(10);
    await expectAllReadersAgree(expected, files);
  });

  it('from/to with minReliability: positions stated in the window on good enough sources; events overlapping it', async () => {
    const filter = { from: '2025-12-01', to: '2025-12-31', minReliability: 'MEDIUM' } as const;
    const { expected, files } = await exportsOf(filter, ['graphml', 'gexf', 'cytoscape']);
    const whole = await expectedGraph({});
    expect(expected.positionIds.length).toBeGreaterThan(0);
    expect(expected.positionIds.length).toBeLessThan(whole.positionIds.length);
    // The test's own position rests on a LOW source only.
    expect(expected.positionIds).not.toContain(superseded);
    await expectAllReadersAgree(expected, files);
  });

  it('filters combine with AND: every filter together', async () => {
    const filter = { topicIds: ['peace-settlement', 'ceasefire'], actorIds: ['vladimir-putin'], hops: 3, from: '2025-11-01', to: '2025-12-31', minReliability: 'HIGH' } as const;
    const { expected, files } = await exportsOf(filter, ['graphml', 'gexf']);
    await expectAllReadersAgree(expected, files);
  });

  it('a window in 1990: no positions and no events, the rest as it is', async () => {
    const { expected, files } = await exportsOf({ from: '1990-01-01', to: '1990-12-31' }, ['graphml', 'csv-edges']);
    expect(expected.positionIds).toEqual([]);
    const [graph] = await expectAllReadersAgree(expected, files);
    expect(Object.values(graph!.nodes).filter((node) => node.nodeType === 'Event')).toEqual([]);
  });

  it('a filter that matches nothing is a valid, empty file in every format', async () => {
    // A topic and an actor holding no position on it, 0 hops: no node is kept by both.
    const { expected, files } = await exportsOf({ topicIds: [id('issue')], actorIds: ['vladimir-putin'], hops: 0 });
    expect(expected).toEqual({ nodeIds: [], edgeCount: 0, positionIds: [] });
    const [graphml, gexf] = await expectAllReadersAgree(expected, files);
    expect([graphml!.nodeCount, graphml!.edgeCount, gexf!.nodeCount, gexf!.edgeCount]).toEqual([0, 0, 0, 0]);
    expect(files['csv-nodes'].trim().split('\n')).toHaveLength(1);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, number, string, string]> = [
    ['an unknown format', 'format=pdf', 400, 'BAD_USER_INPUT', 'format'],
    ['no format', 'topicId=peace-settlement', 400, 'BAD_USER_INPUT', 'format'],
    ['hops past 3', 'format=graphml&actorId=vladimir-putin&hops=9', 400, 'BAD_USER_INPUT', 'hops'],
    ['hops that is not a number', 'format=graphml&actorId=vladimir-putin&hops=two', 400, 'BAD_USER_INPUT', 'hops'],
    ['hops without actorId', 'format=graphml&hops=1', 400, 'BAD_USER_INPUT', 'hops'],
    ['a day that does not exist', 'format=gexf&from=2025-02-30', 400, 'BAD_USER_INPUT', 'from'],
    ['to before from', 'format=gexf&from=2025-12-01&to=2025-01-01', 400, 'BAD_USER_INPUT', 'to'],
    ['an unknown reliability', 'format=gexf&minReliability=BEST', 400, 'BAD_USER_INPUT', 'minReliability'],
    ['a format given twice', 'format=gexf&format=graphml', 400, 'BAD_USER_INPUT', 'format'],
    ['an unknown parameter', 'format=gexf&topic=peace-settlement', 400, 'BAD_USER_INPUT', 'topic'],
    ['an unknown actor', 'format=graphml&actorId=nobody-at-all', 404, 'NOT_FOUND', 'actorId'],
    ['an actor given as a topic', 'format=graphml&topicId=vladimir-putin', 404, 'NOT_FOUND', 'topicId'],
  ];

  it.each(cases)('%s: %s is refused before anything is streamed', async (_name, query, status, code, argument) => {
    const response = await download(query);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(response.body)).toMatchObject({ errors: [{ message: expect.stringContaining(argument), extensions: { code, argument } }] });
  });

  it('other methods are 405', async () => {
    const response = await fetch(`${owned.service.url}/export?format=graphml`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a token is not needed, and one that is not valid is treated as /graphql treats it on a read (answered)', async () => {
    const headers = { authorization: 'Bearer not-a-real-token-at-all' };
    const graphql = await owned.service.gql<{ actor: { id: string } }>('{ actor(id: "nato") { id } }', {}, headers);
    expect(graphql.data?.actor.id).toBe('nato');
    const exported = await download('format=csv-nodes&actorId=nato&hops=0', owned.service.url, headers);
    expect(exported.status).toBe(200);
  });
});

describe('Query.export', () => {
  it('gives the URL of the same file, for a filter', async () => {
    const filter: ExportFilter = { topicIds: ['peace-settlement'], actorIds: ['vladimir-putin'], hops: 2, from: '2025-01-01', minReliability: 'LOW' };
    const data = await owned.read(ExportLinkDocument, { format: 'GEXF', filter });
    expect(data.export).toEqual({
      url: '/export?format=gexf&topicId=peace-settlement&actorId=vladimir-putin&hops=2&from=2025-01-01&minReliability=LOW',
      format: 'GEXF',
      mediaType: 'application/xml; charset=utf-8',
      fileName: 'stancegraph.gexf',
    });
    const direct = queryOf('gexf', { topicIds: ['peace-settlement'], actorIds: ['vladimir-putin'], hops: 2, from: '2025-01-01', minReliability: 'LOW' });
    // Other files may write between two downloads: the same file is expected within a few tries.
    let same = false;
    for (let attempt = 0; attempt < 5 && !same; attempt++) {
      const linked = await (await fetch(new URL(data.export.url, `${owned.service.url}/graphql`))).text();
      const expected = await download(direct);
      same = linked === expected.body && linked.includes('<gexf');
    }
    expect(same).toBe(true);
  });

  it('refuses what GET /export refuses, naming the argument', async () => {
    const hops = await run(owned.service, ExportLinkDocument, { format: 'GRAPHML', filter: { actorIds: ['vladimir-putin'], hops: 9 } });
    expect(hops.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.hops' } });
    const unknown = await run(owned.service, ExportLinkDocument, { format: 'GRAPHML', filter: { topicIds: ['no-such-topic'] } });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', argument: 'filter.topicIds' } });
    const window = await run(owned.service, ExportLinkDocument, { format: 'CSV_EDGES', filter: { from: '2025-12-01', to: '2025-11-01' } });
    expect(window.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.to' } });
  });
});

describe('limits', () => {
  it('one export more than EXPORT_MAX_CONCURRENT is answered 503 with Retry-After, and the slot is given back', async () => {
    // One Neo4j connection, held by this test: the first export to arrive waits for it holding the only slot, so the
    // other is refused whatever the timing; once the connection is free, the waiting export completes.
    const limited = await startTestService(testConfig({ EXPORT_MAX_CONCURRENT: '1', NEO4J_MAX_POOL_SIZE: '1' }));
    try {
      const [refused, waiting] = await cypherSnapshot(limited.db, 'holdTheConnection', async (read) => {
        await read('hold', 'RETURN 1 AS held');
        const both = [download('format=csv-nodes', limited.url), download('format=csv-nodes', limited.url)];
        const first = await Promise.race(both.map((pending, index) => pending.then((response) => ({ response, index }))));
        return [first.response, both[1 - first.index]!] as const;
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('10');
      expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      const completed = await waiting;
      expect(completed.status).toBe(200);
      expect(completed.body.startsWith('id,label,nodeType')).toBe(true);
      expect((await download('format=csv-edges', limited.url)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
