/**
 * Who said each quotation: a speech verb after the quote ("…," said X / X said), before it (X said: "…", X said the
 * plan was "…"), "according to X", a pronoun or "the official" taken back to whom it refers, a quotation split by its
 * attribution or run over paragraphs, and a quotation with no attribution continuing the previous speaker.
 * The noun phrases come from wink-nlp's parts of speech; the rules are ours.
 */
import type { Analysis, Token } from './nlp.js';
import { stripTitles, TITLE_WORDS } from './names.js';
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
    'describe described describing call calls called calling put'
  ).split(' '),
);
/** Forms that are speech verbs whatever tag they got. */
const ALWAYS_SPEECH = new Set(['said', 'says', 'told', 'added', 'insisted', 'warned', 'according']);
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'they']);
const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM']);
const POST_MODIFIERS = /^(familiar with|close to|involved in|briefed on|with knowledge of|with direct knowledge of|speaking on condition)/i;

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
}

export class Attributor {
  private readonly tokens: Token[];
  private readonly inQuote: boolean[];
  /** Earlier subjects (speakers and sentence subjects) in text order, for pronouns and "the official". */
  private readonly subjects: Array<{ at: number; speaker: Speaker }> = [];

  constructor(
    private readonly text: string,
    private readonly analysis: Analysis,
    quotes: readonly QuoteSpan[],
    private readonly isPerson: (name: string) => boolean,
  ) {
    this.tokens = analysis.tokens;
    this.inQuote = this.tokens.map((token) => quotes.some((q) => token.start >= q.openAt && token.start <= q.closeAt));
    this.collectSentenceSubjects();
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
    if (token.value === "'s" || token.value === '’s' || token.value === '-') return i > 0 && this.tok(i - 1)?.pos === 'PROPN';
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
    const token = this.tok(k);
    if (!token || k < lo) return null;
    if ([',', '—', '–', ')'].includes(token.value)) {
      const opener = token.value === ')' ? '(' : token.value;
      let j = k - 1;
      while (j >= lo && k - j < 30 && this.tok(j)?.value !== opener && !(opener === ',' && ['—', '–'].includes(this.tok(j)?.value ?? ''))) j -= 1;
      if (j < lo || k - j >= 30) return null;
      const before = this.coreBefore(j, lo);
      const apposition = this.coreBefore(k, j + 1);
      if (apposition && apposition.from === j + 1 && this.endsInName(apposition) && !(before && this.endsInName(before))) return apposition;
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
    if (first && first.pos === 'PRON' && PERSONAL_PRONOUNS.has(first.lower)) return { from: k, to: k + 1 };
    const from = k;
    // The speaker comes first: "said Amara Odhiambo of Climate Justice Africa" is Amara Odhiambo.
    while (k < hi && k - from < 12 && this.isNpToken(k) && !(['of', 'for'].includes(this.tok(k)?.lower ?? '') && this.tok(k - 1)?.pos === 'PROPN')) k += 1;
    return k > from ? { from, to: k } : null;
  }

  private endsInName(range: Range): boolean {
    return this.tok(range.to - 1)?.pos === 'PROPN';
  }

  /** What a noun phrase names: a pronoun resolved, a name with its titles stripped, or a description. */
  interpret(range: Range, rule: string, confidence: number): Speaker | null {
    const head = this.tok(range.to - 1);
    if (!head) return null;
    if (head.pos === 'PRON') {
      if (!PERSONAL_PRONOUNS.has(head.lower)) return null;
      const antecedent = this.antecedent(head.start, head.lower !== 'they');
      return antecedent ? { ...antecedent, rule: `${rule}+pronoun`, confidence: confidence - 0.1 } : null;
    }
    if (head.pos === 'PROPN') {
      let from = range.to - 1;
      while (from > range.from && this.tok(from - 1)?.pos === 'PROPN') from -= 1;
      const words = this.tokens.slice(from, range.to).map((t) => t.value);
      const name = stripTitles(words);
      const nameFrom = range.to - name.length;
      const roles = this.tokens
        .slice(range.from, nameFrom)
        .map((t) => t.lower.replace(/\.$/, ''))
        .filter((word) => TITLE_WORDS.has(word));
      const span = { start: this.tok(nameFrom)?.start ?? head.start, end: head.end };
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
    const description = this.text.slice(start, end);
    const first = this.tok(range.from);
    if (first && first.lower === 'the') {
      // "the official", "the minister": someone the text introduced before.
      const antecedent = this.subjects
        .filter((s) => s.at < start && (s.speaker.roles.includes(head.lower) || (s.speaker.isDescription && s.speaker.name.toLowerCase().includes(head.lower))))
        .pop();
      if (antecedent) return { ...antecedent.speaker, rule: `${rule}+definite`, confidence: confidence - 0.1 };
    }
    return { name: description, isDescription: true, span: { start, end }, rule, confidence: confidence - 0.05, roles: [head.lower] };
  }

  private antecedent(before: number, personOnly: boolean): Speaker | undefined {
    for (let i = this.subjects.length - 1; i >= 0; i -= 1) {
      const subject = this.subjects[i];
      if (!subject || subject.at >= before) continue;
      if (!personOnly || subject.speaker.isDescription || this.isPerson(subject.speaker.name)) return subject.speaker;
    }
    return undefined;
  }

  remember(at: number, speaker: Speaker): void {
    this.subjects.push({ at, speaker });
    this.subjects.sort((a, b) => a.at - b.at);
  }

  /** Subjects of sentences (a person named before the first verb) and of speech verbs outside quotations. */
  private collectSentenceSubjects(): void {
    for (const sentence of this.analysis.sentences) {
      for (let i = sentence.firstToken; i < sentence.endToken; i += 1) {
        const token = this.tok(i);
        if (!token || this.inQuote[i]) continue;
        if (token.pos === 'VERB') {
          const np = this.npBefore(i, sentence.firstToken);
          const speaker = np && this.tok(np.to - 1)?.pos !== 'PRON' ? this.interpret(np, 'subject', 0.5) : null;
          if (speaker && (speaker.isDescription ? this.isSpeechVerb(i) : true)) this.remember(speaker.span.start, speaker);
          break;
        }
      }
      for (let i = sentence.firstToken; i < sentence.endToken; i += 1) {
        if (!this.isSpeechVerb(i) || this.tok(i)?.lower === 'according') continue;
        const np = this.npBefore(i, sentence.firstToken);
        const speaker = np && this.tok(np.to - 1)?.pos !== 'PRON' ? this.interpret(np, 'subject', 0.5) : null;
        if (speaker) this.remember(speaker.span.start, speaker);
      }
    }
  }

  /** The speaker of the verb at `v` (found on either side of it) within [lo, hi). */
  speakerOfVerb(v: number, lo: number, hi: number, rule: string, confidence: number): Speaker | null {
    const token = this.tok(v);
    if (!token) return null;
    if (token.lower === 'according') {
      const np = this.npAfter(v + 2, hi);
      return np ? this.interpret(np, 'according-to', confidence) : null;
    }
    const before = v > lo ? this.npBefore(v, lo) : null;
    if (before) return this.interpret(before, rule, confidence);
    const after = this.npAfter(v + 1, hi);
    return after ? this.interpret(after, `${rule}-inverted`, confidence) : null;
  }

  /** The sentence's token range around a character offset. */
  sentenceOf(offset: number): Range {
    const sentence = this.analysis.sentences[this.tok(this.tokenAt(offset))?.sentence ?? 0];
    return sentence ? { from: sentence.firstToken, to: sentence.endToken } : { from: 0, to: this.tokens.length };
  }
}
