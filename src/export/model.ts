/**
 * The export's records: one node or edge of the exported graph as its query returns it (parsed by these schemas at the
 * repository boundary), and the attributes each format writes, declared once with their types.
 */
import { z } from 'zod';
import { optionalText, textList } from '../shared/rows.js';

export const exportNodeTypes = ['Actor', 'Issue', 'Proposal', 'Event'] as const;
export type ExportNodeType = (typeof exportNodeTypes)[number];

/** A node's columns; `nodeType` is added from the query that read it. */
export const exportNodeRow = z.object({
  id: z.string(),
  label: z.string(),
  kind: optionalText,
  aliases: textList,
  description: optionalText,
  date: optionalText,
  endDate: optionalText,
  dateSource: optionalText,
  place: optionalText,
});
export type ExportNode = z.output<typeof exportNodeRow> & { nodeType: ExportNodeType };

/** An edge's columns: every kind returns all of them, null where the kind has no such attribute. */
export const exportEdgeRow = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  type: z.string(),
  stance: optionalText,
  summary: optionalText,
  condition: optionalText,
  validFrom: optionalText,
  validTo: optionalText,
  evidenceCount: z.number().int().nonnegative().nullable(),
  reliability: optionalText,
  title: optionalText,
  role: optionalText,
});
export type ExportEdge = z.output<typeof exportEdgeRow>;

export type AttributeType = 'string' | 'int';

export interface Attribute<K extends string> {
  name: K;
  type: AttributeType;
}

/** The node attributes every format writes (besides the id), in this order. */
export const nodeAttributes: ReadonlyArray<Attribute<Exclude<keyof ExportNode, 'id'>>> = [
  { name: 'label', type: 'string' },
  { name: 'nodeType', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'aliases', type: 'string' },
  { name: 'description', type: 'string' },
  { name: 'date', type: 'string' },
  { name: 'endDate', type: 'string' },
  { name: 'dateSource', type: 'string' },
  { name: 'place', type: 'string' },
];

/** The edge attributes every format writes (besides id, source and target), in this order. */
export const edgeAttributes: ReadonlyArray<Attribute<Exclude<keyof ExportEdge, 'id' | 'source' | 'target'>>> = [
  { name: 'type', type: 'string' },
  { name: 'stance', type: 'string' },
  { name: 'summary', type: 'string' },
  { name: 'condition', type: 'string' },
  { name: 'validFrom', type: 'string' },
  { name: 'validTo', type: 'string' },
  { name: 'evidenceCount', type: 'int' },
  { name: 'reliability', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'role', type: 'string' },
];

/** How a list is written where a value must be one string (XML, CSV). */
export const LIST_SEPARATOR = ' | ';
