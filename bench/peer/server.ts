/**
 * The peer: the same read contract's core served by @neo4j/graphql 7 (schema generated from typeDefs.graphql),
 * on the same HTTP stack as stancegraph (Apollo Server 5 on Express 5), so the difference measured is the
 * GraphQL-to-Cypher layer. Started by the harness as its own process: PORT, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import neo4j from 'neo4j-driver';

const typeDefs = readFileSync(new URL('./typeDefs.graphql', import.meta.url), 'utf8');
const port = Number(process.env.PORT ?? 4100);
const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:27687', neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), {
  maxConnectionPoolSize: 50,
  userAgent: 'stancegraph-bench-peer',
});

const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const app = express();
app.disable('x-powered-by');
const httpServer = createServer(app);
const apollo = new ApolloServer({ schema, introspection: true, stopOnTerminationSignals: false });
await apollo.start();
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use('/graphql', express.json({ limit: 1024 * 1024 }), expressMiddleware(apollo, { context: async () => ({}) }));
await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', () => resolve()));
console.log(`peer serving on http://127.0.0.1:${port}/graphql`);

const stop = async () => {
  await apollo.stop();
  httpServer.close();
  await driver.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
