/**
 * The explorer's HTML shell: one script and one stylesheet, both content-hashed files from this origin, and the
 * settings as a JSON data block (never executed, so the CSP lets it through).
 */

/**
 * Everything from 'self', with no inline script or style and no eval. Sigma draws with WebGL into canvases it
 * creates; React sets element styles through the CSSOM, which style-src does not govern.
 */
export const explorerCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** What explorer/settings.ts reads from the page. */
export interface ExplorerSettings {
  endpoint: string;
  /** Where the app is mounted: its routes are below it. */
  basePath: string;
  version: string;
}

export interface ExplorerPageOptions {
  assetsPath: string;
  script: string;
  stylesheet: string;
  settings: ExplorerSettings;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script>: `<` escaped so no string can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderExplorerPage({ assetsPath, script, stylesheet, settings }: ExplorerPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stancegraph explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(`${assetsPath}/${stylesheet}`)}">
<script type="module" src="${escapeHtml(`${assetsPath}/${script}`)}"></script>
<script type="application/json" id="explorer-settings">${scriptJson(settings)}</script>
</head>
<body>
<div id="root"><p class="boot">Loading the explorer…</p></div>
<noscript><p>The explorer needs JavaScript. The GraphQL API and its playground are at <a href="/playground">/playground</a>.</p></noscript>
</body>
</html>
`;
}

/** The page served when the bundle has not been built: says how to build it. */
export function renderNotBuiltPage(command: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stancegraph explorer: not built</title></head>
<body><h1>The explorer is not built</h1><p>Run <code>${escapeHtml(command)}</code> (or <code>npm start</code>, which runs it), then reload.</p></body></html>
`;
}
