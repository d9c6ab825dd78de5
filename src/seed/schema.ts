/** The seed files' format (see seeds/README.md), checked field by field before anything is written. */
import { z } from 'zod';
import { actorKinds, actorRelationTypes, dateSources, eventKinds, reliabilities, stances, statementKinds } from '../vocabulary.js';
import { slug } from '../shared/input-fields.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real date');

/** YAML turns unquoted 2025-12-02 into a Date; accept it and keep the ISO day. */
const date = z.preprocess((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value), isoDate);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => text(max).nullish();

export const sourceSchema = z.strictObject({
  id: slug,
  file: z.string().regex(/^[\w.-]+\.txt$/, 'must be a .txt file name in seeds/articles/'),
  title: text(500),
  outlet: optionalText(200),
  publishedOn: date.nullish(),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullish(),
  reliability: z.enum(reliabilities),
  reliabilityNote: optionalText(2000),
});

export const actorSchema = z.strictObject({
  id: slug,
  name: text(200),
  kind: z.enum(actorKinds),
  aliases: z.array(text(200)).max(50).default([]),
  description: optionalText(2000),
  roles: z.array(z.strictObject({ title: text(200), of: slug })).max(50).default([]),
});

export const issueSchema = z.strictObject({
  id: slug,
  name: text(300),
  description: optionalText(2000),
  parent: slug.nullish(),
});

export const proposalSchema = z.strictObject({
  id: slug,
  name: text(300),
  description: optionalText(4000),
  date: date.nullish(),
  dateSource: z.enum(dateSources).nullish(),
  authors: z.array(slug).max(50).default([]),
  revises: z.array(slug).max(50).default([]),
  addresses: z.array(slug).max(100).default([]),
});

export const eventSchema = z.strictObject({
  id: slug,
  name: text(300),
  kind: z.enum(eventKinds).nullish(),
  date: date.nullish(),
  dateSource: z.enum(dateSources).nullish(),
  endDate: date.nullish(),
  place: optionalText(300),
  description: optionalText(4000),
  participants: z.array(z.strictObject({ actor: slug, role: optionalText(200) })).max(200).default([]),
  evidence: z.array(slug).max(100).default([]),
});

export const citationSchema = z.strictObject({
  source: slug,
  match: text(5000).nullish(),
  occurrence: z.number().int().min(1).max(100).nullish(),
});

export const statementSchema = z.strictObject({
  id: slug,
  text: text(5000),
  kind: z.enum(statementKinds),
  speaker: slug.nullish(),
  speakerNote: optionalText(300),
  saidOn: date.nullish(),
  dateSource: z.enum(dateSources).nullish(),
  citations: z.array(citationSchema).min(1, 'a statement needs at least one citation').max(20),
});

export const positionSchema = z
  .strictObject({
    id: slug,
    actor: slug,
    topic: slug,
    stance: z.enum(stances),
    summary: text(500),
    condition: optionalText(1000),
    validTo: date.nullish(),
    evidence: z.array(slug).min(1, 'a position needs at least one evidence statement').max(100),
  })
  .refine((position) => position.stance !== 'CONDITIONAL' || Boolean(position.condition), {
    message: 'a CONDITIONAL position needs a condition',
    path: ['condition'],
  });

export const relationSchema = z.strictObject({
  from: slug,
  type: z.enum(actorRelationTypes),
  to: slug,
  evidence: z.array(slug).max(50).default([]),
});

export const seedFileSchema = z.strictObject({
  sources: z.array(sourceSchema).optional(),
  actors: z.array(actorSchema).optional(),
  issues: z.array(issueSchema).optional(),
  proposals: z.array(proposalSchema).optional(),
  events: z.array(eventSchema).optional(),
  statements: z.array(statementSchema).optional(),
  positions: z.array(positionSchema).optional(),
  relations: z.array(relationSchema).optional(),
});

export type SeedFile = z.infer<typeof seedFileSchema>;
export type SeedSource = z.infer<typeof sourceSchema>;
export type SeedActor = z.infer<typeof actorSchema>;
export type SeedIssue = z.infer<typeof issueSchema>;
export type SeedProposal = z.infer<typeof proposalSchema>;
export type SeedEvent = z.infer<typeof eventSchema>;
export type SeedStatement = z.infer<typeof statementSchema>;
export type SeedPosition = z.infer<typeof positionSchema>;
export type SeedRelation = z.infer<typeof relationSchema>;
