import { compact } from '../../stytch/request.js';
import type { OTPsEmailLoginOrCreateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { EMAIL_MESSAGES, emailTarget } from '../common/attempt-keys.js';
import { requireEmail } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';
import { METHOD_ID_DESCRIPTION, otpDeliveryFields, otpDeliveryRequest } from './delivery-fields.js';

const LoginOrCreateWithEmailOtpInput = builder.inputType('LoginOrCreateWithEmailOtpInput', {
  description: 'Where to email a one-time code.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The email address to send the code to.' }),
    ...otpDeliveryFields(t, 'email'),
  }),
});

const LoginOrCreateWithEmailOtpPayload = builder
  .objectRef<OTPsEmailLoginOrCreateResponse>('LoginOrCreateWithEmailOtpPayload')
  .implement({
    description:
      'The code is on its way. Deliberately says nothing about whether the address already had an account.',
    fields: (t) => ({
      ...envelopeFields(t),
      methodId: t.exposeString('email_id', { description: METHOD_ID_DESCRIPTION }),
    }),
  });

builder.mutationField('loginOrCreateWithEmailOtp', (t) =>
  t.field({
    type: LoginOrCreateWithEmailOtpPayload,
    nullable: true,
    description:
      'Emails a 6-digit one-time code, creating the user first when the address is new (Stytch `POST /v1/otps/email/login_or_create`). Public: the answer looks the same for new and existing users. Finish with `authenticateOtp`.',
    args: { input: t.arg({ type: LoginOrCreateWithEmailOtpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        email: requireEmail(input.email, 'email'),
        ...otpDeliveryRequest(input, ctx),
      });
      await ctx.countAuthAttempt(EMAIL_MESSAGES, emailTarget(request.email));
      return ctx.stytch.otps.email.loginOrCreate(request);
    },
  }),
);
