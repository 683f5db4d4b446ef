import type { ResponseEnvelope } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { EMAIL_MESSAGES, emailTarget } from '../common/attempt-keys.js';
import { MAGIC_LINK_EXPIRATION_MINUTES } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';
import { emailLinkRequest } from './email-link-request.js';

const LoginOrCreateWithMagicLinkInput = builder.inputType('LoginOrCreateWithMagicLinkInput', {
  description:
    'Where to send a sign-in link, and optionally which configured pages it opens and for how long it works.',
  fields: (t) => ({
    email: t.string({
      required: true,
      description: 'The email address to send the link to.',
    }),
    loginMagicLinkUrl: t.string({
      description:
        'The page the link opens when the address belongs to an existing user. Must be exactly one of the URLs configured in `MAGIC_LINK_LOGIN_URL`; the first is the default.',
    }),
    signupMagicLinkUrl: t.string({
      description:
        'The page the link opens when the user is new. Must be exactly one of the URLs configured in `MAGIC_LINK_SIGNUP_URL`; the first is the default.',
    }),
    loginExpirationMinutes: t.int({
      description: `How long a login link works, ${MAGIC_LINK_EXPIRATION_MINUTES.min} to ${MAGIC_LINK_EXPIRATION_MINUTES.max} minutes. Stytch's default is 60.`,
    }),
    signupExpirationMinutes: t.int({
      description: `How long a signup link works, ${MAGIC_LINK_EXPIRATION_MINUTES.min} to ${MAGIC_LINK_EXPIRATION_MINUTES.max} minutes. Stytch's default is one week.`,
    }),
    codeChallenge: t.string({
      description:
        'PKCE: the base64url SHA-256 of a secret the browser keeps; `authenticateMagicLink` then needs that secret as `codeVerifier`, so the link only works where it was asked for.',
    }),
    locale: t.string({
      description:
        "The email's language: `en`, `es`, `pt-br` or `fr` (Stytch's list). Defaults to the project's.",
    }),
  }),
});

const LoginOrCreateWithMagicLinkPayload = builder
  .objectRef<ResponseEnvelope>('LoginOrCreateWithMagicLinkPayload')
  .implement({
    description:
      'The link is on its way. Deliberately says nothing else: not whether the address already had an account, nor whose it is.',
    fields: (t) => envelopeFields(t),
  });

builder.mutationField('loginOrCreateWithMagicLink', (t) =>
  t.field({
    type: LoginOrCreateWithMagicLinkPayload,
    nullable: true,
    description:
      'Emails a sign-in link, creating the user first when the address is new (Stytch `POST /v1/magic_links/email/login_or_create`). Public: the answer is the same for new and existing users. Finish with `authenticateMagicLink`.',
    args: { input: t.arg({ type: LoginOrCreateWithMagicLinkInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = emailLinkRequest(input, ctx);
      await ctx.countAuthAttempt(EMAIL_MESSAGES, emailTarget(request.email));
      const result = await ctx.stytch.magicLinks.email.loginOrCreate(request);
      // Only the envelope: user_id and user_created would tell any caller whether the address
      // has an account.
      return { request_id: result.request_id, status_code: result.status_code };
    },
  }),
);
