import { compact } from '../../stytch/request.js';
import type { OTPsSmsLoginOrCreateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { SMS_MESSAGES } from '../common/attempt-keys.js';
import { requirePhoneNumber } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';
import { METHOD_ID_DESCRIPTION, otpDeliveryFields, otpDeliveryRequest } from './delivery-fields.js';

const LoginOrCreateWithSmsOtpInput = builder.inputType('LoginOrCreateWithSmsOtpInput', {
  description: 'Where to text a one-time code.',
  fields: (t) => ({
    phoneNumber: t.string({
      required: true,
      description:
        'The phone number in E.164 format, e.g. `+12025550162`. Spaces, dashes, dots and brackets are dropped before it is checked.',
    }),
    ...otpDeliveryFields(t, 'sms'),
  }),
});

const LoginOrCreateWithSmsOtpPayload = builder
  .objectRef<OTPsSmsLoginOrCreateResponse>('LoginOrCreateWithSmsOtpPayload')
  .implement({
    description:
      'The code is on its way. Deliberately says nothing about whether the number already had an account.',
    fields: (t) => ({
      ...envelopeFields(t),
      methodId: t.exposeString('phone_id', { description: METHOD_ID_DESCRIPTION }),
    }),
  });

builder.mutationField('loginOrCreateWithSmsOtp', (t) =>
  t.field({
    type: LoginOrCreateWithSmsOtpPayload,
    nullable: true,
    description:
      'Texts a 6-digit one-time code, creating the user first when the number is new (Stytch `POST /v1/otps/sms/login_or_create`). Public: the answer looks the same for new and existing users. Finish with `authenticateOtp`. Stytch sends SMS outside the US and Canada only when the project allows it.',
    args: { input: t.arg({ type: LoginOrCreateWithSmsOtpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        phone_number: requirePhoneNumber(input.phoneNumber, 'phoneNumber'),
        ...otpDeliveryRequest(input, ctx),
      });
      await ctx.countAuthAttempt(SMS_MESSAGES, request.phone_number);
      return ctx.stytch.otps.sms.loginOrCreate(request);
    },
  }),
);
