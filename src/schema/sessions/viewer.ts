import type { SessionLookup } from '../../http/loaders.js';
import { builder } from '../builder.js';
import { UserRef } from '../users/user.js';
import { SessionRef } from './session.js';

export const ViewerRef = builder.objectRef<SessionLookup>('Viewer').implement({
  description: 'Who is signed in: the session the request carries and its user.',
  fields: (t) => ({
    session: t.field({
      type: SessionRef,
      description: "The session of the request's credentials.",
      resolve: (lookup) => lookup.session,
    }),
    user: t.field({
      type: UserRef,
      description: 'The signed-in user.',
      resolve: (lookup, _args, ctx) =>
        lookup.user ?? ctx.loaders.users.load(lookup.session.user_id),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    nullable: true,
    description:
      'The signed-in session and user, from `Authorization: Bearer <session JWT or token>` or the `stytch_session` / `stytch_session_jwt` cookies. Null when the request carries no credentials; an `UNAUTHENTICATED` error when they are invalid or expired. A fresh session JWT is verified locally, without a call to Stytch.',
    resolve: (_root, _args, ctx) => ctx.viewer(),
  }),
);
