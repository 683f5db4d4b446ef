import type { EstablishedSession, GatewayContext } from '../../http/context.js';

/**
 * Runs a password reset, after which Stytch has ended the user's sessions (all of them, or all but
 * the one a session-based reset was made with). The local JWT checks must agree at once, on every
 * instance: sessions started before the call are revoked here too, while a session the call itself
 * returns is newer and kept, and established like any sign-in.
 */
export async function resetEndingSessions<T extends EstablishedSession & { user_id: string }>(
  ctx: GatewayContext,
  reset: () => Promise<T>,
): Promise<T> {
  const startedBefore = ctx.now();
  const result = await reset();
  await ctx.sessionsEnded({
    userId: result.user_id,
    startedBefore,
    keepSessionId: result.session?.session_id ?? null,
  });
  ctx.establishSession(result);
  return result;
}
