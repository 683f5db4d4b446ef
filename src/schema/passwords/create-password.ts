import { compact } from '../../stytch/request.js';
import type { PasswordsCreateResponse } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { emailTarget } from '../common/attempt-keys.js';
import { requireEmail, requirePassword } from '../common/input-rules.js';
import {
  NameInput,
  newSessionInputFields,
  toWireName,
  toWireSessionArgs,
} from '../common/inputs.js';
import { authenticatedFields, userDeviceField } from '../common/payload-fields.js';

const CreatePasswordInput = builder.inputType('CreatePasswordInput', {
  description: 'A new account: an email address and a password, and the session to start.',
  fields: (t) => ({
    email: t.string({ required: true, description: "The new user's email address." }),
    password: t.string({
      required: true,
      description:
        "The password. Any UTF-8; the project's strength policy applies (check it first with `passwordStrengthCheck`). Never logged or returned.",
    }),
    name: t.field({ type: NameInput, description: "The new user's name." }),
    untrustedMetadata: t.field({
      type: 'JSON',
      description:
        'Metadata the user may edit themselves (preferences, ...), stored on the new user. Servers set trusted metadata; this operation cannot.',
    }),
    ...newSessionInputFields(t),
  }),
});

const CreatePasswordPayload = builder
  .objectRef<PasswordsCreateResponse>('CreatePasswordPayload')
  .implement({
    description: 'The new user and, when one was asked for, their first session.',
    fields: (t) => ({
      ...authenticatedFields(t),
      emailId: t.exposeString('email_id', { description: "The id of the new user's email." }),
      userDevice: userDeviceField(t),
    }),
  });

builder.mutationField('createPassword', (t) =>
  t.field({
    type: CreatePasswordPayload,
    nullable: true,
    description:
      'Signs a new user up with an email and a password (Stytch `POST /v1/passwords`). Pass `sessionDurationMinutes` to sign them in at once. An address that already belongs to a user, with or without a password, is refused (`duplicate_email`), which tells the caller the account exists.',
    args: { input: t.arg({ type: CreatePasswordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const request = compact({
        email: requireEmail(input.email, 'email'),
        password: requirePassword(input.password, 'password'),
        name: toWireName(input.name),
        untrusted_metadata: input.untrustedMetadata ?? undefined,
        ...toWireSessionArgs(input),
      });
      await ctx.countAuthAttempt('createPassword', emailTarget(request.email));
      const result = await ctx.stytch.passwords.create(request);
      ctx.establishSession(result);
      return result;
    },
  }),
);
