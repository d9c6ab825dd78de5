/**
 * Sentences, tokens and parts of speech from wink-nlp's English model, with each token's offsets into the text.
 * The model (~4 MB) is loaded once, on first use, so importing the extractor costs nothing until it runs.
 */
import { createRequire } from 'node:module';
import type { ItemSentence, Model, WinkMethods } from 'wink-nlp';
import { TITLE_WORDS } from './names.js';

export interface Token {
  /** The token's text, exactly `text.slice(start, end)`. */
  value: string;
  lower: string;
  start: number;
  end: number;
  /** Universal part of speech (PROPN, NOUN, VERB, PUNCT, SPACE, ...). */
  pos: string;
  /** Index of its sentence in `Analysis.sentences`. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token indices [firstToken, endToken). */
  firstToken: number;
  endToken: number;
}

export interface Analysis {
  tokens: Token[];
  sentences: Sentence[];
}

const require = createRequire(import.meta.url);
const SPEECH_FORMS = new Set(['says', 'said', 'say', 'tells', 'told', 'warns', 'warned', 'adds', 'added', 'insists', 'insisted', 'claims', 'urges', 'calls', 'vows', 'rejects', 'backs', 'sees']);
let nlp: WinkMethods | undefined;

function pipeline(): WinkMethods {
  if (!nlp) {
    const winkNLP = require('wink-nlp') as (model: Model, pipe?: string[]) => WinkMethods;
    const model = require('wink-eng-lite-web-model') as Model;
    // Sentence boundaries and parts of speech only: its entity recogniser finds dates and numbers, not names.
    nlp = winkNLP(model, ['sbd', 'pos']);
  }
  return nlp;
}

/** Tokens with offsets (wink keeps every character: its tokens and their preceding spaces rebuild the text). */
export function analyse(text: string): Analysis {
  const winkNlp = pipeline();
  const its = winkNlp.its;
  const doc = winkNlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  let offset = 0;
  for (let i = 0; i < values.length; i += 1) {
    offset += (spaces[i] ?? '').length;
    const value = values[i] ?? '';
    // wink normalises nothing, but if a token ever failed to line up, find it rather than drift.
    const start = text.startsWith(value, offset) ? offset : text.indexOf(value, offset);
    const at = start < 0 ? offset : start;
    tokens.push({ value, lower: value.toLowerCase(), start: at, end: at + value.length, pos: tags[i] ?? 'X', sentence: 0 });
    offset = at + value.length;
  }
  // A capitalised word inside a sentence right after a proper noun is part of the name ("Anders Lie", "Dev Anand"),
  // whatever wink guessed from its lowercase sense; not speech verbs, titles, or words inside a title-case headline.
  for (let i = 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    const previous = tokens[i - 1];
    if (!token || !previous || previous.pos !== 'PROPN' || token.pos === 'PROPN' || token.start - previous.end !== 1) continue;
    if (/^\p{Lu}\p{Ll}+$/u.test(token.value) && /^\p{Lu}/u.test(previous.value) && ['VERB', 'NOUN', 'ADJ'].includes(token.pos) && !SPEECH_FORMS.has(token.lower) && !TITLE_WORDS.has(token.lower) && !/^\p{Lu}/u.test(tokens[i + 1]?.value ?? '') && tokens[i - 2]?.pos !== 'PROPN') token.pos = 'PROPN';
  }
  // A name the tokenizer split at a letter it does not know ("Szłapka" → "Sz", "ł", "apka"): the pieces are the name.
  for (let i = 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    const previous = tokens[i - 1];
    if (token && previous && previous.pos === 'PROPN' && token.pos !== 'PROPN' && token.start === previous.end && /^\p{L}+$/u.test(token.value) && /^\p{L}+$/u.test(previous.value)) token.pos = 'PROPN';
  }
  const sentences: Sentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const items = sentence.tokens();
    const first = items.itemAt(0)?.index();
    const last = items.itemAt(items.length() - 1)?.index();
    if (first === undefined || last === undefined) return;
    const firstToken = tokens[first];
    const lastToken = tokens[last];
    if (!firstToken || !lastToken) return;
    for (let i = first; i <= last; i += 1) {
      const token = tokens[i];
      if (token) token.sentence = sentences.length;
    }
    sentences.push({ start: firstToken.start, end: lastToken.end, firstToken: first, endToken: last + 1 });
  });
  return { tokens, sentences };
}
