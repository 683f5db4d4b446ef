import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../logger.js';
import { requestContext } from '../request-context.js';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_LOGGED_NAME = 100;

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane, else a new one), returns
 * it in X-Request-Id, makes it the ambient request context, and writes one log line per request
 * with its outcome. Never the body, the variables or a header value other than the id.
 */
export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<
    Request,
    { id: string; at: number; path: string; operation?: string }
  >();
  // The request line carries only the fields below, none of them named like a secret, so the
  // redaction paths (a walk of every line, ~15 µs each) cannot change it: it is written without.
  const lines = logger.child({}, { redact: [] });
  return {
    onRequest({ request, url }) {
      const given = request.headers.get('x-request-id');
      const id = given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
      started.set(request, { id, at: performance.now(), path: url.pathname });
      // Everything yoga does for this request after this point runs in its continuation.
      requestContext.enterWith({ requestId: id });
    },
    onParams({ request, params }) {
      const entry = started.get(request);
      if (entry && params.operationName) {
        // The client's free text: bounded, so a megabyte of it cannot fill the logs.
        const name = String(params.operationName);
        entry.operation =
          name.length > MAX_LOGGED_NAME ? `${name.slice(0, MAX_LOGGED_NAME)}…` : name;
      }
    },
    onResponse({ request, response }) {
      const entry = started.get(request);
      if (!entry) {
        return;
      }
      response.headers.set('x-request-id', entry.id);
      const { path } = entry;
      if (path === '/healthz' || path === '/readyz' || path === '/metrics') {
        return;
      }
      lines.info(
        {
          requestId: entry.id,
          method: request.method,
          path,
          status: response.status,
          operation: entry.operation,
          ms: Math.round(performance.now() - entry.at),
        },
        'request',
      );
    },
  };
}
