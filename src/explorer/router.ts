/**
 * The explorer, served whole by the service so it works offline: the bundle scripts/build-explorer.ts writes to
 * build/explorer/ (from npm packages only) and the page that loads it.
 *
 *   GET /explore and /explore/<any view>   the page (the app routes by the URL: every view has one)
 *   GET /explore/assets/<file>             the files the build's manifest names, hashed names cached for a year
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { explorerCsp, renderExplorerPage, renderNotBuiltPage } from './page.js';

export const explorerPath = '/explore';
const assetsPath = `${explorerPath}/assets`;
const buildCommand = 'npm run build:explorer';

export const defaultExplorerBuildDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build', 'explorer');

const manifestSchema = z.object({ script: z.string(), stylesheet: z.string(), bytes: z.record(z.string(), z.number()) });

interface Built {
  page: string;
  /** Name in the URL -> file on disk: the only files served. */
  files: ReadonlyMap<string, string>;
}

function readBuild(buildDir: string, version: string): Built | null {
  const manifestFile = join(buildDir, 'manifest.json');
  if (!existsSync(manifestFile)) return null;
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  const files = new Map(Object.keys(manifest.bytes).map((name) => [name, join(buildDir, name)]));
  const page = renderExplorerPage({
    assetsPath,
    script: manifest.script,
    stylesheet: manifest.stylesheet,
    settings: { endpoint: '/graphql', basePath: explorerPath, version },
  });
  return { page, files };
}

const securityHeaders = {
  'Content-Security-Policy': explorerCsp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function createExplorerRouter({ logger, version, buildDir = defaultExplorerBuildDir }: { logger: Logger; version: string; buildDir?: string }): Router {
  const built = readBuild(buildDir, version);
  if (!built) logger.warn({ buildDir }, `explorer: not built; /explore says to run ${buildCommand}`);

  const router = express.Router();
  router.get(`${assetsPath}/:file`, (req, res, next) => {
    const file = built?.files.get(req.params.file);
    if (!file) {
      next();
      return;
    }
    // Hashed names never change content; the source maps and licence file are named after them.
    res.set({ ...securityHeaders, 'Cache-Control': 'public, max-age=31536000, immutable' });
    res.sendFile(file);
  });
  const sendPage = (res: Response): void => {
    res.set({ ...securityHeaders, 'Cache-Control': 'no-cache' }).type('html');
    if (built) res.send(built.page);
    else res.status(503).send(renderNotBuiltPage(buildCommand));
  };
  router.use(explorerPath, (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/assets/')) {
      next();
      return;
    }
    sendPage(res);
  });
  return router;
}
