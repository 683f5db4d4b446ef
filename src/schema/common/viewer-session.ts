import type { GatewayContext } from '../../http/context.js';
import { callerSessionToExtend } from '../../session/caller-session.js';
import type { User } from '../../stytch/types.js';

type SessionArgs = Awaited<ReturnType<typeof callerSessionToExtend>>;

/**
 * The request's own valid session, to extend with a new factor, but only when the credential
 * being checked is that same user's (`owns`). Another user signing in on the same browser gets a
 * fresh session instead of a call Stytch would refuse for naming someone else's session.
 */
export async function viewerSessionIfOwner(
  ctx: GatewayContext,
  owns: (user: User) => boolean,
): Promise<SessionArgs> {
  const session = await callerSessionToExtend(ctx);
  if (!session.session_token && !session.session_jwt) {
    return {};
  }
  try {
    const lookup = await ctx.viewer();
    const user = lookup && (lookup.user ?? (await ctx.loaders.users.load(lookup.session.user_id)));
    return user && owns(user) ? session : {};
  } catch {
    return {};
  }
}

/** The user signs in with one of their own addresses (compared as Stytch does: ignoring case). */
export const ownsEmail = (email: string) => (user: User) =>
  user.emails.some((e) => e.email.toLowerCase() === email.toLowerCase());

/** The code went to one of the user's own addresses or phone numbers. */
export const ownsMethod = (methodId: string) => (user: User) =>
  user.emails.some((e) => e.email_id === methodId) ||
  user.phone_numbers.some((p) => p.phone_id === methodId);
