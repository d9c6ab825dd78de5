import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'stancegraph' },
    redact: { paths: ['password', '*.password', 'authorization', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
