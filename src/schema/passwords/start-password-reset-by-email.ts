import { compact } from '../../stytch/request.js';
import type { ResponseEnvelope } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { EMAIL_MESSAGES, emailTarget } from '../common/attempt-keys.js';
import {
  EMAIL_LINK_EXPIRATION_MINUTES,
  optionalIntInRange,
  optionalLocale,
  optionalNonEmpty,
  requireEmail,
} from '../common/input-rules.js';
import { clientAttributes } from '../common/inputs.js';
import { envelopeFields } from '../common/payload-fields.js';
import { redirectUrl } from '../common/redirect-urls.js';

const StartPasswordResetByEmailInput = builder.inputType('StartPasswordResetByEmailInput', {
  description: 'Whose password to reset, and optionally which configured pages the email opens.',
  fields: (t) => ({
    email: t.string({ required: true, description: "The user's email address." }),
    resetPasswordRedirectUrl: t.string({
      description:
        'The page the reset link opens (it receives `?token=` for `resetPasswordByEmail`). Must be exactly one of the URLs configured in `PASSWORD_RESET_URL`; the first is the default.',
    }),
    loginRedirectUrl: t.string({
      description:
        'The page the email\'s "log in without a password" button opens (it receives a magic link `?token=` for `authenticateMagicLink`). Must be exactly one of the URLs configured in `MAGIC_LINK_LOGIN_URL`; the first is the default.',
    }),
    resetPasswordExpirationMinutes: t.int({
      description: `How long the reset link works, ${EMAIL_LINK_EXPIRATION_MINUTES.min} to ${EMAIL_LINK_EXPIRATION_MINUTES.max} minutes. Stytch's default is 30.`,
    }),
    codeChallenge: t.string({
      description:
        'PKCE: the base64url SHA-256 of a secret the browser keeps; `resetPasswordByEmail` then needs that secret as `codeVerifier`.',
    }),
    locale: t.string({
      description:
        "The email's language: `en`, `es`, `pt-br` or `fr` (Stytch's list). Defaults to the project's.",
    }),
  }),
});

const StartPasswordResetByEmailPayload = builder
  .objectRef<ResponseEnvelope>('StartPasswordResetByEmailPayload')
  .implement({
    description: 'The reset email is on its way.',
    fields: (t) => envelopeFields(t),
  });

builder.mutationField('startPasswordResetByEmail', (t) =>
  t.field({
    type: StartPasswordResetByEmailPayload,
    nullable: true,
    description:
      'Emails a password reset link (Stytch `POST /v1/passwords/email/reset/start`). Finish with `resetPasswordByEmail`. An unknown address is `NOT_FOUND` (`email_not_found`), so this tells the caller whether an account exists.',
    args: { input: t.arg({ type: StartPasswordResetByEmailInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const urls = ctx.redirectUrls;
      const request = compact({
        email: requireEmail(input.email, 'email'),
        reset_password_redirect_url: redirectUrl(
          urls.passwordReset,
          input.resetPasswordRedirectUrl,
          'resetPasswordRedirectUrl',
          'PASSWORD_RESET_URL',
        ),
        login_redirect_url: redirectUrl(
          urls.magicLinkLogin,
          input.loginRedirectUrl,
          'loginRedirectUrl',
          'MAGIC_LINK_LOGIN_URL',
        ),
        reset_password_expiration_minutes: optionalIntInRange(
          input.resetPasswordExpirationMinutes,
          EMAIL_LINK_EXPIRATION_MINUTES,
          'resetPasswordExpirationMinutes',
        ),
        code_challenge: optionalNonEmpty(input.codeChallenge, 'codeChallenge'),
        locale: optionalLocale(input.locale, 'locale'),
        attributes: clientAttributes(ctx.client),
      });
      await ctx.countAuthAttempt(EMAIL_MESSAGES, emailTarget(request.email));
      const result = await ctx.stytch.passwords.email.resetStart(request);
      // The ids are of no use to a browser and name the account: only the envelope goes back.
      return { request_id: result.request_id, status_code: result.status_code };
    },
  }),
);
