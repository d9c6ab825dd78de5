/**
 * Issue tagging and stance suggestions. A stance is suggested only from a quotation with a speaker (what an actor
 * says, never the author's analysis), it is the speaker's (never the stance of whoever the speaker talks about), and
 * only where the quotation states one with a cue word about a topic it names.
 */
import type { Stance } from '../vocabulary.js';
import type { KnownTopic, Provenance } from './model.js';
import { normalizeName } from './names.js';

const STOP_WORDS = new Set(
  'a an the of to for in on and or with by from at about between end ukraine ukraine’s ukraine\'s russia russian war its their his her'.split(' '),
);

export interface TopicMatcher {
  topic: KnownTopic;
  phrases: string[];
  /** Content words of the topic's name: most of them in one sentence tag it. */
  words: string[];
}

/** A topic name's alternatives: "Ceasefire / truce" is "ceasefire" or "truce"; a parenthesis is another name. */
function alternatives(name: string): string[] {
  const parts = name.split(/\s*[/(),]\s*/).filter((part) => part.trim().length > 3);
  return parts.length > 1 ? [name, ...parts] : [name];
}

export function topicMatchers(topics: readonly KnownTopic[]): TopicMatcher[] {
  return topics.map((topic) => ({
    topic,
    phrases: [...alternatives(topic.name), ...topic.aliases].map(normalizeName).filter((p) => p.length > 2),
    words: normalizeName(topic.name)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 3 && !STOP_WORDS.has(w)),
  }));
}

function stem(word: string): string {
  return word.replace(/(ies|es|s|ing|ed)$/, '');
}

/**
 * The topics a passage may be about, found through the words they share with it (an inverted index by word stem), so
 * a passage is scored against a handful of topics, not against every topic of the graph.
 */
export class TopicIndex {
  private readonly byStem = new Map<string, TopicMatcher[]>();

  constructor(readonly matchers: readonly TopicMatcher[]) {
    for (const matcher of matchers) {
      const stems = new Set(matcher.words.map(stem));
      for (const phrase of matcher.phrases) {
        const words = phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        const content = words.filter((word) => !STOP_WORDS.has(word));
        for (const word of content.length > 0 ? content : words) stems.add(stem(word));
      }
      for (const key of stems) {
        const list = this.byStem.get(key);
        if (list) list.push(matcher);
        else this.byStem.set(key, [matcher]);
      }
    }
  }

  /** The topics sharing a word with the passage (each once): only these can score above 0. */
  candidates(passage: Passage): TopicMatcher[] {
    const found = new Set<TopicMatcher>();
    for (const key of passage.stems) for (const matcher of this.byStem.get(key) ?? []) found.add(matcher);
    return [...found];
  }
}

/** A passage normalised once, however many topics it is scored against. */
export interface Passage {
  normal: string;
  stems: ReadonlySet<string>;
}

export function preparePassage(passage: string): Passage {
  const normal = normalizeName(passage);
  return { normal, stems: new Set(normal.split(/[^\p{L}\p{N}]+/u).map(stem)) };
}

/** How strongly a passage is about a topic (0 = not at all): its name or alias, or most of its name's words. */
export function topicScore(matcher: TopicMatcher, passage: Passage): number {
  const { normal, stems: present } = passage;
  if (matcher.phrases.some((phrase) => normal.includes(phrase))) return 1;
  if (matcher.words.length === 0) return 0;
  const hits = matcher.words.filter((w) => present.has(stem(w))).length;
  const needed = Math.max(2, Math.ceil(matcher.words.length * 0.6));
  return hits >= needed ? hits / matcher.words.length : 0;
}

const CONDITIONAL = /\b(only if|provided that|as long as|on condition that|if and only if|unless|in exchange for|subject to)\b/i;
const SUPPORTS = /\b(support|supports|supported|back|backs|welcome|welcomes|welcomed|endorse|endorses|in favou?r of|ready to|committed to|agree with|will sign|want|wants|need|needs|must have|call for|calls for)\b/i;
const OPPOSES = /\b(oppose|opposes|opposed|reject|rejects|rejected|unacceptable|against|never accept|will not accept|won't accept|cannot accept|can't accept|refuse|refuses|no way|out of the question|red line)\b/i;
const NEGATION = /\b(not|never|no|don't|doesn't|won't|cannot|can't|isn't|aren't)\b/i;

/** The stance a passage states, if any; negation before a support cue turns it to opposition. */
export function stanceOf(passage: string): { stance: Stance; condition: string | null; rule: string } | null {
  const condition = CONDITIONAL.exec(passage);
  const support = SUPPORTS.exec(passage);
  const oppose = OPPOSES.exec(passage);
  if (condition && (support || oppose || /\b(will|would|can|could)\b/i.test(passage))) {
    return { stance: 'CONDITIONAL', condition: passage.slice(condition.index).replace(/[.,;]+$/, ''), rule: 'stance-conditional-cue' };
  }
  if (oppose && (!support || oppose.index <= support.index)) {
    const before = passage.slice(Math.max(0, oppose.index - 25), oppose.index);
    // "not unacceptable" is rare enough; "not against" is a weak support, left unsuggested.
    return NEGATION.test(before) ? null : { stance: 'OPPOSES', condition: null, rule: 'stance-oppose-cue' };
  }
  if (support) {
    const before = passage.slice(Math.max(0, support.index - 25), support.index);
    return NEGATION.test(before) ? { stance: 'OPPOSES', condition: null, rule: 'stance-negated-support-cue' } : { stance: 'SUPPORTS', condition: null, rule: 'stance-support-cue' };
  }
  return null;
}

export type TopicHit = { id: string } & Provenance;
