import type { GatewayContext } from '../../http/context.js';
import { callerSessionToExtend } from '../../session/caller-session.js';
import type { AttachToSessionFields, ResponseEnvelope } from '../../stytch/types.js';
import type { builder } from '../builder.js';

/**
 * For a send call (magic link or code to an existing user's address): the request's own valid
 * session, when it carries one, so Stytch adds the address to that user, unverified until the
 * link or code is used within 5 minutes. Without one, or with an invalid or impersonated session,
 * it is a plain send: a stale cookie on a sign-in page must not stop a user from signing in.
 */
export async function viewerToAttach(
  ctx: GatewayContext,
): Promise<{ session: AttachToSessionFields; attached: boolean }> {
  const session = await callerSessionToExtend(ctx);
  return { session, attached: Boolean(session.session_token || session.session_jwt) };
}

/** What a send operation answers: Stytch's envelope and whether the viewer's session was used. */
export type SendResult<T extends ResponseEnvelope> = T & { attached_to_viewer: boolean };

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type FieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>;
type Field<Shape> = PothosSchemaTypes.FieldRef<Types, Shape, 'Object'>;

/** `attachedToViewer`, for the payloads of send operations. */
export function attachedToViewerField<Parent extends { attached_to_viewer: boolean }>(
  t: FieldBuilder<Parent>,
): Field<boolean> {
  return t.boolean({
    description:
      "True when the request carried a valid session and the address is being added to the signed-in user (unverified until the link or code is used within 5 minutes); false for a plain sign-in message to the address's existing user.",
    resolve: (parent) => parent.attached_to_viewer,
  });
}
