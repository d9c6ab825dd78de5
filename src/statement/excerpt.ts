/** The sentence(s) around a cited span, so a reader sees the words in context without the whole article. */
const sentenceEnd = /[.!?\n]/;

export function contextAround(text: string, start: number, end: number, maxExtra = 300): string {
  let from = start;
  const floor = Math.max(0, start - maxExtra);
  while (from > floor && !(sentenceEnd.test(text[from - 1]!) && /\s/.test(text[from] ?? ' '))) from--;
  let to = end;
  const ceiling = Math.min(text.length, end + maxExtra);
  while (to < ceiling && !sentenceEnd.test(text[to]!)) to++;
  if (to < text.length && text[to] !== '\n') to++;
  // Keep a closing quotation mark that belongs to the sentence.
  while (to < text.length && /[”"’']/.test(text[to]!)) to++;
  return text.slice(from, to).trim();
}
