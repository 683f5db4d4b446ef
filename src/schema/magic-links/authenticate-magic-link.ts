import { callerSessionToExtend } from '../../session/caller-session.js';
import { compact } from '../../stytch/request.js';
import type { MagicLinksAuthenticateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { optionalNonEmpty, requireNonEmpty } from '../common/input-rules.js';
import {
  AttributesInput,
  clientAttributes,
  OptionsInput,
  sessionInputFields,
  toWireAttributes,
  toWireOptions,
  toWireSessionArgs,
} from '../common/inputs.js';
import { authenticatedFields, userDeviceField } from '../common/payload-fields.js';

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
      userDevice: userDeviceField(t),
    }),
  });

builder.mutationField('authenticateMagicLink', (t) =>
  t.field({
    type: AuthenticateMagicLinkPayload,
    nullable: true,
    description:
      'Authenticates a magic link token (Stytch `POST /v1/magic_links/authenticate`). Pass `sessionDurationMinutes` to get a session. When the input names no session, a valid session the request already carries is extended.',
    args: { input: t.arg({ type: AuthenticateMagicLinkInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await ctx.countAuthAttempt('authenticateMagicLink', input.token);
      const request = compact({
        token: requireNonEmpty(input.token, 'token'),
        // A browser calling directly has no backend to report its IP and user agent: the
        // gateway knows them, and the IP / user-agent match options need them.
        attributes: toWireAttributes(input.attributes) ?? clientAttributes(ctx.client),
        options: toWireOptions(input.options),
        code_verifier: optionalNonEmpty(input.codeVerifier, 'codeVerifier'),
        ...toWireSessionArgs(input),
      });
      const session =
        request.session_token || request.session_jwt ? {} : await callerSessionToExtend(ctx);
      const result = await ctx.stytch.magicLinks.authenticate({ ...request, ...session });
      ctx.establishSession(result);
      return result;
    },
  }),
);
