import type { GatewayContext } from '../../http/context.js';
import type { SessionLookup } from '../../http/loaders.js';
import type { Session } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { SessionRef } from './session.js';
import { ViewerRef } from './viewer.js';

interface ViewerSessionShape {
  session: Session;
  current: boolean;
}

const ViewerSessionRef = builder.objectRef<ViewerSessionShape>('ViewerSession').implement({
  description:
    "One of the signed-in user's active sessions: a device or browser they are signed in on.",
  fields: (t) => ({
    current: t.exposeBoolean('current', {
      description:
        'True for the session of this very request (this device); revoking it signs this device out.',
    }),
    session: t.expose('session', {
      type: SessionRef,
      description:
        'The session: its factors, and under `attributes` the IP address and user agent Stytch recorded when it began (the device). Pass `session.sessionId` to `revokeSession`.',
    }),
  }),
});

const lastActive = (session: Session) =>
  Date.parse(session.last_accessed_at ?? session.started_at ?? '') || 0;

/**
 * The user's sessions, this request's first, then the most recently active. Stytch is asked for
 * the viewer's own user id only: no argument lets a caller name another user.
 */
export async function viewerSessions(
  ctx: GatewayContext,
  lookup: SessionLookup,
): Promise<ViewerSessionShape[]> {
  const { sessions } = await ctx.stytch.sessions.get(lookup.session.user_id);
  const currentId = lookup.session.session_id;
  return sessions
    .map((session) => ({ session, current: session.session_id === currentId }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) || lastActive(b.session) - lastActive(a.session),
    );
}

builder.objectField(ViewerRef, 'sessions', (t) =>
  t.field({
    type: [ViewerSessionRef],
    description:
      'Every active session of the signed-in user (Stytch `GET /v1/sessions?user_id=`), for a "where you\'re signed in" page: this request\'s session first, then the most recently active. Revoke one with `revokeSession`.',
    resolve: (lookup, _args, ctx) => viewerSessions(ctx, lookup),
  }),
);
