/** What the extractor's scripts share: the seed's gazetteer, reading a text file as input, the dry run's JSON. */
import { readFileSync, statSync } from 'node:fs';
import { buildGazetteer } from '../src/extraction/gazetteer.js';
import type { Extraction, Gazetteer } from '../src/extraction/model.js';
import { defaultSeedDir } from '../src/seed/loader.js';
import { readSeed } from '../src/seed/validate.js';

export const MAX_FILE_BYTES = 2_000_000;

export function seedGazetteer(seedDir = defaultSeedDir): Gazetteer {
  const seed = readSeed(seedDir);
  return buildGazetteer(seed.actors, [...seed.issues, ...seed.proposals]);
}

/** The file's text, or why it is not usable input. */
export function readTextFile(path: string): { text: string } | { problem: string } {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { problem: 'not a file' };
    size = stat.size;
  } catch {
    return { problem: 'no such file' };
  }
  if (size > MAX_FILE_BYTES) return { problem: `larger than ${MAX_FILE_BYTES} bytes` };
  const bytes = readFileSync(path);
  if (bytes.includes(0)) return { problem: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: 'not UTF-8 text' };
  }
  if (text.trim() === '') return { problem: 'empty file' };
  return { text };
}

/** The dry run's JSON for one text: exactly the keys tools read. */
export function dryRunJson(extraction: Extraction) {
  return {
    quotes: extraction.quotes.map((q) => ({ text: q.text, start: q.start, end: q.end, speaker: q.speaker, speakerId: q.speakerId })),
    actors: extraction.actors.map((a) => ({ name: a.name, id: a.id })),
    stances: extraction.stances.map((s) => ({ holder: s.holder, topic: s.topic, stance: s.stance, evidence: s.evidence, evidence_start: s.evidence_start, evidence_end: s.evidence_end })),
  };
}

