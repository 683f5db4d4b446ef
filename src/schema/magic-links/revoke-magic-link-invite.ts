import type { MagicLinksEmailRevokeInviteResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { emailTarget } from '../common/attempt-keys.js';
import { requireEmail } from '../common/input-rules.js';
import { envelopeFields } from '../common/payload-fields.js';

const RevokeMagicLinkInviteInput = builder.inputType('RevokeMagicLinkInviteInput', {
  description: 'Whose pending invite to withdraw.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The invited email address.' }),
  }),
});

const RevokeMagicLinkInvitePayload = builder
  .objectRef<MagicLinksEmailRevokeInviteResponse>('RevokeMagicLinkInvitePayload')
  .implement({
    description: 'The invite link no longer works.',
    fields: (t) => envelopeFields(t),
  });

builder.mutationField('revokeMagicLinkInvite', (t) =>
  t.field({
    type: RevokeMagicLinkInvitePayload,
    nullable: true,
    authScopes: { apiKey: true },
    description:
      'Withdraws a pending invite (Stytch `POST /v1/magic_links/email/revoke_invite`): its link stops working. Server-to-server only: it needs a gateway API key in the `x-api-key` header.',
    args: { input: t.arg({ type: RevokeMagicLinkInviteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const email = requireEmail(input.email, 'email');
      await ctx.countAuthAttempt('revokeMagicLinkInvite', emailTarget(email), false);
      return ctx.stytch.magicLinks.email.revokeInvite({ email });
    },
  }),
);
