import { badUserInput } from '../../errors.js';
import { compact } from '../../stytch/request.js';
import type { PasswordsSessionResetResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { DeviceInfoRef } from '../device-info.js';
import { sessionInputFields, toWireSessionArgs } from '../inputs.js';
import { authenticatedFields } from '../payload-fields.js';

const ResetPasswordWithSessionInput = builder.inputType('ResetPasswordWithSessionInput', {
  description:
    'A new password, and the session that proves who is setting it (give `sessionToken` or `sessionJwt`).',
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
      userDevice: t.field({
        type: DeviceInfoRef,
        nullable: true,
        description: 'Device fingerprint details, when a `telemetryId` was given.',
        resolve: (parent) => parent.user_device ?? null,
      }),
    }),
  });

builder.mutationField('resetPasswordWithSession', (t) =>
  t.field({
    type: ResetPasswordWithSessionPayload,
    nullable: true,
    description:
      'Sets a new password using a session (Stytch `POST /v1/passwords/session/reset`). The session must hold a password, email magic link or email OTP factor authenticated in the last 5 minutes.',
    args: { input: t.arg({ type: ResetPasswordWithSessionInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      if (input.password === '') {
        throw badUserInput('password must not be empty.', 'password');
      }
      const session = toWireSessionArgs(input);
      if (!session.session_token && !session.session_jwt) {
        throw badUserInput('Give sessionToken or sessionJwt.', 'sessionToken');
      }
      return ctx.stytch.passwords.session.reset(compact({ password: input.password, ...session }));
    },
  }),
);
