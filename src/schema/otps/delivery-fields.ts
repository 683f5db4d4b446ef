import type { GatewayContext } from '../../http/context.js';
import type { builder } from '../builder.js';
import {
  OTP_EXPIRATION_MINUTES,
  optionalIntInRange,
  optionalLocale,
} from '../common/input-rules.js';
import { clientAttributes } from '../common/inputs.js';

type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
  'InputObject'
>;

/** The options every operation that sends a one-time code shares. */
export function otpDeliveryFields(t: InputFieldBuilder, channel: 'email' | 'sms') {
  return {
    expirationMinutes: t.int({
      description: `How long the code works, ${OTP_EXPIRATION_MINUTES.min} to ${OTP_EXPIRATION_MINUTES.max} minutes. Stytch's default is 2. Sending another code to the same ${channel === 'email' ? 'address' : 'number'} voids this one.`,
    }),
    locale: t.string({
      description:
        channel === 'email'
          ? "The email's language: `en`, `es`, `pt-br` or `fr` (Stytch's list). Defaults to the project's."
          : "The text's language, e.g. `en`, `es`, `pt-br`, `fr`, `it`, `de-DE`, `zh-Hans`, `ca-ES` (Stytch's list). Defaults to the project's.",
    }),
  };
}

/**
 * The wire form of `otpDeliveryFields`, checked before any call, with the IP and user agent the
 * gateway saw (never ones the client claims). Unset options stay undefined for `compact`.
 */
export function otpDeliveryRequest(
  input: { expirationMinutes?: number | null; locale?: string | null },
  ctx: GatewayContext,
) {
  return {
    expiration_minutes: optionalIntInRange(
      input.expirationMinutes,
      OTP_EXPIRATION_MINUTES,
      'expirationMinutes',
    ),
    locale: optionalLocale(input.locale, 'locale'),
    attributes: clientAttributes(ctx.client),
  };
}

export const METHOD_ID_DESCRIPTION =
  'The id of the email address or phone number the code went to. Pass it, with the code, to `authenticateOtp`.';
