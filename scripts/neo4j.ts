/** `npm run neo4j`: runs the bundled Neo4j alone (for tools, a second terminal, or `NEO4J_URI=... npm start`). */
import { startBundledNeo4j } from '../neo4j/launcher.js';
import { bundledDefaults } from './bundled-defaults.js';

const neo4j = await startBundledNeo4j({ ...bundledDefaults(), onOutput: (line) => console.log(`[neo4j] ${line}`) });
console.log(`Neo4j is up: ${neo4j.uri} (user ${neo4j.user}); Ctrl-C stops it.`);
console.log(`Data: ${bundledDefaults().dataDir}`);
const stop = async () => {
  await neo4j.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
