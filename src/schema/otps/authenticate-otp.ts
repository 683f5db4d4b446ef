import { compact } from '../../stytch/request.js';
import type { OTPsAuthenticateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { requireNonEmpty, requireOtpCode } from '../common/input-rules.js';
import {
  clientAttributes,
  OptionsInput,
  sessionInputFields,
  toWireOptions,
  toWireSessionArgs,
} from '../common/inputs.js';
import { authenticatedFields, userDeviceField } from '../common/payload-fields.js';
import { ownsMethod, viewerSessionIfOwner } from '../common/viewer-session.js';

const AuthenticateOtpInput = builder.inputType('AuthenticateOtpInput', {
  description: 'A one-time code and the method it was sent to, and the session to start or extend.',
  fields: (t) => ({
    methodId: t.string({
      required: true,
      description:
        'The `methodId` from the operation that sent the code (the email or phone number id).',
    }),
    code: t.string({
      required: true,
      description: 'The 6-digit code the user received. Works once. Never logged or returned.',
    }),
    options: t.field({
      type: OptionsInput,
      description: 'IP and user-agent match checks against the request that sent the code.',
    }),
    ...sessionInputFields(t),
  }),
});

const AuthenticateOtpPayload = builder
  .objectRef<OTPsAuthenticateResponse>('AuthenticateOtpPayload')
  .implement({
    description: 'The user the code signed in and, when one was asked for, their session.',
    fields: (t) => ({
      ...authenticatedFields(t),
      methodId: t.exposeString('method_id', {
        description: 'The id of the email address or phone number the code was sent to.',
      }),
      resetSessions: t.exposeBoolean('reset_sessions', {
        description:
          "True when applications that do not use Stytch Sessions should end the user's other sessions. Stytch revokes them itself when Sessions are used.",
      }),
      userDevice: userDeviceField(t),
    }),
  });

builder.mutationField('authenticateOtp', (t) =>
  t.field({
    type: AuthenticateOtpPayload,
    nullable: true,
    description:
      'Signs a user in with a one-time code sent by email or SMS (Stytch `POST /v1/otps/authenticate`). Pass `sessionDurationMinutes` to get a session; when the input names no session, a valid session the request already carries is extended if the code went to that user (a second factor; otherwise a new session is made). A wrong code is refused by Stytch (`otp_code_not_found`).',
    args: { input: t.arg({ type: AuthenticateOtpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        method_id: requireNonEmpty(input.methodId, 'methodId'),
        code: requireOtpCode(input.code, 'code'),
        options: toWireOptions(input.options),
        attributes: clientAttributes(ctx.client),
        ...toWireSessionArgs(input),
      });
      // Per method: one code's guesses, whichever addresses they come from.
      await ctx.countAuthAttempt('authenticateOtp', request.method_id);
      const session =
        request.session_token || request.session_jwt
          ? {}
          : await viewerSessionIfOwner(ctx, ownsMethod(request.method_id));
      const result = await ctx.stytch.otps.authenticate({ ...request, ...session });
      ctx.establishSession(result);
      return result;
    },
  }),
);
