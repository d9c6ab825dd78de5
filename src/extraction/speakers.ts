/**
 * Who said each quotation: a speech verb after the quote ("…," said X / X said), before it (X said: "…", X said the
 * plan was "…"), "according to X", a pronoun or "the official" taken back to whom it refers, a quotation split by its
 * attribution or run over paragraphs, and a quotation with no attribution continuing the previous speaker.
 * The noun phrases come from wink-nlp's parts of speech; the rules are ours.
 */
import type { Analysis, Token } from './nlp.js';
import { isCountry, stripTitles, TITLE_WORDS } from './names.js';
import type { QuoteSpan } from './quotes.js';

const SPEECH_VERBS = new Set(
  (
    'say says said saying tell tells told telling add adds added adding warn warns warned warning insist insists insisted insisting ' +
    'claim claims claimed state states stated declare declares declared announce announces announced note notes noted noting ' +
    'explain explains explained explaining argue argues argued arguing stress stresses stressed stressing emphasise emphasised ' +
    'emphasize emphasized write writes wrote reply replies replied respond responds responded answer answered ask asks asked ' +
    'tweet tweeted post posted acknowledge acknowledged admit admits admitted suggest suggested urge urges urged vow vows vowed ' +
    'pledge pledged promise promised predict predicted recall recalled continue continued conclude concluded comment commented ' +
    'remark remarked observe observed deny denied confirm confirms confirmed repeat repeated reiterate reiterated quip quipped ' +
    'describe described describing call calls called calling put accuse accuses accused accusing dismiss dismissed criticise ' +
    'criticised criticize criticized shrug shrugged concede concedes conceded counter countered complain complained ' +
    'shout shouted retort retorted caution cautioned contend contended assert asserted allege alleged ' +
    'lament lamented boast boasted joke joked protest protested plead pleaded'
  ).split(' '),
);
/** Forms that are speech verbs whatever tag they got. */
const ALWAYS_SPEECH = new Set(['said', 'says', 'told', 'added', 'insisted', 'insists', 'warned', 'according', 'admits', 'argues', 'acknowledged', 'wrote', 'asked', 'posted', 'tweeted']);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'they']);
const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM']);
const POST_MODIFIERS = /^(familiar with|close to|involved in|briefed on|with knowledge of|with direct knowledge of)/i;
/** Heads of descriptions that are an institution speaking for its state or organisation ("Ukraine's foreign ministry"). */
const INSTITUTION_WORDS = new Set(['ministry', 'office', 'presidency', 'government', 'embassy', 'administration', 'cabinet', 'department', 'mission', 'statement', 'communique', 'communiqué']);
/** Institutions only a state has, owned by the dateline's state when the text names no owner. */
const STATE_INSTITUTIONS = new Set(['ministry', 'presidency', 'government', 'cabinet']);
/** Demonyms that no suffix rule reaches. */
const DEMONYMS: Record<string, string> = { american: 'United States', british: 'United Kingdom', french: 'France', dutch: 'Netherlands', swiss: 'Switzerland', greek: 'Greece', irish: 'Ireland', danish: 'Denmark', swedish: 'Sweden', finnish: 'Finland', spanish: 'Spain', turkish: 'Turkey' };
/** Role words a definite description ("the minister") can take back to a person introduced with them. */
/** Speech verbs whose object is someone else ("accused the union of", "urged the council to"). */
const OBJECT_VERBS = new Set(['accuse', 'accuses', 'accused', 'urge', 'urges', 'urged', 'call', 'calls', 'called', 'criticise', 'criticised', 'criticize', 'criticized', 'dismiss', 'dismissed', 'describe', 'described']);
/** After a description's head, a place it is in: capitalised words, maybe one noun before the attribution goes on. */
const PLACE_PHRASE = /^ (?:in|at|from) (?:the )?\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*)*(?: \p{Ll}+(?=[,.;:]| (?:said|told|who|added|says)\b))?/u;
/** Heads of a definite description naming an organisation by its proper noun ("the CGT union"). */
const ORGANISATION_HEADS = new Set(['union', 'party', 'group', 'company', 'association', 'federation', 'confederation', 'alliance', 'coalition', 'movement', 'bank', 'firm', 'club', 'league', 'agency', 'foundation', 'charity', 'council', 'operator', 'airline', 'retailer', 'carmaker', 'insurer', 'lender']);
/** Heads of bodies besides ORGANISATION_HEADS that "the <head> said" takes back to a body named with that word. */
const INSTITUTION_HEADS = new Set(['court', 'tribunal', 'university', 'college', 'commission', 'committee', 'board', 'authority', 'regulator', 'institute', 'assembly', 'parliament', 'senate', 'panel', 'federation', 'agency', 'bank', 'council', 'party', 'union']);

/**
 * The last name in `before` holding the capitalised head noun ("the court" → "Court of Arbitration for Sport", "the
 * central bank" → "Reserve Bank of Valdonia"), without a leading "The"; one regular expression over the text before.
 */
export function namedWithHead(before: string, head: string): { name: string; at: number } | null {
  const word = "\\p{Lu}[\\p{L}'’-]*";
  const cap = head.charAt(0).toUpperCase() + head.slice(1);
  const pattern = new RegExp(`(?<![\\p{L}])(?:${word} +(?:(?:of|for|and|de|&) +)*)*${cap}(?: +(?:(?:of|for|de|the|&) +)*${word})*(?![\\p{L}])`, 'gu');
  let last: RegExpExecArray | null = null;
  for (const match of before.matchAll(pattern)) last = match;
  if (!last) return null;
  const name = last[0].replace(/^(?:The|A|An)\s+/, '');
  // The bare head word ("Court" at a sentence's start) names nothing.
  return name.includes(' ') ? { name, at: last.index + last[0].length - name.length } : null;
}

/** Lower-case particles inside a name ("Consortium Stade de France", "Ursula von der Leyen"). */
const NAME_PARTICLES = new Set(['de', 'du', 'des', 'da', 'dos', 'do', 'del', 'della', 'di', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'al']);
/** Seats of government written for their state ("Downing Street said", "the Elysee said"), by the state's name. */
const SEATS: Array<[RegExp, string]> = [
  [/Downing Street/, 'United Kingdom'],
  [/N(?:o\.?|umber) 10/, 'United Kingdom'],
  [/Foreign Office/, 'United Kingdom'],
  [/Elys[eé]e(?: Palace)?/, 'France'],
  [/White House/, 'United States'],
  [/State Department/, 'United States'],
  [/Pentagon/, 'United States'],
  [/Kremlin/, 'Russia'],
  [/Bundeskanzleramt|Chancellery/, 'Germany'],
];
/** The state a seat of government stands for, when the phrase is one ("the Elysee" → France). */
export function seatState(phrase: string): string | undefined {
  const whole = phrase.replace(/^the\s+/i, '');
  return SEATS.find(([pattern]) => new RegExp(`^(?:${pattern.source})$`).test(whole))?.[1];
}
const SEAT_AT_END = new RegExp(`(?:${SEATS.map(([pattern]) => pattern.source).join('|')})$`);
const SEAT_AFTER = new RegExp(`^ (?:from|by|of) (?:the )?(${SEATS.map(([pattern]) => pattern.source).join('|')})(?![\\p{L}])`, 'u');
/** Capitals a dateline may give instead of its country ("PARIS (Reuters) -"). */
const CAPITALS: Record<string, string> = {
  paris: 'France', london: 'United Kingdom', washington: 'United States', berlin: 'Germany', moscow: 'Russia', kyiv: 'Ukraine', kiev: 'Ukraine',
  rome: 'Italy', madrid: 'Spain', lisbon: 'Portugal', brussels: 'Belgium', amsterdam: 'Netherlands', vienna: 'Austria', warsaw: 'Poland',
  prague: 'Czechia', budapest: 'Hungary', bucharest: 'Romania', sofia: 'Bulgaria', athens: 'Greece', ankara: 'Turkey', dublin: 'Ireland',
  stockholm: 'Sweden', oslo: 'Norway', helsinki: 'Finland', copenhagen: 'Denmark', tallinn: 'Estonia', riga: 'Latvia', vilnius: 'Lithuania',
  chisinau: 'Moldova', minsk: 'Belarus', tbilisi: 'Georgia', beijing: 'China', tokyo: 'Japan', seoul: 'South Korea', delhi: 'India',
  'new delhi': 'India', ottawa: 'Canada', canberra: 'Australia', tehran: 'Iran', jerusalem: 'Israel', cairo: 'Egypt', nairobi: 'Kenya',
  pretoria: 'South Africa', brasilia: 'Brazil', 'mexico city': 'Mexico', 'buenos aires': 'Argentina', bern: 'Switzerland',
};
const ROLE_STOP = new Set(['the', 'a', 'an', 'of', 'for', 'and', 'former', 'senior', 'top', 'high', 'special', 'acting', 'national', 'state', 'foreign', 'deputy']);

export interface Speaker {
  /** A name as the text gives it (titles stripped), or a description ("a senior NATO official"). */
  name: string;
  isDescription: boolean;
  span: { start: number; end: number };
  rule: string;
  confidence: number;
  /** Head noun or title words (lowercase), to take "the minister" back to "Foreign Minister Teodor Halvik". */
  roles: string[];
}

interface Range {
  from: number;
  to: number;
  /** A description's last token when it runs past its head ("a diplomat who was in the room"). */
  through?: number;
  /** Role words an appositive gave the name ("Yuri Ushakov, Putin's foreign policy aide"). */
  roles?: string[];
}

/**
 * Maps a name or a demonym to the actor it stands for (a gazetteer actor or a country), canonical name, or null.
 */
export type OwnerResolver = (name: string) => string | null;

export class Attributor {
  private readonly tokens: Token[];
  private readonly inQuote: boolean[];
  /** Earlier subjects (speakers and sentence subjects) in text order, for pronouns and "the official". */
  private readonly subjects: Array<{ at: number; speaker: Speaker }> = [];
  private readonly commonWords = new Map<string, boolean>();
  /** The state an article's dateline names ("PARIS (Reuters) -", "KYIV —"), the owner of an unowned ministry. */
  private readonly dateline: string | null;

  constructor(
    private readonly text: string,
    private readonly analysis: Analysis,
    quotes: readonly QuoteSpan[],
    private readonly isPerson: (name: string) => boolean,
    private readonly owner: OwnerResolver = () => null,
    /** Names only the gazetteer holds (no country list): a seat of government speaks for its state only then. */
    private readonly known: OwnerResolver = () => null,
  ) {
    this.tokens = analysis.tokens;
    this.dateline = this.datelineState();
    this.inQuote = this.tokens.map((token) => quotes.some((q) => token.start >= q.openAt && token.start <= q.closeAt));
    this.collectSentenceSubjects();
  }

  private datelineState(): string | null {
    // At the start of one of the first paragraphs (a headline may come before it).
    const opening = this.text.split('\n').filter((line) => line.trim() !== '').slice(0, 3).join('\n');
    const match = /^\s*(\p{Lu}[\p{Lu} .'’-]*\p{Lu})(?:,[^\n—–(]{1,40})?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[—–-]\s/mu.exec(opening);
    if (!match?.[1]) return null;
    const place = match[1].toLowerCase().replace(/(^|[\s-])\p{Ll}/gu, (c) => c.toUpperCase());
    const capital = CAPITALS[place.toLowerCase()];
    return this.owner(place) ?? (capital ? (this.owner(capital) ?? capital) : null);
  }

  /** The state a seat of government ending at `end` (or named in `phrase`) stands for, when the gazetteer holds it. */
  private seat(phrase: string): string | null {
    const state = SEATS.find(([pattern]) => pattern.test(phrase))?.[1];
    return state ? this.known(state) : null;
  }

  tokenAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.tokens[mid]?.end ?? 0) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private tok(i: number): Token | undefined {
    return this.tokens[i];
  }

  isSpeechVerb(i: number): boolean {
    const token = this.tok(i);
    if (!token || this.inQuote[i]) return false;
    if (token.lower === 'according') return this.tok(i + 1)?.lower === 'to';
    return ALWAYS_SPEECH.has(token.lower) || (SPEECH_VERBS.has(token.lower) && (token.pos === 'VERB' || token.pos === 'AUX'));
  }

  /** A speech verb just after a quotation and a name or pronoun (`"…," Lie insists`), whatever its tag. */
  isSpeechVerbAfter(v: number, from: number): boolean {
    if (this.isSpeechVerb(v)) return true;
    const token = this.tok(v);
    if (!token || this.inQuote[v] || !SPEECH_VERBS.has(token.lower) || v - from > 4 || v === from) return false;
    return this.tokens.slice(from, v).every((t) => /^\p{Lu}/u.test(t.value) || PERSONAL_PRONOUNS.has(t.lower));
  }

  /** Whether [start, end) has a speech verb outside quotations. */
  hasSpeechCueBetween(start: number, end: number): boolean {
    for (let i = this.tokenAt(start); i < this.tokens.length && (this.tok(i)?.start ?? end) < end; i += 1) if (this.isSpeechVerb(i)) return true;
    return false;
  }

  /** The subject the sentence opens with, before token `limit`, as a speaker. */
  subjectOf(lo: number, limit: number, rule: string, confidence: number): Speaker | null {
    const sentence = this.analysis.sentences[this.tok(lo)?.sentence ?? 0];
    const range = this.sentenceSubject(Math.max(lo, sentence?.firstToken ?? lo), limit);
    if (!range) return null;
    const head = this.tok(range.to - 1);
    if (head?.pos === 'PRON') return this.interpret(range, rule, confidence);
    return this.interpret(range, rule, confidence);
  }

  /** The last person or description remembered as a subject in [from, to). */
  lastSubjectBetween(from: number, to: number, rule: string, confidence: number): Speaker | null {
    const found = this.subjects.filter((s) => s.at >= from && s.at < to && (s.speaker.isDescription || this.isPerson(s.speaker.name))).pop();
    return found ? { ...found.speaker, rule, confidence } : null;
  }

  /** Whether the sentence holding `offset` has a speech verb outside quotations (a partial quote's reported speech). */
  hasSpeechCue(openAt: number, closeAt: number): boolean {
    const first = this.tokenAt(openAt);
    const sentence = this.analysis.sentences[this.tok(first)?.sentence ?? 0];
    const last = this.tokenAt(closeAt);
    const lastSentence = this.analysis.sentences[this.tok(last)?.sentence ?? 0];
    if (!sentence || !lastSentence) return false;
    for (let i = sentence.firstToken; i < Math.min(lastSentence.endToken, last + 8); i += 1) if (this.isSpeechVerb(i)) return true;
    return false;
  }

  private isNpToken(i: number): boolean {
    const token = this.tok(i);
    if (!token || this.inQuote[i]) return false;
    if (NP_POS.has(token.pos)) return true;
    if (token.value === '-') return i > 0 && this.tok(i - 1)?.pos === 'PROPN';
    // "Poland's prime minister", "the group's chair", "the council's statement".
    if (token.value === "'s" || token.value === '’s') return i > 0 && ['PROPN', 'NOUN'].includes(this.tok(i - 1)?.pos ?? '') && NP_POS.has(this.tok(i + 1)?.pos ?? '');
    // "the three countries’ foreign ministers": a plural possessive.
    if ((token.value === '’' || token.value === "'") && /s$/i.test(this.tok(i - 1)?.value ?? '') && this.tok(i - 1)?.end === token.start) return NP_POS.has(this.tok(i + 1)?.pos ?? '');
    if (token.lower === 'of' || token.lower === 'for') return NP_POS.has(this.tok(i - 1)?.pos ?? '') && NP_POS.has(this.tok(i + 1)?.pos ?? '');
    return false;
  }

  /** The noun phrase ending just before token `end` (exclusive), not reaching below `lo`. */
  private coreBefore(end: number, lo: number): Range | null {
    let k = end - 1;
    const last = this.tok(k);
    if (last && k >= lo && last.pos === 'PRON' && !this.inQuote[k]) return { from: k, to: k + 1 };
    const to = k + 1;
    while (k >= lo && to - k <= 12 && this.isNpToken(k)) {
      if (this.tok(k)?.pos === 'DET') {
        // "a spokesman for the presidency", "a member of the delegation": the phrase goes on before the preposition.
        const preposition = this.tok(k - 1)?.lower ?? '';
        if (['of', 'for', 'at', 'from'].includes(preposition) && k - 2 >= lo && ['NOUN'].includes(this.tok(k - 2)?.pos ?? '') && !this.inQuote[k - 2]) {
          k -= 2;
          continue;
        }
        k -= 1;
        break;
      }
      k -= 1;
    }
    return k + 1 < to ? { from: k + 1, to } : null;
  }

  /** The subject of the speech verb at `v`: skips adverbs and auxiliaries, and looks past an appositive or a dash clause. */
  npBefore(v: number, lo: number): Range | null {
    let k = v - 1;
    while (k >= lo && ['ADV', 'AUX', 'SPACE'].includes(this.tok(k)?.pos ?? '') && this.tok(k)?.lower !== 'who') k -= 1;
    let token = this.tok(k);
    if (!token || k < lo) return null;
    // "Donald Trump, who has warned that": the subject is before the relative pronoun.
    if (token.lower === 'who' && this.tok(k - 1)?.value === ',') {
      const named = this.coreBefore(k - 1, lo);
      if (named && this.endsInName(named)) return named;
    }
    // "conceded defeat but warned", "has called … and said": the sentence's subject.
    if (['and', 'but'].includes(token.lower)) {
      const subject = this.sentenceSubject(lo, k);
      if (subject) return subject;
    }
    token = this.tok(k);
    if (!token) return null;
    if ([',', '—', '–', ')'].includes(token.value)) {
      const opener = token.value === ')' ? '(' : token.value;
      let j = k - 1;
      while (j >= lo && k - j < 30 && this.tok(j)?.value !== opener && !(opener === ',' && ['—', '–'].includes(this.tok(j)?.value ?? ''))) j -= 1;
      if (j < lo || k - j >= 30) return null;
      // "Adam Szłapka, Poland's minister …, who will chair the meetings, said": the relative clause is skipped.
      if (opener === ',' && ['who', 'which'].includes(this.tok(j + 1)?.lower ?? '') && this.tok(j - 1)?.pos !== 'PUNCT') {
        const outer = this.npBefore(j + 1, lo);
        if (outer) return outer;
      }
      let before = this.coreBefore(j, lo);
      // "Jane Porter, 54, a nurse, said": an age in apposition is skipped.
      if (before && this.tokens.slice(before.from, before.to).every((t) => t.pos === 'NUM') && this.tok(before.from - 1)?.value === ',') before = this.coreBefore(before.from - 1, lo);
      const apposition = this.coreBefore(k, j + 1);
      if (apposition && apposition.from === j + 1 && this.endsInName(apposition) && !(before && this.endsInPersonName(before)) && (!before || !this.endsInName(before) || this.namesPerson(apposition))) {
        return before ? { ...apposition, roles: this.roleWords(before) } : apposition;
      }
      if (before && apposition && this.endsInPersonName(before) && !this.endsInName(apposition)) return { ...before, roles: this.roleWords(apposition) };
      return before;
    }
    const core = this.withPostModifier(this.coreBefore(k + 1, lo), lo);
    // "a diplomat who was in the room said": the subject is before "who"; the description runs to the verb.
    if (core && this.tok(core.from - 1)?.pos !== 'PUNCT') {
      for (let w = core.from - 1; w >= lo && core.from - w < 10; w -= 1) {
        const word = this.tok(w);
        if (!word || word.pos === 'PUNCT' || this.inQuote[w]) break;
        if (word.lower !== 'who') continue;
        const subject = this.coreBefore(w, lo);
        if (subject && this.tok(subject.to - 1)?.pos === 'NOUN') return { ...subject, through: k };
        break;
      }
    }
    return core;
  }

  /** The role words of a description ("Putin's foreign policy aide" → aide, policy; "the Latvian foreign minister" → minister). */
  private roleWords(range: Range): string[] {
    const head = this.tok(range.to - 1);
    const words = this.tokens.slice(range.from, range.to).filter((t) => t.pos === 'NOUN' || TITLE_WORDS.has(t.lower));
    return [...new Set([...(head && head.pos === 'NOUN' ? [head.lower] : []), ...words.map((t) => t.lower)])].filter((w) => !ROLE_STOP.has(w));
  }

  /**
   * The subject at the start of the sentence from `lo` (a name, maybe with titles, or a description), if the phrase
   * there ends before `limit`: "Opposition leader Fiona Grant was having none of it: …".
   */
  sentenceSubject(lo: number, limit: number): Range | null {
    let k = lo;
    while (k < limit && ['SPACE', 'PUNCT'].includes(this.tok(k)?.pos ?? '') && !this.inQuote[k]) k += 1;
    // A leading adverbial ("Outside the town hall, …", "In Washington, …") is not the subject.
    for (let c = k; c < Math.min(limit, k + 8); c += 1) {
      if (this.tok(c)?.value === ',' && ['ADP', 'SCONJ', 'ADV'].includes(this.tok(k)?.pos ?? '')) {
        k = c + 1;
        break;
      }
    }
    const from = k;
    while (k < limit && this.isNpToken(k)) k += 1;
    if (k === from) return null;
    const range: Range = { from, to: k };
    if (this.tok(k)?.value === ',') {
      // "Kristaps Ozols, the Latvian foreign minister, …" / "Estonia's prime minister, Liis Tamm, …"
      let j = k + 1;
      while (j < limit && this.isNpToken(j)) j += 1;
      if (j > k + 1 && this.tok(j)?.value === ',') {
        const second: Range = { from: k + 1, to: j };
        if (this.endsInPersonName(range) && !this.endsInName(second)) return { ...range, roles: this.roleWords(second) };
        // "The stadium's operator, Consortium Stade de France, …"; "Solvik Energy's Chief Financial Officer, Ola Brekke, …".
        if (!this.endsInName(range) && this.endsInName(second)) return { ...second, roles: this.roleWords(range) };
        if (!this.endsInPersonName(range) && this.endsInName(second) && this.namesPerson(second)) return { ...second, roles: this.roleWords(range) };
      }
    }
    return range;
  }

  /** "a diplomat familiar with the discussions said": the head is the diplomat, not the discussions. */
  private withPostModifier(core: Range | null, lo: number): Range | null {
    if (!core) return core;
    const start = this.tok(core.from)?.start ?? 0;
    const before = this.text.slice(Math.max(0, start - 40), start);
    const match = /(familiar with|close to|involved in|briefed on|with (?:direct )?knowledge of)\s*$/i.exec(before);
    if (!match) return core;
    const modifierStart = this.tokenAt(start - match[0].length);
    const head = this.coreBefore(modifierStart, lo);
    return head ?? core;
  }

  /** The noun phrase starting at `start` ("said Karl Enquist, a spokesman…", "according to a senior official"). */
  npAfter(start: number, hi: number): Range | null {
    let k = start;
    while (k < hi && this.tok(k)?.pos === 'SPACE') k += 1;
    const first = this.tok(k);
    if (first && first.pos === 'PRON' && (PERSONAL_PRONOUNS.has(first.lower) || first.lower === 'it')) return { from: k, to: k + 1 };
    const from = k;
    // The speaker comes first: "said Amara Odhiambo of Climate Justice Africa" is Amara Odhiambo.
    // "said the President of France, Emmanuel Macron": "of" after a title goes on.
    const afterTitle = (i: number): boolean => TITLE_WORDS.has(this.tok(i - 1)?.lower ?? '') && !['of', 'for', 'the', 'a', 'an', 'and'].includes(this.tok(i - 1)?.lower ?? '');
    while (k < hi && k - from < 12 && this.isNpToken(k) && !(['of', 'for'].includes(this.tok(k)?.lower ?? '') && this.tok(k - 1)?.pos === 'PROPN' && !afterTitle(k))) k += 1;
    if (k === from) return null;
    const range: Range = { from, to: k };
    // "said the group's chair, Tom Reilly": the name in apposition is the speaker.
    const titleOf = this.tokens.slice(from, k).some((t, i) => ['of', 'for'].includes(t.lower) && afterTitle(from + i)) && !this.namesPerson(range);
    if ((!this.endsInName(range) || titleOf) && this.tok(k)?.value === ',') {
      let j = k + 1;
      while (j < hi && this.tok(j)?.pos === 'PROPN') j += 1;
      const end = this.tok(j);
      if (j > k + 1 && (!end || ['.', ',', ';', '“', '"', '\n'].includes(end.value) || end.pos === 'SPACE' || end.pos === 'PUNCT')) return { from: k + 1, to: j, roles: this.roleWords(range) };
    }
    return range;
  }

  private endsInName(range: Range): boolean {
    return this.tok(range.to - 1)?.pos === 'PROPN';
  }

  /** Ends in a name that is not a capitalised title ("Solvik Energy's Chief Financial Officer" does not). */
  private endsInPersonName(range: Range): boolean {
    return this.endsInName(range) && !TITLE_WORDS.has(this.tok(range.to - 1)?.lower ?? '') && this.namesPerson(range);
  }

  /** Whether the proper nouns ending a range name a person ("Tim McPhie", not "the European Commission"). */
  private namesPerson(range: Range): boolean {
    let from = range.to - 1;
    while (from > range.from && this.tok(from - 1)?.pos === 'PROPN') from -= 1;
    // "the mayor of London", "the President of France": the name after a title's "of" is a place or a body.
    if (['of', 'for'].includes(this.tok(from - 1)?.lower ?? '') && TITLE_WORDS.has(this.tok(from - 2)?.lower ?? '') && !['of', 'for', 'the', 'a', 'an', 'and'].includes(this.tok(from - 2)?.lower ?? '')) return false;
    const name = stripTitles(this.tokens.slice(from, range.to).map((t) => t.value));
    return name.length > 0 && this.isPerson(name.join(' '));
  }

  /** What a noun phrase names: a pronoun resolved, a name with its titles stripped, or a description. */
  interpret(range: Range, rule: string, confidence: number): Speaker | null {
    const head = this.tok(range.to - 1);
    if (!head) return null;
    // "Downing Street said", "the Elysee said", "a statement from the White House": the seat speaks for its state.
    const seatName = SEAT_AT_END.exec(this.text.slice(Math.max(0, head.end - 40), head.end))?.[0] ?? (INSTITUTION_WORDS.has(head.lower) ? SEAT_AFTER.exec(this.text.slice(head.end, head.end + 60))?.[1] : undefined);
    // Not "a spokesperson for the Foreign Office": a person speaking for the seat is a description.
    const seatStart = seatName && !INSTITUTION_WORDS.has(head.lower) ? head.end - seatName.length : Infinity;
    const personBefore = this.tokens.slice(range.from, range.to).some((t) => t.start < seatStart && t.pos === 'NOUN' && !INSTITUTION_WORDS.has(t.lower));
    const seatState = seatName && !personBefore ? this.seat(seatName) : null;
    if (seatState) {
      const span = { start: this.tok(range.from)?.start ?? head.start, end: head.end };
      return { name: seatState, isDescription: false, span, rule: `${rule}+seat`, confidence: confidence - 0.1, roles: [head.lower] };
    }
    if (head.pos === 'PRON') {
      // "…," it said: the organisation, state or institution last the subject.
      if (head.lower === 'it') {
        // Only as far back as the sentence before: "it" does not reach over other subjects' paragraphs.
        const previousSentence = this.analysis.sentences[Math.max(0, head.sentence - 1)]?.start ?? 0;
        const thing = this.subjects.filter((s) => s.at < head.start && s.at >= previousSentence && !s.speaker.isDescription && !this.isPerson(s.speaker.name)).pop();
        return thing ? { ...thing.speaker, rule: `${rule}+it`, confidence: confidence - 0.15 } : null;
      }
      if (!PERSONAL_PRONOUNS.has(head.lower)) return null;
      const antecedent = this.antecedent(head.start, head.lower !== 'they');
      return antecedent ? { ...antecedent, rule: `${rule}+pronoun`, confidence: confidence - 0.1 } : null;
    }
    if (head.pos === 'PROPN' || (rule === 'said-after' && /^\p{Lu}/u.test(head.value) && this.tokens.slice(range.from, range.to).every((t) => /^\p{Lu}/u.test(t.value)))) {
      let from = range.to - 1;
      // Particles, "of" and hyphens join the parts of one name: "Stade de France", "Confederation of British Industry", "Newton-Smith".
      const joins = (k: number): boolean => this.tok(k - 1)?.pos === 'PROPN' && (NAME_PARTICLES.has(this.tok(k)?.value ?? '') || ['of', 'for'].includes(this.tok(k)?.value ?? '') || (this.tok(k)?.value === '-' && this.tok(k)?.start === this.tok(k - 1)?.end && this.tok(k)?.end === this.tok(k + 1)?.start));
      while (from > range.from && (this.tok(from - 1)?.pos === 'PROPN' || head.pos !== 'PROPN' || joins(from - 1))) from -= 1;
      // "the 7th Air Assault Corps": an ordinal before a unit's name is part of it.
      if (from > range.from && /^\d+(?:st|nd|rd|th)$/.test(this.tok(from - 1)?.value ?? '')) from -= 1;
      // "Rain Newton-Smith" with "Rain" tagged a noun: a capitalised word right before a one-word surname is its first name.
      const first = this.tok(from - 1);
      const surname = this.tokens.slice(from, range.to).every((t, i) => i === 0 || t.start === this.tok(from + i - 1)?.end);
      if (head.pos === 'PROPN' && first && from > range.from && surname && ['NOUN', 'ADJ', 'VERB'].includes(first.pos) && /^\p{Lu}\p{Ll}+$/u.test(first.value) && !TITLE_WORDS.has(first.lower) && !this.demonymOwner(first.value) && first.end + 1 === this.tok(from)?.start && first.sentence === head.sentence && this.analysis.sentences[first.sentence]?.firstToken !== from - 1) from -= 1;
      // A name the tokenizer split inside a word ("Szłapka" → "Sz", "ł", "apka"): the whole word.
      while (from > range.from && this.tok(from - 1)?.end === this.tok(from)?.start && /^\p{L}+$/u.test(this.tok(from - 1)?.value ?? '')) from -= 1;
      // "Washington and Kyiv announced": words jointly attributed are the text's words for them.
      const joint = this.jointNames(from, this.analysis.sentences[head.sentence]?.firstToken ?? range.from);
      if (joint !== null) {
        const span = { start: this.tok(joint)?.start ?? head.start, end: head.end };
        return { name: this.text.slice(span.start, span.end), isDescription: true, span, rule: `${rule}+joint`, confidence: confidence - 0.1, roles: [] };
      }
      let to = range.to;
      // "Sarah Doyle MP", "Tom Reeve QC": a post-nominal is not part of the name.
      if (to - from > 2 && /^(?:MP|MEP|MSP|MS|AM|QC|KC|OBE|MBE|CBE)$/.test(this.tok(to - 1)?.value ?? '')) to -= 1;
      const words = this.tokens.slice(from, to).map((t) => t.value);
      let name = stripTitles(words);
      // "Confederation of British Industry": "of" after a word that is not a title ("Secretary of State") stays in the name.
      const cutAt = words.length - name.length - 1;
      if (['of', 'for'].includes(words[cutAt] ?? '') && cutAt > 0 && !TITLE_WORDS.has((words[cutAt - 1] ?? '').toLowerCase())) name = [...stripTitles(words.slice(0, cutAt)), ...words.slice(cutAt)];
      const nameFrom = to - name.length;
      const roles = this.tokens
        .slice(range.from, nameFrom)
        .map((t) => t.lower.replace(/\.$/, ''))
        .filter((word) => TITLE_WORDS.has(word))
        .concat(range.roles ?? []);
      const span = { start: this.tok(nameFrom)?.start ?? head.start, end: this.tok(to - 1)?.end ?? head.end };
      return { name: this.text.slice(span.start, span.end), isDescription: false, span, rule, confidence, roles };
    }
    // A description: "a senior European Commission official", "officials", "the minister".
    const start = this.tok(range.from)?.start ?? head.start;
    let end = range.through !== undefined ? (this.tok(range.through)?.end ?? head.end) : head.end;
    const rest = this.text.slice(end).replace(/^,?\s*/, '');
    if (POST_MODIFIERS.test(rest)) {
      const clause = /^[^,.;:"“”]*?(?=\s+(said|told|added|says|warned)\b|[,.;:"“”]|$)/.exec(rest);
      if (clause) end = this.text.indexOf(clause[0], end) + clause[0].length;
    }
    // "a travel agent in Madrid", "a commuter at Saint-Lazare station": a place phrase is part of the description.
    const place = range.through === undefined ? PLACE_PHRASE.exec(this.text.slice(end)) : null;
    if (place) end += place[0].length;
    // "the CGT union", "the Green Workers party": an organisation named by its proper noun.
    const words = this.tokens.slice(range.from, range.to);
    const proper = words.slice(1, -1);
    if (words[0]?.pos === 'DET' && ORGANISATION_HEADS.has(head.lower) && proper.length > 0 && proper.every((t) => t.pos === 'PROPN') && (proper.length > 1 || /^\p{Lu}{2,}$/u.test(proper[0]?.value ?? ''))) {
      const span = { start: proper[0]?.start ?? start, end: proper[proper.length - 1]?.end ?? end };
      return { name: this.text.slice(span.start, span.end), isDescription: false, span, rule: `${rule}+organisation`, confidence: confidence - 0.1, roles: [head.lower] };
    }
    const description = this.text.slice(start, end);
    const first = this.tok(range.from);
    const institution = this.institution(range, rule, confidence);
    if (institution) return institution;
    if (first && first.lower === 'the' && range.to - range.from <= 3 && range.through === undefined) {
      // "the official", "the minister": someone the text introduced before, a named person with that role first.
      const antecedent = this.definite(head.lower, start);
      if (antecedent) return { ...antecedent, rule: `${rule}+definite`, confidence: confidence - 0.1 };
      // "Acme Holdings cut 200 jobs. The company said …": the organisation last named as a subject shortly before.
      // "the court said", "the central bank said": the organisation last named with that head noun in its name ...
      const middle = this.tokens.slice(range.from + 1, range.to - 1);
      const withHead = (ORGANISATION_HEADS.has(head.lower) || INSTITUTION_HEADS.has(head.lower)) && middle.every((t) => /^\p{Ll}/u.test(t.value)) ? namedWithHead(this.text.slice(0, start), head.lower) : null;
      // ... or, nearer, "Acme Holdings cut 200 jobs. The company said …": the organisation last named as a subject shortly before.
      if (range.to - range.from === 2 && ORGANISATION_HEADS.has(head.lower)) {
        const named = this.subjects.filter((s) => s.at < start && s.at >= start - 600 && !s.speaker.isDescription && !this.isPerson(s.speaker.name) && !isCountry(s.speaker.name)).pop();
        if (named && (!withHead || (named.at > withHead.at && named.speaker.name.toLowerCase().split(/\s+/).includes(head.lower)))) return { ...named.speaker, span: { start, end }, rule: `${rule}+definite-organisation`, confidence: confidence - 0.2 };
      }
      if (withHead) return { name: withHead.name, isDescription: false, span: { start, end }, rule: `${rule}+named-organisation`, confidence: confidence - 0.2, roles: [head.lower] };
    }
    return { name: description, isDescription: true, span: { start, end }, rule, confidence: confidence - 0.05, roles: [head.lower] };
  }

  /** The last earlier subject a definite description ("the minister", "the council") refers to. */
  private definite(head: string, before: number): Speaker | undefined {
    const earlier = this.subjects.filter((s) => s.at < before);
    const named = earlier.filter((s) => !s.speaker.isDescription && (s.speaker.roles.includes(head) || s.speaker.name.toLowerCase().split(/\s+/).includes(head))).pop();
    const described = earlier.filter((s) => s.speaker.isDescription && s.speaker.name.toLowerCase().split(/\s+/).includes(head)).pop();
    if (named && described) return named.at > described.at ? named.speaker : described.speaker;
    return (named ?? described)?.speaker;
  }

  /** The first token of "A and B" (both names) ending at the name starting at `from`, or null. */
  private jointNames(from: number, lo: number): number | null {
    if (this.tok(from - 1)?.lower !== 'and' || from - 2 < lo || this.tok(from - 2)?.pos !== 'PROPN') return null;
    let k = from - 2;
    while (k > lo && this.tok(k - 1)?.pos === 'PROPN') k -= 1;
    return k;
  }

  /**
   * An institution speaking for its state or organisation: "Ukraine's foreign ministry", "a White House statement",
   * "the Russian foreign ministry", "the council's statement" (the council named before).
   */
  private institution(range: Range, rule: string, confidence: number): Speaker | null {
    const head = this.tok(range.to - 1);
    if (!head || !INSTITUTION_WORDS.has(head.lower)) return null;
    const words = this.tokens.slice(range.from, range.to - 1);
    const at = { start: this.tok(range.from)?.start ?? head.start, end: head.end };
    const make = (name: string, rolesExtra: string[]): Speaker => ({ name, isDescription: false, span: at, rule: `${rule}+institution`, confidence: confidence - 0.1, roles: [head.lower, ...rolesExtra] });
    // A proper-noun modifier: "Ukraine's", "White House", "Kremlin".
    const proper = words.filter((t) => t.pos === 'PROPN').map((t) => t.value);
    for (let n = proper.length; n >= 1; n -= 1) {
      for (let i = 0; i + n <= proper.length; i += 1) {
        const owner = this.owner(proper.slice(i, i + n).join(' '));
        if (owner) return make(owner, words.filter((t) => t.pos === 'NOUN').map((t) => t.lower));
      }
    }
    for (const word of words) {
      const owner = this.demonymOwner(word.value);
      if (owner) return make(owner, []);
    }
    // "the council's statement", "the ministry": the organisation or state named before.
    const possessor = words.findIndex((t) => t.value === '’s' || t.value === "'s");
    const noun = possessor > 0 ? words[possessor - 1]?.lower : range.to - range.from <= 3 && this.tok(range.from)?.lower === 'the' ? head.lower : undefined;
    if (noun) {
      const found = this.definite(noun, at.start);
      const antecedent = found ? { speaker: found } : undefined;
      // "PARIS (Reuters) - … The interior ministry told AFP": another ministry described before is not its owner; the dateline's state is.
      const dated = !!this.dateline && antecedent?.speaker.isDescription === true && STATE_INSTITUTIONS.has(head.lower);
      if (antecedent && !dated && !this.isPerson(antecedent.speaker.name)) return { ...antecedent.speaker, span: at, rule: `${rule}+institution`, confidence: confidence - 0.15 };
    }
    // A state's own ministry, unowned, is the dateline's state's.
    if (this.dateline && possessor < 0 && STATE_INSTITUTIONS.has(head.lower) && this.tok(range.from)?.lower === 'the') return { ...make(this.dateline, words.filter((t) => t.pos === 'NOUN').map((t) => t.lower)), rule: `${rule}+dateline`, confidence: confidence - 0.2 };
    return null;
  }

  /** "Russian" → Russia, "Ukrainian" → Ukraine, "Chinese" → China, when the result is a known actor or country. */
  /**
   * The state a body written as a name stands for: a seat ("No 10", "the Kremlin"), or a ministry ("the Interior
   * Ministry", "Ministry of Defence") owned by its country adjective ("Russian Foreign Ministry") or, with none, by the
   * dateline's state. Null when the name is neither, or the owner is unknown; a seat only when `seats` and the
   * gazetteer holds its state (a name the attribution kept apart, "a spokesperson for the Foreign Office", stays).
   */
  stateBody(name: string, seats = true): string | null {
    const whole = name.replace(/^the\s+/i, '');
    const seat = seats ? seatState(whole) : undefined;
    if (seat) return this.known(seat);
    if (!/^(?:\p{Lu}[\p{L}-]+ ){1,3}Ministry$|^Ministry (?:of|for) \p{Lu}/u.test(whole)) return null;
    for (const word of whole.split(/\s+/)) {
      const owner = this.owner(word) ?? this.demonymOwner(word);
      if (owner) return owner;
    }
    return this.dateline;
  }

  private demonymOwner(word: string): string | null {
    if (!/^\p{Lu}\p{Ll}{3,}$/u.test(word)) return null;
    const lower = word.toLowerCase();
    const fixed = DEMONYMS[lower];
    if (fixed) return this.owner(fixed) ?? fixed;
    for (const [suffix, endings] of [['ian', ['ia', 'e', 'y', 'a']], ['ean', ['ea', 'e']], ['ese', ['a', '']], ['ish', ['and', 'ey']], ['an', ['a', 'y', '']], ['n', ['']], ['i', ['']]] as const) {
      if (!lower.endsWith(suffix)) continue;
      const stem = word.slice(0, word.length - suffix.length);
      for (const ending of endings) {
        const owner = this.owner(stem + ending);
        if (owner) return owner;
      }
    }
    return null;
  }

  private antecedent(before: number, personOnly: boolean): Speaker | undefined {
    for (let i = this.subjects.length - 1; i >= 0; i -= 1) {
      const subject = this.subjects[i];
      if (!subject || subject.at >= before) continue;
      if (!personOnly || subject.speaker.isDescription || (this.isPerson(subject.speaker.name) && !this.isCommonWord(subject.speaker.name))) return subject.speaker;
    }
    return undefined;
  }

  /** A lone capitalised word the text also writes in lower case ("Patients, he said, …" after "patients who drive"). */
  private isCommonWord(name: string): boolean {
    if (/\s/.test(name)) return false;
    const known = this.commonWords.get(name);
    if (known !== undefined) return known;
    const lower = name.toLowerCase();
    const common = lower !== name && new RegExp(`(?<![\\p{L}])${lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(this.text);
    this.commonWords.set(name, common);
    return common;
  }

  remember(at: number, speaker: Speaker): void {
    this.subjects.push({ at, speaker });
    this.subjects.sort((a, b) => a.at - b.at);
  }

  /** Subjects of sentences (a person named before the first verb) and of speech verbs outside quotations. */
  private collectSentenceSubjects(): void {
    for (const sentence of this.analysis.sentences) {
      let firstVerb = -1;
      for (let i = sentence.firstToken; i < sentence.endToken; i += 1) {
        const token = this.tok(i);
        if (!token || this.inQuote[i]) continue;
        // "… was less gracious": a copula is the sentence's verb too.
        // "His campaign manager, Yves Lamarck, was less gracious": a copula's subject, when it names someone.
        if (token.pos === 'AUX' && i > sentence.firstToken && !['VERB', 'AUX'].includes(this.tok(i + 1)?.pos ?? '')) {
          const np = this.npBefore(i, sentence.firstToken);
          const speaker = np && this.tok(np.to - 1)?.pos !== 'PRON' ? this.interpret(np, 'subject', 0.5) : null;
          if (speaker && !speaker.isDescription && speaker.name.includes(' ') && this.isPerson(speaker.name)) {
            this.remember(speaker.span.start, speaker);
            firstVerb = i;
            break;
          }
        }
        if (token.pos === 'VERB') {
          firstVerb = i;
          const np = this.npBefore(i, sentence.firstToken);
          const speaker = np && this.tok(np.to - 1)?.pos !== 'PRON' ? this.interpret(np, 'subject', 0.5) : null;
          if (speaker && (speaker.isDescription ? this.isSpeechVerb(i) || this.isRole(speaker) : true)) this.remember(speaker.span.start, speaker);
          break;
        }
      }
      // "Ukrainian Foreign Minister Andrii Sybiha, who attended …, was blunter": the name the sentence opens with.
      if (firstVerb > sentence.firstToken) {
        const opening = this.sentenceSubject(sentence.firstToken, firstVerb);
        const speaker = opening && this.endsInName(opening) ? this.interpret(opening, 'subject', 0.5) : null;
        if (speaker && !this.subjects.some((s) => s.at === speaker.span.start)) this.remember(speaker.span.start, speaker);
      }
      for (let i = sentence.firstToken; i < sentence.endToken; i += 1) {
        if (this.tok(i)?.lower === 'according' && this.isSpeechVerb(i)) {
          const np = this.npAfter(i + 2, sentence.endToken);
          // "according to a diplomat who was in the room": the description runs to the clause's end.
          if (np && this.tok(np.to)?.lower === 'who') {
            let end = np.to;
            while (end + 1 < sentence.endToken && this.tok(end + 1)?.pos !== 'PUNCT') end += 1;
            np.through = end;
          }
          const speaker = np ? this.interpret(np, 'subject', 0.5) : null;
          if (speaker) this.remember(speaker.span.start, speaker);
          continue;
        }
        if (!this.isSpeechVerb(i)) continue;
        const np = this.npBefore(i, sentence.firstToken);
        const pronoun = np ? this.tok(np.to - 1) : undefined;
        // "She said the association would …": remembered as whom "she" is, at the pronoun.
        const speaker = np && pronoun?.pos !== 'PRON' ? this.interpret(np, 'subject', 0.5) : np && PERSONAL_PRONOUNS.has(pronoun?.lower ?? '') ? this.interpret(np, 'subject', 0.45) : null;
        if (speaker) this.remember(pronoun?.pos === 'PRON' ? pronoun.start : speaker.span.start, speaker);
      }
    }
  }

  /** A description whose head is a person's role ("a senior NATO official"), worth taking "the official" back to. */
  private isRole(speaker: Speaker): boolean {
    const head = speaker.roles[0] ?? '';
    return TITLE_WORDS.has(head) && !ROLE_STOP.has(head);
  }

  /** The speaker of the verb at `v` (found on either side of it) within [lo, hi). */
  speakerOfVerb(v: number, lo: number, hi: number, rule: string, confidence: number): Speaker | null {
    const token = this.tok(v);
    if (!token) return null;
    if (token.lower === 'according') {
      const np = this.npAfter(v + 2, hi);
      return np ? this.interpret(np, 'according-to', confidence) : null;
    }
    // "… and accused the union of “…”": the object of accuse, urge or call is not the speaker; the sentence's subject is.
    if (OBJECT_VERBS.has(token.lower) && v > lo && ['and', 'but'].includes(this.tok(v - 1)?.lower ?? '')) {
      const sentence = this.sentenceOf(token.start);
      const subject = this.sentenceSubject(sentence.from, v);
      return subject ? this.interpret(subject, `${rule}-subject`, confidence - 0.1) : null;
    }
    const before = v > lo ? this.npBefore(v, lo) : null;
    if (before) return this.interpret(before, rule, confidence);
    // `"…," Lie insists`: capitalised words between the quotation and its verb are a name whatever their tags.
    if (rule === 'said-after' && v > lo && v - lo <= 4 && this.tokens.slice(lo, v).every((t) => /^\p{Lu}/u.test(t.value) && !this.inQuote[this.tokenAt(t.start)])) {
      return this.interpret({ from: lo, to: v }, rule, confidence);
    }
    // The speaker follows the verb only right after the quotation (`"…," said X`), not in `"…" and said the changes`.
    if (rule === 'said-after' && v > lo) return null;
    const after = this.npAfter(v + 1, hi);
    return after ? this.interpret(after, `${rule}-inverted`, confidence) : null;
  }

  /** The sentence's token range around a character offset. */
  sentenceOf(offset: number): Range {
    const sentence = this.analysis.sentences[this.tok(this.tokenAt(offset))?.sentence ?? 0];
    return sentence ? { from: sentence.firstToken, to: sentence.endToken } : { from: 0, to: this.tokens.length };
  }
}
