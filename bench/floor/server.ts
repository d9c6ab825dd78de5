/**
 * The floor: a plain node:http endpoint, POST /op/<operation> with the parameters as a JSON body, answering
 * {"data": ...} in stancegraph's response shape. One managed read transaction per request, one query per operation
 * (see operations.ts). Started by the harness as its own process: PORT, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD.
 */
import { createServer, type IncomingMessage } from 'node:http';
import neo4j from 'neo4j-driver';
import { floorOperations } from './operations.js';

const port = Number(process.env.PORT ?? 4200);
const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:27687', neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), {
  maxConnectionPoolSize: 50,
  disableLosslessIntegers: true,
  userAgent: 'stancegraph-bench-floor',
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer(async (req, res) => {
  const send = (status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  try {
    if (req.method === 'GET' && req.url === '/health') return send(200, { status: 'ok' });
    const name = req.method === 'POST' && req.url?.startsWith('/op/') ? req.url.slice(4) : '';
    const operation = floorOperations[name];
    if (!operation) return send(404, { errors: [{ message: `no operation ${req.method} ${req.url}` }] });
    const params = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      const data = await session.executeRead((tx) => operation(tx, params), { timeout: 10_000 });
      send(200, { data });
    } finally {
      await session.close();
    }
  } catch (error) {
    send(500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`floor serving on http://127.0.0.1:${port}`));

const stop = async () => {
  server.close();
  await driver.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
