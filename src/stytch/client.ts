import { type Dispatcher, Pool } from 'undici';
import { GATEWAY_VERSION } from '../version.js';
import { Impersonation } from './impersonation.js';
import { MagicLinks } from './magic-links.js';
import { OTPs } from './otps.js';
import { Passwords } from './passwords.js';
import type { CallEvent, Transport } from './request.js';
import { createResilience, type Resilience, type ResilienceOptions } from './resilience.js';
import { Sessions } from './sessions.js';
import { Users } from './users.js';

export interface StytchClientOptions {
  projectId: string;
  secret: string;
  /** Base URL of the Stytch API, e.g. `https://test.stytch.com/`. */
  baseUrl: string;
  timeoutMs: number;
  /** Bring your own undici dispatcher (tests, proxies); otherwise a keep-alive Pool is made. */
  dispatcher?: Dispatcher;
  /** Maximum sockets to Stytch when the client makes its own Pool. */
  connections?: number;
  /** Separate limits for connecting, for the response headers, and between body chunks. */
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  resilience?: ResilienceOptions;
  onCall?: (event: CallEvent) => void;
}

/**
 * The one Stytch service of the gateway: owns the connection pool and the Basic credentials, and
 * exposes one object per Stytch resource, like the official SDK.
 */
export class StytchClient {
  readonly projectId: string;
  readonly baseUrl: string;
  readonly impersonation: Impersonation;
  readonly magicLinks: MagicLinks;
  readonly otps: OTPs;
  readonly passwords: Passwords;
  readonly users: Users;
  readonly sessions: Sessions;
  /** The circuit breaker's state is read by /readyz and /metrics. */
  readonly resilience: Resilience;
  private readonly ownedDispatcher: Pool | null;

  constructor(options: StytchClientOptions) {
    const url = new URL(options.baseUrl);
    this.projectId = options.projectId;
    this.baseUrl = url.href;
    this.ownedDispatcher = options.dispatcher
      ? null
      : new Pool(url.origin, {
          connections: options.connections ?? 64,
          keepAliveTimeout: 30_000,
          keepAliveMaxTimeout: 600_000,
          connect: { timeout: options.connectTimeoutMs ?? 5_000 },
          headersTimeout: options.headersTimeoutMs ?? options.timeoutMs,
          bodyTimeout: options.bodyTimeoutMs ?? options.timeoutMs,
        });
    this.resilience = createResilience(options.resilience);
    const transport: Transport = {
      dispatcher: options.dispatcher ?? (this.ownedDispatcher as Pool),
      origin: url.origin,
      basePath: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`,
      headers: {
        authorization: `Basic ${Buffer.from(`${options.projectId}:${options.secret}`).toString('base64')}`,
        'user-agent': `stytch-graphql-gateway/${GATEWAY_VERSION}`,
        accept: 'application/json',
      },
      timeoutMs: options.timeoutMs,
      resilience: this.resilience,
      ...(options.onCall ? { onCall: options.onCall } : {}),
    };
    this.impersonation = new Impersonation(transport);
    this.magicLinks = new MagicLinks(transport);
    this.otps = new OTPs(transport);
    this.passwords = new Passwords(transport);
    this.users = new Users(transport);
    this.sessions = new Sessions(transport);
  }

  /** Closes the pool the client made itself; a dispatcher passed in belongs to the caller. */
  async close(): Promise<void> {
    await this.ownedDispatcher?.close();
  }
}
