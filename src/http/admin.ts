import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './plugins/metrics.js';
import type { Readiness } from './readiness.js';

/** The operator's paths; with ADMIN_PORT set they are served there and nowhere else. */
export const ADMIN_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The path of a request target, without parsing a URL on the hot path. */
export function pathOf(url: string | undefined): string {
  const target = url ?? '/';
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

/**
 * The admin listener (ADMIN_PORT, as Apollo Router's health port): liveness, readiness and
 * Prometheus metrics, apart from the public port, so probes and scrapes need no public route and
 * the public port exposes nothing about the process.
 */
export function createAdminListener(readiness: Readiness, metrics: Metrics) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req.url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      const report = readiness.report();
      res
        .writeHead(report.ready ? 200 : 503, {
          'content-type': 'application/json',
          'cache-control': 'no-store',
        })
        .end(JSON.stringify(report));
      return;
    }
    if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  };
}
