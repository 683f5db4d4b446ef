import { compact } from '../../stytch/request.js';
import type { PasswordsEmailResetResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { optionalNonEmpty, requireNonEmpty, requirePassword } from '../common/input-rules.js';
import {
  clientAttributes,
  OptionsInput,
  sessionInputFields,
  toWireOptions,
  toWireSessionArgs,
} from '../common/inputs.js';
import { authenticatedFields, userDeviceField } from '../common/payload-fields.js';
import { resetEndingSessions } from './reset-ends-sessions.js';

const ResetPasswordByEmailInput = builder.inputType('ResetPasswordByEmailInput', {
  description: 'The token from the reset email, the new password, and the session to start.',
  fields: (t) => ({
    token: t.string({
      required: true,
      description:
        'The token from the `?token=` query parameter of the reset link. Works once, for 30 minutes unless the reset was started with another expiration.',
    }),
    password: t.string({
      required: true,
      description:
        "The new password. Any UTF-8; the project's strength policy applies. Never logged or returned.",
    }),
    codeVerifier: t.string({
      description:
        'PKCE: the secret whose challenge was sent with `startPasswordResetByEmail`, proving the reset ends on the device it started on.',
    }),
    options: t.field({
      type: OptionsInput,
      description: 'IP and user-agent match checks against the request that started the reset.',
    }),
    ...sessionInputFields(t),
  }),
});

const ResetPasswordByEmailPayload = builder
  .objectRef<PasswordsEmailResetResponse>('ResetPasswordByEmailPayload')
  .implement({
    description:
      "The user whose password was reset. Stytch has revoked all of the user's sessions; the one returned, when `sessionDurationMinutes` was given, is new.",
    fields: (t) => ({
      ...authenticatedFields(t),
      userDevice: userDeviceField(t),
    }),
  });

builder.mutationField('resetPasswordByEmail', (t) =>
  t.field({
    type: ResetPasswordByEmailPayload,
    nullable: true,
    description:
      "Sets a new password with the token from a reset email (Stytch `POST /v1/passwords/email/reset`) and revokes all of the user's sessions. Pass `sessionDurationMinutes` to sign the user in again at once.",
    args: { input: t.arg({ type: ResetPasswordByEmailInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        token: requireNonEmpty(input.token, 'token'),
        password: requirePassword(input.password, 'password'),
        code_verifier: optionalNonEmpty(input.codeVerifier, 'codeVerifier'),
        options: toWireOptions(input.options),
        attributes: clientAttributes(ctx.client),
        ...toWireSessionArgs(input),
      });
      await ctx.countAuthAttempt('resetPasswordByEmail', request.token);
      return resetEndingSessions(ctx, () => ctx.stytch.passwords.email.reset(request));
    },
  }),
);
