import { stytchErrorExtension, unauthenticatedError } from '../errors.js';
import type { SessionLookup } from '../http/loaders.js';
import type { StytchClient } from '../stytch/client.js';
import { StytchApiError } from '../stytch/errors.js';
import type { Credentials } from './credentials.js';
import type { SessionJwtVerifier } from './jwt-verifier.js';

/**
 * Which session the credentials stand for. A JWT is verified locally (no upstream call); Stytch is
 * asked only when that cannot decide: the JWT has expired (the session may live on, and Stytch
 * answers with a fresh JWT), its key is unknown, or only an opaque token was given. A session
 * Stytch does not know, or no longer knows, is UNAUTHENTICATED; Stytch being down is not.
 */
export async function resolveSession(
  stytch: StytchClient,
  verifier: SessionJwtVerifier,
  credentials: Credentials,
): Promise<SessionLookup> {
  let localReason: string | null = null;
  if (credentials.jwt) {
    const verdict = await verifier.verify(credentials.jwt);
    if (verdict.ok) {
      return { session: verdict.session, user: null };
    }
    if (!verdict.askStytch && !credentials.token) {
      throw unauthenticatedError(verdict.reason);
    }
    localReason = verdict.reason;
  }
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
      throw unauthenticatedError(
        localReason ?? error.errorMessage.replace(/\.$/, ''),
        stytchErrorExtension(error),
      );
    }
    throw error;
  }
}
