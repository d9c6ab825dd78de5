/**
 * Quotation spans: the words between one pair of quotation marks (straight or curly, double, or single where they
 * cannot be apostrophes), one per paragraph for a quotation running over paragraphs, without scare quotes.
 * Works on characters, not tokens: quotation marks are typography, and offsets must be exact.
 */

export interface QuoteSpan {
  /** Offsets of the words inside the marks (trimmed, trailing comma dropped). */
  start: number;
  end: number;
  /** Offsets of the marks themselves (`openAt` is the opening mark; `closeAt` the closing one, or the paragraph end). */
  openAt: number;
  closeAt: number;
  /** The quotation continues in the next paragraph (no closing mark here). */
  continues: boolean;
  /** Paragraph index (a paragraph is a line). */
  paragraph: number;
}

const DOUBLE_OPEN = new Set(['“', '„', '«']);
const DOUBLE_CLOSE = new Set(['”', '»', '"']);
const SINGLE_OPEN = new Set(['‘', "'"]);
const SINGLE_CLOSE = new Set(['’', "'"]);
const OPENING_CONTEXT = /[\s([{—–\-:/]/;
const LETTER = /\p{L}|\p{N}/u;

/** Straight marks open after a space, a bracket or a dash, or at the start of a paragraph. */
function opensAt(line: string, i: number): boolean {
  return i === 0 || OPENING_CONTEXT.test(line[i - 1] ?? ' ');
}

interface RawQuote {
  open: number;
  close: number | null;
}

/** Pairs the marks of one line. Nested quotes (single inside double) stay part of the outer quotation. */
function pairMarks(line: string): RawQuote[] {
  const found: RawQuote[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i] ?? '';
    if (DOUBLE_OPEN.has(ch) || (ch === '"' && opensAt(line, i))) {
      let j = i + 1;
      while (j < line.length && !DOUBLE_CLOSE.has(line[j] ?? '')) j += 1;
      if (j < line.length) {
        found.push({ open: i, close: j });
        i = j + 1;
      } else {
        found.push({ open: i, close: null });
        i = line.length;
      }
      continue;
    }
    if ((ch === '‘' || ch === "'") && opensAt(line, i) && LETTER.test(line[i + 1] ?? '')) {
      // A single mark closes where it is followed by no letter (unlike the apostrophe of "don’t" or "Shippers' Association" + letter).
      let j = i + 1;
      let close = -1;
      while (j < line.length) {
        const c = line[j] ?? '';
        if (DOUBLE_OPEN.has(c)) break;
        if (SINGLE_CLOSE.has(c) && !LETTER.test(line[j + 1] ?? '') && !/\s/.test(line[j - 1] ?? ' ') && line[j - 1] !== 's') {
          close = j;
          break;
        }
        j += 1;
      }
      if (close > 0) {
        found.push({ open: i, close });
        i = close + 1;
        continue;
      }
    }
    i += 1;
  }
  return found;
}

/** Trims whitespace and a trailing comma (the attribution replaces it) from [start, end). */
function trimSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s += 1;
  while (e > s && /[\s,]/.test(text[e - 1] ?? '')) e -= 1;
  return [s, e];
}

export function wordCount(words: string): number {
  return words.split(/\s+/).filter((word) => LETTER.test(word)).length;
}

/** Candidate spans; the scare-quote filter (which needs the words around) is the caller's. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  const lines: Array<{ start: number; text: string }> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: at, text: line });
    at += line.length + 1;
  }
  lines.forEach((line, paragraph) => {
    for (const raw of pairMarks(line.text)) {
      let continues = false;
      if (raw.close === null) {
        // An opening mark left open at a paragraph's end continues only if the next paragraph opens one again.
        const next = lines.slice(paragraph + 1).find((l) => l.text.trim() !== '');
        const opener = next?.text.trimStart()[0] ?? '';
        if (!(DOUBLE_OPEN.has(opener) || opener === '"')) continue;
        continues = true;
      }
      const openAt = line.start + raw.open;
      const closeAt = line.start + (raw.close ?? line.text.length);
      const [start, end] = trimSpan(text, openAt + 1, closeAt);
      if (end <= start || !LETTER.test(text.slice(start, end))) continue;
      spans.push({ start, end, openAt, closeAt, continues, paragraph });
    }
  });
  return spans;
}
