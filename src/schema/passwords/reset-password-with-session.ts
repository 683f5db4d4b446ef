import { badUserInput } from '../../errors.js';
import { callerSessionArgs } from '../../session/caller-session.js';
import { compact } from '../../stytch/request.js';
import type { PasswordsSessionResetResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { sessionInputFields, toWireSessionArgs } from '../common/inputs.js';
import { authenticatedFields, userDeviceField } from '../common/payload-fields.js';
import { resetEndingSessions } from './reset-ends-sessions.js';

const ResetPasswordWithSessionInput = builder.inputType('ResetPasswordWithSessionInput', {
  description:
    'A new password, and the session that proves who is setting it: `sessionToken` or `sessionJwt`, or else the session the request carries.',
  fields: (t) => ({
    password: t.string({
      required: true,
      description:
        "The new password. Any UTF-8 is allowed; the project's strength policy applies. Never logged or returned.",
    }),
    ...sessionInputFields(t),
  }),
});

const ResetPasswordWithSessionPayload = builder
  .objectRef<PasswordsSessionResetResponse>('ResetPasswordWithSessionPayload')
  .implement({
    description:
      "The user whose password was reset and the session used. Stytch has revoked all of the user's other sessions.",
    fields: (t) => ({
      ...authenticatedFields(t),
      userDevice: userDeviceField(t),
    }),
  });

builder.mutationField('resetPasswordWithSession', (t) =>
  t.field({
    type: ResetPasswordWithSessionPayload,
    nullable: true,
    description:
      'Sets a new password using a session (Stytch `POST /v1/passwords/session/reset`). The session must hold a password, email magic link or email OTP factor authenticated in the last 5 minutes.',
    args: { input: t.arg({ type: ResetPasswordWithSessionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (input.password === '') {
        throw badUserInput('password must not be empty.', 'password');
      }
      const given = toWireSessionArgs(input);
      const used =
        given.session_token || given.session_jwt ? given : { ...given, ...callerSessionArgs(ctx) };
      if (!used.session_token && !used.session_jwt) {
        throw badUserInput(
          'Give sessionToken or sessionJwt, or call with a signed-in session.',
          'sessionToken',
        );
      }
      await ctx.countAuthAttempt(
        'resetPasswordWithSession',
        used.session_token ?? used.session_jwt ?? null,
      );
      return resetEndingSessions(ctx, () =>
        ctx.stytch.passwords.session.reset(compact({ password: input.password, ...used })),
      );
    },
  }),
);
