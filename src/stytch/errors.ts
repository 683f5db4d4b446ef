import type { JsonObject } from './types.js';

/**
 * Stytch answered with an error body (HTTP >= 400). Carries Stytch's fields and nothing of the
 * request, so it is safe to log: no secret, token or password can be inside.
 */
export class StytchApiError extends Error {
  override readonly name = 'StytchApiError';
  readonly statusCode: number;
  readonly errorType: string;
  readonly errorMessage: string;
  readonly errorUrl: string | null;
  readonly requestId: string | null;
  readonly errorDetails: JsonObject | null;
  /** Seconds from Stytch's `Retry-After` header, when it sent one. */
  readonly retryAfterSeconds: number | null;
  /**
   * The failed call checks the end user's own credentials (a password): there,
   * `unauthorized_credentials` means the user's credentials were wrong, not the gateway's secret.
   */
  readonly endUserCredentials: boolean;

  constructor(fields: {
    statusCode: number;
    errorType: string;
    errorMessage: string;
    errorUrl?: string | null;
    requestId?: string | null;
    errorDetails?: JsonObject | null;
    retryAfterSeconds?: number | null;
    endUserCredentials?: boolean;
  }) {
    super(`Stytch ${fields.statusCode} ${fields.errorType}: ${fields.errorMessage}`);
    this.statusCode = fields.statusCode;
    this.errorType = fields.errorType;
    this.errorMessage = fields.errorMessage;
    this.errorUrl = fields.errorUrl ?? null;
    this.requestId = fields.requestId ?? null;
    this.errorDetails = fields.errorDetails ?? null;
    this.retryAfterSeconds = fields.retryAfterSeconds ?? null;
    this.endUserCredentials = fields.endUserCredentials ?? false;
  }
}

export type StytchNetworkErrorKind = 'timeout' | 'network' | 'bad_body' | 'circuit_open';

/**
 * No usable answer from Stytch: the connection failed, the call timed out, the body could not be
 * read as the JSON Stytch promises, or the circuit breaker is open after repeated failures. The
 * message names the endpoint path, never the body or headers.
 */
export class StytchNetworkError extends Error {
  override readonly name = 'StytchNetworkError';
  readonly kind: StytchNetworkErrorKind;
  readonly path: string;
  /** The HTTP status, when a response arrived but its body was unusable. */
  readonly statusCode: number | null;
  /** When to try again (open circuit). */
  readonly retryAfterSeconds: number | null;

  constructor(
    kind: StytchNetworkErrorKind,
    path: string,
    detail: string,
    statusCode?: number,
    retryAfterSeconds?: number,
  ) {
    super(`Stytch ${path}: ${detail}`);
    this.kind = kind;
    this.path = path;
    this.statusCode = statusCode ?? null;
    this.retryAfterSeconds = retryAfterSeconds ?? null;
  }
}
