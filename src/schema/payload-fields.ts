import type { ResponseEnvelope, Session, User } from '../stytch/types.js';
import type { builder } from './builder.js';
import { SessionRef } from './session.js';
import { UserRef } from './user.js';

type FieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
  Parent
>;

/** `requestId` and `statusCode`: every Stytch success carries both. */
export function envelopeFields<Parent extends ResponseEnvelope>(t: FieldBuilder<Parent>) {
  return {
    requestId: t.string({
      description:
        "Stytch's id for the call. Log it: Stytch support asks for it when debugging an issue.",
      resolve: (parent) => parent.request_id,
    }),
    statusCode: t.int({
      description: 'The HTTP status code Stytch answered with.',
      resolve: (parent) => parent.status_code,
    }),
  };
}

interface AuthenticatedShape extends ResponseEnvelope {
  user_id: string;
  user: User;
  session_token: string;
  session_jwt: string;
  session?: Session | null;
}

/** The fields every authenticate-style answer shares: who signed in and the session they got. */
export function authenticatedFields<Parent extends AuthenticatedShape>(t: FieldBuilder<Parent>) {
  return {
    ...envelopeFields(t),
    userId: t.string({
      description: 'The id of the user who authenticated.',
      resolve: (parent) => parent.user_id,
    }),
    user: t.field({
      type: UserRef,
      description: 'The user who authenticated.',
      resolve: (parent) => parent.user,
    }),
    sessionToken: t.string({
      description:
        'An opaque secret token for the session. Empty when no session was created. Treat it like a password.',
      resolve: (parent) => parent.session_token,
    }),
    sessionJwt: t.string({
      description:
        'A JWT for the session, valid for 5 minutes whatever the session length. Empty when no session was created.',
      resolve: (parent) => parent.session_jwt,
    }),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: 'The session created or extended by this call; null when none was.',
      resolve: (parent) => parent.session ?? null,
    }),
  };
}
