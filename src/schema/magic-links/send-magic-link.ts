import type { MagicLinksEmailSendResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { EMAIL_MESSAGES, emailTarget } from '../common/attempt-keys.js';
import { MAGIC_LINK_EXPIRATION_MINUTES } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';
import { attachedToViewerField, type SendResult, viewerToAttach } from '../common/sending.js';
import { emailLinkRequest } from './email-link-request.js';

const SendMagicLinkInput = builder.inputType('SendMagicLinkInput', {
  description:
    "An existing user's email address to send a sign-in link to, or, when signed in, an address to add to the signed-in user.",
  fields: (t) => ({
    email: t.string({ required: true, description: 'The email address to send the link to.' }),
    loginMagicLinkUrl: t.string({
      description:
        'The page the link opens. Must be exactly one of the URLs configured in `MAGIC_LINK_LOGIN_URL`; the first is the default.',
    }),
    signupMagicLinkUrl: t.string({
      description:
        'The page the link opens for a user who has not finished signing up (a pending user). Must be exactly one of the URLs configured in `MAGIC_LINK_SIGNUP_URL`; the first is the default.',
    }),
    loginExpirationMinutes: t.int({
      description: `How long the link works, ${MAGIC_LINK_EXPIRATION_MINUTES.min} to ${MAGIC_LINK_EXPIRATION_MINUTES.max} minutes. Stytch's default is 60.`,
    }),
    signupExpirationMinutes: t.int({
      description: `How long a pending user's link works, ${MAGIC_LINK_EXPIRATION_MINUTES.min} to ${MAGIC_LINK_EXPIRATION_MINUTES.max} minutes. Stytch's default is one week.`,
    }),
    codeChallenge: t.string({
      description:
        'PKCE: the base64url SHA-256 of a secret the browser keeps; `authenticateMagicLink` then needs that secret as `codeVerifier`.',
    }),
    locale: t.string({
      description:
        "The email's language: `en`, `es`, `pt-br` or `fr` (Stytch's list). Defaults to the project's.",
    }),
  }),
});

const SendMagicLinkPayload = builder
  .objectRef<SendResult<MagicLinksEmailSendResponse>>('SendMagicLinkPayload')
  .implement({
    description: 'The link is on its way.',
    fields: (t) => ({
      ...envelopeFields(t),
      attachedToViewer: attachedToViewerField(t),
    }),
  });

builder.mutationField('sendMagicLink', (t) =>
  t.field({
    type: SendMagicLinkPayload,
    nullable: true,
    description:
      'Emails a sign-in link to an existing user (Stytch `POST /v1/magic_links/email/send`); an unknown address is `NOT_FOUND` (`email_not_found`), so this tells the caller whether an account exists: use `loginOrCreateWithMagicLink` on public sign-in pages. When the request carries a valid session, the address is added to the signed-in user instead (the "add an email" flow). Finish with `authenticateMagicLink`.',
    args: { input: t.arg({ type: SendMagicLinkInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = emailLinkRequest(input, ctx);
      await ctx.countAuthAttempt(EMAIL_MESSAGES, emailTarget(request.email));
      const { session, attached } = await viewerToAttach(ctx);
      const result = await ctx.stytch.magicLinks.email.send({ ...request, ...session });
      return { ...result, attached_to_viewer: attached };
    },
  }),
);
