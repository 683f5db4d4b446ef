import type { Attributes, JsonObject } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { emailOtpFactor, smsOtpFactor } from '../factors.js';
import { MINUTE, otpCode } from '../ids.js';
import { assertNotLocked, recordFailure, recordSuccess } from '../locks.js';
import { deliverCode } from '../outbox.js';
import type { Route } from '../route.js';
import { SANDBOX } from '../sandbox.js';
import {
  type Channel,
  confirmMethod,
  type Destination,
  ownerOrNewUser,
  sendRecipient,
} from '../send-target.js';
import {
  commitSession,
  findSession,
  prepareSession,
  sessionArgs,
  sessionDurationAndClaims,
  sessionFields,
  wireUser,
} from '../session-ops.js';
import type { State } from '../state.js';
import type { UserRecord } from '../store.js';
import {
  acceptStrings,
  type Body,
  optionalAttributes,
  optionalBoolean,
  optionalOptions,
  otpExpiration,
  requiredEmail,
  requiredPhoneNumber,
  requiredString,
} from '../validate.js';
import { checkAttributes } from './magic-links.js';

/** Documented: codes live 2 minutes unless expiration_minutes (1..10) says otherwise. */
const DEFAULT_OTP_MINUTES = 2;

function readDestination(body: Body, channel: Channel): Destination {
  return {
    channel,
    to: channel === 'email' ? requiredEmail(body) : requiredPhoneNumber(body),
  };
}

function isSandbox(dest: Destination): boolean {
  return dest.channel === 'email' ? dest.to === SANDBOX.email : dest.to === SANDBOX.phoneNumber;
}

/**
 * Makes the method's one live code (replacing any earlier one) and puts it in the outbox. The
 * sandbox values send nothing: their code is the documented 000000, seeded at start.
 */
function issueCode(
  state: State,
  record: UserRecord,
  dest: Destination,
  methodId: string,
  fields: SendFields,
): void {
  if (isSandbox(dest) && record.user.user_id === SANDBOX.userId) {
    return;
  }
  const now = state.clock.now();
  const code = otpCode();
  state.store.otps.set(methodId, {
    methodId,
    userId: record.user.user_id,
    channel: dest.channel,
    code,
    expiresAt: now + fields.minutes * MINUTE,
    usedAt: null,
    attributes: fields.attributes,
    reusable: false,
  });
  deliverCode(state, {
    kind: 'otp',
    channel: dest.channel,
    to: dest.to,
    userId: record.user.user_id,
    methodId,
    code,
  });
}

interface SendFields {
  minutes: number;
  attributes: Attributes | null;
}

function readSendFields(body: Body): SendFields {
  const minutes = otpExpiration(body, DEFAULT_OTP_MINUTES);
  const attributes = optionalAttributes(body) ?? null;
  acceptStrings(body, 'locale', 'login_template_id', 'signup_template_id');
  return { minutes, attributes };
}

function reply(channel: Channel, record: UserRecord, methodId: string): JsonObject {
  return channel === 'email'
    ? { user_id: record.user.user_id, email_id: methodId }
    : { user_id: record.user.user_id, phone_id: methodId };
}

/**
 * otps/{email,sms}/send: to an existing user's address or number (email_not_found /
 * phone_number_not_found otherwise), or, when the send names a user, to a new one attached to
 * that user unverified for 5 minutes.
 */
async function send(state: State, body: Body, channel: Channel): Promise<JsonObject> {
  const dest = readDestination(body, channel);
  const fields = readSendFields(body);
  const { record, methodId } = await sendRecipient(state, body, dest);
  issueCode(state, record, dest, methodId, fields);
  return reply(channel, record, methodId);
}

function loginOrCreate(state: State, body: Body, channel: Channel): JsonObject {
  const dest = readDestination(body, channel);
  const fields = readSendFields(body);
  const pending = optionalBoolean(body, 'create_user_as_pending') ?? false;
  const { record, methodId, created } = ownerOrNewUser(state, dest, pending);
  issueCode(state, record, dest, methodId, fields);
  return { ...reply(channel, record, methodId), user_created: created };
}

async function authenticate(state: State, body: Body): Promise<JsonObject> {
  const methodId = requiredString(body, 'method_id');
  const code = requiredString(body, 'code');
  const attributes = optionalAttributes(body);
  const options = optionalOptions(body);
  const args = sessionArgs(body, false);
  const { duration, claimsUpdate } = sessionDurationAndClaims(body);
  acceptStrings(body, 'telemetry_id');

  const otp = state.store.otps.get(methodId);
  if (!otp) {
    throw new ApiError('otp_code_not_found');
  }
  const record = state.store.requireUser(otp.userId, state.clock.now());
  assertNotLocked(record, state.clock.now());
  if (otp.code !== code) {
    recordFailure(record, state.clock.now());
    throw new ApiError('otp_code_not_found');
  }
  const spent = () =>
    (otp.usedAt !== null && !otp.reusable) ||
    state.clock.now() >= otp.expiresAt ||
    state.store.otps.get(methodId) !== otp;
  if (spent()) {
    throw new ApiError('unable_to_auth_otp_code');
  }
  checkAttributes(otp.attributes, options, attributes);
  const existing = args ? await findSession(state, args) : null;
  // Checked again after the await: a concurrent request may have spent or replaced the code.
  if (spent()) {
    throw new ApiError('unable_to_auth_otp_code');
  }
  const now = state.clock.now();
  const claims = prepareSession(existing, record.user.user_id, duration, claimsUpdate);

  // The method may have been dropped (a provisional one left unconfirmed): its code died with it.
  const email = record.user.emails.find((e) => e.email_id === methodId);
  const phone = record.user.phone_numbers.find((p) => p.phone_id === methodId);
  const factor = email ? emailOtpFactor(now, email) : phone ? smsOtpFactor(now, phone) : null;
  if (!factor) {
    throw new ApiError('unable_to_auth_otp_code');
  }

  otp.usedAt = now;
  for (const method of [email, phone]) {
    if (method) {
      method.verified = true;
    }
  }
  confirmMethod(record, methodId);
  record.user.status = 'active';
  recordSuccess(record);
  const session = commitSession(
    state,
    { userId: record.user.user_id, factor, existing, duration, claims, attributes },
    now,
  );
  return {
    user_id: record.user.user_id,
    method_id: methodId,
    user: wireUser(record, now),
    reset_sessions: false,
    ...(await sessionFields(state, session)),
  };
}

export const otpRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/otps/email/send',
    handle: ({ state, body }) => send(state, body, 'email'),
  },
  {
    method: 'POST',
    path: '/v1/otps/email/login_or_create',
    handle: ({ state, body }) => loginOrCreate(state, body, 'email'),
  },
  {
    method: 'POST',
    path: '/v1/otps/sms/send',
    handle: ({ state, body }) => send(state, body, 'sms'),
  },
  {
    method: 'POST',
    path: '/v1/otps/sms/login_or_create',
    handle: ({ state, body }) => loginOrCreate(state, body, 'sms'),
  },
  {
    method: 'POST',
    path: '/v1/otps/authenticate',
    handle: ({ state, body }) => authenticate(state, body),
  },
];
