import { stytchErrorExtension, unauthenticatedError } from '../errors.js';
import type { SessionLookup } from '../http/loaders.js';
import type { StytchClient } from '../stytch/client.js';
import { StytchApiError } from '../stytch/errors.js';
import type { Credentials } from './credentials.js';
import type { SessionJwtVerifier } from './jwt-verifier.js';
import type { RevocationList } from './revocations.js';

/**
 * Session lookups Stytch must answer cost an upstream call each, and a stream of made-up bearer
 * tokens is a guessing attack: each one Stytch does not know counts against the caller's per-IP
 * limit, and once that is spent no further lookup reaches Stytch.
 */
export interface RemoteLookupGuard {
  /** Throws RATE_LIMITED when the caller may not make another remote lookup. */
  beforeRemote(): Promise<void>;
  /** Counts a lookup Stytch refused. */
  onRefused(): Promise<void>;
}

/**
 * Which session the credentials stand for. A JWT is verified locally (no upstream call); Stytch is
 * asked only when that cannot decide: the JWT has expired (the session may live on, and Stytch
 * answers with a fresh JWT), its key is unknown, or only an opaque token was given. A session
 * Stytch does not know, or no longer knows, is UNAUTHENTICATED; Stytch being down is not.
 */
/** How sessions are checked: locally with Stytch's keys and the revocation list, or always remotely. */
export interface SessionChecks {
  /** Null with SESSION_VERIFY=remote: every check asks Stytch. */
  verifier: SessionJwtVerifier | null;
  revocations: RevocationList;
  /** The list is fed by Redis: let pending messages be read before a local answer is trusted. */
  distributed: boolean;
}

/** One turn of the event loop: a revocation message already on the socket is read by then. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function resolveSession(
  stytch: StytchClient,
  checks: SessionChecks,
  credentials: Credentials,
  guard?: RemoteLookupGuard,
): Promise<SessionLookup> {
  let localReason: string | null = null;
  if (credentials.jwt && checks.verifier) {
    const verdict = await checks.verifier.verify(credentials.jwt);
    if (verdict.ok) {
      if (checks.distributed) {
        await nextTurn();
      }
      const revoked = checks.revocations.check(verdict.session);
      if (revoked === 'revoked') {
        throw unauthenticatedError('the session was signed out');
      }
      if (revoked === 'live') {
        return { session: verdict.session, user: null };
      }
      // The shared list cannot be trusted right now (Redis unreachable): Stytch decides.
      localReason = 'the revocation list is unavailable';
    } else if (!verdict.askStytch && !credentials.token) {
      throw unauthenticatedError(verdict.reason);
    } else {
      localReason = verdict.reason;
    }
  }
  await guard?.beforeRemote();
  try {
    // The token is preferred when we have one: it does not expire before its session does.
    const result = await stytch.sessions.authenticate(
      credentials.token ? { session_token: credentials.token } : { session_jwt: credentials.jwt },
    );
    return {
      session: result.session,
      user: result.user,
      sessionToken: result.session_token,
      sessionJwt: result.session_jwt,
    };
  } catch (error) {
    if (error instanceof StytchApiError && [400, 401, 404].includes(error.statusCode)) {
      await guard?.onRefused().catch(() => undefined);
      throw unauthenticatedError(
        localReason ?? error.errorMessage.replace(/\.$/, ''),
        stytchErrorExtension(error),
      );
    }
    throw error;
  }
}
