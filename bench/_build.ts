import { openStore, type SizeName } from './store.js';
const size = process.argv[2] as SizeName;
const store = await openStore(size, { regenerate: process.argv.includes('--regenerate'), log: console.log });
console.log(JSON.stringify({ ...store.manifest, fixtures: { ...store.manifest.fixtures, actorsByDegree: store.manifest.fixtures.actorsByDegree.slice(0, 12), issuesByDegree: store.manifest.fixtures.issuesByDegree.slice(0, 8) } }, null, 1));
await store.neo4j.stop();
