/**
 * The export's file formats: each a writer that turns the nodes, then the edges, into text as they stream past, never
 * holding the graph. XML is written by hand (an XML builder measured ~1k edges/s; graphology's GEXF and GraphML
 * writers need the whole graph in memory); CSV rows go through csv-stringify, a batch at a time.
 *
 * A writer is made per export: `start()`, then `node()` for every node, `edge()` for every edge (all nodes come before
 * any edge), then `end()`. Each returns the text to send next, possibly empty.
 */
import { stringify } from 'csv-stringify/sync';
import type { ExportFormat } from '../vocabulary.js';
import { edgeAttributes, LIST_SEPARATOR, nodeAttributes, type Attribute, type ExportEdge, type ExportNode } from './model.js';

export interface GraphWriter {
  start(): string;
  node(node: ExportNode): string;
  edge(edge: ExportEdge): string;
  end(): string;
}

export interface FormatInfo {
  mediaType: string;
  fileName: string;
  /** Which of the graph the file holds (a CSV list holds one of the two: the other is not read). */
  holds: { nodes: boolean; edges: boolean };
  writer(): GraphWriter;
}

const xmlType = 'application/xml; charset=utf-8';
const jsonType = 'application/json; charset=utf-8';
const csvType = 'text/csv; charset=utf-8; header=present';
const both = { nodes: true, edges: true };

export const formats: Record<ExportFormat, FormatInfo> = {
  GRAPHML: { mediaType: xmlType, fileName: 'stancegraph.graphml', holds: both, writer: () => new GraphmlWriter() },
  GEXF: { mediaType: xmlType, fileName: 'stancegraph.gexf', holds: both, writer: () => new GexfWriter() },
  GRAPHOLOGY: { mediaType: jsonType, fileName: 'stancegraph.graphology.json', holds: both, writer: () => new GraphologyWriter() },
  CYTOSCAPE: { mediaType: jsonType, fileName: 'stancegraph.cytoscape.json', holds: both, writer: () => new CytoscapeWriter() },
  CSV_NODES: { mediaType: csvType, fileName: 'stancegraph-nodes.csv', holds: { nodes: true, edges: false }, writer: () => new CsvNodesWriter() },
  CSV_EDGES: { mediaType: csvType, fileName: 'stancegraph-edges.csv', holds: { nodes: false, edges: true }, writer: () => new CsvEdgesWriter() },
};

// ---------------------------------------------------------------------------------------------------------------
// Values

type Value = string | number | readonly string[] | null;

/** A value as one string for XML and CSV: lists joined, numbers as digits; null for nothing to write. */
function text(value: Value): string | null {
  if (value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? null : value;
  return value.length === 0 ? null : value.join(LIST_SEPARATOR);
}

/** Characters XML 1.0 does not allow anywhere (controls but tab and line ends, lone surrogates, U+FFFE/U+FFFF). */
const forbiddenInXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const needsEscape = /[&<>"'\t\n\r]/;
const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // As references, so a parser's attribute-value normalization does not turn them into spaces.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text safe in XML content and in attribute values (either quote): escaped, and stripped of what XML forbids. */
export function xmlEscape(value: string): string {
  const allowed = value.replace(forbiddenInXml, '');
  return needsEscape.test(allowed) ? allowed.replace(/[&<>"'\t\n\r]/g, (char) => escapes[char]!) : allowed;
}

/** The attributes with a value, for the JSON formats: lists stay lists, nothing null or empty is written. */
function jsonAttributes<R>(record: R, attributes: ReadonlyArray<Attribute<string & keyof R>>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const { name } of attributes) {
    const value = record[name] as Value;
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[name] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// GraphML

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
const graphmlType: Record<Attribute<string>['type'], string> = { string: 'string', int: 'int' };

/** GraphML keys: n<i> for node attributes, e<i> for edge attributes, declared with their types. */
class GraphmlWriter implements GraphWriter {
  start(): string {
    const keys = [
      ...nodeAttributes.map((attribute, index) => `  <key id="n${index}" for="node" attr.name="${attribute.name}" attr.type="${graphmlType[attribute.type]}"/>\n`),
      ...edgeAttributes.map((attribute, index) => `  <key id="e${index}" for="edge" attr.name="${attribute.name}" attr.type="${graphmlType[attribute.type]}"/>\n`),
    ];
    return (
      xmlDeclaration +
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
      keys.join('') +
      '  <graph id="stancegraph" edgedefault="directed">\n'
    );
  }

  node(node: ExportNode): string {
    let out = `    <node id="${xmlEscape(node.id)}">`;
    nodeAttributes.forEach(({ name }, index) => {
      const value = text(node[name]);
      if (value !== null) out += `<data key="n${index}">${xmlEscape(value)}</data>`;
    });
    return `${out}</node>\n`;
  }

  edge(edge: ExportEdge): string {
    let out = `    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">`;
    edgeAttributes.forEach(({ name }, index) => {
      const value = text(edge[name]);
      if (value !== null) out += `<data key="e${index}">${xmlEscape(value)}</data>`;
    });
    return `${out}</edge>\n`;
  }

  end(): string {
    return '  </graph>\n</graphml>\n';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// GEXF 1.2 (read by networkx, Gephi, graphology-gexf and sigma alike)

const gexfType: Record<Attribute<string>['type'], string> = { string: 'string', int: 'integer' };
/** The node's name is GEXF's own `label`; every other node attribute is declared. */
const gexfNodeAttributes = nodeAttributes.filter((attribute) => attribute.name !== 'label');

class GexfWriter implements GraphWriter {
  private section: 'start' | 'nodes' | 'edges' = 'start';

  start(): string {
    const declare = (attributes: ReadonlyArray<Attribute<string>>, prefix: string) =>
      attributes.map((attribute, index) => `      <attribute id="${prefix}${index}" title="${attribute.name}" type="${gexfType[attribute.type]}"/>\n`).join('');
    return (
      xmlDeclaration +
      '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n' +
      '  <meta><creator>stancegraph</creator><description>Actors, issues, proposals and events; positions and relations as edges</description></meta>\n' +
      '  <graph mode="static" defaultedgetype="directed">\n' +
      `    <attributes class="node">\n${declare(gexfNodeAttributes, 'n')}    </attributes>\n` +
      `    <attributes class="edge">\n${declare(edgeAttributes, 'e')}    </attributes>\n`
    );
  }

  node(node: ExportNode): string {
    let out = '';
    if (this.section === 'start') {
      out = '    <nodes>\n';
      this.section = 'nodes';
    }
    out += `      <node id="${xmlEscape(node.id)}" label="${xmlEscape(node.label)}"><attvalues>`;
    gexfNodeAttributes.forEach(({ name }, index) => {
      const value = text(node[name]);
      if (value !== null) out += `<attvalue for="n${index}" value="${xmlEscape(value)}"/>`;
    });
    return `${out}</attvalues></node>\n`;
  }

  edge(edge: ExportEdge): string {
    const out = this.enterEdges();
    let element = `      <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}" label="${xmlEscape(edge.type)}"><attvalues>`;
    edgeAttributes.forEach(({ name }, index) => {
      const value = text(edge[name]);
      if (value !== null) element += `<attvalue for="e${index}" value="${xmlEscape(value)}"/>`;
    });
    return `${out}${element}</attvalues></edge>\n`;
  }

  end(): string {
    return `${this.enterEdges()}    </edges>\n  </graph>\n</gexf>\n`;
  }

  /** Closes the nodes (opening them first when there were none) and opens the edges, once. */
  private enterEdges(): string {
    if (this.section === 'edges') return '';
    const out = this.section === 'start' ? '    <nodes>\n    </nodes>\n    <edges>\n' : '    </nodes>\n    <edges>\n';
    this.section = 'edges';
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON: graphology's serialized graph and Cytoscape.js elements

/** JSON arrays of nodes, then edges, written item by item: `head`, the nodes, `middle`, the edges, `tail`. */
abstract class JsonListsWriter implements GraphWriter {
  private section: 'start' | 'nodes' | 'edges' = 'start';
  private first = true;
  protected abstract readonly head: string;
  protected abstract readonly middle: string;
  protected abstract readonly tail: string;
  protected abstract nodeItem(node: ExportNode): unknown;
  protected abstract edgeItem(edge: ExportEdge): unknown;

  start(): string {
    this.section = 'nodes';
    return this.head;
  }

  node(node: ExportNode): string {
    return this.item(JSON.stringify(this.nodeItem(node)));
  }

  edge(edge: ExportEdge): string {
    return this.enterEdges() + this.item(JSON.stringify(this.edgeItem(edge)));
  }

  end(): string {
    return `${this.enterEdges()}\n${this.tail}`;
  }

  private item(json: string): string {
    const separator = this.first ? '\n' : ',\n';
    this.first = false;
    return separator + json;
  }

  private enterEdges(): string {
    if (this.section === 'edges') return '';
    this.section = 'edges';
    this.first = true;
    return `\n${this.middle}`;
  }
}

class GraphologyWriter extends JsonListsWriter {
  protected readonly head = '{"attributes":{"name":"stancegraph"},"options":{"type":"directed","multi":true,"allowSelfLoops":true},"nodes":[';
  protected readonly middle = '],"edges":[';
  protected readonly tail = ']}\n';
  protected nodeItem(node: ExportNode) {
    return { key: node.id, attributes: jsonAttributes(node, nodeAttributes) };
  }
  protected edgeItem(edge: ExportEdge) {
    return { key: edge.id, source: edge.source, target: edge.target, attributes: jsonAttributes(edge, edgeAttributes) };
  }
}

class CytoscapeWriter extends JsonListsWriter {
  protected readonly head = '{"data":{"name":"stancegraph"},"elements":{"nodes":[';
  protected readonly middle = '],"edges":[';
  protected readonly tail = ']}}\n';
  protected nodeItem(node: ExportNode) {
    return { data: { id: node.id, ...jsonAttributes(node, nodeAttributes) } };
  }
  protected edgeItem(edge: ExportEdge) {
    return { data: { id: edge.id, source: edge.source, target: edge.target, ...jsonAttributes(edge, edgeAttributes) } };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/** Rows collected and stringified this many at a time (csv-stringify per row costs more than the row). */
const CSV_BATCH = 500;

abstract class CsvWriter<R> implements GraphWriter {
  private rows: string[][] = [];
  protected abstract readonly columns: string[];
  protected abstract row(record: R): string[];

  start(): string {
    return stringify([this.columns]);
  }

  node(_node: ExportNode): string {
    return '';
  }

  edge(_edge: ExportEdge): string {
    return '';
  }

  end(): string {
    return this.flush();
  }

  protected add(record: R): string {
    this.rows.push(this.row(record));
    return this.rows.length >= CSV_BATCH ? this.flush() : '';
  }

  private flush(): string {
    if (this.rows.length === 0) return '';
    const out = stringify(this.rows);
    this.rows = [];
    return out;
  }
}

const cell = (value: Value): string => text(value) ?? '';

class CsvNodesWriter extends CsvWriter<ExportNode> {
  protected readonly columns = ['id', ...nodeAttributes.map((attribute) => attribute.name)];
  protected row(node: ExportNode): string[] {
    return [node.id, ...nodeAttributes.map(({ name }) => cell(node[name]))];
  }
  override node(node: ExportNode): string {
    return this.add(node);
  }
}

class CsvEdgesWriter extends CsvWriter<ExportEdge> {
  protected readonly columns = ['id', 'source', 'target', ...edgeAttributes.map((attribute) => attribute.name)];
  protected row(edge: ExportEdge): string[] {
    return [edge.id, edge.source, edge.target, ...edgeAttributes.map(({ name }) => cell(edge[name]))];
  }
  override edge(edge: ExportEdge): string {
    return this.add(edge);
  }
}
