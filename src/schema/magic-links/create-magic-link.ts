import { compact } from '../../stytch/request.js';
import type { MagicLinksCreateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import {
  MAGIC_LINK_EXPIRATION_MINUTES,
  optionalIntInRange,
  requireNonEmpty,
} from '../common/input-rules.js';
import { AttributesInput, toWireAttributes } from '../common/inputs.js';
import { envelopeFields } from '../common/payload-fields.js';

const CreateMagicLinkInput = builder.inputType('CreateMagicLinkInput', {
  description: 'Which user the embeddable magic link signs in, and for how long it works.',
  fields: (t) => ({
    userId: t.string({
      required: true,
      description: 'The Stytch user id (an `external_id` is also accepted).',
    }),
    expirationMinutes: t.int({
      description: `How long the token works, in minutes: ${MAGIC_LINK_EXPIRATION_MINUTES.min} to ${MAGIC_LINK_EXPIRATION_MINUTES.max}. Stytch's default is 60.`,
    }),
    attributes: t.field({
      type: AttributesInput,
      description: "The end user's IP and user agent, for the match options at authentication.",
    }),
  }),
});

const CreateMagicLinkPayload = builder
  .objectRef<MagicLinksCreateResponse>('CreateMagicLinkPayload')
  .implement({
    description: 'A fresh single-use magic link token; deliver it to the user however you like.',
    fields: (t) => ({
      ...envelopeFields(t),
      userId: t.exposeString('user_id', { description: 'The user the token signs in.' }),
      token: t.exposeString('token', {
        description:
          'The magic link token. Pass it to `authenticateMagicLink`. Single use: treat it like a password.',
      }),
    }),
  });

builder.mutationField('createMagicLink', (t) =>
  t.field({
    type: CreateMagicLinkPayload,
    nullable: true,
    authScopes: { apiKey: true },
    description:
      'Mints an embeddable magic link token for any user (Stytch `POST /v1/magic_links`). Server-to-server only: it needs a gateway API key in the `x-api-key` header.',
    args: { input: t.arg({ type: CreateMagicLinkInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      // Server-to-server: the caller's IP is a backend's, so only the target user is counted.
      await ctx.countAuthAttempt('createMagicLink', input.userId, false);
      return ctx.stytch.magicLinks.create(
        compact({
          user_id: requireNonEmpty(input.userId, 'userId'),
          expiration_minutes: optionalIntInRange(
            input.expirationMinutes,
            MAGIC_LINK_EXPIRATION_MINUTES,
            'expirationMinutes',
          ),
          attributes: toWireAttributes(input.attributes),
        }),
      );
    },
  }),
);
