import type { CORSOptions } from 'graphql-yoga';
import { CSRF_HEADER } from './csrf.js';

/**
 * CORS for the listed origins only, with credentials (the session cookies). An origin that is not
 * listed gets no Access-Control-Allow-Origin at all: yoga's own list handling answers `null`
 * there, which sandboxed iframes and `data:` documents send as their origin, and with credentials
 * that would let them read the viewer.
 */
export function corsFor(origins: readonly string[]): false | ((request: Request) => CORSOptions) {
  if (origins.length === 0) {
    return false;
  }
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) {
      return false;
    }
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'x-api-key', CSRF_HEADER],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    };
  };
}
