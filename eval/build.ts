/**
 * Builds the evaluation sets (eval/dev, eval/heldout, eval/heldout2, eval/heldout3) from their annotated sources (eval/src/<set>/), so that no offset
 * is ever computed by hand:
 *
 * - `<name>.ann`: a text of our own with inline markup. `{{q:SPEC|words}}` is a quote span (the quotation marks stay
 *   outside the markup, in the text); `{{a:SPEC|words}}` is a mention of an actor (one mention per actor is enough;
 *   it may sit inside a quote). SPEC is a seed actor's id (`vladimir-putin`), `=Full Name` for a named actor who is
 *   not in the seed, `~description` for an unnamed speaker (quotes only), or `-` for no speaker at all (quotes only).
 * - `<name>.yaml`: a seed article, whose text must stay byte-identical: `article` (its path), `quotes` (`text`, `speaker`
 *   as SPEC above, `occurrence` (1-based) when the words stand between quotation marks more than once) and `actors`
 *   (`actor` as SPEC, `mention`: words of the text that name it). Every string is searched for and must be found.
 *
 * Every quote is verified: exactly `text.slice(start, end)`, an opening quotation mark just before it, and just after
 * it a closing mark (after an optional comma the attribution replaces, which the span leaves out) or the end of the
 * paragraph (a quotation running on into the next one). Quotes may not overlap; every speaker who is named is also
 * among the actors; a name given as not in the seed may not be a seed actor's name or alias.
 *
 * `npx tsx eval/build.ts` writes the files; `npx tsx eval/build.ts --check` fails if the committed ones differ.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const evalRoot = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(evalRoot, '..');
export const evalSets = ['dev', 'heldout', 'heldout2', 'heldout3'] as const;

export interface GoldQuote {
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  speakerId: string | null;
}
export interface GoldActor {
  name: string;
  id: string | null;
}
export interface Gold {
  quotes: GoldQuote[];
  actors: GoldActor[];
}

const seedActorsSchema = z.object({
  actors: z.array(z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()).default([]) })),
});
type SeedActor = z.infer<typeof seedActorsSchema>['actors'][number];

export function loadSeedActors(): Map<string, SeedActor> {
  const parsed = seedActorsSchema.parse(parse(readFileSync(join(projectRoot, 'seeds/data/actors.yaml'), 'utf8')));
  return new Map(parsed.actors.map((actor) => [actor.id, actor]));
}

const OPENING_MARKS = new Set(['"', '“', '‘', "'"]);
const CLOSING_MARKS = new Set(['"', '”', '’', "'"]);

class AnnotationError extends Error {}

/** A quote or actor as annotated, before its words are located. */
interface Resolved {
  name: string | null;
  id: string | null;
  /** A named speaker not in the seed, who must be among the actors too. */
  namedOutsideSeed: boolean;
}

function resolveSpec(spec: string, where: string, seed: Map<string, SeedActor>, forActor: boolean): Resolved {
  const fail = (message: string): never => {
    throw new AnnotationError(`${where}: ${message} (spec "${spec}")`);
  };
  if (spec === '-') return forActor ? fail('an actor needs an id or a name') : { name: null, id: null, namedOutsideSeed: false };
  if (spec.startsWith('~')) {
    if (forActor) fail('an unnamed description is not an actor');
    const description = spec.slice(1).trim();
    return description ? { name: description, id: null, namedOutsideSeed: false } : fail('empty description');
  }
  if (spec.startsWith('=')) {
    const name = spec.slice(1).trim();
    if (!name) fail('empty name');
    const lower = name.toLowerCase();
    for (const actor of seed.values()) {
      if (actor.name.toLowerCase() === lower || actor.aliases.some((alias) => alias.toLowerCase() === lower)) {
        fail(`"${name}" is the seed actor ${actor.id}: use its id`);
      }
    }
    return { name, id: null, namedOutsideSeed: true };
  }
  const actor = seed.get(spec);
  return actor ? { name: actor.name, id: actor.id, namedOutsideSeed: false } : fail('not a seed actor id (prefix = for a name not in the seed)');
}

/** Whether `text.slice(start, end)` stands between quotation marks as a quote must. */
function quoteBoundaryProblem(text: string, start: number, end: number): string | null {
  if (end <= start) return 'empty quote';
  if (!OPENING_MARKS.has(text[start - 1] ?? '')) return 'no opening quotation mark just before it';
  if (/\s/.test(text[start] ?? '') || /\s/.test(text[end - 1] ?? '')) return 'starts or ends with whitespace';
  if (text[end - 1] === ',') return 'ends with a comma (leave out the comma the attribution replaces)';
  const after = text[end] ?? '\n';
  if (CLOSING_MARKS.has(after)) return null;
  if (after === ',' && CLOSING_MARKS.has(text[end + 1] ?? '')) return null;
  if (after === '\n') return null;
  return `no closing quotation mark just after it (found ${JSON.stringify(text.slice(end, end + 3))})`;
}

function checkAndOrder(
  name: string,
  text: string,
  quotes: GoldQuote[],
  actors: Array<GoldActor & { at: number }>,
  namedSpeakers: string[],
): Gold {
  quotes.sort((a, b) => a.start - b.start);
  for (const [index, quote] of quotes.entries()) {
    if (text.slice(quote.start, quote.end) !== quote.text) throw new AnnotationError(`${name}: span of "${quote.text}" does not slice`);
    const problem = quoteBoundaryProblem(text, quote.start, quote.end);
    if (problem) throw new AnnotationError(`${name}: quote "${quote.text}": ${problem}`);
    const previous = quotes[index - 1];
    if (previous && previous.end > quote.start) throw new AnnotationError(`${name}: quotes "${previous.text}" and "${quote.text}" overlap`);
  }
  const byKey = new Map<string, GoldActor & { at: number }>();
  for (const actor of actors) {
    const key = actor.id ?? `=${actor.name.toLowerCase()}`;
    const known = byKey.get(key);
    if (known && known.name !== actor.name) throw new AnnotationError(`${name}: "${actor.name}" and "${known.name}" spelt differently`);
    if (!known || actor.at < known.at) byKey.set(key, actor);
  }
  for (const quote of quotes) {
    if (quote.speakerId && !byKey.has(quote.speakerId)) throw new AnnotationError(`${name}: speaker ${quote.speakerId} is not among the actors`);
  }
  for (const speaker of namedSpeakers) {
    if (!byKey.has(`=${speaker.toLowerCase()}`)) throw new AnnotationError(`${name}: named speaker "${speaker}" is not among the actors`);
  }
  const ordered = [...byKey.values()].sort((a, b) => a.at - b.at);
  return { quotes, actors: ordered.map(({ name: actorName, id }) => ({ name: actorName, id })) };
}

/** A text of our own with inline markup. */
export function buildAnnotated(name: string, source: string, seed: Map<string, SeedActor>): { text: string; gold: Gold } {
  let text = '';
  const quotes: GoldQuote[] = [];
  const actors: Array<GoldActor & { at: number }> = [];
  const namedSpeakers: string[] = [];
  const open: Array<{ kind: 'q' | 'a'; resolved: Resolved; start: number; line: number }> = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const opening = /^\{\{([qa]):([^|{}]*)\|/.exec(source.slice(i, i + 200));
    if (opening) {
      const kind = opening[1] as 'q' | 'a';
      const where = `${name}.ann:${line}`;
      if (kind === 'q' && open.some((frame) => frame.kind === 'q')) throw new AnnotationError(`${where}: a quote inside a quote`);
      if (kind === 'a' && open.some((frame) => frame.kind === 'a')) throw new AnnotationError(`${where}: an actor inside an actor`);
      open.push({ kind, resolved: resolveSpec(opening[2] ?? '', where, seed, kind === 'a'), start: text.length, line });
      i += opening[0].length;
      continue;
    }
    if (source.startsWith('}}', i)) {
      const frame = open.pop();
      if (!frame) throw new AnnotationError(`${name}.ann:${line}: "}}" closes nothing`);
      const words = text.slice(frame.start, text.length);
      if (frame.kind === 'q') {
        quotes.push({ start: frame.start, end: text.length, text: words, speaker: frame.resolved.name, speakerId: frame.resolved.id });
        if (frame.resolved.namedOutsideSeed && frame.resolved.name) namedSpeakers.push(frame.resolved.name);
      } else {
        if (!words.trim()) throw new AnnotationError(`${name}.ann:${frame.line}: empty actor mention`);
        actors.push({ name: frame.resolved.name ?? '', id: frame.resolved.id, at: frame.start });
      }
      i += 2;
      continue;
    }
    if (source.startsWith('{{', i)) throw new AnnotationError(`${name}.ann:${line}: malformed markup near ${JSON.stringify(source.slice(i, i + 40))}`);
    const char = source[i] ?? '';
    if (char === '\n') line += 1;
    text += char;
    i += 1;
  }
  if (open.length > 0) throw new AnnotationError(`${name}.ann:${open[0]?.line}: markup not closed`);
  return { text, gold: checkAndOrder(name, text, quotes, actors, namedSpeakers) };
}

const seedSpecSchema = z.object({
  article: z.string(),
  quotes: z.array(z.object({ text: z.string().min(1), speaker: z.string(), occurrence: z.number().int().positive().optional() })),
  actors: z.array(z.object({ actor: z.string(), mention: z.string().min(1) })),
});

/** All places where `words` stand between quotation marks as a quote must. */
function quotePositions(text: string, words: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(words); at !== -1; at = text.indexOf(words, at + 1)) {
    if (quoteBoundaryProblem(text, at, at + words.length) === null) found.push(at);
  }
  return found;
}

/** A seed article: its text unchanged, the annotations located by searching it. */
export function buildSeed(name: string, specText: string, seed: Map<string, SeedActor>): { text: string; gold: Gold } {
  const spec = seedSpecSchema.parse(parse(specText));
  const text = readFileSync(join(projectRoot, spec.article), 'utf8');
  const namedSpeakers: string[] = [];
  const quotes: GoldQuote[] = spec.quotes.map((quote) => {
    const positions = quotePositions(text, quote.text);
    if (positions.length === 0) throw new AnnotationError(`${name}: quote not found between quotation marks: "${quote.text}"`);
    if (positions.length > 1 && quote.occurrence === undefined) {
      throw new AnnotationError(`${name}: "${quote.text}" is quoted ${positions.length} times: give its occurrence`);
    }
    const start = positions[(quote.occurrence ?? 1) - 1];
    if (start === undefined) throw new AnnotationError(`${name}: "${quote.text}" has no occurrence ${quote.occurrence}`);
    const speaker = resolveSpec(quote.speaker, `${name} quote "${quote.text}"`, seed, false);
    if (speaker.namedOutsideSeed && speaker.name) namedSpeakers.push(speaker.name);
    return { start, end: start + quote.text.length, text: quote.text, speaker: speaker.name, speakerId: speaker.id };
  });
  const actors = spec.actors.map((actor) => {
    const at = text.indexOf(actor.mention);
    if (at === -1) throw new AnnotationError(`${name}: actor mention not found: "${actor.mention}"`);
    const resolved = resolveSpec(actor.actor, `${name} actor "${actor.mention}"`, seed, true);
    return { name: resolved.name ?? '', id: resolved.id, at };
  });
  return { text, gold: checkAndOrder(name, text, quotes, actors, namedSpeakers) };
}

export function goldJson(gold: Gold): string {
  return `${JSON.stringify(gold, null, 2)}\n`;
}

/** Every file the sets should hold, by path relative to eval/, with its content. */
export function buildAll(): Map<string, string> {
  const seed = loadSeedActors();
  const files = new Map<string, string>();
  for (const set of evalSets) {
    const sourceDir = join(evalRoot, 'src', set);
    if (!existsSync(sourceDir)) continue;
    for (const file of readdirSync(sourceDir).sort()) {
      const match = /^(.+)\.(ann|yaml)$/.exec(file);
      if (!match) throw new AnnotationError(`eval/src/${set}/${file}: neither .ann nor .yaml`);
      const name = match[1] ?? '';
      const source = readFileSync(join(sourceDir, file), 'utf8');
      const { text, gold } = match[2] === 'ann' ? buildAnnotated(name, source, seed) : buildSeed(name, source, seed);
      if (files.has(`${set}/${name}.txt`)) throw new AnnotationError(`eval/src/${set}: ${name} twice`);
      files.set(`${set}/${name}.txt`, text);
      files.set(`${set}/${name}.gold.json`, goldJson(gold));
    }
  }
  return files;
}

/** Paths (relative to eval/) of the files the sets hold on disk. */
export function filesOnDisk(): string[] {
  return evalSets.flatMap((set) => {
    const dir = join(evalRoot, set);
    return existsSync(dir) ? readdirSync(dir).sort().map((file) => `${set}/${file}`) : [];
  });
}

function main(): void {
  const files = buildAll();
  if (process.argv.includes('--check')) {
    const problems: string[] = [];
    for (const [path, content] of files) {
      const full = join(evalRoot, path);
      if (!existsSync(full)) problems.push(`missing: eval/${path}`);
      else if (readFileSync(full, 'utf8') !== content) problems.push(`differs: eval/${path}`);
    }
    for (const path of filesOnDisk()) if (!files.has(path)) problems.push(`not built from a source: eval/${path}`);
    if (problems.length > 0) {
      console.error(`${problems.join('\n')}\nRun npx tsx eval/build.ts`);
      process.exit(1);
    }
    console.log(`eval: ${files.size / 2} examples up to date`);
    return;
  }
  for (const set of evalSets) mkdirSync(join(evalRoot, set), { recursive: true });
  for (const [path, content] of files) writeFileSync(join(evalRoot, path), content);
  console.log(`eval: wrote ${files.size} files (${relative(projectRoot, evalRoot)}/{${evalSets.join(',')}})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    if (error instanceof AnnotationError) {
      console.error(`eval: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
