import type { JsonObject } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { passwordFactor } from '../factors.js';
import { MINUTE, oneTimeToken } from '../ids.js';
import { assertNotLocked, recordSuccess } from '../locks.js';
import { deliverLink, linkUrl, redirectUrl } from '../outbox.js';
import { hashPassword } from '../password-hash.js';
import { requireAcceptablePassword } from '../password-policy.js';
import type { Route } from '../route.js';
import { SANDBOX } from '../sandbox.js';
import {
  commitSession,
  findSession,
  isActive,
  prepareSession,
  revokeUserSessions,
  sessionArgs,
  sessionDurationAndClaims,
  sessionFields,
  wireUser,
} from '../session-ops.js';
import type { State } from '../state.js';
import { emailOf, setPassword } from '../store.js';
import {
  acceptStrings,
  type Body,
  linkExpiration,
  optionalAttributes,
  optionalOptions,
  optionalString,
  requiredEmail,
  requiredString,
} from '../validate.js';
import { checkAttributes, checkPkce } from './magic-links.js';

/** Documented default for reset_password_expiration_minutes (range 5..10080). */
const DEFAULT_RESET_MINUTES = 30;

function start(state: State, body: Body): JsonObject {
  const email = requiredEmail(body);
  const minutes = linkExpiration(body, 'reset_password_expiration_minutes', DEFAULT_RESET_MINUTES);
  const url = redirectUrl(
    state,
    optionalString(body, 'reset_password_redirect_url'),
    'invalid_password_reset_redirect_url',
    'reset_password_redirect_url',
  );
  // The email's "log in without password" link is not emulated; the URL is still checked.
  const loginUrl = optionalString(body, 'login_redirect_url');
  if (loginUrl) {
    redirectUrl(state, loginUrl, 'bad_request', 'login_redirect_url');
  }
  const attributes = optionalAttributes(body) ?? null;
  const codeChallenge = optionalString(body, 'code_challenge') || null;
  acceptStrings(body, 'locale', 'reset_password_template_id');

  const now = state.clock.now();
  const record = state.store.userByEmail(email, now);
  if (!record) {
    throw new ApiError('email_not_found');
  }
  const address = emailOf(record, email);
  // No sandbox value is documented for resets: the sandbox user gets no mail, as for its links.
  if (record.user.user_id !== SANDBOX.userId) {
    const token = oneTimeToken();
    state.store.passwordResets.set(token, {
      token,
      userId: record.user.user_id,
      emailId: address.email_id,
      expiresAt: now + minutes * MINUTE,
      usedAt: null,
      attributes,
      codeChallenge,
    });
    deliverLink(state, {
      kind: 'password_reset',
      type: 'reset_password',
      email: address.email,
      userId: record.user.user_id,
      token,
      url: linkUrl(url, 'reset_password', token),
    });
  }
  return { user_id: record.user.user_id, email_id: address.email_id };
}

/**
 * Spends a reset token. Unknown, used and expired tokens all answer
 * unable_to_auth_password_reset_token (the only name the sources give). Every session of the
 * user ends, except one the request names, which carries on with the password factor.
 */
async function reset(state: State, body: Body): Promise<JsonObject> {
  const token = requiredString(body, 'token');
  const password = requiredString(body, 'password');
  const codeVerifier = optionalString(body, 'code_verifier') || undefined;
  const attributes = optionalAttributes(body);
  const options = optionalOptions(body);
  const args = sessionArgs(body, false);
  const { duration, claimsUpdate } = sessionDurationAndClaims(body);
  acceptStrings(body, 'telemetry_id');

  const record = state.store.passwordResets.get(token);
  const spent = () => !record || record.usedAt !== null || state.clock.now() >= record.expiresAt;
  if (!record || spent()) {
    throw new ApiError('unable_to_auth_password_reset_token');
  }
  checkPkce(record.codeChallenge, codeVerifier);
  checkAttributes(record.attributes, options, attributes);
  const user = state.store.requireUser(record.userId, state.clock.now());
  assertNotLocked(user, state.clock.now());
  const email = user.user.emails.find((e) => e.email_id === record.emailId)?.email;
  requireAcceptablePassword(password, email);
  const existing = args ? await findSession(state, args) : null;
  const claims = prepareSession(existing, user.user.user_id, duration, claimsUpdate);
  const hash = await hashPassword(password);
  // Checked again after the awaits: a concurrent reset may have spent the token meanwhile.
  if (spent()) {
    throw new ApiError('unable_to_auth_password_reset_token');
  }
  if (existing && !isActive(existing, state.clock.now())) {
    throw new ApiError('session_not_found');
  }

  const now = state.clock.now();
  record.usedAt = now;
  setPassword(user, hash);
  recordSuccess(user);
  revokeUserSessions(state, user.user.user_id, now, existing);
  const session = commitSession(
    state,
    {
      userId: user.user.user_id,
      factor: passwordFactor(now),
      existing,
      duration,
      claims,
      attributes,
    },
    now,
  );
  return {
    user_id: user.user.user_id,
    user: wireUser(user, now),
    ...(await sessionFields(state, session)),
  };
}

export const passwordResetRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/passwords/email/reset/start',
    handle: ({ state, body }) => start(state, body),
  },
  {
    method: 'POST',
    path: '/v1/passwords/email/reset',
    handle: ({ state, body }) => reset(state, body),
  },
];
