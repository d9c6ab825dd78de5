/**
 * Finding a statement's words in its article. Typographic quotes and whitespace may differ between the
 * curated text and the article; nothing else may. Offsets are UTF-16 code units into the original text
 * (what JavaScript's String#slice and GraphQL strings count).
 */

const doubleQuotes = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const singleQuotes = /[\u2018\u2019\u201A\u201B\u2032]/g;

/** The curated form of a text: straight quotes, single spaces, trimmed. */
export function normalizeQuoted(value: string): string {
  return value.replace(doubleQuotes, '"').replace(singleQuotes, "'").replace(/\s+/g, ' ').trim();
}

interface Normalized {
  text: string;
  /** For each index of `text`, the index of the original character it came from. */
  origin: number[];
}

function normalizeWithOrigin(original: string): Normalized {
  let text = '';
  const origin: number[] = [];
  let inSpace = false;
  for (let index = 0; index < original.length; index++) {
    const char = original[index]!;
    if (/\s/.test(char)) {
      if (!inSpace) {
        text += ' ';
        origin.push(index);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    text += char.replace(doubleQuotes, '"').replace(singleQuotes, "'");
    origin.push(index);
  }
  return { text, origin };
}

export interface Span {
  start: number;
  end: number;
}

/** The n-th (1-based) occurrence of `words` in `source`, or undefined when absent. */
export function locate(source: string, words: string, occurrence = 1): Span | undefined {
  const needle = normalizeQuoted(words);
  if (needle.length === 0) return undefined;
  const haystack = normalizeWithOrigin(source);
  let from = 0;
  let found = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    found = haystack.text.indexOf(needle, from);
    if (found < 0) return undefined;
    from = found + 1;
  }
  const start = haystack.origin[found]!;
  const end = haystack.origin[found + needle.length - 1]! + 1;
  return { start, end };
}

const opening = new Set(['\u201C', '"', '\u00AB', '\u2018', "'"]);
const closing = new Set(['\u201D', '"', '\u00BB', '\u2019', "'"]);
const anyQuote = new Set([...opening, ...closing]);

/**
 * Whether a span lies inside quotation marks in its paragraph: the nearest quote mark before it opens a
 * quotation and the nearest after it closes one. Apostrophes inside words are not quote marks.
 */
export function isInsideQuotation(source: string, span: Span): boolean {
  const isMark = (index: number) => {
    const char = source[index]!;
    if (!anyQuote.has(char)) return false;
    if (char === "'" || char === '\u2019') {
      // An apostrophe between two letters (Russia's, don't) does not delimit a quotation.
      const before = source[index - 1] ?? ' ';
      const after = source[index + 1] ?? ' ';
      if (/\p{L}/u.test(before) && /\p{L}/u.test(after)) return false;
    }
    return true;
  };
  let before = span.start - 1;
  while (before >= 0 && source[before] !== '\n' && !isMark(before)) before--;
  let after = span.end;
  while (after < source.length && source[after] !== '\n' && !isMark(after)) after++;
  if (before < 0 || after >= source.length) return false;
  return opening.has(source[before]!) && closing.has(source[after]!);
}
