import type { Attributes, Session } from '../../stytch/types.js';
import { builder } from '../builder.js';
import { UserRef } from '../users/user.js';
import { AuthenticationFactorRef } from './authentication-factor.js';

export const AttributesRef = builder.objectRef<Attributes>('Attributes');
AttributesRef.implement({
  description:
    'Client details Stytch recorded for the request, used by the IP and user-agent match checks.',
  fields: (t) => ({
    ipAddress: t.exposeString('ip_address', {
      nullable: true,
      description: 'IP address of the end user, or null if none was recorded.',
    }),
    userAgent: t.exposeString('user_agent', {
      nullable: true,
      description: 'User agent of the end user, or null if none was recorded.',
    }),
  }),
});

export const SessionRef = builder.objectRef<Session>('Session');
SessionRef.implement({
  description:
    'A Stytch session: a signed-in period for one user, with the factors they authenticated with. Its `sessionToken` / `sessionJwt` are returned beside it, never inside it.',
  fields: (t) => ({
    id: t.exposeID('session_id', {
      description:
        'Same value as `sessionId`, exposed as `ID` so normalised client caches can key sessions.',
    }),
    sessionId: t.exposeString('session_id', {
      description: 'Stytch session id, e.g. `session-test-…`. Use it to revoke the session.',
    }),
    userId: t.exposeString('user_id', { description: 'Id of the user the session belongs to.' }),
    authenticationFactors: t.expose('authentication_factors', {
      type: [AuthenticationFactorRef],
      description:
        'Every factor the user has authenticated with in this session, oldest first as Stytch returns them. An impersonated session holds exactly one `impersonated` factor.',
    }),
    user: t.field({
      type: UserRef,
      description:
        'The user the session belongs to. Loaded once per request however often it is asked for.',
      resolve: (session, _args, ctx) => ctx.loaders.users.load(session.user_id),
    }),
    roles: t.exposeStringList('roles', {
      description: 'RBAC role ids granted in this session (possibly empty).',
    }),
    startedAt: t.expose('started_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When the session was created.',
    }),
    lastAccessedAt: t.expose('last_accessed_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When the session was last authenticated or extended.',
    }),
    expiresAt: t.expose('expires_at', {
      type: 'DateTime',
      nullable: true,
      description:
        'When the session ends unless extended. Impersonated sessions end 60 minutes after they start and cannot be extended.',
    }),
    attributes: t.expose('attributes', {
      type: AttributesRef,
      nullable: true,
      description: 'IP address and user agent recorded for the session, or null if none were.',
    }),
    customClaims: t.expose('custom_claims', {
      type: 'JSON',
      nullable: true,
      description:
        'Application-defined claims stored on the session and copied into its JWT (at most 4 KB). Keys are returned exactly as they were set.',
    }),
  }),
});
