import { compact } from '../../stytch/request.js';
import type { OTPsEmailSendResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { EMAIL_MESSAGES, emailTarget } from '../common/attempt-keys.js';
import { requireEmail } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';
import { attachedToViewerField, type SendResult, viewerToAttach } from '../common/sending.js';
import { METHOD_ID_DESCRIPTION, otpDeliveryFields, otpDeliveryRequest } from './delivery-fields.js';

const SendEmailOtpInput = builder.inputType('SendEmailOtpInput', {
  description:
    "An existing user's email address to send a one-time code to, or, when signed in, an address to add to the signed-in user.",
  fields: (t) => ({
    email: t.string({ required: true, description: 'The email address to send the code to.' }),
    ...otpDeliveryFields(t, 'email'),
  }),
});

const SendEmailOtpPayload = builder
  .objectRef<SendResult<OTPsEmailSendResponse>>('SendEmailOtpPayload')
  .implement({
    description: 'The code is on its way.',
    fields: (t) => ({
      ...envelopeFields(t),
      methodId: t.exposeString('email_id', { description: METHOD_ID_DESCRIPTION }),
      attachedToViewer: attachedToViewerField(t),
    }),
  });

builder.mutationField('sendEmailOtp', (t) =>
  t.field({
    type: SendEmailOtpPayload,
    nullable: true,
    description:
      'Emails a 6-digit one-time code to an existing user (Stytch `POST /v1/otps/email/send`); an unknown address is `NOT_FOUND` (`email_not_found`), so this tells the caller whether an account exists: use `loginOrCreateWithEmailOtp` on public sign-in pages. When the request carries a valid session, the address is added to the signed-in user instead. Finish with `authenticateOtp`.',
    args: { input: t.arg({ type: SendEmailOtpInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        email: requireEmail(input.email, 'email'),
        ...otpDeliveryRequest(input, ctx),
      });
      await ctx.countAuthAttempt(EMAIL_MESSAGES, emailTarget(request.email));
      const { session, attached } = await viewerToAttach(ctx);
      const result = await ctx.stytch.otps.email.send({ ...request, ...session });
      return { ...result, attached_to_viewer: attached };
    },
  }),
);
