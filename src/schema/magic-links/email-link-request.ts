import type { GatewayContext } from '../../http/context.js';
import { compact } from '../../stytch/request.js';
import {
  MAGIC_LINK_EXPIRATION_MINUTES,
  optionalIntInRange,
  optionalLocale,
  optionalNonEmpty,
  requireEmail,
} from '../common/input-rules.js';
import { clientAttributes } from '../common/inputs.js';
import { redirectUrl } from '../common/redirect-urls.js';

/** The options `loginOrCreateWithMagicLink` and `sendMagicLink` share. */
export interface EmailLinkInput {
  email: string;
  loginMagicLinkUrl?: string | null;
  signupMagicLinkUrl?: string | null;
  loginExpirationMinutes?: number | null;
  signupExpirationMinutes?: number | null;
  codeChallenge?: string | null;
  locale?: string | null;
}

/**
 * The wire request of Stytch's two email-link endpoints (`login_or_create` and `send` take the
 * same fields), checked before any call: redirect URLs only from configuration, expirations in
 * range, and the IP and user agent the gateway saw, never ones the client claims.
 */
export function emailLinkRequest(input: EmailLinkInput, ctx: GatewayContext) {
  const urls = ctx.redirectUrls;
  return compact({
    email: requireEmail(input.email, 'email'),
    login_magic_link_url: redirectUrl(
      urls.magicLinkLogin,
      input.loginMagicLinkUrl,
      'loginMagicLinkUrl',
      'MAGIC_LINK_LOGIN_URL',
    ),
    signup_magic_link_url: redirectUrl(
      urls.magicLinkSignup,
      input.signupMagicLinkUrl,
      'signupMagicLinkUrl',
      'MAGIC_LINK_SIGNUP_URL',
    ),
    login_expiration_minutes: optionalIntInRange(
      input.loginExpirationMinutes,
      MAGIC_LINK_EXPIRATION_MINUTES,
      'loginExpirationMinutes',
    ),
    signup_expiration_minutes: optionalIntInRange(
      input.signupExpirationMinutes,
      MAGIC_LINK_EXPIRATION_MINUTES,
      'signupExpirationMinutes',
    ),
    code_challenge: optionalNonEmpty(input.codeChallenge, 'codeChallenge'),
    locale: optionalLocale(input.locale, 'locale'),
    attributes: clientAttributes(ctx.client),
  });
}
