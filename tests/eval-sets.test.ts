/**
 * The evaluation sets (eval/dev, eval/heldout) are the gold standard the extractor is judged by: every span must
 * slice exactly, every id must be a seed actor's, and the committed files must be what eval/build.ts makes of the
 * annotated sources (eval/src/), so nobody edits an offset by hand. Pure file checks: no database.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildAll, evalRoot, evalSets, filesOnDisk } from '../eval/build.js';

const goldSchema = z.strictObject({
  quotes: z.array(
    z.strictObject({
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      text: z.string().min(1),
      speaker: z.string().min(1).nullable(),
      speakerId: z.string().min(1).nullable(),
    }),
  ),
  actors: z.array(z.strictObject({ name: z.string().min(1), id: z.string().min(1).nullable() })),
});

const seedActors = z
  .object({ actors: z.array(z.object({ id: z.string(), name: z.string() })) })
  .parse(parse(readFileSync(join(evalRoot, '..', 'seeds/data/actors.yaml'), 'utf8'))).actors;
const seedNames = new Map(seedActors.map((actor) => [actor.id, actor.name]));

const examples = evalSets.flatMap((set) => {
  const dir = join(evalRoot, set);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.txt'))
        .map((file) => ({ set, name: file.slice(0, -'.txt'.length), dir }))
    : [];
});

describe('evaluation sets', () => {
  it('has examples in both sets, each text with its gold file and each gold file with its text', () => {
    for (const set of evalSets) expect(examples.filter((example) => example.set === set).length, set).toBeGreaterThan(0);
    for (const path of filesOnDisk()) {
      const twin = path.endsWith('.gold.json') ? path.replace(/\.gold\.json$/, '.txt') : path.replace(/\.txt$/, '.gold.json');
      expect(path.endsWith('.txt') || path.endsWith('.gold.json'), path).toBe(true);
      expect(existsSync(join(evalRoot, twin)), `${path} without ${twin}`).toBe(true);
    }
  });

  it.each(examples)('$set/$name: spans slice exactly, do not overlap, and name seed actors by their ids', ({ name, dir }) => {
    const text = readFileSync(join(dir, `${name}.txt`), 'utf8');
    const gold = goldSchema.parse(JSON.parse(readFileSync(join(dir, `${name}.gold.json`), 'utf8')));
    const quotes = [...gold.quotes].sort((a, b) => a.start - b.start);
    quotes.forEach((quote, index) => {
      expect(text.slice(quote.start, quote.end)).toBe(quote.text);
      const previous = quotes[index - 1];
      if (previous) expect(previous.end, `"${previous.text}" overlaps "${quote.text}"`).toBeLessThanOrEqual(quote.start);
      if (quote.speakerId !== null) expect(quote.speaker).toBe(seedNames.get(quote.speakerId));
    });
    for (const actor of gold.actors) {
      if (actor.id !== null) expect(actor.name, `actor id ${actor.id}`).toBe(seedNames.get(actor.id));
    }
    const actorKeys = gold.actors.map((actor) => actor.id ?? `=${actor.name.toLowerCase()}`);
    expect(new Set(actorKeys).size, 'each actor once').toBe(actorKeys.length);
    for (const quote of gold.quotes) {
      if (quote.speakerId !== null) expect(actorKeys, `speaker ${quote.speakerId} among the actors`).toContain(quote.speakerId);
    }
  });

  it('the committed files are what eval/build.ts makes of eval/src (npx tsx eval/build.ts --check)', () => {
    const built = buildAll();
    expect([...built.keys()].sort()).toEqual(filesOnDisk());
    for (const [path, content] of built) expect(readFileSync(join(evalRoot, path), 'utf8'), path).toBe(content);
  });
});
