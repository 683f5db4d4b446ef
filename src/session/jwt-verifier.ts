import { createLocalJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { StytchClient } from '../stytch/client.js';
import type { JsonObject, Session } from '../stytch/types.js';

const SESSION_CLAIM = 'https://stytch.com/session';
/** Enough for every signed-in user of a busy instance within five minutes. */
const MAX_REMEMBERED = 10_000;
const RESERVED_CLAIMS = new Set(['aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub', SESSION_CLAIM]);

export interface JwtVerifierOptions {
  /** Now, in ms. The gateway's clock; tests share the emulator's. */
  now?: () => number;
  /** How long fetched keys are trusted (jose's default for remote sets: 10 minutes). */
  jwksMaxAgeMs?: number;
  /**
   * The least time between two fetches caused by an unknown `kid` (jose's default: 30 s), so a
   * stream of forged kids cannot make the gateway hammer Stytch.
   */
  jwksCooldownMs?: number;
}

/** Why a JWT could not be verified locally, and so what to do next. */
export type LocalVerdict =
  | { ok: true; session: Session }
  /** Expired, or signed by a key we may not know yet: Stytch can still vouch for the session. */
  | { ok: false; askStytch: true; reason: string }
  /** Forged, malformed or for another project: nobody can vouch for it. */
  | { ok: false; askStytch: false; reason: string };

/** The Session a verified JWT carries, shaped like Stytch's Session object. */
function sessionFromClaims(payload: JWTPayload): Session | null {
  const claim = payload[SESSION_CLAIM] as JsonObject | undefined;
  if (!claim || typeof claim['id'] !== 'string' || typeof payload.sub !== 'string') {
    return null;
  }
  const customClaims = Object.fromEntries(
    Object.entries(payload).filter(([key]) => !RESERVED_CLAIMS.has(key)),
  );
  const expiresAt =
    typeof claim['expires_at'] === 'string'
      ? claim['expires_at']
      : new Date((payload.exp ?? 0) * 1000).toISOString();
  return {
    session_id: claim['id'],
    user_id: payload.sub,
    authentication_factors: Array.isArray(claim['authentication_factors'])
      ? (claim['authentication_factors'] as Session['authentication_factors'])
      : [],
    roles: Array.isArray(claim['roles']) ? (claim['roles'] as string[]) : [],
    started_at: (claim['started_at'] as string | undefined) ?? null,
    last_accessed_at: (claim['last_accessed_at'] as string | undefined) ?? null,
    expires_at: expiresAt,
    attributes: (claim['attributes'] as Session['attributes']) ?? null,
    custom_claims: customClaims,
  };
}

/**
 * Verifies Stytch session JWTs locally, as the official SDK's `authenticateJwtLocal` does: RS256,
 * `typ: JWT`, audience = project id, issuer = `stytch.com/{project_id}` or the API base URL. The
 * keys come from Stytch's JWKS endpoint through the gateway's own Stytch client.
 */
export class SessionJwtVerifier {
  private keys: ReturnType<typeof createLocalJWKSet> | null = null;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;
  private readonly issuers: string[];
  /** Verified JWTs until their own expiry (or the session's, if sooner); bounded. */
  private readonly verified = new Map<string, { verdict: LocalVerdict; until: number }>();

  constructor(
    private readonly stytch: StytchClient,
    options: JwtVerifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.jwksMaxAgeMs ?? 600_000;
    this.cooldownMs = options.jwksCooldownMs ?? 30_000;
    this.issuers = [`stytch.com/${stytch.projectId}`, stytch.baseUrl.replace(/\/$/, '')];
  }

  private refresh(): Promise<void> {
    // One fetch at a time, however many requests find the cache stale.
    this.inflight ??= this.stytch.sessions
      .jwks(this.stytch.projectId)
      .then((body) => {
        this.keys = createLocalJWKSet({ keys: body.keys as unknown as JsonObject[] });
        this.fetchedAt = this.now();
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  async verify(jwt: string): Promise<LocalVerdict> {
    // A JWT's verdict cannot change before it expires (local verification never sees a
    // revocation), and a frontend sends the same JWT on every request for up to five minutes:
    // remember good verdicts instead of repeating the RSA check.
    const cached = this.verified.get(jwt);
    if (cached) {
      if (cached.until > this.now()) {
        return cached.verdict;
      }
      this.verified.delete(jwt);
    }
    if (!this.keys || this.now() - this.fetchedAt > this.maxAgeMs) {
      await this.refresh();
    }
    try {
      return await this.verifyWithCurrentKeys(jwt);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) {
        // Stytch rotated its keys, or the kid is forged. Refetch, but not more often than the
        // cooldown allows; until then Stytch itself is asked.
        if (this.now() - this.fetchedAt < this.cooldownMs) {
          return { ok: false, askStytch: true, reason: 'unknown signing key' };
        }
        await this.refresh();
        try {
          return await this.verifyWithCurrentKeys(jwt);
        } catch (retryError) {
          return this.verdictFor(retryError);
        }
      }
      return this.verdictFor(error);
    }
  }

  private async verifyWithCurrentKeys(jwt: string): Promise<LocalVerdict> {
    const { payload } = await jwtVerify(jwt, this.keys as ReturnType<typeof createLocalJWKSet>, {
      algorithms: ['RS256'],
      typ: 'JWT',
      audience: this.stytch.projectId,
      issuer: this.issuers,
      currentDate: new Date(this.now()),
    });
    const session = sessionFromClaims(payload);
    if (!session) {
      return { ok: false, askStytch: false, reason: 'the JWT carries no Stytch session claim' };
    }
    const sessionEnds = session.expires_at
      ? Date.parse(session.expires_at)
      : Number.POSITIVE_INFINITY;
    if (sessionEnds <= this.now()) {
      return { ok: false, askStytch: false, reason: 'the session has expired' };
    }
    const verdict: LocalVerdict = { ok: true, session };
    this.remember(jwt, verdict, Math.min((payload.exp ?? 0) * 1000, sessionEnds));
    return verdict;
  }

  private remember(jwt: string, verdict: LocalVerdict, until: number) {
    if (this.verified.size >= MAX_REMEMBERED) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) {
        this.verified.delete(oldest);
      }
    }
    this.verified.set(jwt, { verdict, until });
  }

  private verdictFor(error: unknown): LocalVerdict {
    if (error instanceof errors.JWTExpired) {
      return { ok: false, askStytch: true, reason: 'the JWT has expired' };
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
      return { ok: false, askStytch: true, reason: 'unknown signing key' };
    }
    if (error instanceof errors.JOSEError) {
      return { ok: false, askStytch: false, reason: error.code };
    }
    throw error;
  }
}
