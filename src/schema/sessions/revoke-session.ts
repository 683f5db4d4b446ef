import { GraphQLError } from 'graphql';
import { forbiddenError, unauthenticatedError } from '../../errors.js';
import { isImpersonated } from '../../session/caller-session.js';
import { builder } from '../builder.js';
import { requireNonEmpty } from '../common/input-rules.js';
import { viewerSessions } from './viewer-sessions.js';

interface RevokeSessionResult {
  sessionId: string;
  current: boolean;
}

const RevokeSessionInput = builder.inputType('RevokeSessionInput', {
  description: "Which of the signed-in user's sessions to end.",
  fields: (t) => ({
    sessionId: t.string({
      required: true,
      description: 'A `session.sessionId` from `viewer { sessions }`.',
    }),
  }),
});

const RevokeSessionPayload = builder
  .objectRef<RevokeSessionResult>('RevokeSessionPayload')
  .implement({
    description: 'The session that was revoked.',
    fields: (t) => ({
      sessionId: t.exposeString('sessionId', { description: 'The id of the revoked session.' }),
      current: t.exposeBoolean('current', {
        description:
          "True when it was this request's own session: this device is now signed out and its session cookies are cleared.",
      }),
    }),
  });

const notTheViewers = () =>
  new GraphQLError('The signed-in user has no active session with this id.', {
    extensions: { code: 'NOT_FOUND', field: 'sessionId' },
  });

builder.mutationField('revokeSession', (t) =>
  t.field({
    type: RevokeSessionPayload,
    nullable: true,
    description:
      "Signs the user out on one device: revokes one of the signed-in user's own sessions (Stytch `POST /v1/sessions/revoke`). The id is checked against the viewer's own session list first; any other id is `NOT_FOUND`, whether or not it exists for someone else. Revoking this request's own session also clears its cookies, like `signOut`.",
    args: { input: t.arg({ type: RevokeSessionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const sessionId = requireNonEmpty(input.sessionId, 'sessionId');
      const viewer = await ctx.viewer();
      if (!viewer) {
        throw unauthenticatedError('the request carries no session; sign in first');
      }
      // Never revoke an id the caller merely names: only one Stytch lists for the viewer's user.
      const target = (await viewerSessions(ctx, viewer)).find(
        (entry) => entry.session.session_id === sessionId,
      );
      if (!target) {
        throw notTheViewers();
      }
      if (isImpersonated(viewer.session) && !target.current) {
        // Support staff see what the user sees; ending the user's own devices is the user's call.
        throw forbiddenError("An impersonated session cannot revoke the user's other sessions.");
      }
      await ctx.stytch.sessions.revoke({ session_id: sessionId });
      // Stytch knows now; the revocation list makes the session's JWT fail local checks too.
      await ctx.sessionsEnded({ sessionId });
      if (target.current && (ctx.delivery.cookies || ctx.credentials?.source === 'cookie')) {
        ctx.clearSessionCookies();
      }
      return { sessionId, current: target.current };
    },
  }),
);
