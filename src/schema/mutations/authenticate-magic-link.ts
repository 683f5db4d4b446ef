import { compact } from '../../stytch/request.js';
import type { MagicLinksAuthenticateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { DeviceInfoRef } from '../device-info.js';
import { optionalNonEmpty, requireNonEmpty } from '../input-rules.js';
import {
  AttributesInput,
  OptionsInput,
  sessionInputFields,
  toWireAttributes,
  toWireOptions,
  toWireSessionArgs,
} from '../inputs.js';
import { authenticatedFields } from '../payload-fields.js';

const AuthenticateMagicLinkInput = builder.inputType('AuthenticateMagicLinkInput', {
  description: 'A magic link token to exchange for a session, with optional checks.',
  fields: (t) => ({
    token: t.string({
      required: true,
      description:
        'The token from the `?token=` query parameter of the magic link (or from `createMagicLink`). Works once.',
    }),
    attributes: t.field({
      type: AttributesInput,
      description: "The end user's IP and user agent, compared when `options` asks for a match.",
    }),
    options: t.field({ type: OptionsInput, description: 'IP and user-agent match checks.' }),
    codeVerifier: t.string({
      description:
        'PKCE: the base64url secret whose challenge was sent with the link, proving the flow ends on the device it started on.',
    }),
    ...sessionInputFields(t),
  }),
});

const AuthenticateMagicLinkPayload = builder
  .objectRef<MagicLinksAuthenticateResponse>('AuthenticateMagicLinkPayload')
  .implement({
    description: 'The user the magic link signed in and, when one was asked for, their session.',
    fields: (t) => ({
      ...authenticatedFields(t),
      methodId: t.exposeString('method_id', {
        description: 'The id of the email or phone number the link was sent to.',
      }),
      resetSessions: t.exposeBoolean('reset_sessions', {
        description:
          "True when applications that do not use Stytch Sessions should end the user's other sessions. Stytch revokes them itself when Sessions are used.",
      }),
      userDevice: t.field({
        type: DeviceInfoRef,
        nullable: true,
        description: 'Device fingerprint details, when a `telemetryId` was given.',
        resolve: (parent) => parent.user_device ?? null,
      }),
    }),
  });

builder.mutationField('authenticateMagicLink', (t) =>
  t.field({
    type: AuthenticateMagicLinkPayload,
    nullable: true,
    description:
      'Authenticates a magic link token (Stytch `POST /v1/magic_links/authenticate`). Pass `sessionDurationMinutes` to get a session.',
    args: { input: t.arg({ type: AuthenticateMagicLinkInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.stytch.magicLinks.authenticate(
        compact({
          token: requireNonEmpty(input.token, 'token'),
          attributes: toWireAttributes(input.attributes),
          options: toWireOptions(input.options),
          code_verifier: optionalNonEmpty(input.codeVerifier, 'codeVerifier'),
          ...toWireSessionArgs(input),
        }),
      ),
  }),
);
