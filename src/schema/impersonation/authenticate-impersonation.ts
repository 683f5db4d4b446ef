import type { ImpersonationAuthenticateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { requireNonEmpty } from '../common/input-rules.js';
import { authenticatedFields } from '../common/payload-fields.js';

const AuthenticateImpersonationInput = builder.inputType('AuthenticateImpersonationInput', {
  description: 'An impersonation token to exchange for a session of the impersonated user.',
  fields: (t) => ({
    impersonationToken: t.string({
      required: true,
      description:
        'The token from the login redirect URL, minted by a team member\'s "Impersonate user" click in the Stytch Dashboard. Expires in 5 minutes and works once.',
    }),
  }),
});

const AuthenticateImpersonationPayload = builder
  .objectRef<ImpersonationAuthenticateResponse>('AuthenticateImpersonationPayload')
  .implement({
    description:
      'The impersonated user and their new session. The session lasts 60 minutes, holds a single `impersonated` factor, and cannot be extended.',
    fields: (t) => authenticatedFields(t),
  });

builder.mutationField('authenticateImpersonation', (t) =>
  t.field({
    type: AuthenticateImpersonationPayload,
    nullable: true,
    description:
      'Exchanges a user impersonation token (Stytch `POST /v1/impersonation/authenticate`) for a 60-minute session of that user.',
    args: { input: t.arg({ type: AuthenticateImpersonationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await ctx.countAuthAttempt('authenticateImpersonation', input.impersonationToken);
      const result = await ctx.stytch.impersonation.authenticate({
        impersonation_token: requireNonEmpty(input.impersonationToken, 'impersonationToken'),
      });
      ctx.establishSession(result);
      return result;
    },
  }),
);
