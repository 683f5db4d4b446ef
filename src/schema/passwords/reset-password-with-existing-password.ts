import { compact } from '../../stytch/request.js';
import type { PasswordsExistingPasswordResetResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { emailTarget, PASSWORD_GUESSES } from '../common/attempt-keys.js';
import { requireEmail, requirePassword } from '../common/input-rules.js';
import { sessionInputFields, toWireSessionArgs } from '../common/inputs.js';
import { authenticatedFields, userDeviceField } from '../common/payload-fields.js';
import { resetEndingSessions } from './reset-ends-sessions.js';

const ResetPasswordWithExistingPasswordInput = builder.inputType(
  'ResetPasswordWithExistingPasswordInput',
  {
    description: 'An email address, its current password, the new one, and the session to start.',
    fields: (t) => ({
      email: t.string({ required: true, description: "The user's email address." }),
      existingPassword: t.string({
        required: true,
        description: 'The current password. Never logged or returned.',
      }),
      newPassword: t.string({
        required: true,
        description:
          "The new password. Any UTF-8; the project's strength policy applies. Never logged or returned.",
      }),
      ...sessionInputFields(t),
    }),
  },
);

const ResetPasswordWithExistingPasswordPayload = builder
  .objectRef<PasswordsExistingPasswordResetResponse>('ResetPasswordWithExistingPasswordPayload')
  .implement({
    description:
      "The user whose password was changed. Stytch has revoked all of the user's sessions; the one returned, when `sessionDurationMinutes` was given, is new.",
    fields: (t) => ({
      ...authenticatedFields(t),
      userDevice: userDeviceField(t),
    }),
  });

builder.mutationField('resetPasswordWithExistingPassword', (t) =>
  t.field({
    type: ResetPasswordWithExistingPasswordPayload,
    nullable: true,
    description:
      "Changes a password given the current one (Stytch `POST /v1/passwords/existing_password/reset`) and revokes all of the user's sessions. A wrong current password is `UNAUTHENTICATED`. Pass `sessionDurationMinutes` to sign the user in again at once.",
    args: { input: t.arg({ type: ResetPasswordWithExistingPasswordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        email: requireEmail(input.email, 'email'),
        existing_password: requirePassword(input.existingPassword, 'existingPassword'),
        new_password: requirePassword(input.newPassword, 'newPassword'),
        ...toWireSessionArgs(input),
      });
      await ctx.countAuthAttempt(PASSWORD_GUESSES, emailTarget(request.email));
      return resetEndingSessions(ctx, () => ctx.stytch.passwords.existingPassword.reset(request));
    },
  }),
);
