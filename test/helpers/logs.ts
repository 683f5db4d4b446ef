import { Writable } from 'node:stream';
import { pino } from 'pino';
import { REDACT_PATHS } from '../../src/logger.js';

/**
 * A logger like production's (same redaction) at debug level, writing every line to `logs`, so a
 * test can prove what was, and was not, logged.
 */
export function captureLogs() {
  const logs: string[] = [];
  const logger = pino(
    { level: 'debug', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  );
  return { logger, logs };
}
