/** Where `npm start` keeps its bundled Neo4j; the tests use their own port and folder (tests/global-setup.ts). */
import { join } from 'node:path';
import { projectRoot } from '../neo4j/launcher.js';

export function bundledDefaults() {
  return {
    port: Number(process.env.NEO4J_LAUNCHER_PORT ?? 7687),
    dataDir: process.env.NEO4J_LAUNCHER_DATA ?? join(projectRoot, '.neo4j', 'dev'),
    password: process.env.NEO4J_LAUNCHER_PASSWORD ?? 'stancegraph-dev',
  };
}
