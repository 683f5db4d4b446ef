import { GraphQLError } from 'graphql';
import { builder } from '../builder.js';

interface SignOutResult {
  revoked: boolean;
  sessionId: string | null;
}

const SignOutPayload = builder.objectRef<SignOutResult>('SignOutPayload').implement({
  description: 'The outcome of signing out.',
  fields: (t) => ({
    revoked: t.exposeBoolean('revoked', {
      description:
        'True when a live session was revoked at Stytch; false when there was none to revoke (already signed out, expired, or no credentials).',
    }),
    sessionId: t.exposeString('sessionId', {
      nullable: true,
      description: 'The id of the revoked session.',
    }),
  }),
});

builder.mutationField('signOut', (t) =>
  t.field({
    type: SignOutPayload,
    nullable: true,
    description:
      "Revokes the request's session at Stytch (`POST /v1/sessions/revoke`) and clears the session cookies. Safe to call twice.",
    resolve: async (_root, _args, ctx) => {
      // Cookies go whatever happens next: a browser asking to sign out must end up signed out.
      if (ctx.delivery.cookies || ctx.credentials?.source === 'cookie') {
        ctx.clearSessionCookies();
      }
      let sessionId: string | null = null;
      try {
        sessionId = (await ctx.viewer())?.session.session_id ?? null;
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions['code'] === 'UNAUTHENTICATED') {
          return { revoked: false, sessionId: null };
        }
        throw error;
      }
      if (!sessionId) {
        return { revoked: false, sessionId: null };
      }
      // By id: it works even when the JWT in hand has expired.
      await ctx.stytch.sessions.revoke({ session_id: sessionId });
      // Stytch knows now; the revocation list makes the session's JWT fail local checks too.
      await ctx.sessionsEnded({ sessionId });
      return { revoked: true, sessionId };
    },
  }),
);
