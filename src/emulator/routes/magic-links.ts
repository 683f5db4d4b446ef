import { createHash } from 'node:crypto';
import type { Attributes, AuthenticationFactor, JsonObject, Options } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { ids, MINUTE, oneTimeToken } from '../ids.js';
import { assertNotLocked, recordSuccess } from '../locks.js';
import { deliverLink, linkUrl, redirectUrl } from '../outbox.js';
import type { Route } from '../route.js';
import { SANDBOX } from '../sandbox.js';
import { confirmMethod, ownerOrNewUser, sendRecipient } from '../send-target.js';
import {
  commitSession,
  customClaimsUpdate,
  factorTimes,
  findSession,
  prepareSession,
  sessionArgs,
  sessionFields,
  wireUser,
} from '../session-ops.js';
import type { State } from '../state.js';
import { emailOf, type MagicLinkRecord, type MagicLinkType, type UserRecord } from '../store.js';
import {
  acceptStrings,
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
import { readProfile } from './users.js';

const DEFAULT_LOGIN_MINUTES = 60;
const DEFAULT_SIGNUP_MINUTES = 7 * 24 * 60;
/** The fact sheet's default for invite_expiration_minutes. */
const DEFAULT_INVITE_MINUTES = 60;

/** POST /v1/magic_links and the admin shortcut: an embeddable link for an existing user. */
export function createEmbeddedLink(
  state: State,
  userId: string,
  expirationMinutes: number,
  attributes?: Attributes,
): { token: string; userId: string } {
  const record = state.store.requireUser(userId, state.clock.now());
  const token = oneTimeToken();
  state.store.magicLinks.set(token, {
    token,
    userId: record.user.user_id,
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
  return { token, userId: record.user.user_id };
}

/** Everything a send reads besides the address, checked before any state changes. */
interface SendOptions {
  loginMinutes: number;
  signupMinutes: number;
  loginUrl: string;
  signupUrl: string;
  attributes: Attributes | null;
  codeChallenge: string | null;
}

function readSendOptions(state: State, body: Body): SendOptions {
  const options: SendOptions = {
    loginMinutes: linkExpiration(body, 'login_expiration_minutes', DEFAULT_LOGIN_MINUTES),
    signupMinutes: linkExpiration(body, 'signup_expiration_minutes', DEFAULT_SIGNUP_MINUTES),
    loginUrl: redirectUrl(
      state,
      optionalString(body, 'login_magic_link_url'),
      'bad_request',
      'login_magic_link_url',
    ),
    signupUrl: redirectUrl(
      state,
      optionalString(body, 'signup_magic_link_url'),
      'bad_request',
      'signup_magic_link_url',
    ),
    attributes: optionalAttributes(body) ?? null,
    codeChallenge: optionalString(body, 'code_challenge') || null,
  };
  acceptStrings(body, 'locale', 'login_template_id', 'signup_template_id');
  return options;
}

/** Stores an email link and puts it in the outbox. */
function issueEmailLink(
  state: State,
  record: UserRecord,
  address: { email_id: string; email: string },
  link: {
    type: MagicLinkType;
    minutes: number;
    url: string;
    attributes: Attributes | null;
    codeChallenge: string | null;
  },
): void {
  const now = state.clock.now();
  const token = oneTimeToken();
  state.store.magicLinks.set(token, {
    token,
    userId: record.user.user_id,
    delivery: 'email',
    emailId: address.email_id,
    email: address.email,
    embeddedId: null,
    type: link.type,
    expiresAt: now + link.minutes * MINUTE,
    usedAt: null,
    attributes: link.attributes,
    codeChallenge: link.codeChallenge,
    reusable: false,
  });
  const common = {
    email: address.email,
    userId: record.user.user_id,
    token,
    url: linkUrl(link.url, 'magic_links', token),
  };
  if (link.type === 'invite') {
    deliverLink(state, { ...common, kind: 'invite', type: 'invite' });
  } else {
    deliverLink(state, { ...common, kind: 'magic_link', type: link.type });
  }
}

/** "Sends" a login or signup link: no mail leaves the machine, the link goes to the outbox. */
function sendEmailLink(
  state: State,
  record: UserRecord,
  email: string,
  options: SendOptions,
  created: boolean,
): { user_id: string; email_id: string } {
  const address = emailOf(record, email);
  const response = { user_id: record.user.user_id, email_id: address.email_id };
  if (record.user.user_id === SANDBOX.userId) {
    return response;
  }
  // New and pending users get the signup template and its longer default lifetime.
  const type = created || record.user.status === 'pending' ? 'signup' : 'login';
  issueEmailLink(state, record, address, {
    type,
    minutes: type === 'login' ? options.loginMinutes : options.signupMinutes,
    url: type === 'login' ? options.loginUrl : options.signupUrl,
    attributes: options.attributes,
    codeChallenge: options.codeChallenge,
  });
  return response;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** PKCE as Stytch applies it to magic links and password resets (S256 only). */
export function checkPkce(codeChallenge: string | null, codeVerifier: string | undefined): void {
  if (codeChallenge === null) {
    if (codeVerifier !== undefined) {
      throw new ApiError('pkce_did_not_expect_code_verifier');
    }
    return;
  }
  if (codeVerifier === undefined) {
    throw new ApiError('pkce_expected_code_verifier');
  }
  // Challenges are compared without padding: some clients send base64url with trailing "=".
  if (s256(codeVerifier) !== codeChallenge.replace(/=+$/, '')) {
    throw new ApiError('pkce_mismatch');
  }
}

/** The Options checks: each required attribute must have been captured and must match. */
export function checkAttributes(
  stored: Attributes | null,
  options: Options | undefined,
  attributes: Attributes | undefined,
): void {
  const kept = stored ?? {};
  const given = attributes ?? {};
  const mismatch = (key: 'ip_address' | 'user_agent') =>
    !kept[key] || !given[key] || kept[key] !== given[key];
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
  acceptStrings(body, 'telemetry_id');

  const link = state.store.magicLinks.get(token);
  if (!link) {
    throw new ApiError('magic_link_not_found');
  }
  const record = state.store.requireUser(link.userId, state.clock.now());
  const spent = () =>
    (link.usedAt !== null && !link.reusable) || state.clock.now() >= link.expiresAt;
  if (spent()) {
    throw new ApiError('unable_to_auth_magic_link');
  }
  checkPkce(link.codeChallenge, codeVerifier);
  checkAttributes(link.attributes, options, attributes);
  assertNotLocked(record, state.clock.now());
  const existing = existingArgs ? await findSession(state, existingArgs) : null;
  // Checked again after the await: a concurrent request may have spent the link meanwhile.
  if (spent()) {
    throw new ApiError('unable_to_auth_magic_link');
  }
  const now = state.clock.now();
  const claims = prepareSession(existing, link.userId, duration, claimsUpdate);

  link.usedAt = now;
  if (link.delivery === 'email') {
    // Only a link that went to the address proves it: embedded links verify nothing.
    const email = record.user.emails.find((e) => e.email_id === link.emailId);
    if (email) {
      email.verified = true;
      confirmMethod(record, email.email_id);
    }
    record.user.status = 'active';
  }
  recordSuccess(record);
  const session = commitSession(
    state,
    { userId: link.userId, factor: factorFor(link, now), existing, duration, claims, attributes },
    now,
  );
  return {
    user_id: link.userId,
    method_id: link.delivery === 'email' ? (link.emailId ?? '') : (link.embeddedId ?? ''),
    user: wireUser(record, now),
    reset_sessions: false,
    ...(await sessionFields(state, session)),
  };
}

/**
 * POST /v1/magic_links/email/send: to an existing user's address, or, when the send names a user
 * (user_id / session), to a new address attached to that user unverified for 5 minutes.
 */
async function send(state: State, body: Body): Promise<JsonObject> {
  const email = requiredEmail(body);
  const options = readSendOptions(state, body);
  const { record } = await sendRecipient(state, body, { channel: 'email', to: email });
  return sendEmailLink(state, record, email, options, false);
}

function loginOrCreate(state: State, body: Body): JsonObject {
  const email = requiredEmail(body);
  const pending = optionalBoolean(body, 'create_user_as_pending') ?? false;
  // Validated before a user is made, so a bad request leaves no half-made user behind.
  const options = readSendOptions(state, body);
  const { record, created } = ownerOrNewUser(state, { channel: 'email', to: email }, pending);
  return { ...sendEmailLink(state, record, email, options, created), user_created: created };
}

/**
 * POST /v1/magic_links/email/invite: a new user, pending until the link is authenticated.
 * Re-inviting a pending user sends a fresh link; inviting an active user is refused with
 * duplicate_email (what Stytch does there is unconfirmed).
 */
function invite(state: State, body: Body): JsonObject {
  const email = requiredEmail(body);
  const minutes = linkExpiration(body, 'invite_expiration_minutes', DEFAULT_INVITE_MINUTES);
  const url = redirectUrl(
    state,
    optionalString(body, 'invite_magic_link_url'),
    'invalid_invite_magic_link_url',
    'invite_magic_link_url',
  );
  const attributes = optionalAttributes(body) ?? null;
  const profile = readProfile(body);
  acceptStrings(body, 'locale', 'invite_template_id');

  const now = state.clock.now();
  let record = state.store.userByEmail(email, now);
  if (record?.user.user_id === SANDBOX.userId) {
    return { user_id: SANDBOX.userId, email_id: SANDBOX.emailId };
  }
  if (record && record.user.status !== 'pending') {
    throw new ApiError('duplicate_email');
  }
  if (!record) {
    record = state.store.addUser(
      {
        email,
        status: 'pending',
        ...profile,
      },
      now,
    );
  }
  const address = emailOf(record, email);
  issueEmailLink(state, record, address, {
    type: 'invite',
    minutes,
    url,
    attributes,
    codeChallenge: null,
  });
  return { user_id: record.user.user_id, email_id: address.email_id };
}

/**
 * POST /v1/magic_links/email/revoke_invite: the invite links stop working. The pending user is
 * kept (what Stytch does to it is unconfirmed); an address with no pending user is refused.
 */
function revokeInvite(state: State, body: Body): JsonObject {
  const email = requiredEmail(body);
  const now = state.clock.now();
  const record = state.store.userByEmail(email, now);
  if (record?.user.user_id === SANDBOX.userId) {
    return {};
  }
  if (!record) {
    throw new ApiError('email_not_found');
  }
  if (record.user.status !== 'pending') {
    throw new ApiError('bad_request', 'There is no pending invite for this email.');
  }
  for (const link of state.store.magicLinks.values()) {
    if (link.userId === record.user.user_id && link.type === 'invite' && link.usedAt === null) {
      link.expiresAt = Math.min(link.expiresAt, now);
    }
  }
  return {};
}

export const magicLinkRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/magic_links',
    handle({ state, body }) {
      const userId = requiredString(body, 'user_id');
      const minutes = linkExpiration(body, 'expiration_minutes', DEFAULT_LOGIN_MINUTES);
      const attributes = optionalAttributes(body);
      const link = createEmbeddedLink(state, userId, minutes, attributes);
      return { user_id: link.userId, token: link.token };
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
    handle: ({ state, body }) => send(state, body),
  },
  {
    method: 'POST',
    path: '/v1/magic_links/email/login_or_create',
    handle: ({ state, body }) => loginOrCreate(state, body),
  },
  {
    method: 'POST',
    path: '/v1/magic_links/email/invite',
    handle: ({ state, body }) => invite(state, body),
  },
  {
    method: 'POST',
    path: '/v1/magic_links/email/revoke_invite',
    handle: ({ state, body }) => revokeInvite(state, body),
  },
];
