import type { GatewayContext } from '../http/context.js';
import type { Session } from '../stytch/types.js';

type SessionArgs = { session_token?: string; session_jwt?: string };

/** Support staff acting as the user: they see what the user sees, but act for them only so far. */
export function isImpersonated(session: Session): boolean {
  return session.authentication_factors.some((factor) => factor.type === 'impersonated');
}

/**
 * The request's own session as Stytch session arguments, for a mutation whose input names none.
 * For a magic link the session is checked first: handing Stytch a stale or impersonated session
 * would fail the call after the single-use token was spent, so such a session is left out and a
 * fresh one is made instead.
 */
export async function callerSessionToExtend(ctx: GatewayContext): Promise<SessionArgs> {
  if (!ctx.credentials) {
    return {};
  }
  let lookup: Awaited<ReturnType<GatewayContext['viewer']>>;
  try {
    lookup = await ctx.viewer();
  } catch {
    return {};
  }
  if (!lookup || isImpersonated(lookup.session)) {
    return {};
  }
  const token = lookup.sessionToken || ctx.credentials.token;
  if (token) {
    return { session_token: token };
  }
  const jwt = lookup.sessionJwt || ctx.credentials.jwt;
  return jwt ? { session_jwt: jwt } : {};
}

/** The request's credentials as Stytch session arguments, unchecked: Stytch checks them. */
export function callerSessionArgs(ctx: GatewayContext): SessionArgs {
  if (ctx.credentials?.token) {
    return { session_token: ctx.credentials.token };
  }
  return ctx.credentials?.jwt ? { session_jwt: ctx.credentials.jwt } : {};
}
