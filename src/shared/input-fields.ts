/**
 * Field validators (zod) for the mutation inputs and the seed files, so that both accept exactly the same values, and
 * parseInput, which turns the first failure into BAD_USER_INPUT naming the field (`input.aliases[2]`).
 */
import { z } from 'zod';
import { badUserInput } from '../errors.js';

/** Ids are lowercase kebab-case slugs: `vladimir-putin`, `ukraine-nato-membership`. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug (a-z, 0-9 and single hyphens)')
  .max(120);

/** A lone surrogate cannot be stored: Neo4j would replace it with U+FFFD, so what is kept would differ from what was sent. */
function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Names are stored in Unicode NFC, so "Zelenskyy" typed in NFD and NFC is one spelling. */
export const name = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), 'must not contain control characters')
    .refine(isWellFormed, 'must be well-formed Unicode (no lone surrogates)')
    .transform((value) => value.normalize('NFC').trim());

export const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => !/\u0000/.test(value), 'must not contain NUL characters')
    .refine(isWellFormed, 'must be well-formed Unicode (no lone surrogates)');

/** Absent and null both read as null. */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
export const ids = (max: number) => z.array(slug).max(max, `must hold at most ${max} ids`);
/** The Date scalar has checked the format. */
export const date = z.string();

/** Parses a mutation input (the argument `root`) or throws BAD_USER_INPUT naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root = 'input'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = [root, ...issue.path].reduce<string>(
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
