/** Mutation inputs checked at the edge (zod): every failure names the field, e.g. `input.aliases[2]`. */
import { z } from 'zod';
import { badUserInput } from '../errors.js';
import { slug } from '../shared/input-fields.js';
import { actorKinds, actorRelationTypes, dateSources, reliabilities, stances, statementKinds } from '../vocabulary.js';

/** A lone surrogate cannot be stored: Neo4j would replace it with U+FFFD, so what is kept would differ from what was sent. */
function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Names are stored in Unicode NFC, so "Zelenskyy" typed in NFD and NFC is one spelling. */
const name = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), 'must not contain control characters')
    .refine(isWellFormed, 'must be well-formed Unicode (no lone surrogates)')
    .transform((value) => value.normalize('NFC').trim());
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => !/\u0000/.test(value), 'must not contain NUL characters')
    .refine(isWellFormed, 'must be well-formed Unicode (no lone surrogates)');
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
const ids = (max: number) => z.array(slug).max(max, `must hold at most ${max} ids`);
const date = z.string(); // the Date scalar has checked the format

export const upsertActorInput = z.strictObject({
  id: optional(slug),
  name: name(200),
  kind: z.enum(actorKinds),
  aliases: optional(z.array(name(200)).max(50, 'must hold at most 50 aliases')),
  description: optional(text(2000)),
});

export const mergeActorsInput = z
  .strictObject({ keepId: slug, mergeIds: ids(20).min(1, 'must hold at least one id') })
  .refine((input) => !input.mergeIds.includes(input.keepId), { message: 'must not contain keepId', path: ['mergeIds'] });

export const upsertIssueInput = z.strictObject({
  id: optional(slug),
  name: name(300),
  description: optional(text(2000)),
  parentId: optional(slug),
});

export const addSourceInput = z.strictObject({
  id: optional(slug),
  title: name(500),
  outlet: optional(name(200)),
  publishedOn: optional(date),
  url: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000)),
  text: text(500_000),
  reliability: z.enum(reliabilities),
  reliabilityNote: optional(text(2000)),
});

export const recordStatementInput = z
  .strictObject({
    id: optional(slug),
    text: text(5000),
    kind: z.enum(statementKinds),
    speakerId: optional(slug),
    speakerNote: optional(name(300)),
    saidOn: optional(date),
    dateSource: optional(z.enum(dateSources)),
    sourceIds: optional(ids(20)),
    citations: optional(
      z
        .array(
          z.strictObject({
            sourceId: slug,
            match: optional(text(5000)),
            occurrence: optional(z.number().int().min(1).max(1000)),
          }),
        )
        .max(20),
    ),
  })
  .refine((input) => (input.sourceIds?.length ?? 0) + (input.citations?.length ?? 0) > 0, {
    message: 'a statement needs at least one source (sourceIds or citations)',
    path: ['sourceIds'],
  });

export const setPositionInput = z
  .strictObject({
    id: optional(slug),
    actorId: slug,
    topicId: slug,
    stance: z.enum(stances),
    summary: text(500),
    condition: optional(text(1000)),
    evidence: ids(100).min(1, 'a position needs at least one evidence statement'),
  })
  .refine((input) => input.stance !== 'CONDITIONAL' || input.condition !== null, {
    message: 'a CONDITIONAL position needs a condition',
    path: ['condition'],
  });

export const retractPositionInput = z.strictObject({ id: slug, validTo: optional(date) });

export const relateActorsInput = z
  .strictObject({ fromId: slug, type: z.enum(actorRelationTypes), toId: slug, evidence: optional(ids(50)) })
  .refine((input) => input.fromId !== input.toId, { message: 'an actor cannot relate to itself', path: ['toId'] });

export const recordEventInput = z
  .strictObject({
    id: optional(slug),
    name: name(300),
    kind: optional(name(60)),
    date: optional(date),
    dateSource: optional(z.enum(dateSources)),
    endDate: optional(date),
    place: optional(name(300)),
    description: optional(text(4000)),
    participants: optional(z.array(z.strictObject({ actorId: slug, role: optional(name(200)) })).max(200)),
    evidence: optional(ids(100)),
  })
  .refine((input) => !input.date || !input.endDate || input.endDate >= input.date, { message: 'must not be before date', path: ['endDate'] });

/** Parses a mutation input or throws BAD_USER_INPUT naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = ['input', ...issue.path].reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
  throw badUserInput(path, issue.message);
}

/** A readable, stable slug for a new node, from its name: "Jared Kushner" -> "jared-kushner". */
export function slugify(value: string, fallbackPrefix: string): string {
  const base = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  if (base.length > 0) return base;
  // Names with no Latin letters or digits get a stable id from their content.
  let hash = 0;
  for (const char of value) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) >>> 0;
  return `${fallbackPrefix}-${hash.toString(16)}`;
}
