import { compact } from '../../stytch/request.js';
import type { PasswordsAuthenticateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { emailTarget, PASSWORD_GUESSES } from '../common/attempt-keys.js';
import { requireEmail, requirePassword } from '../common/input-rules.js';
import { sessionInputFields, toWireSessionArgs } from '../common/inputs.js';
import { authenticatedFields, userDeviceField } from '../common/payload-fields.js';
import { ownsEmail, viewerSessionIfOwner } from '../common/viewer-session.js';

const AuthenticatePasswordInput = builder.inputType('AuthenticatePasswordInput', {
  description: 'An email address and its password, and the session to start or extend.',
  fields: (t) => ({
    email: t.string({ required: true, description: "The user's email address." }),
    password: t.string({
      required: true,
      description: "The user's password. Never logged or returned.",
    }),
    ...sessionInputFields(t),
  }),
});

const AuthenticatePasswordPayload = builder
  .objectRef<PasswordsAuthenticateResponse>('AuthenticatePasswordPayload')
  .implement({
    description: 'The user the password signed in and, when one was asked for, their session.',
    fields: (t) => ({
      ...authenticatedFields(t),
      userDevice: userDeviceField(t),
    }),
  });

builder.mutationField('authenticatePassword', (t) =>
  t.field({
    type: AuthenticatePasswordPayload,
    nullable: true,
    description:
      'Signs a user in with their email and password (Stytch `POST /v1/passwords/authenticate`). Pass `sessionDurationMinutes` to get a session; when the input names no session, a valid session the request already carries is extended if it belongs to the same user (otherwise a new one is made). A wrong password is `UNAUTHENTICATED` (`unauthorized_credentials`); an unknown address is `NOT_FOUND` (`email_not_found`); a password Stytch wants changed is refused with `reset_password` until it is reset by email.',
    args: { input: t.arg({ type: AuthenticatePasswordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        email: requireEmail(input.email, 'email'),
        password: requirePassword(input.password, 'password'),
        ...toWireSessionArgs(input),
      });
      await ctx.countAuthAttempt(PASSWORD_GUESSES, emailTarget(request.email));
      const session =
        request.session_token || request.session_jwt
          ? {}
          : await viewerSessionIfOwner(ctx, ownsEmail(request.email));
      const result = await ctx.stytch.passwords.authenticate({ ...request, ...session });
      ctx.establishSession(result);
      return result;
    },
  }),
);
