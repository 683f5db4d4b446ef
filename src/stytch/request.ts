import type { Dispatcher } from 'undici';
import { StytchApiError, StytchNetworkError } from './errors.js';
import type { Resilience } from './resilience.js';
import type { ErrorBody, JsonObject } from './types.js';

/** What every resource call needs: built once by the client, shared by all calls. */
export interface Transport {
  dispatcher: Dispatcher;
  origin: string;
  /** Path prefix of the base URL, always ending in `/` (e.g. `/` or `/stytch/`). */
  basePath: string;
  /** Authorization, User-Agent, Accept: computed once. */
  headers: Record<string, string>;
  timeoutMs: number;
  /** Circuit breaker for every call, retries for idempotent reads. */
  resilience: Resilience;
  /** Told of every finished call, for health and logs. Never given a body. */
  onCall?: (event: CallEvent) => void;
}

export interface CallEvent {
  method: string;
  path: string;
  statusCode: number | null;
  requestId: string | null;
  errorType: string | null;
  durationMs: number;
  /** The call checks the end user's own credentials: see `RequestOptions.endUserCredentials`. */
  endUserCredentials: boolean;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the base URL, without a leading slash: `v1/magic_links`. */
  path: string;
  body?: object;
  query?: Record<string, string | undefined>;
  /**
   * The call checks the end user's own credentials (a password). Stytch answers a wrong password
   * with `unauthorized_credentials`, the error_type it also uses when it refuses the gateway's
   * secret, so only the call can say which of the two such an answer means.
   */
  endUserCredentials?: boolean;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Drops keys whose value is null or undefined, so optional fields are omitted rather than sent as
 * null (Stytch reads a null custom claim as "delete"). Shallow on purpose: JSON payloads such as
 * `session_custom_claims` keep their nulls.
 */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

function parseRetryAfter(header: string | string[] | undefined): number | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) {
    return null;
  }
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.ceil(seconds);
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function toApiError(
  status: number,
  body: unknown,
  retryAfterSeconds: number | null,
  endUserCredentials: boolean,
): StytchApiError {
  const b = isObject(body) ? (body as Partial<ErrorBody> & JsonObject) : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return new StytchApiError({
    statusCode: status,
    // OAuth2-style bodies say `error` / `error_description` / `error_uri`.
    errorType: str(b.error_type) ?? str(b['error']) ?? 'unknown_error',
    errorMessage:
      str(b.error_message) ?? str(b['error_description']) ?? `Stytch answered HTTP ${status}.`,
    errorUrl: str(b.error_url) ?? str(b['error_uri']),
    requestId: str(b.request_id),
    errorDetails: isObject(b.error_details) ? b.error_details : null,
    retryAfterSeconds,
    endUserCredentials,
  });
}

/** undici's own timeouts (connect, headers, body) are timeouts too, not network failures. */
const UNDICI_TIMEOUTS = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * One Stytch call, through the circuit breaker. Only GETs may be retried: magic link and
 * impersonation tokens work once, so a blind retry of a POST could spend a token whose first
 * attempt actually succeeded.
 */
export function request<T>(transport: Transport, options: RequestOptions): Promise<T> {
  return transport.resilience.run(`/${options.path}`, options.method === 'GET', () =>
    attempt<T>(transport, options),
  );
}

async function attempt<T>(transport: Transport, options: RequestOptions): Promise<T> {
  const query = options.query
    ? new URLSearchParams(
        Object.entries(options.query).filter((e): e is [string, string] => e[1] !== undefined),
      ).toString()
    : '';
  const path = `${transport.basePath}${options.path}${query ? `?${query}` : ''}`;
  const started = performance.now();
  const event: CallEvent = {
    method: options.method,
    path: `/${options.path}`,
    statusCode: null,
    requestId: null,
    errorType: null,
    durationMs: 0,
    endUserCredentials: options.endUserCredentials === true,
  };
  const finish = () => {
    event.durationMs = performance.now() - started;
    transport.onCall?.(event);
  };

  let status: number;
  let text: string;
  let retryAfter: number | null;
  try {
    const res = await transport.dispatcher.request({
      origin: transport.origin,
      path,
      method: options.method,
      headers:
        options.body === undefined
          ? transport.headers
          : { ...transport.headers, 'content-type': 'application/json' },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      // undici's own per-request timers: no AbortSignal (and its timer and DOMException) per
      // call. A call can take at most twice the limit: waiting for headers, then between chunks.
      headersTimeout: transport.timeoutMs,
      bodyTimeout: transport.timeoutMs,
    });
    status = res.statusCode;
    retryAfter = parseRetryAfter(res.headers['retry-after']);
    text = await res.body.text();
  } catch (cause) {
    const timedOut = UNDICI_TIMEOUTS.has((cause as { code?: string }).code ?? '');
    event.errorType = timedOut ? 'timeout' : 'network';
    finish();
    const detail = timedOut
      ? `no answer within ${transport.timeoutMs} ms`
      : `request failed (${(cause as { code?: string }).code ?? (cause as Error).name})`;
    throw new StytchNetworkError(timedOut ? 'timeout' : 'network', event.path, detail);
  }
  event.statusCode = status;

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    event.errorType = 'bad_body';
    finish();
    throw new StytchNetworkError(
      'bad_body',
      event.path,
      `HTTP ${status} with a body that is not JSON`,
      status,
    );
  }
  if (isObject(body) && typeof body['request_id'] === 'string') {
    event.requestId = body['request_id'];
  }
  if (status >= 400) {
    const error = toApiError(status, body, retryAfter, event.endUserCredentials);
    event.errorType = error.errorType;
    finish();
    throw error;
  }
  if (!isObject(body)) {
    event.errorType = 'bad_body';
    finish();
    throw new StytchNetworkError(
      'bad_body',
      event.path,
      `HTTP ${status} with a non-object body`,
      status,
    );
  }
  finish();
  return body as T;
}

/**
 * Stytch promised these keys; without them a resolver would fail half-way, so a body that lacks one
 * is treated like an unreadable body.
 */
export function requireKeys<T extends object>(
  body: T,
  path: string,
  checks: Partial<Record<keyof T, 'string' | 'number' | 'object' | 'boolean' | 'array'>>,
): T {
  for (const [key, kind] of Object.entries(checks) as [string, string][]) {
    const value = (body as JsonObject)[key];
    const ok =
      kind === 'array'
        ? Array.isArray(value)
        : kind === 'object'
          ? isObject(value)
          : typeof value === kind;
    if (!ok) {
      throw new StytchNetworkError('bad_body', `/${path}`, `response is missing "${key}"`);
    }
  }
  return body;
}
