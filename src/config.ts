/** The service's configuration: read from the environment once, at start, with a clear message per bad value. */
import { z } from 'zod';
import { parseApiKeys, type ApiKey } from './auth/viewer.js';
import { corsOriginsSchema, defaultCorsOrigins, type CorsOrigins } from './http/cors.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string({ message: 'is required (e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io)' })
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt://, bolt+s://, neo4j:// or neo4j+s:// URI'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().min(1).optional(),
  /** Every Neo4j transaction is cut off after this long; the driver's retries fit inside it. */
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100).max(300_000).default(10_000),
  /**
   * A whole GraphQL request is answered within this (QUERY_TIMEOUT otherwise): each of its Neo4j round trips gets the
   * time left as its transaction timeout. Unset: NEO4J_QUERY_TIMEOUT_MS.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100).max(300_000).optional(),
  /** Rows one request may read from Neo4j, all its round trips together (RESULT_TOO_LARGE past it). */
  REQUEST_MAX_ROWS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(10_000_000).default(200_000),
  /** Approximate bytes (strings at 2 bytes a character) one request may read from Neo4j (RESULT_TOO_LARGE past it). */
  REQUEST_MAX_BYTES: z.coerce.number({ message: 'must be a number' }).int().min(1_000).max(2 ** 31).default(64 * 1024 * 1024),
  /** Coalitions and centrality: how long one computation (projection queries and algorithm) may take. */
  ANALYTICS_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(1_000).max(3_600_000).default(300_000),
  /** Rows one computation's projection may read (one per actor or group, not per position). */
  ANALYTICS_MAX_ROWS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100_000_000).default(5_000_000),
  /** Approximate bytes one computation's projection may read. */
  ANALYTICS_MAX_BYTES: z.coerce.number({ message: 'must be a number' }).int().min(1_000).max(2 ** 33).default(1024 * 1024 * 1024),
  /** The analytics worker's heap limit (MB): a computation past it fails with RESULT_TOO_LARGE, the service lives on. */
  ANALYTICS_WORKER_MEMORY_MB: z.coerce.number({ message: 'must be a number' }).int().min(64).max(65_536).default(2_048),
  /** Results kept (per graph version and arguments), and for how long at most. */
  ANALYTICS_CACHE_ENTRIES: z.coerce.number({ message: 'must be a number' }).int().min(1).max(10_000).default(32),
  ANALYTICS_CACHE_TTL_MS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(86_400_000).default(600_000),
  /** Betweenness is exact up to this many actors and sampled from this many sources above. */
  ANALYTICS_BETWEENNESS_SOURCES: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1_000_000).default(128),
  /**
   * A graph export (GET /export) is cut off after this long: its read transaction's timeout, and the time a slow client
   * may take to read the file.
   */
  EXPORT_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(1_000).max(3_600_000).default(300_000),
  /** Graph exports running at once; one more is answered 503 with Retry-After. */
  EXPORT_MAX_CONCURRENT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(100).default(2),
  /** ingestArticle: the longest article text accepted, in characters (after HTML is reduced to its article). */
  INGEST_MAX_CHARS: z.coerce.number({ message: 'must be a number' }).int().min(1_000).max(2_000_000).default(200_000),
  /** How long extracting one article may take in the extraction worker. */
  INGEST_EXTRACT_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(1_000).max(600_000).default(30_000),
  /** The extraction worker's heap limit (MB). */
  INGEST_WORKER_MEMORY_MB: z.coerce.number({ message: 'must be a number' }).int().min(64).max(65_536).default(512),
  NEO4J_MAX_POOL_SIZE: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1000).default(50),
  /** Apply constraints and indexes at start (idempotent). */
  MIGRATE_ON_START: booleanFlag.default(true),
  /** Load the seed graph at start when the database holds no stancegraph data. */
  SEED_IF_EMPTY: booleanFlag.default(true),
  /** The seed folder (data/*.yaml and articles/) loaded when the database is empty. */
  SEED_DIR: z.string().min(1).optional(),
  /** Curators' API tokens, `role:token` comma-separated (roles: editor, admin). Never logged. */
  STANCEGRAPH_API_KEYS: z.string().optional(),
  /** Introspection is on in development and test, off in production unless this says otherwise. */
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  /**
   * Browser origins allowed to call the API: comma-separated `scheme://host[:port]` (`:*` for any port), `*` for
   * any, `none` for none. Unset: http://localhost:* and http://127.0.0.1:* in development and test, none in production.
   */
  CORS_ORIGINS: corsOriginsSchema.optional(),
});

export type Config = Omit<z.infer<typeof configSchema>, 'GRAPHQL_INTROSPECTION' | 'STANCEGRAPH_API_KEYS' | 'CORS_ORIGINS' | 'REQUEST_TIMEOUT_MS'> & {
  GRAPHQL_INTROSPECTION: boolean;
  REQUEST_TIMEOUT_MS: number;
  apiKeys: ApiKey[];
  corsOrigins: CorsOrigins;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError listing every bad variable, by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as they do in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  const { STANCEGRAPH_API_KEYS, CORS_ORIGINS, ...config } = parsed.data;
  let apiKeys: ApiKey[];
  try {
    apiKeys = parseApiKeys(STANCEGRAPH_API_KEYS);
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  STANCEGRAPH_API_KEYS: ${(error as Error).message}`);
  }
  return {
    ...config,
    apiKeys,
    corsOrigins: CORS_ORIGINS ?? defaultCorsOrigins(config.NODE_ENV),
    GRAPHQL_INTROSPECTION: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
    REQUEST_TIMEOUT_MS: config.REQUEST_TIMEOUT_MS ?? config.NEO4J_QUERY_TIMEOUT_MS,
  };
}
