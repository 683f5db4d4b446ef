import type { RedirectUrls } from '../config.js';
import { clearedSessionCookies, sessionCookies } from '../session/cookies.js';
import { type Credentials, readCredentials } from '../session/credentials.js';
import type { SessionChecks } from '../session/resolve-session.js';
import type { Revocation } from '../session/revocations.js';
import type { StytchClient } from '../stytch/client.js';
import type { Session, User } from '../stytch/types.js';
import { createApiKeyCheck } from './api-keys.js';
import { type ClientIdentity, rateLimitKey, type ServerContext } from './client-identity.js';
import { createLoaders, type Loaders, type SessionLookup } from './loaders.js';
import type { RateLimiter } from './rate-limit.js';

/** How sessions reach the browser. */
export interface SessionDelivery {
  /** Authenticate mutations set httpOnly cookies; signOut clears them. */
  cookies: boolean;
  /** Payloads carry sessionToken / sessionJwt (off by default in cookie mode). */
  tokensInBody: boolean;
  /** Session cookies carry `Secure` (from COOKIE_SECURE, never from the request). */
  secureCookies: boolean;
}

/** What an authenticate-style Stytch answer tells us about the new or extended session. */
export interface EstablishedSession {
  user: User;
  session?: Session | null;
  session_token: string;
  session_jwt: string;
}

/** Built fresh for every request. */
export interface GatewayContext {
  stytch: StytchClient;
  /** The request presented one of the configured server API keys. */
  hasApiKey: boolean;
  /** The session credentials the request carries, from Authorization or cookies. */
  credentials: Credentials | null;
  loaders: Loaders;
  delivery: SessionDelivery;
  /** The request's session: null without credentials; throws UNAUTHENTICATED when they are bad. */
  viewer(): Promise<SessionLookup | null>;
  /** Records a session a mutation created or extended: primes the loaders, sets the cookies. */
  establishSession(result: EstablishedSession): void;
  /** Clears the session cookies on the response. */
  clearSessionCookies(): void;
  /**
   * Records sessions a mutation ended at Stytch (sign-out, a password reset that ends the user's
   * other sessions), so their JWTs stop passing local checks on every instance at once.
   */
  sessionsEnded(revocation: Revocation): Promise<void>;
  /** The gateway's clock in ms (tests share the emulator's). */
  now(): number;
  /** The caller's IP (socket, or X-Forwarded-For behind trusted proxies) and user agent. */
  client: ClientIdentity;
  /**
   * Counts one auth attempt of this field execution against the caller's IP (unless `ip` is
   * false: server-to-server calls) and the token or user tried. Throws RATE_LIMITED.
   */
  countAuthAttempt(field: string, token: string | null | undefined, ip?: boolean): Promise<void>;
  /** The configured pages Stytch's emails may link to (sign-in operations). */
  redirectUrls: RedirectUrls;
  /** The HTTP method: operations carrying a password refuse GET, which puts it in the URL. */
  httpMethod: string;
}

export interface ContextDependencies {
  stytch: StytchClient;
  sessionChecks: SessionChecks;
  apiKeys: readonly string[];
  delivery: SessionDelivery;
  /** Set-Cookie values to add to each request's response (read by the gateway's plugin). */
  responseCookies: WeakMap<Request, string[]>;
  identify: (request: Request, server: ServerContext) => ClientIdentity;
  rateLimiter: RateLimiter;
  now: () => number;
  redirectUrls: RedirectUrls;
}

export function createContextFactory(deps: ContextDependencies) {
  const hasApiKey = createApiKeyCheck(deps.apiKeys);
  return (server: { request: Request } & ServerContext): GatewayContext => {
    const { request } = server;
    const credentials = readCredentials(request.headers, deps.delivery.cookies);
    // The caller's identity and the rate-limit key are worked out on first use.
    let client: ClientIdentity | null = null;
    let ipKey: string | null | undefined;
    const identity = () => {
      client ??= deps.identify(request, server);
      return client;
    };
    const key = () => {
      if (ipKey === undefined) {
        const { ip } = identity();
        ipKey = ip ? rateLimitKey(ip) : null;
      }
      return ipKey;
    };
    const loaders = createLoaders(deps.stytch, deps.sessionChecks, {
      // Without a client IP (no socket) there is nothing to count per IP.
      beforeRemote: () => {
        const ip = key();
        return ip ? deps.rateLimiter.assertIpAllowed(ip) : Promise.resolve();
      },
      onRefused: () => {
        const ip = key();
        return ip ? deps.rateLimiter.consume('sessionLookup', { ip }) : Promise.resolve();
      },
    });
    const setCookies = (cookies: string[]) => {
      deps.responseCookies.set(request, [...(deps.responseCookies.get(request) ?? []), ...cookies]);
    };
    let viewer: Promise<SessionLookup | null> | null = null;

    return {
      stytch: deps.stytch,
      hasApiKey: hasApiKey(request.headers.get('x-api-key')),
      credentials,
      loaders,
      delivery: deps.delivery,
      viewer() {
        viewer ??= credentials
          ? loaders.sessions.load(credentials).then((lookup) => {
              // Stytch answered an expired cookie JWT with a fresh one: hand it to the browser.
              if (deps.delivery.cookies && credentials.source === 'cookie' && lookup.sessionJwt) {
                setCookies(
                  sessionCookies(deps.delivery.secureCookies, {
                    sessionJwt: lookup.sessionJwt,
                    expiresAt: lookup.session.expires_at ?? null,
                  }),
                );
              }
              return lookup;
            })
          : Promise.resolve(null);
        return viewer;
      },
      establishSession(result) {
        loaders.primeUser(result.user.user_id, result.user);
        if (!result.session) {
          return;
        }
        const lookup: SessionLookup = {
          session: result.session,
          user: result.user,
          sessionToken: result.session_token,
          sessionJwt: result.session_jwt,
        };
        for (const key of [{ token: result.session_token }, { jwt: result.session_jwt }]) {
          loaders.primeSession({ ...key, source: 'authorization' }, lookup);
        }
        if (deps.delivery.cookies) {
          setCookies(
            sessionCookies(deps.delivery.secureCookies, {
              sessionToken: result.session_token,
              sessionJwt: result.session_jwt,
              expiresAt: result.session.expires_at ?? null,
            }),
          );
        }
      },
      clearSessionCookies() {
        setCookies(clearedSessionCookies(deps.delivery.secureCookies));
      },
      sessionsEnded(revocation) {
        return deps.sessionChecks.revocations.revoke(revocation);
      },
      now: deps.now,
      // yoga copies the context's properties (getters included) into its own: the identity is
      // an object whose fields are read on first use.
      client: {
        get ip() {
          return identity().ip;
        },
        get userAgent() {
          return identity().userAgent;
        },
      },
      countAuthAttempt(field, token, ip = true) {
        return deps.rateLimiter.consume(field, { ip: ip ? key() : null, token: token ?? null });
      },
      redirectUrls: deps.redirectUrls,
      httpMethod: request.method,
    };
  };
}
