import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';
import { hasValidBasicAuth, readJsonBody, sendJson } from './http.js';
import { ids } from './ids.js';
import type { Route } from './route.js';
import { adminRoutes } from './routes/admin.js';
import { impersonationRoutes } from './routes/impersonation.js';
import { magicLinkRoutes } from './routes/magic-links.js';
import { otpRoutes } from './routes/otps.js';
import { passwordResetRoutes } from './routes/password-resets.js';
import { passwordRoutes } from './routes/passwords.js';
import { sessionRoutes } from './routes/sessions.js';
import { userRoutes } from './routes/users.js';
import type { State } from './state.js';

const ROUTES: Route[] = [
  ...userRoutes,
  ...magicLinkRoutes,
  ...impersonationRoutes,
  ...passwordRoutes,
  ...passwordResetRoutes,
  ...otpRoutes,
  ...sessionRoutes,
  ...adminRoutes,
];

type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong_method' }
  | { kind: 'none' };

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (g === '') {
        return null;
      }
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

function findRoute(method: string, path: string): Match {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) {
      continue;
    }
    if (route.method === method) {
      return { kind: 'found', route, params };
    }
    pathMatched = true;
  }
  return pathMatched ? { kind: 'wrong_method' } : { kind: 'none' };
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface RequestLog {
  method: string;
  path: string;
  status: number;
  errorType: string | null;
  ms: number;
}

/**
 * The whole HTTP surface as one listener, shared by the HTTP and HTTPS servers. `onRequest` hears
 * method, path (without the query string, which may hold ids) and outcome: never a body.
 */
export function createHandler(
  state: State,
  onRequest?: (log: RequestLog) => void,
): RequestListener {
  return (req, res) => {
    const started = performance.now();
    const requestId = ids.request();
    const method = req.method ?? 'GET';
    let path = '/';
    const finish = (status: number, body: object, errorType: string | null) => {
      sendJson(res, status, body);
      onRequest?.({ method, path, status, errorType, ms: performance.now() - started });
    };
    const run = async () => {
      const url = new URL(req.url ?? '/', 'http://emulator.invalid');
      path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
      const match = findRoute(method, path);
      const isPublic = match.kind === 'found' && match.route.public === true;
      if (!isPublic && !hasValidBasicAuth(req, state.projectId, state.secret)) {
        throw new ApiError('unauthorized_credentials');
      }
      if (match.kind === 'none') {
        throw new ApiError('route_not_found', `No route for ${method} ${path}.`);
      }
      if (match.kind === 'wrong_method') {
        throw new ApiError('method_not_allowed', `${method} is not allowed on ${path}.`);
      }
      const body = method === 'POST' || method === 'PUT' ? await readJsonBody(req) : {};
      const result = await match.route.handle({
        state,
        params: match.params,
        query: url.searchParams,
        body,
      });
      // Stytch puts request_id first and status_code last around the endpoint's fields.
      finish(200, { request_id: requestId, ...result, status_code: 200 }, null);
    };
    run().catch((error: unknown) => {
      if (error instanceof ApiError) {
        finish(error.status, error.body(requestId), error.errorType);
        return;
      }
      // Only the name and message: a stack or the request could hold credentials.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      process.stderr.write(`[stytch-emulator] internal error on ${method} ${path}: ${reason}\n`);
      const internal = new ApiError('internal_server_error');
      finish(500, internal.body(requestId), internal.errorType);
    });
  };
}
