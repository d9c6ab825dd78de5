/**
 * What an export asks for, checked once for both doors: GET /export's query string and Query.export's arguments are
 * put in one shape and parsed by one zod schema, so both refuse the same values with the same messages (BAD_USER_INPUT
 * naming the argument as that door names it), and both refuse unknown ids with node/require.ts's NOT_FOUND.
 */
import type DataLoader from 'dataloader';
import { z } from 'zod';
import { badUserInput } from '../errors.js';
import type { NodeRef } from '../node/repository.js';
import { requireNodes } from '../node/require.js';
import { MAX_IDS } from '../shared/validate.js';
import { exportFormats, reliabilities, type ExportFormat, type Reliability } from '../vocabulary.js';

export const EXPORT_PATH = '/export';
export const MAX_HOPS = 3;
export const DEFAULT_HOPS = 1;

/** A format as the query string names it: GRAPHML -> graphml, CSV_NODES -> csv-nodes. */
export const formatParam = (format: ExportFormat): string => format.toLowerCase().replace(/_/g, '-');
const formatParams = exportFormats.map(formatParam);
const formatByParam = new Map(exportFormats.map((format) => [formatParam(format), format]));

/** The part of the graph an export holds (see schema/export.graphql): null for a filter not given. */
export interface ExportFilter {
  topicIds: string[] | null;
  actorIds: string[] | null;
  /** Steps from actorIds (meaningful only with them). */
  hops: number;
  from: string | null;
  to: string | null;
  minReliability: Reliability | null;
}

export interface ExportRequest {
  format: ExportFormat;
  filter: ExportFilter;
}

/** The parameters, as GET /export names them; Query.export's names for each. */
const argumentNames = {
  format: { http: 'format', graphql: 'format' },
  topicId: { http: 'topicId', graphql: 'filter.topicIds' },
  actorId: { http: 'actorId', graphql: 'filter.actorIds' },
  hops: { http: 'hops', graphql: 'filter.hops' },
  from: { http: 'from', graphql: 'filter.from' },
  to: { http: 'to', graphql: 'filter.to' },
  minReliability: { http: 'minReliability', graphql: 'filter.minReliability' },
} as const;
type Parameter = keyof typeof argumentNames;
export type Door = 'http' | 'graphql';

const isParameter = (name: PropertyKey | undefined): name is Parameter => typeof name === 'string' && Object.hasOwn(argumentNames, name);

/** A parameter given at most once (the query string may repeat any). */
const once = (what: string) =>
  z.string({ error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : issue.input === undefined ? `is required: ${what}` : `must be ${what}`) });

const idList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value),
  z
    .array(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), { message: 'must be a list of ids' })
    .max(MAX_IDS, `must hold at most ${MAX_IDS} ids`)
    .transform((ids) => [...new Set(ids)]),
);

const hopsText = `an integer from 0 to ${MAX_HOPS}`;
const hops = z.preprocess(
  (value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value),
  z
    .number({ error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : `must be ${hopsText}`) })
    .int(`must be ${hopsText}`)
    .min(0, `must be ${hopsText}`)
    .max(MAX_HOPS, `must be ${hopsText}`),
);

const calendarDay = once('a date YYYY-MM-DD').pipe(z.iso.date({ message: 'must be a real calendar day YYYY-MM-DD' }));

const formatsText = formatParams.join(', ');

const exportParameters = z
  .strictObject(
    {
      format: once(`one of ${formatsText}`)
        .transform((value) => value.toLowerCase())
        .pipe(z.enum(formatParams, { message: `must be one of ${formatsText}` })),
      topicId: idList.optional(),
      actorId: idList.optional(),
      hops: hops.optional(),
      from: calendarDay.optional(),
      to: calendarDay.optional(),
      minReliability: once(reliabilities.join(', '))
        .transform((value) => value.toUpperCase())
        .pipe(z.enum(reliabilities, { message: `must be one of ${reliabilities.join(', ')}` }))
        .optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a parameter of ${EXPORT_PATH} (they are ${Object.keys(argumentNames).join(', ')})` : undefined) },
  )
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${value.from})` });
    if (value.hops !== undefined && value.actorId === undefined) ctx.addIssue({ code: 'custom', path: ['hops'], message: 'counts steps from actorId: give actorId too' });
  });

/** Input in the query string's shape: a value per parameter, a list where one was repeated. */
export type RawParameters = Record<string, string | string[] | number | null | undefined>;

/** Parses the parameters or throws BAD_USER_INPUT naming the first bad one as `door` names it. */
export function parseExportRequest(raw: RawParameters, door: Door): ExportRequest {
  // Absent, null and (in a query string) empty count as not given.
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const parsed = exportParameters.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const name = unknown ?? issue.path[0];
    throw badUserInput(isParameter(name) ? argumentNames[name][door] : String(name ?? 'format'), issue.message);
  }
  const value = parsed.data;
  return {
    format: formatByParam.get(value.format)!,
    filter: {
      topicIds: value.topicId && value.topicId.length > 0 ? value.topicId : null,
      actorIds: value.actorId && value.actorId.length > 0 ? value.actorId : null,
      hops: value.hops ?? DEFAULT_HOPS,
      from: value.from ?? null,
      to: value.to ?? null,
      minReliability: value.minReliability ?? null,
    },
  };
}

/** A query string's parameters in the parser's shape. */
export function queryParameters(search: URLSearchParams): RawParameters {
  const raw: Record<string, string | string[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name).filter((value) => value !== '');
    if (values.length > 0) raw[name] = values.length === 1 ? values[0]! : values;
  }
  return raw;
}

/** Every id in the filter must name a node of its kind: NOT_FOUND naming the argument otherwise. */
export async function requireExportIds(loaders: { nodeRefById: DataLoader<string, NodeRef | null> }, filter: ExportFilter, door: Door): Promise<void> {
  await Promise.all([
    filter.topicIds && requireNodes(loaders, argumentNames.topicId[door], filter.topicIds, ['Issue', 'Proposal']),
    filter.actorIds && requireNodes(loaders, argumentNames.actorId[door], filter.actorIds, ['Actor']),
  ]);
}

/** The path and query string GET /export answers a request at (Query.export's url). */
export function exportUrl({ format, filter }: ExportRequest): string {
  const search = new URLSearchParams({ format: formatParam(format) });
  for (const id of filter.topicIds ?? []) search.append('topicId', id);
  for (const id of filter.actorIds ?? []) search.append('actorId', id);
  if (filter.actorIds) search.set('hops', String(filter.hops));
  if (filter.from) search.set('from', filter.from);
  if (filter.to) search.set('to', filter.to);
  if (filter.minReliability) search.set('minReliability', filter.minReliability);
  return `${EXPORT_PATH}?${search.toString()}`;
}
