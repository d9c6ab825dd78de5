/**
 * An article's text, as it is stored: HTML reduced to its article (Mozilla Readability over linkedom's DOM), line
 * endings made \n, and refused with a reason when it cannot be an English article (empty, binary, another script).
 * Offsets of citations and candidates point into the text this returns, so it is computed once, before storing.
 */
import { createHash } from 'node:crypto';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** Why a text was refused, for a BAD_USER_INPUT naming `field`. */
export class ArticleRefused extends Error {
  constructor(
    readonly field: 'text' | 'html',
    message: string,
  ) {
    super(message);
  }
}

/** Elements whose text is a paragraph of its own. */
const blocks = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'DD', 'DT', 'TD', 'TH', 'DIV', 'SECTION', 'ARTICLE', 'UL', 'OL', 'TABLE', 'TR', 'FIGURE', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN']);
const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** The paragraphs of an element: each block's own text, whitespace collapsed, inline runs between blocks kept. */
function paragraphs(root: DomNode): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    const paragraph = run.replace(/\s+/g, ' ').trim();
    if (paragraph) out.push(paragraph);
    run = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      run += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 || skipped.has(node.nodeName)) return;
    if (node.nodeName === 'BR') {
      flush();
      return;
    }
    const block = blocks.has(node.nodeName);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}

/** Under this many characters, what Readability kept is a menu or a caption, not an article. */
const minimumArticle = 140;

/** The article in an HTML page: its title and its paragraphs, separated by blank lines. */
export function articleFromHtml(html: string): { title: string | null; text: string } {
  let article: ReturnType<Readability['parse']>;
  try {
    // A fragment (no <html> element) gets a document around it: linkedom builds no <body> for one.
    const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
    // Readability types its argument as the DOM's Document; linkedom's implements what Readability reads.
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  } catch {
    // Not a page Readability can read (text that is not HTML, a fragment with no document): no article in it.
    throw new ArticleRefused('html', 'no article found in the HTML (it is not a page Readability can read)');
  }
  if (!article?.content) throw new ArticleRefused('html', 'no article found in the HTML (Readability found no body of text)');
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const text = paragraphs(content.body as unknown as DomNode).join('\n\n');
  if (text.length < minimumArticle) throw new ArticleRefused('html', `no article found in the HTML (its main text is ${text.length} characters)`);
  const title = article.title?.replace(/\s+/g, ' ').trim() || null;
  return { title, text };
}

const scripts = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Devanagari', 'Thai', 'Georgian', 'Armenian'] as const;
const scriptPatterns = scripts.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const);

/** The script most of the letters are written in. */
function dominantScript(text: string): { script: string; share: number } {
  const counts = new Map<string, number>();
  let letters = 0;
  for (const char of text.slice(0, 20_000)) {
    if (!/\p{L}/u.test(char)) continue;
    letters += 1;
    const script = scriptPatterns.find(([, pattern]) => pattern.test(char))?.[0] ?? 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  const [script, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
  return { script, share: letters === 0 ? 0 : count / letters };
}

/**
 * The text as stored: \r\n and \r made \n, trailing spaces of lines dropped, no leading or trailing blank lines. Refused
 * when empty, binary (NUL or other control characters, undecodable bytes), over `maxChars`, or not mostly Latin letters.
 */
export function articleText(raw: string, field: 'text' | 'html', maxChars: number): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  if (text.trim().length === 0) throw new ArticleRefused(field, 'the article is empty');
  if (text.length > maxChars) throw new ArticleRefused(field, `the article is ${text.length} characters; at most ${maxChars} are accepted (INGEST_MAX_CHARS)`);
  const sample = text.slice(0, 20_000);
  const control = sample.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g)?.length ?? 0;
  if (sample.includes('\u0000') || control > sample.length / 200) throw new ArticleRefused(field, 'the article looks binary (control characters or undecodable bytes), not text');
  const { script, share } = dominantScript(sample);
  if (script === 'none') throw new ArticleRefused(field, 'the article has no letters');
  if (script !== 'Latin' || share < 0.8) {
    throw new ArticleRefused(field, `the article is written mostly in ${script} script (${Math.round(share * 100)}% of its letters); the extractor reads English`);
  }
  return text;
}

/** The content hash that makes ingestion idempotent: the same stored text is the same article. */
export function contentHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
