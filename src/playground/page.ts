/**
 * The playground's HTML: GraphiQL, React and the boot script all come from this origin (see router.ts), and the
 * settings travel as a JSON data block, which the CSP lets through because it is never executed.
 */
import type { PlaygroundExample } from './examples.js';

/**
 * Everything from 'self'. GraphiQL needs inline styles (its dialogs inject <style> elements) and `data:` for the
 * fonts and icons embedded in its stylesheet; neither reaches the network. No 'unsafe-eval', no inline script.
 */
export const playgroundCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** What public/playground/playground.js reads from the page. */
export interface PlaygroundSettings {
  endpoint: string;
  /** localStorage namespace: a new set of examples starts with fresh tabs instead of yesterday's. */
  storageNamespace: string;
  tabs: Array<{ query: string; variables: string }>;
}

export interface PlaygroundPageOptions {
  /** Where router.ts serves the scripts and styles, e.g. /playground/assets. */
  assetsPath: string;
  endpoint: string;
  storageNamespace: string;
  examples: readonly PlaygroundExample[];
}

export function playgroundSettings(options: Omit<PlaygroundPageOptions, 'assetsPath'>): PlaygroundSettings {
  return {
    endpoint: options.endpoint,
    storageNamespace: options.storageNamespace,
    tabs: options.examples.map((example) => ({ query: example.query, variables: JSON.stringify(example.variables, null, 2) })),
  };
}

export function renderPlaygroundPage(options: PlaygroundPageOptions): string {
  const assets = escapeHtml(options.assetsPath);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>stancegraph playground</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${assets}/graphiql.min.css">
    <link rel="stylesheet" href="${assets}/playground.css">
  </head>
  <body>
    <div id="graphiql">Loading the playground…</div>
    <script type="application/json" id="playground-settings">${jsonForScriptElement(playgroundSettings(options))}</script>
    <script src="${assets}/react.production.min.js"></script>
    <script src="${assets}/react-dom.production.min.js"></script>
    <script src="${assets}/graphiql.min.js"></script>
    <script src="${assets}/playground.js"></script>
  </body>
</html>
`;
}

/** JSON that cannot end the <script> element it sits in nor open a comment there. */
function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
