import { createHash } from 'node:crypto';
import type { Attributes, AuthenticationFactor, JsonObject, Options } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { ids, iso, MINUTE, oneTimeToken } from '../ids.js';
import type { Route } from '../route.js';
import { SANDBOX } from '../sandbox.js';
import {
  addFactor,
  createSession,
  customClaimsUpdate,
  extendSession,
  factorTimes,
  findSession,
  mergeClaims,
  sessionArgs,
  sessionFields,
  wireUser,
} from '../session-ops.js';
import type { State } from '../state.js';
import { emailOf, type MagicLinkRecord, type UserRecord } from '../store.js';
import {
  type Body,
  linkExpiration,
  optionalAttributes,
  optionalBoolean,
  optionalOptions,
  optionalString,
  requiredEmail,
  requiredString,
  sessionDuration,
} from '../validate.js';

const DEFAULT_LOGIN_MINUTES = 60;
const DEFAULT_SIGNUP_MINUTES = 7 * 24 * 60;

/** POST /v1/magic_links and the admin shortcut: an embeddable link for an existing user. */
export function createEmbeddedLink(
  state: State,
  userId: string,
  expirationMinutes: number,
  attributes?: Attributes,
): string {
  state.store.requireUser(userId);
  const token = oneTimeToken();
  state.store.magicLinks.set(token, {
    token,
    userId,
    delivery: 'embedded',
    emailId: null,
    email: null,
    embeddedId: ids.embedded(),
    type: 'login',
    expiresAt: state.clock.now() + expirationMinutes * MINUTE,
    usedAt: null,
    attributes: attributes ?? null,
    codeChallenge: null,
    reusable: false,
  });
  return token;
}

/** "Sends" an email link: no mail leaves the machine, the token goes to the outbox instead. */
function sendEmailLink(
  state: State,
  record: UserRecord,
  email: string,
  body: Body,
  created: boolean,
): { user_id: string; email_id: string } {
  const address = emailOf(record, email);
  const response = { user_id: record.user.user_id, email_id: address.email_id };
  // Validated before the sandbox short-cut so bad input fails the same way for every address.
  const login = linkExpiration(body, 'login_expiration_minutes', DEFAULT_LOGIN_MINUTES);
  const signup = linkExpiration(body, 'signup_expiration_minutes', DEFAULT_SIGNUP_MINUTES);
  const attributes = optionalAttributes(body);
  const codeChallenge = optionalString(body, 'code_challenge') || null;
  if (record.user.user_id === SANDBOX.userId) {
    return response;
  }
  // New and pending users get the signup template and its longer default lifetime.
  const type = created || record.user.status === 'pending' ? 'signup' : 'login';
  const now = state.clock.now();
  const token = oneTimeToken();
  state.store.magicLinks.set(token, {
    token,
    userId: record.user.user_id,
    delivery: 'email',
    emailId: address.email_id,
    email: address.email,
    embeddedId: null,
    type,
    expiresAt: now + (type === 'login' ? login : signup) * MINUTE,
    usedAt: null,
    attributes: attributes ?? null,
    codeChallenge,
    reusable: false,
  });
  state.store.outbox.push({
    email: address.email,
    userId: record.user.user_id,
    token,
    type,
    sentAt: iso(now),
  });
  return response;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function checkPkce(link: MagicLinkRecord, codeVerifier: string | undefined): void {
  if (link.codeChallenge === null) {
    if (codeVerifier !== undefined) {
      throw new ApiError('pkce_did_not_expect_code_verifier');
    }
    return;
  }
  if (codeVerifier === undefined) {
    throw new ApiError('pkce_expected_code_verifier');
  }
  // Challenges are compared without padding: some clients send base64url with trailing "=".
  if (s256(codeVerifier) !== link.codeChallenge.replace(/=+$/, '')) {
    throw new ApiError('pkce_mismatch');
  }
}

function checkAttributes(
  link: MagicLinkRecord,
  options: Options | undefined,
  attributes: Attributes | undefined,
): void {
  const stored = link.attributes ?? {};
  const given = attributes ?? {};
  const mismatch = (key: 'ip_address' | 'user_agent') =>
    !stored[key] || !given[key] || stored[key] !== given[key];
  if (
    (options?.ip_match_required && mismatch('ip_address')) ||
    (options?.user_agent_match_required && mismatch('user_agent'))
  ) {
    throw new ApiError('attribute_mismatch');
  }
}

function factorFor(link: MagicLinkRecord, now: number): AuthenticationFactor {
  if (link.delivery === 'embedded') {
    return {
      type: 'magic_link',
      delivery_method: 'embedded',
      ...factorTimes(now),
      embeddable_magic_link_factor: { embedded_id: link.embeddedId ?? '' },
    };
  }
  return {
    type: 'magic_link',
    delivery_method: 'email',
    ...factorTimes(now),
    email_factor: { email_id: link.emailId ?? '', email_address: link.email ?? '' },
  };
}

async function authenticate(state: State, body: Body): Promise<JsonObject> {
  // Every input is checked before the link is spent, so a rejected call leaves it usable.
  const token = requiredString(body, 'token');
  const attributes = optionalAttributes(body);
  const options = optionalOptions(body);
  const duration = sessionDuration(body);
  const claimsUpdate = customClaimsUpdate(body);
  const codeVerifier = optionalString(body, 'code_verifier') || undefined;
  const existingArgs = sessionArgs(body, false);

  const link = state.store.magicLinks.get(token);
  if (!link) {
    throw new ApiError('magic_link_not_found');
  }
  const spent = () =>
    (link.usedAt !== null && !link.reusable) || state.clock.now() >= link.expiresAt;
  if (spent()) {
    throw new ApiError('unable_to_auth_magic_link');
  }
  checkPkce(link, codeVerifier);
  checkAttributes(link, options, attributes);
  const record = state.store.requireUser(link.userId);
  const existing = existingArgs ? await findSession(state, existingArgs) : null;
  // Checked again after the await: a concurrent request may have spent the link meanwhile.
  if (spent()) {
    throw new ApiError('unable_to_auth_magic_link');
  }
  const now = state.clock.now();
  if (existing && existing.userId !== link.userId) {
    throw new ApiError('user_id_mismatch');
  }
  if (existing?.impersonated) {
    throw new ApiError('session_not_mutable_impersonated');
  }
  const claims =
    existing || duration !== undefined
      ? mergeClaims(existing?.customClaims ?? {}, claimsUpdate)
      : undefined;

  link.usedAt = now;
  if (link.delivery === 'email') {
    // Only a link that went to the address proves it: embedded links verify nothing.
    const email = record.user.emails.find((e) => e.email_id === link.emailId);
    if (email) {
      email.verified = true;
    }
    record.user.status = 'active';
  }
  const factor = factorFor(link, now);
  let session = existing;
  if (session) {
    addFactor(session, factor);
    session.lastAccessedAt = now;
    session.customClaims = claims ?? session.customClaims;
    if (duration !== undefined) {
      extendSession(session, duration, now);
    }
  } else if (duration !== undefined) {
    session = createSession(
      state,
      {
        userId: link.userId,
        factor,
        minutes: duration,
        attributes: attributes ?? null,
        customClaims: claims ?? {},
      },
      now,
    );
  }
  return {
    user_id: link.userId,
    method_id: link.delivery === 'email' ? (link.emailId ?? '') : (link.embeddedId ?? ''),
    user: wireUser(record.user),
    reset_sessions: false,
    ...(await sessionFields(state, session)),
  };
}

export const magicLinkRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/magic_links',
    handle({ state, body }) {
      const userId = requiredString(body, 'user_id');
      const minutes = linkExpiration(body, 'expiration_minutes', DEFAULT_LOGIN_MINUTES);
      const attributes = optionalAttributes(body);
      const token = createEmbeddedLink(state, userId, minutes, attributes);
      return { user_id: userId, token };
    },
  },
  {
    method: 'POST',
    path: '/v1/magic_links/authenticate',
    handle: ({ state, body }) => authenticate(state, body),
  },
  {
    method: 'POST',
    path: '/v1/magic_links/email/send',
    handle({ state, body }) {
      const email = requiredEmail(body);
      const record = state.store.userByEmail(email);
      if (!record) {
        throw new ApiError('email_not_found');
      }
      return sendEmailLink(state, record, email, body, false);
    },
  },
  {
    method: 'POST',
    path: '/v1/magic_links/email/login_or_create',
    handle({ state, body }) {
      const email = requiredEmail(body);
      const pending = optionalBoolean(body, 'create_user_as_pending') ?? false;
      let record = state.store.userByEmail(email);
      const created = !record;
      if (!record) {
        // Validate the rest first so a bad request does not leave a half-made user behind.
        linkExpiration(body, 'login_expiration_minutes', DEFAULT_LOGIN_MINUTES);
        linkExpiration(body, 'signup_expiration_minutes', DEFAULT_SIGNUP_MINUTES);
        optionalAttributes(body);
        optionalString(body, 'code_challenge');
        record = state.store.addUser(
          { email, status: pending ? 'pending' : 'active' },
          state.clock.now(),
        );
      }
      return { ...sendEmailLink(state, record, email, body, created), user_created: created };
    },
  },
];
