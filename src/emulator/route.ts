import type { JsonObject } from '../stytch/types.js';
import type { State } from './state.js';
import type { Body } from './validate.js';

export interface RouteContext {
  state: State;
  /** Path parameters, already URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body of a POST (an empty object when there was none). */
  body: Body;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Segments starting with `:` are parameters, e.g. `/v1/users/:user_id`. */
  path: string;
  /** Only the JWKS is served without Basic auth, as Stytch serves it. */
  public?: boolean;
  /** Returns the endpoint's own fields; the server adds request_id and status_code. */
  handle(ctx: RouteContext): JsonObject | Promise<JsonObject>;
}
