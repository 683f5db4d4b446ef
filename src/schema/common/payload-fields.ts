import type { DeviceInfo, ResponseEnvelope, Session, User } from '../../stytch/types.js';
import type { builder } from '../builder.js';
import { DeviceInfoRef } from '../sessions/device-info.js';
import { SessionRef } from '../sessions/session.js';
import { UserRef } from '../users/user.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type FieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>;
/**
 * Spelled out so that `npm run build` can emit declarations: the inferred type would name a
 * Pothos-internal module path.
 */
type Field<Shape> = PothosSchemaTypes.FieldRef<Types, Shape, 'Object'>;

/** `requestId` and `statusCode`: every Stytch success carries both. */
export function envelopeFields<Parent extends ResponseEnvelope>(
  t: FieldBuilder<Parent>,
): { requestId: Field<string>; statusCode: Field<number> } {
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
export function authenticatedFields<Parent extends AuthenticatedShape>(
  t: FieldBuilder<Parent>,
): ReturnType<typeof envelopeFields> & {
  userId: Field<string>;
  user: Field<User>;
  sessionToken: Field<string | null | undefined>;
  sessionJwt: Field<string | null | undefined>;
  session: Field<Session | null | undefined>;
} {
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
      nullable: true,
      description:
        'An opaque secret token for the session; empty when no session was created. Treat it like a password. Null in cookie mode, where the gateway keeps it in an httpOnly cookie instead.',
      resolve: (parent, _args, ctx) => (ctx.delivery.tokensInBody ? parent.session_token : null),
    }),
    sessionJwt: t.string({
      nullable: true,
      description:
        'A JWT for the session, valid for 5 minutes whatever the session length; empty when no session was created. Null in cookie mode, where the gateway keeps it in an httpOnly cookie instead.',
      resolve: (parent, _args, ctx) => (ctx.delivery.tokensInBody ? parent.session_jwt : null),
    }),
    session: t.field({
      type: SessionRef,
      nullable: true,
      description: 'The session created or extended by this call; null when none was.',
      resolve: (parent) => parent.session ?? null,
    }),
  };
}

/** Device fingerprint details, filled by Stytch when the call carried a `telemetryId`. */
export function userDeviceField<Parent extends { user_device?: DeviceInfo | null }>(
  t: FieldBuilder<Parent>,
): Field<DeviceInfo | null | undefined> {
  return t.field({
    type: DeviceInfoRef,
    nullable: true,
    description: 'Device fingerprint details, when a `telemetryId` was given.',
    resolve: (parent) => parent.user_device ?? null,
  });
}
