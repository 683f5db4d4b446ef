import { compact } from '../../stytch/request.js';
import type { MagicLinksEmailInviteResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { EMAIL_MESSAGES, emailTarget } from '../common/attempt-keys.js';
import {
  EMAIL_LINK_EXPIRATION_MINUTES,
  optionalIntInRange,
  optionalLocale,
  requireEmail,
} from '../common/input-rules.js';
import { AttributesInput, NameInput, toWireAttributes, toWireName } from '../common/inputs.js';
import { envelopeFields } from '../common/payload-fields.js';
import { redirectUrl } from '../common/redirect-urls.js';

const InviteByMagicLinkInput = builder.inputType('InviteByMagicLinkInput', {
  description: 'Who to invite, and what the new (pending) user starts with.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The email address to invite.' }),
    inviteMagicLinkUrl: t.string({
      description:
        'The page the invite link opens. Must be exactly one of the URLs configured in `MAGIC_LINK_INVITE_URL`; the first is the default.',
    }),
    inviteExpirationMinutes: t.int({
      description: `How long the invite link works, ${EMAIL_LINK_EXPIRATION_MINUTES.min} to ${EMAIL_LINK_EXPIRATION_MINUTES.max} minutes. Stytch's default is 60.`,
    }),
    name: t.field({ type: NameInput, description: "The invited user's name." }),
    locale: t.string({
      description:
        "The email's language: `en`, `es`, `pt-br` or `fr` (Stytch's list). Defaults to the project's.",
    }),
    trustedMetadata: t.field({
      type: 'JSON',
      description: 'Metadata only servers may set (roles, plan, ...), stored on the new user.',
    }),
    untrustedMetadata: t.field({
      type: 'JSON',
      description: 'Metadata the user may later edit themselves, stored on the new user.',
    }),
    attributes: t.field({
      type: AttributesInput,
      description: "The invited person's IP and user agent, when the server knows them.",
    }),
  }),
});

const InviteByMagicLinkPayload = builder
  .objectRef<MagicLinksEmailInviteResponse>('InviteByMagicLinkPayload')
  .implement({
    description: 'The invite is on its way; the user exists now, with status `pending`.',
    fields: (t) => ({
      ...envelopeFields(t),
      userId: t.exposeString('user_id', { description: 'The invited (pending) user.' }),
      emailId: t.exposeString('email_id', { description: 'The id of the invited address.' }),
    }),
  });

builder.mutationField('inviteByMagicLink', (t) =>
  t.field({
    type: InviteByMagicLinkPayload,
    nullable: true,
    authScopes: { apiKey: true },
    description:
      'Invites a person by email (Stytch `POST /v1/magic_links/email/invite`): Stytch creates a `pending` user and emails a link that `authenticateMagicLink` accepts, which makes the user `active`. Server-to-server only: it needs a gateway API key in the `x-api-key` header.',
    args: { input: t.arg({ type: InviteByMagicLinkInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        email: requireEmail(input.email, 'email'),
        invite_magic_link_url: redirectUrl(
          ctx.redirectUrls.magicLinkInvite,
          input.inviteMagicLinkUrl,
          'inviteMagicLinkUrl',
          'MAGIC_LINK_INVITE_URL',
        ),
        invite_expiration_minutes: optionalIntInRange(
          input.inviteExpirationMinutes,
          EMAIL_LINK_EXPIRATION_MINUTES,
          'inviteExpirationMinutes',
        ),
        name: toWireName(input.name),
        locale: optionalLocale(input.locale, 'locale'),
        trusted_metadata: input.trustedMetadata ?? undefined,
        untrusted_metadata: input.untrustedMetadata ?? undefined,
        attributes: toWireAttributes(input.attributes),
      });
      // Server-to-server: the caller's IP is a backend's, so only the inbox is counted.
      await ctx.countAuthAttempt(EMAIL_MESSAGES, emailTarget(request.email), false);
      return ctx.stytch.magicLinks.email.invite(request);
    },
  }),
);
