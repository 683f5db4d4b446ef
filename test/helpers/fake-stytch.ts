import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the stand-in saw it on the wire. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface CannedResponse {
  status?: number;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (to provoke timeouts). */
  delayMs?: number;
  /** Send the headers and half the body, then destroy the socket. */
  resetMidBody?: boolean;
  /** Answer only once this settles: the test decides when an in-flight call ends. */
  hold?: Promise<unknown>;
}

type Route = (request: RecordedRequest) => CannedResponse;

/**
 * A stand-in for Stytch: a real HTTP server on 127.0.0.1, port 0, that records every request and
 * answers from routes the test sets. An unrouted request gets a Stytch-shaped 404 so a missing
 * route fails the test loudly instead of hanging.
 */
export class FakeStytch {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private server: Server | null = null;
  private waiting: Array<{ matches: (r: RecordedRequest) => boolean; resolve: () => void }> = [];
  url = '';

  /** Resolves once a request to `METHOD /path` has arrived (at once if one already has). */
  arrival(method: string, path: string): Promise<void> {
    const matches = (r: RecordedRequest) => r.method === method && r.path.split('?')[0] === path;
    if (this.requests.some(matches)) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push({ matches, resolve }));
  }

  /** Answer `METHOD /path` (path without query) with a canned response or a function of the request. */
  on(method: string, path: string, response: CannedResponse | Route): this {
    this.routes.set(
      `${method} ${path}`,
      typeof response === 'function' ? response : () => response,
    );
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.routes.clear();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = rawBody ? JSON.parse(rawBody) : undefined;
        } catch {
          body = undefined;
        }
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          rawBody,
          body,
        };
        this.requests.push(recorded);
        this.waiting = this.waiting.filter((w) => {
          if (w.matches(recorded)) {
            w.resolve();
            return false;
          }
          return true;
        });
        const route = this.routes.get(`${recorded.method} ${recorded.path.split('?')[0]}`);
        const canned: CannedResponse = route
          ? route(recorded)
          : {
              status: 404,
              body: {
                status_code: 404,
                request_id: 'request-id-test-unrouted',
                error_type: 'not_found',
                error_message: `The stand-in has no route for ${recorded.method} ${recorded.path}`,
                error_url: 'https://stytch.com/docs/api/errors/404',
              },
            };
        const send = () => {
          const text = canned.raw ?? JSON.stringify(canned.body ?? {});
          res.writeHead(canned.status ?? 200, {
            'content-type': canned.raw === undefined ? 'application/json' : 'text/html',
            ...canned.headers,
          });
          if (canned.resetMidBody) {
            res.flushHeaders();
            res.write(text.slice(0, Math.floor(text.length / 2)));
            setTimeout(() => res.socket?.destroy(), 5);
            return;
          }
          res.end(text);
        };
        if (canned.hold) {
          void canned.hold.then(send, send);
        } else if (canned.delayMs) {
          const timer = setTimeout(send, canned.delayMs);
          res.on('close', () => clearTimeout(timer));
        } else {
          send();
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

export function stytchSuccess<T extends object>(body: T, requestId = 'request-id-test-ok') {
  return { status: 200, body: { request_id: requestId, status_code: 200, ...body } };
}

export function stytchError(
  status: number,
  errorType: string,
  errorMessage: string,
  requestId = `request-id-test-${errorType}`,
): CannedResponse {
  return {
    status,
    body: {
      status_code: status,
      request_id: requestId,
      error_type: errorType,
      error_message: errorMessage,
      error_url: `https://stytch.com/docs/api/errors/${status}#${errorType}`,
    },
  };
}
