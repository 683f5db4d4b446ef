import { builder } from '../builder.js';
import { requireNonEmpty } from '../common/input-rules.js';
import { UserRef } from './user.js';

builder.queryField('user', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description:
      "A user by id. Answered only for the signed-in user's own id, or for a caller with a server API key (`x-api-key`).",
    args: { id: t.arg.id({ required: true, description: 'The Stytch user id.' }) },
    authScopes: (_root, args) => ({ $any: { apiKey: true, viewerIs: String(args.id) } }),
    resolve: (_root, args, ctx) => ctx.loaders.users.load(requireNonEmpty(String(args.id), 'id')),
  }),
);
