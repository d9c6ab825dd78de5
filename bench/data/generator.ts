/**
 * A deterministic graph of stancegraph's shape at a given size: the same seed and size give the same graph, row for
 * row. Degrees are skewed (Zipf: a few actors say thousands of things and hold thousands of positions; a few issues
 * draw most positions), dates spread over years, every citation's offsets point at the statement's words in a
 * generated article, and every position has 1-3 evidence statements.
 *
 * The plan (who said what where, who holds what) lives in typed arrays; texts are regenerated from their index when
 * a batch is written, so even L (a million statements) fits in a few hundred MB.
 */
import { actorSearchKey } from '../../src/shared/text.js';
import type {
  ActorRow,
  CitationRow,
  EventRow,
  IssueRow,
  PositionRow,
  ProposalRow,
  RelationRow,
  RoleRow,
  SourceRow,
  StatementRow,
} from '../../src/seed/graph-writer.js';
import { actorKinds, actorRelationTypes, reliabilities, stances, statementKinds } from '../../src/vocabulary.js';
import { Random, ZipfSampler, seedFor } from './random.js';
import * as words from './vocabulary.js';

export interface SizeSpec {
  actors: number;
  issues: number;
  proposals: number;
  events: number;
  sources: number;
  statements: number;
  positions: number;
  relations: number;
  roles: number;
}

export const generatedSizes = {
  M: { actors: 10_000, issues: 2_000, proposals: 400, events: 2_000, sources: 3_000, statements: 100_000, positions: 100_000, relations: 20_000, roles: 3_000 },
  L: { actors: 100_000, issues: 10_000, proposals: 2_000, events: 10_000, sources: 20_000, statements: 1_000_000, positions: 1_000_000, relations: 200_000, roles: 30_000 },
} satisfies Record<string, SizeSpec>;

export const GENERATOR_VERSION = 1;

/** Zipf exponents: how skewed each degree is. */
const SKEW = { speakers: 0.85, positionHolders: 0.7, topics: 0.6, relationTargets: 0.85, relationSources: 0.5, organisations: 0.8 };

const relationTypes = actorRelationTypes;

const FIRST_DAY = Date.UTC(2012, 0, 1) / 86_400_000;
const LAST_DAY = Date.UTC(2025, 11, 31) / 86_400_000;

/** Streams of randomness, one per kind of thing, so changing one kind leaves the others as they were. */
const enum Stream {
  Actors = 1,
  Topics,
  Sources,
  Statements,
  StatementText,
  SourceText,
  Positions,
  Events,
  Relations,
  Roles,
  Proposals,
}

export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

const capitalise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** A compressed sparse row index: the items of each group, contiguous. */
interface Groups {
  offsets: Int32Array;
  items: Int32Array;
}

function groupBy(count: number, groupCount: number, groupOf: (index: number) => number): Groups {
  const offsets = new Int32Array(groupCount + 1);
  for (let i = 0; i < count; i++) {
    const group = groupOf(i);
    if (group >= 0) offsets[group + 1]!++;
  }
  for (let g = 0; g < groupCount; g++) offsets[g + 1]! += offsets[g]!;
  const cursor = offsets.slice(0, groupCount);
  const items = new Int32Array(offsets[groupCount]!);
  for (let i = 0; i < count; i++) {
    const group = groupOf(i);
    if (group >= 0) items[cursor[group]!++] = i;
  }
  return { offsets, items };
}

export class GeneratedGraph {
  // Actors
  readonly actorIds: string[] = [];
  readonly actorNames: string[] = [];
  private readonly actorKinds: Uint8Array;
  private readonly actorAliases: string[][] = [];
  /** rank -> actor: rank 0 is the most active actor (most statements and positions). */
  private readonly popularity: Int32Array;
  // Topics: issues 0..issues-1, then proposals.
  readonly topicIds: string[] = [];
  readonly topicNames: string[] = [];
  private readonly issueParent: Int32Array;
  // Sources
  private readonly sourceDay: Int32Array;
  readonly sourceIds: string[] = [];
  // Statements
  private readonly statementSpeaker: Int32Array;
  private readonly statementSource: Int32Array;
  private readonly statementSecondSource: Int32Array;
  private readonly statementDay: Int32Array;
  private readonly statementKind: Uint8Array;
  private readonly statementShifted: Uint8Array;
  /** Offsets of the statement's words in its source(s): filled while the sources' texts are written. */
  private readonly citeStart: Int32Array;
  private readonly citeSecondStart: Int32Array;
  // Positions
  private readonly positionActor: Int32Array;
  private readonly positionTopic: Int32Array;
  private readonly positionEvidence: Int32Array;
  private readonly positionStance: Uint8Array;
  private readonly positionFrom: Int32Array;
  private readonly positionTo: Int32Array;

  constructor(
    readonly spec: SizeSpec,
    readonly seed = 20251202,
  ) {
    this.actorKinds = new Uint8Array(spec.actors);
    this.popularity = new Random(seedFor(seed, Stream.Actors, -1)).permutation(spec.actors);
    this.issueParent = new Int32Array(spec.issues).fill(-1);
    this.sourceDay = new Int32Array(spec.sources);
    this.statementSpeaker = new Int32Array(spec.statements);
    this.statementSource = new Int32Array(spec.statements);
    this.statementSecondSource = new Int32Array(spec.statements).fill(-1);
    this.statementDay = new Int32Array(spec.statements);
    this.statementKind = new Uint8Array(spec.statements);
    this.statementShifted = new Uint8Array(spec.statements);
    this.citeStart = new Int32Array(spec.statements).fill(-1);
    this.citeSecondStart = new Int32Array(spec.statements).fill(-1);
    this.positionActor = new Int32Array(spec.positions);
    this.positionTopic = new Int32Array(spec.positions);
    this.positionEvidence = new Int32Array(spec.positions * 3).fill(-1);
    this.positionStance = new Uint8Array(spec.positions);
    this.positionFrom = new Int32Array(spec.positions);
    this.positionTo = new Int32Array(spec.positions).fill(-1);
    this.planActors();
    this.planTopics();
    this.planSources();
    this.planStatements();
    this.planPositions();
  }

  get topicCount(): number {
    return this.spec.issues + this.spec.proposals;
  }

  private planActors(): void {
    const random = new Random(seedFor(this.seed, Stream.Actors, 0));
    for (let i = 0; i < this.spec.actors; i++) {
      const kind = random.weighted([
        [0, 80],
        [1, 12],
        [2, 2],
        [3, 6],
      ] as const);
      this.actorKinds[i] = kind;
      let name: string;
      const aliases: string[] = [];
      const country = random.pick(words.countries);
      if (kind === 0) {
        const first = random.pick(words.firstNames);
        const last = random.pick(words.lastNames);
        name = `${first} ${last}`;
        if (random.chance(0.5)) aliases.push(last);
        if (random.chance(0.3)) {
          const variant = name.replace(/y/g, 'i').replace(/kh/g, 'h').replace(/ts/g, 'tz');
          aliases.push(variant === name ? `${first}s ${last}` : variant);
        }
        if (random.chance(0.2)) aliases.push(`${first.charAt(0)}. ${last}`);
      } else if (kind === 1) {
        const organisation = random.pick(words.organisationKinds);
        name = `${organisation} of ${country}`;
        aliases.push(`${organisation.split(' ').filter((word) => /^[A-Z]/.test(word)).map((word) => word.charAt(0)).join('')} ${country}`);
      } else if (kind === 2) {
        name = random.weighted([
          [country, 4],
          [`Republic of ${country}`, 2],
          [`Federation of ${country}`, 1],
          [`Kingdom of ${country}`, 1],
        ] as const);
        if (name !== country) aliases.push(country);
      } else {
        const adjective = random.pick(words.groupAdjectives);
        const group = random.pick(words.groupKinds);
        name = `${adjective} ${group} of ${country}`;
        aliases.push(`${adjective.charAt(0)}${group.charAt(0)}${country.charAt(0)}`);
      }
      this.actorNames.push(name);
      this.actorAliases.push(aliases);
      this.actorIds.push(`${slugify(name)}-${i.toString(36)}`);
    }
  }

  private planTopics(): void {
    const random = new Random(seedFor(this.seed, Stream.Topics, 0));
    for (let i = 0; i < this.spec.issues; i++) {
      const tail = random
        .pick(words.issueTails)
        .replace('{region}', random.pick(words.regions))
        .replace('{country}', random.pick(words.countries))
        .replace('{country2}', random.pick(words.countries))
        .replace('{city}', random.pick(words.cities));
      const name = `${random.pick(words.issueHeads)} ${tail}`;
      this.topicNames.push(name);
      this.topicIds.push(`${slugify(name)}-${i.toString(36)}`);
      // A third are sub-issues of an earlier issue.
      if (i > 10 && random.chance(0.3)) this.issueParent[i] = random.int(0, i - 1);
    }
    for (let i = 0; i < this.spec.proposals; i++) {
      const author = random.pick(words.countries);
      const name = `${author} ${random.pick(words.proposalKinds)} ${random.int(1, 40)}-point version ${random.int(1, 5)}`;
      this.topicNames.push(capitalise(name));
      this.topicIds.push(`${slugify(name)}-p${i.toString(36)}`);
    }
  }

  private planSources(): void {
    const random = new Random(seedFor(this.seed, Stream.Sources, 0));
    const span = LAST_DAY - FIRST_DAY;
    for (let i = 0; i < this.spec.sources; i++) {
      // More recent years hold more articles.
      this.sourceDay[i] = FIRST_DAY + Math.floor(span * Math.sqrt(random.next()));
      this.sourceIds.push(`source-${i.toString(36)}`);
    }
  }

  private planStatements(): void {
    const random = new Random(seedFor(this.seed, Stream.Statements, 0));
    const speakers = new ZipfSampler(this.spec.actors, SKEW.speakers, this.popularity);
    for (let i = 0; i < this.spec.statements; i++) {
      this.statementSpeaker[i] = random.chance(0.03) ? -1 : speakers.sample(random);
      const source = random.int(0, this.spec.sources - 1);
      this.statementSource[i] = source;
      // Syndication: the same words in a second article.
      if (random.chance(0.15)) {
        const second = random.int(0, this.spec.sources - 1);
        if (second !== source) this.statementSecondSource[i] = second;
      }
      const shift = random.chance(0.3) ? random.int(1, 3) : 0;
      this.statementDay[i] = this.sourceDay[source]! - shift;
      this.statementShifted[i] = shift > 0 ? 1 : 0;
      this.statementKind[i] = random.weighted([
        [0, 30],
        [1, 40],
        [2, 30],
      ] as const);
    }
  }

  private planPositions(): void {
    const random = new Random(seedFor(this.seed, Stream.Positions, 0));
    const holders = new ZipfSampler(this.spec.actors, SKEW.positionHolders, this.popularity);
    const topicOrder = new Random(seedFor(this.seed, Stream.Topics, -1)).permutation(this.topicCount);
    const topics = new ZipfSampler(this.topicCount, SKEW.topics, topicOrder);
    const bySpeaker = groupBy(this.spec.statements, this.spec.actors, (i) => this.statementSpeaker[i]!);
    const n = this.spec.positions;
    for (let p = 0; p < n; p++) {
      const actor = holders.sample(random);
      this.positionActor[p] = actor;
      this.positionTopic[p] = topics.sample(random);
      const count = random.weighted([
        [1, 50],
        [2, 35],
        [3, 15],
      ] as const);
      const own = bySpeaker.offsets[actor + 1]! - bySpeaker.offsets[actor]!;
      let earliest = Number.MAX_SAFE_INTEGER;
      for (let e = 0; e < count; e++) {
        // Mostly the actor's own words; otherwise someone reporting on it.
        const statement =
          own > 0 && random.chance(0.8)
            ? bySpeaker.items[bySpeaker.offsets[actor]! + random.int(0, own - 1)]!
            : random.int(0, this.spec.statements - 1);
        let duplicate = false;
        for (let k = 0; k < e; k++) if (this.positionEvidence[p * 3 + k] === statement) duplicate = true;
        if (duplicate) continue;
        this.positionEvidence[p * 3 + e] = statement;
        earliest = Math.min(earliest, this.statementDay[statement]!);
      }
      this.positionFrom[p] = earliest;
    }
    // Positions of one actor on one topic form a history: each later one supersedes the one before.
    const order = Array.from({ length: n }, (_, p) => p);
    order.sort(
      (x, y) =>
        this.positionActor[x]! - this.positionActor[y]! ||
        this.positionTopic[x]! - this.positionTopic[y]! ||
        this.positionFrom[x]! - this.positionFrom[y]! ||
        x - y,
    );
    for (let k = 0; k < n; k++) {
      const p = order[k]!;
      const previous = k > 0 ? order[k - 1]! : -1;
      const sameChain = previous >= 0 && this.positionActor[previous] === this.positionActor[p] && this.positionTopic[previous] === this.positionTopic[p];
      let stance = random.weighted([
        [0, 40],
        [1, 35],
        [2, 15],
        [3, 10],
      ] as const) as number;
      if (sameChain) {
        if (stance === this.positionStance[previous]) stance = (stance + 1 + random.int(0, 2)) % 4;
        this.positionTo[previous] = Math.max(this.positionFrom[p]!, this.positionFrom[previous]! + 1);
      }
      this.positionStance[p] = stance;
    }
    // A few current positions were retracted.
    for (let k = 0; k < n; k++) {
      const p = order[k]!;
      const next = k + 1 < n ? order[k + 1]! : -1;
      const lastOfChain = next < 0 || this.positionActor[next] !== this.positionActor[p] || this.positionTopic[next] !== this.positionTopic[p];
      if (lastOfChain && random.chance(0.05)) this.positionTo[p] = Math.min(LAST_DAY, this.positionFrom[p]! + random.int(30, 400));
    }
  }

  // ----------------------------------------------------------------------------------------------- texts

  /** The statement's words: a QUOTE is a sentence, the other kinds a clause the article's sentence wraps. */
  statementText(i: number): string {
    const random = new Random(seedFor(this.seed, Stream.StatementText, i));
    const qualifier = random.pick(words.qualifiers);
    const clause = `${random.pick(words.subjects)} ${random.pick(words.modals)} ${random.pick(words.verbs)} ${random.pick(words.objects)}${qualifier ? ` ${qualifier}` : ''}`;
    return this.statementKind[i] === 0 ? `${capitalise(clause)}.` : clause;
  }

  private speakerNote(i: number): string {
    return words.speakerNotes[i % words.speakerNotes.length]!;
  }

  /** The sentence of the article that carries the statement's words, and where the words start in it. */
  private citingSentence(i: number): { sentence: string; offset: number } {
    const text = this.statementText(i);
    const speaker = this.statementSpeaker[i]!;
    const who = speaker >= 0 ? this.actorNames[speaker]! : capitalise(this.speakerNote(i));
    const kind = this.statementKind[i]!;
    const opening = kind === 0 ? `${who} said: "` : kind === 1 ? `${who} said that ` : `According to ${who}, `;
    const closing = kind === 0 ? '"' : '.';
    return { sentence: `${opening}${text}${closing}`, offset: opening.length };
  }

  private sourceTitle(random: Random): string {
    return `${random.pick(words.titleOpeners)} ${random.pick(words.objects)}`;
  }

  // ----------------------------------------------------------------------------------------------- rows, in load order

  /** Sources with their texts; records where each statement's words stand (so call this before citationRows). */
  *sourceRows(batchSize: number): Generator<SourceRow[]> {
    const citing = groupBy(this.spec.statements * 2, this.spec.sources, (k) =>
      k < this.spec.statements ? this.statementSource[k]! : this.statementSecondSource[k - this.spec.statements]!,
    );
    let batch: SourceRow[] = [];
    for (let s = 0; s < this.spec.sources; s++) {
      const random = new Random(seedFor(this.seed, Stream.SourceText, s));
      const title = this.sourceTitle(random);
      const outlet = random.pick(words.outlets);
      let text = `${title}\n\n`;
      let inParagraph = 0;
      for (let k = citing.offsets[s]!; k < citing.offsets[s + 1]!; k++) {
        const entry = citing.items[k]!;
        const statement = entry < this.spec.statements ? entry : entry - this.spec.statements;
        if (random.chance(0.6)) {
          text += `${random.pick(words.fillerSentences)} `;
          inParagraph++;
        }
        const { sentence, offset } = this.citingSentence(statement);
        if (entry < this.spec.statements) this.citeStart[statement] = text.length + offset;
        else this.citeSecondStart[statement] = text.length + offset;
        text += `${sentence} `;
        inParagraph++;
        if (inParagraph >= 4) {
          text = `${text.trimEnd()}\n\n`;
          inParagraph = 0;
        }
      }
      text += random.pick(words.fillerSentences);
      batch.push({
        id: this.sourceIds[s]!,
        title,
        outlet,
        publishedOn: isoDay(this.sourceDay[s]!),
        url: `https://news.example.org/${slugify(outlet)}/${this.sourceIds[s]}`,
        reliability: random.weighted([
          [reliabilities[0], 40],
          [reliabilities[1], 45],
          [reliabilities[2], 15],
        ] as const),
        reliabilityNote: null,
        text,
        file: null,
      });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  *actorRows(batchSize: number): Generator<ActorRow[]> {
    for (let start = 0; start < this.spec.actors; start += batchSize) {
      const rows: ActorRow[] = [];
      for (let i = start; i < Math.min(this.spec.actors, start + batchSize); i++) {
        const name = this.actorNames[i]!;
        const aliases = this.actorAliases[i]!;
        rows.push({
          id: this.actorIds[i]!,
          name,
          kind: actorKinds[this.actorKinds[i]!]!,
          aliases,
          description: `${actorKinds[this.actorKinds[i]!]!.toLowerCase()} (generated for benchmarks)`,
          searchKey: actorSearchKey(name, aliases),
        });
      }
      yield rows;
    }
  }

  /** Roles held by people in organisations and states. */
  *roleRows(batchSize: number): Generator<RoleRow[]> {
    const random = new Random(seedFor(this.seed, Stream.Roles, 0));
    const people: number[] = [];
    const bodies: number[] = [];
    for (let i = 0; i < this.spec.actors; i++) {
      if (this.actorKinds[i] === 0) people.push(i);
      else if (this.actorKinds[i] === 1 || this.actorKinds[i] === 2) bodies.push(i);
    }
    const bodySampler = new ZipfSampler(bodies.length, SKEW.organisations);
    const seen = new Set<string>();
    let batch: RoleRow[] = [];
    for (let r = 0; r < this.spec.roles && people.length > 0 && bodies.length > 0; r++) {
      const holder = random.pick(people);
      const of = bodies[bodySampler.sample(random)]!;
      const title = random.pick(words.roleTitles);
      const key = `${holder}:${of}:${title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      batch.push({ actor: this.actorIds[holder]!, of: this.actorIds[of]!, title });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Actor relations, each of one of the vocabulary's types, no two alike. */
  relationRows(): RelationRow[] {
    const random = new Random(seedFor(this.seed, Stream.Relations, 0));
    const targets = new ZipfSampler(this.spec.actors, SKEW.relationTargets, this.popularity);
    const sources = new ZipfSampler(this.spec.actors, SKEW.relationSources, this.popularity);
    const bySpeaker = groupBy(this.spec.statements, this.spec.actors, (i) => this.statementSpeaker[i]!);
    const relations: RelationRow[] = [];
    const seen = new Set<string>();
    for (let r = 0; r < this.spec.relations; r++) {
      const from = sources.sample(random);
      const to = targets.sample(random);
      if (from === to) continue;
      const type = random.weighted([
        [relationTypes[0], 6],
        [relationTypes[1], 20],
        [relationTypes[2], 12],
        [relationTypes[3], 6],
        [relationTypes[4], 5],
        [relationTypes[5], 3],
        [relationTypes[6], 10],
        [relationTypes[7], 20],
        [relationTypes[8], 8],
        [relationTypes[9], 10],
      ] as const);
      const key = `${from}:${type}:${to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const own = bySpeaker.offsets[from + 1]! - bySpeaker.offsets[from]!;
      const evidence: string[] = [];
      for (let e = random.int(0, 2); e > 0 && own > 0; e--) {
        evidence.push(this.statementId(bySpeaker.items[bySpeaker.offsets[from]! + random.int(0, own - 1)]!));
      }
      relations.push({ from: this.actorIds[from]!, type, to: this.actorIds[to]!, evidence: [...new Set(evidence)] });
    }
    return relations;
  }

  *issueRows(batchSize: number): Generator<IssueRow[]> {
    for (let start = 0; start < this.spec.issues; start += batchSize) {
      const rows: IssueRow[] = [];
      for (let i = start; i < Math.min(this.spec.issues, start + batchSize); i++) {
        const parent = this.issueParent[i]!;
        rows.push({
          id: this.topicIds[i]!,
          name: this.topicNames[i]!,
          description: `Generated issue ${i}: ${this.topicNames[i]}.`,
          parent: parent >= 0 ? this.topicIds[parent]! : null,
        });
      }
      yield rows;
    }
  }

  *proposalRows(batchSize: number): Generator<ProposalRow[]> {
    const random = new Random(seedFor(this.seed, Stream.Proposals, 0));
    const authors = new ZipfSampler(this.spec.actors, SKEW.speakers, this.popularity);
    let batch: ProposalRow[] = [];
    for (let i = 0; i < this.spec.proposals; i++) {
      const topic = this.spec.issues + i;
      const day = FIRST_DAY + random.int(0, LAST_DAY - FIRST_DAY);
      batch.push({
        id: this.topicIds[topic]!,
        name: this.topicNames[topic]!,
        description: `Generated proposal ${i}.`,
        date: isoDay(day),
        dateSource: 'ARTICLE',
        authors: [...new Set(Array.from({ length: random.int(1, 3) }, () => this.actorIds[authors.sample(random)]!))],
        addresses: [...new Set(Array.from({ length: random.int(1, 4) }, () => this.topicIds[random.int(0, this.spec.issues - 1)]!))],
        revises: i > 0 && random.chance(0.2) ? [this.topicIds[this.spec.issues + random.int(0, i - 1)]!] : [],
      });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  statementId(i: number): string {
    return `statement-${i.toString(36)}`;
  }

  *statementRows(batchSize: number): Generator<StatementRow[]> {
    for (let start = 0; start < this.spec.statements; start += batchSize) {
      const rows: StatementRow[] = [];
      for (let i = start; i < Math.min(this.spec.statements, start + batchSize); i++) {
        const speaker = this.statementSpeaker[i]!;
        rows.push({
          id: this.statementId(i),
          text: this.statementText(i),
          kind: statementKinds[this.statementKind[i]!]!,
          saidOn: isoDay(this.statementDay[i]!),
          dateSource: this.statementShifted[i] ? 'EVENT' : 'ARTICLE',
          speaker: speaker >= 0 ? this.actorIds[speaker]! : null,
          speakerNote: speaker >= 0 ? null : this.speakerNote(i),
        });
      }
      yield rows;
    }
  }

  /** Needs sourceRows to have run (it computes the offsets). */
  *citationRows(batchSize: number): Generator<CitationRow[]> {
    let batch: CitationRow[] = [];
    for (let i = 0; i < this.spec.statements; i++) {
      const length = this.statementText(i).length;
      const cite = (source: number, start: number) => {
        if (start < 0) throw new Error(`statement ${i}: no offset in source ${source} (sources not written first?)`);
        batch.push({ statement: this.statementId(i), source: this.sourceIds[source]!, start, end: start + length });
      };
      cite(this.statementSource[i]!, this.citeStart[i]!);
      if (this.statementSecondSource[i]! >= 0) cite(this.statementSecondSource[i]!, this.citeSecondStart[i]!);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  get citationCount(): number {
    let count = this.spec.statements;
    for (let i = 0; i < this.spec.statements; i++) if (this.statementSecondSource[i]! >= 0) count++;
    return count;
  }

  *eventRows(batchSize: number): Generator<EventRow[]> {
    const random = new Random(seedFor(this.seed, Stream.Events, 0));
    const participants = new ZipfSampler(this.spec.actors, SKEW.speakers, this.popularity);
    const bySpeaker = groupBy(this.spec.statements, this.spec.actors, (i) => this.statementSpeaker[i]!);
    let batch: EventRow[] = [];
    for (let i = 0; i < this.spec.events; i++) {
      const kind = random.pick(words.eventKinds);
      const city = random.pick(words.cities);
      const name = `${capitalise(kind.toLowerCase().replace('_', ' '))} in ${city} on ${random.pick(words.issueHeads).toLowerCase()}`;
      const day = FIRST_DAY + random.int(0, LAST_DAY - FIRST_DAY);
      const who = [...new Set(Array.from({ length: random.int(2, 10) }, () => participants.sample(random)))];
      const first = who[0]!;
      const own = bySpeaker.offsets[first + 1]! - bySpeaker.offsets[first]!;
      const evidence = Array.from({ length: random.int(1, 2) }, () =>
        this.statementId(own > 0 ? bySpeaker.items[bySpeaker.offsets[first]! + random.int(0, own - 1)]! : random.int(0, this.spec.statements - 1)),
      );
      batch.push({
        id: `${slugify(name)}-${i.toString(36)}`,
        name,
        kind,
        date: isoDay(day),
        dateSource: 'ARTICLE',
        endDate: random.chance(0.3) ? isoDay(day + random.int(1, 3)) : null,
        place: city,
        description: `Generated event ${i}.`,
        participants: who.map((actor) => ({ actor: this.actorIds[actor]!, role: random.pick(words.participantRoles) })),
        evidence: [...new Set(evidence)],
      });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  *positionRows(batchSize: number): Generator<PositionRow[]> {
    const verbs = ['supports', 'opposes', 'conditionally supports', 'is undecided on'];
    for (let start = 0; start < this.spec.positions; start += batchSize) {
      const rows: PositionRow[] = [];
      for (let p = start; p < Math.min(this.spec.positions, start + batchSize); p++) {
        const actor = this.positionActor[p]!;
        const topic = this.positionTopic[p]!;
        const stance = this.positionStance[p]!;
        const evidence: string[] = [];
        for (let e = 0; e < 3; e++) {
          const statement = this.positionEvidence[p * 3 + e]!;
          if (statement >= 0) evidence.push(this.statementId(statement));
        }
        rows.push({
          id: `position-${p.toString(36)}`,
          actor: this.actorIds[actor]!,
          topic: this.topicIds[topic]!,
          stance: stances[stance]!,
          summary: `${this.actorNames[actor]} ${verbs[stance]} ${this.topicNames[topic]}.`,
          condition: stance === 2 ? `Only ${words.qualifiers[3 + (p % (words.qualifiers.length - 3))]}.` : null,
          validFrom: isoDay(this.positionFrom[p]!),
          validTo: this.positionTo[p]! >= 0 ? isoDay(this.positionTo[p]!) : null,
          evidence,
        });
      }
      yield rows;
    }
  }
}
