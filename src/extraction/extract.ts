/**
 * The extractor: text and a gazetteer in, suggestions out (quotations with their speakers, the actors named, the
 * topics, the stances stated), each with its offsets, the rule that found it and a confidence. Pure and synchronous.
 */
import type { ActorKind } from '../vocabulary.js';
import type { ExtractedActor, ExtractedQuote, ExtractedStance, Extraction, Gazetteer, KnownActor, Span } from './model.js';
import { ActorIndex, countryName, isCountry, looksLikeActorName, normalizeName, stripTitles, suggestKind, TITLE_WORDS } from './names.js';
import { analyse, type Analysis } from './nlp.js';
import { findQuoteSpans, wordCount, type QuoteSpan } from './quotes.js';
import { Attributor, seatState, type Speaker } from './speakers.js';
import { preparePassage, stanceOf, TopicIndex, topicMatchers, topicScore } from './stances.js';

const NAMING_BEFORE = /(so-called|dubbed|nicknamed|known as|titled|entitled|termed|branded|labell?ed|the (word|words|phrase|term|slogan|motto|headline))\s*(an?|the)?\s*$/i;
const CALLED_BEFORE = /\b(call|calls|called|calling)\s+(it|this|that|them|the [\p{L}-]+)\s+(the|a|an)\s*$/iu;

interface NameMention {
  start: number;
  end: number;
  /** As written, titles stripped. */
  name: string;
  actor: KnownActor | undefined;
  tokenCount: number;
  /** A lone capitalised word that acts ("Valdonia rejects", "Estrania's negotiator"). */
  acts: boolean;
}

/**
 * Gazetteer names and aliases as written in the text (case-sensitive, whole words, the longest at each word, not
 * overlapping). Each word is looked up by its letters (a map, not one pattern of every name): the time grows with the
 * text, not with the number of actors.
 */
function gazetteerMentions(text: string, index: ActorIndex): NameMention[] {
  const byLead = index.formsByLead;
  if (byLead.size === 0) return [];
  const mentions: NameMention[] = [];
  const word = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+/gu;
  for (let match = word.exec(text); match; match = word.exec(text)) {
    const at = match.index;
    const found = byLead.get(match[0])?.find(({ form }) => text.startsWith(form, at) && !/[\p{L}\p{N}]/u.test(text[at + form.length] ?? ''));
    if (!found) continue;
    mentions.push({ start: at, end: at + found.form.length, name: found.form, actor: found.actor, tokenCount: found.form.split(/\s+/).length, acts: true });
    word.lastIndex = at + found.form.length;
  }
  return mentions;
}

/** Runs of proper nouns ("of"/"for" may join two), each a candidate name. */
function properNounRuns(text: string, analysis: Analysis, index: ActorIndex): NameMention[] {
  const { tokens, sentences } = analysis;
  const runs: NameMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (!token || token.pos !== 'PROPN' || !/^\p{Lu}/u.test(token.value)) {
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j];
      if (next?.pos === 'PROPN' && /^\p{Lu}/u.test(next.value) && next.start - (tokens[j - 1]?.end ?? 0) <= 1) j += 1;
      else if ((next?.lower === 'of' || next?.lower === 'for') && tokens[j + 1]?.pos === 'PROPN' && /^\p{Lu}/u.test(tokens[j + 1]?.value ?? '')) j += 2;
      else break;
    }
    const words = tokens.slice(i, j).map((t) => t.value);
    const name = stripTitles(words);
    const nameStart = tokens[j - name.length]?.start ?? token.start;
    const end = tokens[j - 1]?.end ?? token.end;
    const after = tokens[j];
    const sentenceStart = sentences[token.sentence]?.firstToken === i || tokens[i - 1]?.pos === 'SPACE';
    const possessive = after?.value === "'s" || after?.value === '’s';
    const acts = possessive || (!sentenceStart && (after?.pos === 'VERB' || after?.pos === 'AUX'));
    const written = text.slice(nameStart, end);
    // "the Elysee", "the State Department": a seat of government is its state when the gazetteer holds the state.
    const seat = seatState(written);
    runs.push({ start: nameStart, end, name: written, actor: index.link(written) ?? (seat ? index.lookup(seat) : undefined), tokenCount: name.length, acts });
    i = j;
  }
  return runs;
}

/** Built once per gazetteer object (the extraction worker keeps one per gazetteer version). */
const indexes = new WeakMap<Gazetteer, { actors: ActorIndex; topics: TopicIndex }>();

function indexesOf(gazetteer: Gazetteer): { actors: ActorIndex; topics: TopicIndex } {
  let built = indexes.get(gazetteer);
  if (!built) {
    built = { actors: new ActorIndex(gazetteer), topics: new TopicIndex(topicMatchers(gazetteer.topics)) };
    indexes.set(gazetteer, built);
  }
  return built;
}

export function extract(text: string, gazetteer: Gazetteer): Extraction {
  const index = indexesOf(gazetteer).actors;
  const analysis = analyse(text);
  const spans = findQuoteSpans(text);
  const runs = properNounRuns(text, analysis, index);
  const paragraphs = text.split('\n');
  const paragraphStarts: number[] = [];
  paragraphs.reduce((at, line) => (paragraphStarts.push(at), at + line.length + 1), 0);
  /** Headlines and subheads: the short paragraphs before the first paragraph of prose. */
  const firstProse = paragraphs.findIndex((line) => line.length >= 150 || /[.!?]["”’]?\s*$/.test(line.trim()));
  const isHeadline = (paragraph: number) => firstProse > 0 && paragraph < firstProse;
  // Not from a headline ("Cyclist Varga banned"): a headline's words before a name need not be its title.
  const fullNames = runs.filter((run) => run.tokenCount > 1 && !run.actor && suggestKind(run.name, false) === 'PERSON' && looksLikeActorName(run.name) && !isHeadline(paragraphOf(paragraphStarts, run.start)));

  /** The fullest name the text gives for a name (a surname alone → the full name used elsewhere). */
  const fullest = (name: string): string => {
    const last = normalizeName(name.split(/\s+/).pop() ?? name);
    const longer = fullNames.filter((run) => normalizeName(run.name.split(/\s+/).pop() ?? '') === last && run.name.length > name.length);
    const found = longer.sort((a, b) => b.name.length - a.name.length)[0]?.name;
    if (found || name.includes(' ')) return found ?? name;
    // A first name alone ("Dominik is devastated"): the one full name it begins, when only one does.
    const first = normalizeName(name);
    const begun = new Set(fullNames.filter((run) => normalizeName(run.name.split(/\s+/)[0] ?? '') === first && run.name.split(/\s+/).every((w) => !TITLE_WORDS.has(w.toLowerCase()))).map((run) => run.name));
    return begun.size === 1 ? ([...begun][0] ?? name) : name;
  };
  const isPerson = (name: string): boolean => {
    const actor = index.link(name);
    if (actor) return actor.kind === 'PERSON';
    return !isCountry(name) && suggestKind(fullest(name), !name.includes(' ')) === 'PERSON';
  };

  const owner = (name: string): string | null => {
    const actor = index.link(name);
    if (actor) return actor.name;
    return isCountry(name) ? (countryName(name) ?? name) : null;
  };
  const attributor = new Attributor(text, analysis, spans, isPerson, owner, (name) => index.lookup(name)?.name ?? null);
  const opensParagraph = (span: QuoteSpan) => text.slice(paragraphStarts[span.paragraph] ?? 0, span.openAt).trim() === '';
  /** Where the paragraph `back` paragraphs (non-empty) before the one holding `offset` starts. */
  const paragraphStart = (offset: number, back: number): number => {
    let p = paragraphStarts.findIndex((start, i) => start <= offset && (paragraphStarts[i + 1] ?? Infinity) > offset);
    for (let n = 0; n < back && p > 0; ) {
      p -= 1;
      if ((paragraphs[p] ?? '').trim() !== '') n += 1;
    }
    return paragraphStarts[p] ?? 0;
  };
  const paragraphHasSpeech = (span: QuoteSpan) => {
    const start = paragraphStarts[span.paragraph] ?? 0;
    const end = start + (paragraphs[span.paragraph] ?? '').length;
    return attributor.hasSpeechCueBetween(start, end);
  };

  const kept = spans.filter((span) => {
    const before = text.slice(Math.max(0, span.openAt - 40), span.openAt);
    const words = wordCount(text.slice(span.start, span.end));
    if (NAMING_BEFORE.test(before) || CALLED_BEFORE.test(before)) return false;
    const titleCase = text
      .slice(span.start, span.end)
      .split(/\s+/)
      .every((word) => /^[\p{Lu}\p{N}]/u.test(word));
    if (words >= 4 && !titleCase) return true;
    // A short full sentence quoted ("We should have.") in a paragraph that attributes speech.
    if (/^\p{Lu}/u.test(text.slice(span.start)) && /[.?!]$/.test(text.slice(span.start, span.end)) && !titleCase && paragraphHasSpeech(span)) return true;
    return attributor.hasSpeechCue(span.openAt, span.closeAt) && !(titleCase && words > 1);
  });

  const speakers: Array<Speaker | null> = [];
  const verbs: Array<number | null> = [];
  kept.forEach((span, qi) => {
    const previous = qi > 0 ? kept[qi - 1] : undefined;
    const next = kept[qi + 1];
    const openTok = attributor.tokenAt(span.openAt);
    const closeTok = attributor.tokenAt(span.closeAt);
    const sentOpen = attributor.sentenceOf(span.openAt);
    const sentClose = attributor.sentenceOf(span.closeAt);
    const nextOpen = next ? attributor.tokenAt(next.openAt) : Number.MAX_SAFE_INTEGER;

    // After the quotation: `"…," said X`, `"…," X said`, `"…," X — who … — told reporters`.
    let afterSpeaker: Speaker | null = null;
    let afterVerb: number | null = null;
    let a = closeTok + 1;
    // wink may end the sentence at a closing mark after "?" or "!": `"…?” she asked.` is then the next sentence.
    const following = analysis.tokens[closeTok + 1];
    const attributionAfter = sentClose.to === closeTok + 1 && following && following.pos !== 'SPACE' && /^\p{Ll}/u.test(following.value) ? attributor.sentenceOf(following.start).to : 0;
    const afterEnd = Math.min(Math.max(sentClose.to, closeTok + 2, attributionAfter), nextOpen, analysis.tokens.length);
    while (a < afterEnd && [',', '—', '–', '-'].includes(analysis.tokens[a]?.value ?? '')) a += 1;
    if (!span.continues) {
      for (let v = a; v < Math.min(afterEnd, a + 16); v += 1) {
        const value = analysis.tokens[v]?.value ?? '';
        if (['.', '?', '!', '“', '"', ';'].includes(value)) break;
        if (attributor.isSpeechVerbAfter(v, a)) {
          afterSpeaker = attributor.speakerOfVerb(v, a, afterEnd, 'said-after', 0.9);
          afterVerb = v;
          break;
        }
      }
    }
    const immediate = afterSpeaker !== null && afterVerb !== null && afterVerb - a <= 10;

    // Before it, in its sentence: `X said: "…"`, `X said the plan was "…"`, `"…," he said, "…"` (a split quotation).
    let beforeSpeaker: Speaker | null = null;
    let beforeVerb: number | null = null;
    const prevClose = previous ? attributor.tokenAt(previous.closeAt) : -1;
    const lo = Math.max(sentOpen.from, prevClose + 1);
    for (let v = openTok - 1; v >= lo; v -= 1) {
      if (!attributor.isSpeechVerb(v)) continue;
      beforeVerb = v;
      const prevIndex = qi - 1;
      if (previous && verbs[prevIndex] === v && speakers[prevIndex]) {
        const shared = speakers[prevIndex];
        if (shared) beforeSpeaker = { ...shared, rule: 'split-quote', confidence: Math.min(shared.confidence, 0.85) };
        break;
      }
      const verb = analysis.tokens[v];
      const participle = verb?.lower.endsWith('ing') && analysis.tokens[v - 1]?.value === ',';
      if (participle) {
        // ", adding that …": the subject of the sentence's earlier speech verb, or the previous quotation's speaker.
        for (let w = v - 1; w >= sentOpen.from; w -= 1) {
          if (!attributor.isSpeechVerb(w)) continue;
          const earlier = verbs.indexOf(w);
          const speaker = earlier >= 0 ? speakers[earlier] : attributor.speakerOfVerb(w, sentOpen.from, v, 'said-before', 0.85);
          if (speaker) beforeSpeaker = { ...speaker, rule: 'participle-continues', confidence: 0.8 };
          break;
        }
        // "Russia's foreign ministry went further, warning in a statement that …": the sentence's subject.
        if (!beforeSpeaker) beforeSpeaker = attributor.subjectOf(sentOpen.from, v, 'participle-subject', 0.75);
        if (beforeSpeaker) break;
      }
      beforeSpeaker = attributor.speakerOfVerb(v, lo, openTok, 'said-before', 0.85);
      break;
    }

    // `X was blunt: "…"`: a colon hands the quotation to the sentence's subject.
    if (!beforeSpeaker && !immediate && /:\s*$/.test(text.slice(Math.max(0, span.openAt - 3), span.openAt))) {
      beforeSpeaker = attributor.subjectOf(lo, openTok, 'colon-subject', 0.75);
    }

    // A quotation block after an introducing line ending in a colon ("Quote from Terje Aasland, Minister of Energy:").
    const introStart = paragraphStart(span.openAt, 1);
    const introduction = opensParagraph(span) ? text.slice(introStart, paragraphStarts[span.paragraph] ?? introStart).trim() : '';
    const introduced = introduction.endsWith(':') && !/["“”]/.test(introduction) ? runs.find((run) => run.start >= introStart && run.end <= introStart + introduction.length + 1 && run.name.includes(' ') && isPerson(run.name)) : undefined;

    let speaker: Speaker | null = null;
    let verb: number | null = null;
    if (immediate) [speaker, verb] = [afterSpeaker, afterVerb];
    else if (beforeSpeaker) [speaker, verb] = [beforeSpeaker, beforeVerb];
    else if (afterSpeaker) [speaker, verb] = [afterSpeaker, afterVerb];
    // `"…," it said` with no organisation to take "it" to: no speaker rather than the previous quotation's.
    else if (afterVerb !== null && afterVerb - a <= 2 && analysis.tokens[afterVerb - 1]?.pos === 'PRON') speaker = null;
    else if (introduced) speaker = { name: introduced.name, isDescription: false, span: { start: introduced.start, end: introduced.end }, rule: 'introduced-block', confidence: 0.7, roles: [] };
    else if (previous?.continues && previous.paragraph < span.paragraph && speakers[qi - 1]) {
      const shared = speakers[qi - 1];
      if (shared) speaker = { ...shared, rule: 'continues-paragraph', confidence: 0.8 };
    } else if (previous && speakers[qi - 1] && isNearby(text, previous, span)) {
      const shared = speakers[qi - 1];
      if (shared) speaker = { ...shared, rule: 'continues-previous', confidence: 0.6 };
    } else if (opensParagraph(span)) {
      // A quotation opening the paragraph after the one that introduced someone ("Germany's chancellor, Helmut Kessler, … positioned himself").
      speaker = attributor.lastSubjectBetween(paragraphStart(span.openAt, 1), span.openAt, 'previous-paragraph-subject', 0.6);
    } else {
      // A quotation with no verb after a sentence of reported speech in its paragraph ("X said the … . “…”"): that subject.
      const from = paragraphStart(span.openAt, 0);
      speaker = attributor.hasSpeechCueBetween(from, span.openAt) ? attributor.lastSubjectBetween(from, span.openAt, 'paragraph-subject', 0.6) : null;
    }
    // A partial quotation with no speech verb ("Marchenko, speaking at a conference, compared the process to “…”"): the
    // person the sentence opens with, when it names one.
    if (!speaker && !opensParagraph(span)) {
      const subject = attributor.subjectOf(sentOpen.from, openTok, 'sentence-subject', 0.5);
      // Not a dateline ("NAIROBI —"): a person's name is not written in capitals.
      if (subject && !subject.isDescription && isPerson(subject.name) && !/^[\p{Lu}\s.'-]+$/u.test(subject.name)) speaker = subject;
    }
    // No cue at all: the person a sentence just before it in its paragraph is about ("His campaign manager, Yves
    // Lamarck, was less gracious. “…”"), else the previous quotation's speaker when no one was named in between.
    const uncued = afterVerb === null && beforeVerb === null;
    if (!speaker && uncued && !opensParagraph(span)) {
      const from = Math.max(paragraphStart(span.openAt, 0), previous ? previous.closeAt + 1 : 0);
      const subject = attributor.lastSubjectBetween(from, span.openAt, 'preceding-subject', 0.5);
      if (subject && !subject.isDescription && !/^[\p{Lu}\s.'-]+$/u.test(subject.name)) speaker = subject;
    }
    if (!speaker && uncued && previous && speakers[qi - 1] && span.paragraph - previous.paragraph <= 2) {
      const named = attributor.lastSubjectBetween(previous.closeAt + 1, span.openAt, 'between', 0);
      const shared = speakers[qi - 1];
      if (!named && shared) speaker = { ...shared, rule: 'previous-speaker', confidence: 0.45 };
    }
    speakers.push(speaker);
    verbs.push(verb);
    // A quotation run over paragraphs whose attribution comes in a later paragraph: its first parts share it.
    if (speaker) {
      for (let back = qi - 1; back >= 0 && kept[back]?.continues && !speakers[back]; back -= 1) speakers[back] = { ...speaker, rule: 'continues-paragraph', confidence: 0.75 };
      attributor.remember(span.start, speaker);
    }
  });

  // A headline's quotation takes the speaker the body gives the same (or nearly the same) words to.
  kept.forEach((span, qi) => {
    if (!isHeadline(span.paragraph)) return;
    const words = comparable(text.slice(span.start, span.end));
    const match = kept.findIndex((other, oi) => oi !== qi && !isHeadline(other.paragraph) && speakers[oi] && (comparable(text.slice(other.start, other.end)).includes(words) || words.includes(comparable(text.slice(other.start, other.end)))));
    const body = match >= 0 ? speakers[match] : null;
    if (body) speakers[qi] = { ...body, rule: 'headline-from-body', confidence: Math.min(body.confidence, 0.7) };
  });

  const quotes: ExtractedQuote[] = kept.map((span, qi) => {
    let speaker = speakers[qi] ?? null;
    // "a retired teacher who gave only her first name, Monique": the name the description goes on to give.
    if (speaker?.isDescription) {
      const given = FIRST_NAME_AFTER.exec(text.slice(speaker.span.end, speaker.span.end + 120));
      if (given?.[1]) speaker = { ...speaker, name: given[1], isDescription: false, rule: `${speaker.rule}+first-name` };
    }
    const body = speaker ? attributor.stateBody(speaker.name, speaker.isDescription) : null;
    const linked = speaker ? ((speaker.isDescription ? undefined : index.link(speaker.name)) ?? (body ? index.lookup(body) : undefined)) : undefined;
    const name = speaker ? (body ?? (speaker.isDescription ? speaker.name : (linked?.name ?? fullest(speaker.name)))) : null;
    const words = text.slice(span.start, span.end);
    const count = wordCount(words);
    return {
      text: words,
      start: span.start,
      end: span.end,
      rule: span.continues ? 'quote-over-paragraphs' : count >= 4 ? 'quote-marks' : 'partial-quote-in-reported-speech',
      confidence: count >= 4 ? 0.95 : 0.75,
      speaker: name,
      speakerId: linked?.id ?? null,
      speakerNote: speaker?.isDescription && !body ? speaker.name : null,
      speakerSpan: speaker ? { text: text.slice(speaker.span.start, speaker.span.end), start: speaker.span.start, end: speaker.span.end } : null,
      speakerRule: speaker?.rule ?? null,
      speakerConfidence: speaker?.confidence ?? 0,
      partial: count <= 3 || /^\p{Ll}/u.test(words),
    };
  });

  // A body written as a name ("No 10", "the Interior Ministry") is its state.
  for (const run of runs) {
    const state = run.actor ? null : attributor.stateBody(run.name);
    if (state) run.actor = index.lookup(state);
  }
  const actors = collectActors(text, index, runs.filter((run) => !isFurnitureOrPlace(text, run, isHeadline(paragraphOf(paragraphStarts, run.start)))), fullest, quotes);
  const { topics, stances } = topicsAndStances(text, gazetteer, quotes, index);
  return { quotes, actors, topics, stances };
}

/** After a description: the only name it gives ("who gave only her first name, Monique"). */
const FIRST_NAME_AFTER = /^[^.!?\n"“”]{0,80}?\b(?:first|given|last) name(?: as)?,?\s+(\p{Lu}\p{Ll}+)\b/u;

/** Quoted words compared loosely: case, punctuation and spacing aside. */
function comparable(words: string): string {
  return words
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The next quotation continues the previous speaker when it follows in the same or the next paragraph. */
function isNearby(text: string, previous: QuoteSpan, span: QuoteSpan): boolean {
  if (previous.paragraph === span.paragraph) return true;
  const between = text.slice(previous.closeAt + 1, span.openAt);
  const paragraphs = between.split('\n').filter((line) => line.trim() !== '');
  // Only whitespace, or the rest of the previous quotation's paragraph, between them.
  return paragraphs.length <= 1 && span.openAt - previous.closeAt < 400 && text.slice(span.openAt - 2, span.openAt).includes('\n');
}

/** The paragraph holding an offset. */
function paragraphOf(starts: readonly number[], offset: number): number {
  let p = 0;
  while (p + 1 < starts.length && (starts[p + 1] ?? Infinity) <= offset) p += 1;
  return p;
}

/** Bylines, credits, share prompts, timestamps: lines that are page furniture, not article text. */
const FURNITURE_LINE = /^\s*(?:by\s+\p{Lu}|(?:photo|photograph|picture|image|map|graphic|video)s?\s*(?:credit)?\s*[:|]|posted\b|updated\b|published\b|share\b|related\b|read more\b|media contact\b|for immediate release\b|short url\b|.*\b(?:pool photo|getty images|via reuters|afp photo)\b)/iu;
/** Right before a name: it is only a place located in ("in Lyon", "from Texas", "near Oslo"). */
const PLACE_BEFORE = /(?:^|[\s(])(?:in|near|outside|across|throughout|around)\s+(?:the\s+)?$/iu;
/** "from Texas" is a place; "a quote from Terje Aasland" is a person: only a single word after "from". */
const FROM_BEFORE = /(?:^|[\s(])from\s+(?:the\s+)?$/iu;
/** Right before a name: an outlet or platform that only carries someone's words ("told the BBC", "posted on X"). */
const CARRIER_BEFORE = /\b(?:told|tells|telling|(?:said|says|wrote|writes|posted|posts|posting|spoke|speaking|speaks|appeared)\s+(?:on|to)|(?:interview|interviews)\s+with|(?:speaking|speaks|spoke)\s+to|(?:a\s+)?post\s+on|(?:broadcast|aired)\s+(?:on|by))\s+(?:the\s+)?(?:(?:broadcaster|channel|network|newspaper|agency|platform|site|station|radio)\s+)?$/iu;

/**
 * A run that names no actor: inside a headline (unknown names there come again in the body) or a furniture line, a
 * place only located in, or an outlet only carrying words. An organisation's name after "in"/"at" ("at the University
 * of Lyonne") is kept.
 */
function isFurnitureOrPlace(text: string, run: NameMention, headline: boolean): boolean {
  if (run.actor && !isCountry(run.name)) return CARRIER_BEFORE.test(text.slice(Math.max(0, run.start - 40), run.start));
  const lineStart = text.lastIndexOf('\n', run.start - 1) + 1;
  const line = text.slice(lineStart, text.indexOf('\n', run.start) < 0 ? text.length : text.indexOf('\n', run.start));
  if (FURNITURE_LINE.test(line)) return true;
  if (headline && !run.actor) return true;
  const before = text.slice(Math.max(lineStart, run.start - 40), run.start);
  if (CARRIER_BEFORE.test(before)) return true;
  if (run.actor) return false;
  const place = PLACE_BEFORE.test(before) || (FROM_BEFORE.test(before) && !run.name.includes(' '));
  return place && suggestKind(run.name, !run.name.includes(' ')) !== 'ORGANIZATION';
}

/**
 * A capitalised run that names a group of people, not an actor: a plural demonym or follower ("Ukrainians",
 * "Socialists"), a plural acronym ("Labour MPs"), or a plural word the text also writes as a common noun ("Judges …"
 * where "judges" occurs).
 */
function isGroupOfPeople(name: string, commonWords: ReadonlySet<string>): boolean {
  const last = name.split(/\s+/).pop() ?? '';
  if (/^\p{Lu}{2,}s$/u.test(last)) return true;
  if (!name.includes(' ') && /^\p{Lu}\p{Ll}+(?:ians|ans|ists)$/u.test(last)) return true;
  // One word only: "Northwind Ferries" is a company even where "ferries" occurs.
  return !name.includes(' ') && /^\p{Lu}\p{Ll}+s$/u.test(last) && commonWords.has(last.toLowerCase());
}

function collectActors(
  text: string,
  index: ActorIndex,
  runs: NameMention[],
  fullest: (name: string) => string,
  quotes: readonly ExtractedQuote[],
): ExtractedActor[] {
  const byKey = new Map<string, ExtractedActor>();
  const add = (key: string, actor: Omit<ExtractedActor, 'mentions'>, span: Span) => {
    const existing = byKey.get(key);
    if (existing) existing.mentions.push(span);
    else byKey.set(key, { ...actor, mentions: [span] });
  };
  const linked = [...gazetteerMentions(text, index), ...runs.filter((run) => run.actor)];
  const covered = (start: number, end: number) => linked.some((m) => m.start <= start && m.end >= end);
  for (const mention of linked) {
    const actor = mention.actor;
    if (!actor) continue;
    const exact = normalizeName(mention.name) === normalizeName(actor.name);
    add(actor.id, { name: actor.name, id: actor.id, kind: actor.kind, rule: exact ? 'gazetteer-name' : 'gazetteer-alias', confidence: exact ? 0.95 : 0.85 }, { text: text.slice(mention.start, mention.end), start: mention.start, end: mention.end });
  }
  const commonWords = new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}+s(?![\p{L}\p{N}])/gu) ?? []);
  const speakerNames = new Set(quotes.filter((q) => q.speaker && !q.speakerNote && !q.speakerId).map((q) => normalizeName(q.speaker ?? '')));
  for (const run of runs) {
    if (run.actor || covered(run.start, run.end)) continue;
    if (/^[\p{Lu}\s.-]+$/u.test(run.name) && run.name.length > 1 && !isCountry(run.name)) continue; // datelines, unknown acronyms
    if (!looksLikeActorName(run.name) || isGroupOfPeople(run.name, commonWords)) continue;
    const single = run.tokenCount === 1;
    const name = single ? fullest(run.name) : run.name;
    const kind: ActorKind | null = suggestKind(name, !name.includes(' '));
    if (!kind) continue;
    const key = normalizeName(name);
    if (single && name === run.name && !isCountry(name) && !run.acts && !speakerNames.has(key) && !byKey.has(key)) continue;
    add(key, { name, id: null, kind, rule: single ? 'proper-noun' : 'proper-noun-run', confidence: single ? 0.5 : 0.7 }, { text: text.slice(run.start, run.end), start: run.start, end: run.end });
  }
  return [...byKey.values()].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}

function topicsAndStances(text: string, gazetteer: Gazetteer, quotes: readonly ExtractedQuote[], index: ActorIndex): Pick<Extraction, 'topics' | 'stances'> {
  const topicIndex = indexesOf(gazetteer).topics;
  const paragraphs = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(preparePassage);
  const scores = new Map<string, number>();
  for (const paragraph of paragraphs) {
    for (const matcher of topicIndex.candidates(paragraph)) scores.set(matcher.topic.id, (scores.get(matcher.topic.id) ?? 0) + topicScore(matcher, paragraph));
  }
  const totals = [...scores]
    .map(([id, score]) => ({ id, score }))
    .filter((t) => t.score > 0)
    .sort((a, b) => b.score - a.score);
  const topics = totals.map((t) => ({ id: t.id, rule: 'topic-name-or-words', confidence: Math.min(0.9, 0.4 + 0.1 * t.score) }));
  const stances: ExtractedStance[] = [];
  quotes.forEach((quote, quoteIndex) => {
    // A stance is the speaker's own, stated in their words; an unnamed speaker holds no position in the graph.
    if (!quote.speaker || quote.speakerNote) return;
    const stance = stanceOf(quote.text);
    if (!stance) return;
    const lineStart = text.lastIndexOf('\n', quote.start) + 1;
    const words = preparePassage(quote.text);
    const context = preparePassage(text.slice(lineStart, quote.end));
    for (const matcher of topicIndex.candidates(context)) {
      if (topicScore(matcher, words) === 0 && topicScore(matcher, context) === 0) continue;
      stances.push({
        holder: quote.speaker,
        holderId: quote.speakerId ?? index.lookup(quote.speaker)?.id ?? null,
        topic: matcher.topic.id,
        stance: stance.stance,
        condition: stance.condition,
        evidence: quote.text,
        evidence_start: quote.start,
        evidence_end: quote.end,
        quoteIndex,
        rule: stance.rule,
        confidence: topicScore(matcher, words) > 0 ? 0.6 : 0.45,
      });
    }
  });
  return { topics, stances };
}
