import { compact } from '../../stytch/request.js';
import type { OTPsSmsSendResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { SMS_MESSAGES } from '../common/attempt-keys.js';
import { requirePhoneNumber } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';
import { attachedToViewerField, type SendResult, viewerToAttach } from '../common/sending.js';
import { METHOD_ID_DESCRIPTION, otpDeliveryFields, otpDeliveryRequest } from './delivery-fields.js';

const SendSmsOtpInput = builder.inputType('SendSmsOtpInput', {
  description:
    "An existing user's phone number to text a one-time code to, or, when signed in, a number to add to the signed-in user.",
  fields: (t) => ({
    phoneNumber: t.string({
      required: true,
      description:
        'The phone number in E.164 format, e.g. `+12025550162`. Spaces, dashes, dots and brackets are dropped before it is checked.',
    }),
    ...otpDeliveryFields(t, 'sms'),
  }),
});

const SendSmsOtpPayload = builder
  .objectRef<SendResult<OTPsSmsSendResponse>>('SendSmsOtpPayload')
  .implement({
    description: 'The code is on its way.',
    fields: (t) => ({
      ...envelopeFields(t),
      methodId: t.exposeString('phone_id', { description: METHOD_ID_DESCRIPTION }),
      attachedToViewer: attachedToViewerField(t),
    }),
  });

builder.mutationField('sendSmsOtp', (t) =>
  t.field({
    type: SendSmsOtpPayload,
    nullable: true,
    description:
      'Texts a 6-digit one-time code to an existing user (Stytch `POST /v1/otps/sms/send`); an unknown number is `NOT_FOUND` (`phone_number_not_found`), so this tells the caller whether an account exists: use `loginOrCreateWithSmsOtp` on public sign-in pages. When the request carries a valid session, the number is added to the signed-in user instead (the "add a phone" flow). Finish with `authenticateOtp`.',
    args: { input: t.arg({ type: SendSmsOtpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        phone_number: requirePhoneNumber(input.phoneNumber, 'phoneNumber'),
        ...otpDeliveryRequest(input, ctx),
      });
      await ctx.countAuthAttempt(SMS_MESSAGES, request.phone_number);
      const { session, attached } = await viewerToAttach(ctx);
      const result = await ctx.stytch.otps.sms.send({ ...request, ...session });
      return { ...result, attached_to_viewer: attached };
    },
  }),
);
