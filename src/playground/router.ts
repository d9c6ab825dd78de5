/**
 * The GraphQL playground, served whole by the service so it works offline: GraphiQL and React from node_modules,
 * the boot script and styles from public/playground/, the example tabs from operations/.
 *
 *   GET /                                          a redirect to the page, for browsers (API clients get a JSON 404)
 *   GET /playground                                the page
 *   GET /graphql with Accept preferring text/html  the page (any other /graphql request goes on to Apollo)
 *   GET /playground/assets/<file>                  the scripts and stylesheets the page names
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../logger.js';
import { loadExamples, operationsDir } from './examples.js';
import { playgroundCsp, renderPlaygroundPage } from './page.js';

export const playgroundPath = '/playground';
const assetsPath = `${playgroundPath}/assets`;
const endpoint = '/graphql';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'playground');
const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

/** The only files served under assetsPath: name in the URL -> file on disk. */
function assetFiles(): ReadonlyMap<string, string> {
  const files = new Map([
    ['graphiql.min.js', join(packageDir('graphiql'), 'graphiql.min.js')],
    ['graphiql.min.css', join(packageDir('graphiql'), 'graphiql.min.css')],
    ['react.production.min.js', join(packageDir('react'), 'umd', 'react.production.min.js')],
    ['react-dom.production.min.js', join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js')],
    ['playground.js', join(publicDir, 'playground.js')],
    ['playground.css', join(publicDir, 'playground.css')],
  ]);
  for (const [name, file] of files) {
    if (!existsSync(file)) throw new Error(`playground asset ${name} not found at ${file}: run npm ci`);
  }
  return files;
}

export function createPlaygroundRouter({ logger }: { logger: Logger }): Router {
  const files = assetFiles();
  const examples = loadExamples();
  if (examples.length === 0) logger.warn({ dir: operationsDir }, 'playground: no example operations found');
  const storageNamespace = `stancegraph-playground-${createHash('sha256').update(JSON.stringify(examples)).digest('hex').slice(0, 12)}`;
  const page = renderPlaygroundPage({ assetsPath, endpoint, storageNamespace, examples });

  const sendPage = (res: Response): void => {
    res
      .set({
        'Content-Security-Policy': playgroundCsp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      })
      .type('html')
      .send(page);
  };

  const router = express.Router();
  router.get('/', (req, res, next) => {
    res.vary('Accept');
    if (prefersHtml(req)) res.redirect(302, playgroundPath);
    else next();
  });
  router.get(playgroundPath, (_req, res) => sendPage(res));
  // `use` with a method check, not `get`: a GET route would make this router answer OPTIONS /graphql itself
  // (Express's automatic `Allow: GET, HEAD`), and browsers' CORS preflights must reach the API's CORS handler.
  router.use(endpoint, (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== '/') {
      next();
      return;
    }
    // The same URL answers JSON to clients and the page to browsers, so caches must key on Accept.
    res.vary('Accept');
    if (prefersHtml(req)) sendPage(res);
    else next();
  });
  router.get(`${assetsPath}/:file`, (req, res, next) => {
    const file = files.get(req.params.file);
    if (!file) {
      next();
      return;
    }
    res.set('X-Content-Type-Options', 'nosniff').sendFile(file, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  return router;
}

/** As Apollo decides for its landing page: HTML only when the client ranks it above every GraphQL response type. */
function prefersHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}
