/**
 * `npm run eval [-- --verbose] [--set dev|heldout|heldout2|heldout3]`: scores the extractor against the hand annotations in eval/dev, eval/heldout, eval/heldout2 and eval/heldout3 (see
 * eval/README.md): quotation spans (precision, recall, F1), speaker accuracy over matched quotations, actors
 * (precision, recall, F1); `--set` scores one set only. The gazetteer is the seed's. A missing set is reported and skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { extract } from '../src/extraction/extract.js';
import { dryRunJson, seedGazetteer } from './extraction-tools.js';

const goldSchema = z.object({
  quotes: z.array(z.object({ start: z.number(), end: z.number(), text: z.string(), speaker: z.string().nullable(), speakerId: z.string().nullable() })),
  actors: z.array(z.object({ name: z.string(), id: z.string().nullable() })),
});
type Gold = z.infer<typeof goldSchema>;
type Found = ReturnType<typeof dryRunJson>;

export interface Counts {
  quotes: { found: number; gold: number; matched: number; speakersRight: number };
  actors: { found: number; gold: number; matched: number };
}

/** A span's offsets trimmed of whitespace and of `, . ; :` on both ends (the README's matching rule). */
function trimmed(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s < e && /[\s,.;:]/.test(text[s] ?? '')) s += 1;
  while (e > s && /[\s,.;:]/.test(text[e - 1] ?? '')) e -= 1;
  return `${s}:${e}`;
}

function sameSpeaker(found: { speaker: string | null; speakerId: string | null }, gold: { speaker: string | null; speakerId: string | null }): boolean {
  if (found.speakerId !== null || gold.speakerId !== null) return found.speakerId === gold.speakerId;
  return (found.speaker ?? '').toLowerCase() === (gold.speaker ?? '').toLowerCase();
}

const actorKey = (a: { name: string; id: string | null }) => (a.id !== null ? `id:${a.id}` : `name:${a.name.toLowerCase()}`);

export function score(text: string, found: Found, gold: Gold): Counts & { misses: string[] } {
  const misses: string[] = [];
  const goldBySpan = new Map(gold.quotes.map((q) => [trimmed(text, q.start, q.end), q]));
  let matched = 0;
  let speakersRight = 0;
  const matchedGold = new Set<string>();
  for (const q of found.quotes) {
    const key = trimmed(text, q.start, q.end);
    const g = goldBySpan.get(key);
    if (!g) {
      misses.push(`  extra quote: “${q.text.slice(0, 70)}”`);
      continue;
    }
    matched += 1;
    matchedGold.add(key);
    if (sameSpeaker(q, g)) speakersRight += 1;
    else misses.push(`  speaker: “${q.text.slice(0, 50)}” got ${q.speaker ?? 'null'} <${q.speakerId ?? ''}>, gold ${g.speaker ?? 'null'} <${g.speakerId ?? ''}>`);
  }
  for (const [key, g] of goldBySpan) if (!matchedGold.has(key)) misses.push(`  missed quote: “${g.text.slice(0, 70)}”`);
  const goldActors = new Set(gold.actors.map(actorKey));
  const foundActors = new Set(found.actors.map(actorKey));
  const actorMatches = [...foundActors].filter((k) => goldActors.has(k)).length;
  for (const k of foundActors) if (!goldActors.has(k)) misses.push(`  extra actor: ${k}`);
  for (const k of goldActors) if (!foundActors.has(k)) misses.push(`  missed actor: ${k}`);
  return {
    quotes: { found: found.quotes.length, gold: gold.quotes.length, matched, speakersRight },
    actors: { found: foundActors.size, gold: goldActors.size, matched: actorMatches },
    misses,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const fmt = (n: number) => n.toFixed(3);

function row(label: string, c: Counts): string {
  const qp = ratio(c.quotes.matched, c.quotes.found);
  const qr = ratio(c.quotes.matched, c.quotes.gold);
  const ap = ratio(c.actors.matched, c.actors.found);
  const ar = ratio(c.actors.matched, c.actors.gold);
  return [label.padEnd(34), fmt(qp), fmt(qr), fmt(f1(qp, qr)), `${fmt(ratio(c.quotes.speakersRight, c.quotes.matched))} (${c.quotes.speakersRight}/${c.quotes.matched})`.padEnd(16), fmt(ap), fmt(ar), fmt(f1(ap, ar))].join('  ');
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const setAt = argv.indexOf('--set');
  const only = setAt === -1 ? null : (argv[setAt + 1] ?? '');
  if (setAt !== -1 && only !== 'dev' && only !== 'heldout' && only !== 'heldout2' && only !== 'heldout3') {
    console.error('--set takes dev, heldout, heldout2 or heldout3');
    return 2;
  }
  const gazetteer = seedGazetteer();
  const header = ['set / file'.padEnd(34), 'quoteP', 'quoteR', 'quoteF', 'speaker acc'.padEnd(16), 'actorP', 'actorR', 'actorF'].join('  ');
  for (const set of only === null ? ['dev', 'heldout', 'heldout2', 'heldout3'] : [only]) {
    const dir = join('eval', set);
    const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort() : [];
    if (names.length === 0) {
      console.log(`${set}: no annotated examples in ${dir}, skipped\n`);
      continue;
    }
    const total: Counts = { quotes: { found: 0, gold: 0, matched: 0, speakersRight: 0 }, actors: { found: 0, gold: 0, matched: 0 } };
    const lines: string[] = [];
    let millis = 0;
    for (const goldFile of names) {
      const base = goldFile.replace(/\.gold\.json$/, '');
      const textFile = join(dir, `${base}.txt`);
      if (!existsSync(textFile)) {
        console.error(`${join(dir, goldFile)}: no ${base}.txt beside it, skipped`);
        continue;
      }
      const text = readFileSync(textFile, 'utf8');
      const gold = goldSchema.parse(JSON.parse(readFileSync(join(dir, goldFile), 'utf8')));
      const started = performance.now();
      const found = dryRunJson(extract(text, gazetteer));
      millis += performance.now() - started;
      const result = score(text, found, gold);
      for (const part of ['quotes', 'actors'] as const) for (const k of Object.keys(total[part]) as Array<keyof Counts[typeof part]>) (total[part][k] as number) += result[part][k] as number;
      if (verbose) lines.push(row(base.slice(0, 34), result), ...result.misses);
    }
    console.log(`${set} (${names.length} files, ${millis.toFixed(0)} ms extracting)`);
    console.log(header);
    if (verbose) console.log(lines.join('\n'));
    console.log(row('ALL', total));
    console.log('');
  }
  return 0;
}

process.exit(main(process.argv.slice(2)));
