/**
 * Turning a user's words into a safe Lucene query for Neo4j's full-text index: every Lucene operator and
 * special character is removed, and each word also matches as a prefix (and, when long, with one typo).
 * A query with no word is refused.
 */
const special = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** The query's words, lowercased, with every Lucene special character gone (at most 32). */
function luceneWords(input: string): string[] {
  return input
    .normalize('NFKC')
    .toLowerCase() // lowercase also disarms the AND/OR/NOT operators
    .split(/\s+/)
    .map((word) => word.replace(special, ' ').trim())
    .flatMap((word) => word.split(/\s+/))
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, 32);
}

export function toLuceneQuery(input: string): string | null {
  const words = luceneWords(input);
  if (words.length === 0) return null;
  // Prefixes catch inflections (negotiat -> negotiations); one edit of fuzziness on longer words catches
  // transliterations (Zelenskyy -> Zelensky, Andriy -> Andrii) that aliases may not list.
  return words
    .map((word) => (word.length >= 5 ? `(${word} OR ${word}* OR ${word}~1)` : word.length >= 3 ? `(${word} OR ${word}*)` : word))
    .join(' ');
}

/**
 * The query's words as one phrase in a name or an alias: the nodes that may be named exactly so (./exact.ts decides).
 * The index's analyzer folds case and accents and drops punctuation, so "us 28 point" finds "US 28-point".
 */
export function toLuceneNamePhrase(input: string): string | null {
  const words = luceneWords(input);
  if (words.length === 0) return null;
  const phrase = `"${words.join(' ')}"`;
  return `name:${phrase} OR aliases:${phrase}`;
}
