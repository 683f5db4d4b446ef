import { iso } from './ids.js';
import type { State } from './state.js';
import type { SessionRecord } from './store.js';

/**
 * Stytch's documented sandbox values (test projects, direct API calls). They behave here as
 * Stytch documents them, with the same user id, so code written against the real test
 * environment's sandbox runs unchanged against the emulator.
 */
export const SANDBOX = {
  userId: 'user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd',
  email: 'sandbox@stytch.com',
  emailId: 'email-test-81bf03a8-86e1-4d95-bd44-bb3495224953',
  magicLinkToken: 'DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=',
  expiredMagicLinkToken: '3pzjQpgksDlGKWEwUq2Up--hCHC_0oamfLHyfspKDFU=',
  unknownMagicLinkToken: 'CprTtwhnRNiMBiUS2jSLcWYrfuO2POeBNdo5HhW6qTM=',
  sessionToken: 'WJtR5BCy38Szd5AfoDpf0iqFKEt4EE5JhjlWUY7l3FtY',
  unknownSessionToken: '59cnLELtq5cFVS6uYK9f-pAWzBkhqZl8AvLhbhOvKNWw',
  sessionId: 'session-test-fe6c042b-6286-479f-8a4f-b046a6c46509',
  sessionStartedAt: '2021-08-28T00:41:58.935673Z',
  /** Documented for /v1/otps/sms/send; its phone_id below is the emulator's own. */
  phoneNumber: '+10000000000',
  phoneId: 'phone-number-test-00000000-0000-4000-8000-000000000000',
  /** Documented: authenticates with the method_id of a sandbox OTP send. */
  otpCode: '000000',
} as const;

// Not part of the documented values: the emulator's own choice for the sandbox records.
const SANDBOX_SESSION_LIFETIME_MS = 60 * 60_000;

export function seedSandbox(state: State): void {
  const { store } = state;
  const startedAt = Date.parse(SANDBOX.sessionStartedAt);
  store.addUser(
    {
      email: SANDBOX.email,
      userId: SANDBOX.userId,
      emailId: SANDBOX.emailId,
      emailVerified: true,
      phoneNumber: SANDBOX.phoneNumber,
      phoneId: SANDBOX.phoneId,
      phoneVerified: true,
      createdAt: startedAt,
    },
    startedAt,
  );
  store.magicLinks.set(SANDBOX.magicLinkToken, {
    token: SANDBOX.magicLinkToken,
    userId: SANDBOX.userId,
    delivery: 'email',
    emailId: SANDBOX.emailId,
    email: SANDBOX.email,
    embeddedId: null,
    type: 'login',
    expiresAt: Number.POSITIVE_INFINITY,
    usedAt: null,
    attributes: null,
    codeChallenge: null,
    reusable: true,
  });
  store.magicLinks.set(SANDBOX.expiredMagicLinkToken, {
    token: SANDBOX.expiredMagicLinkToken,
    userId: SANDBOX.userId,
    delivery: 'email',
    emailId: SANDBOX.emailId,
    email: SANDBOX.email,
    embeddedId: null,
    type: 'login',
    expiresAt: startedAt,
    usedAt: startedAt,
    attributes: null,
    codeChallenge: null,
    reusable: false,
  });
  for (const [methodId, channel] of [
    [SANDBOX.emailId, 'email'],
    [SANDBOX.phoneId, 'sms'],
  ] as const) {
    store.otps.set(methodId, {
      methodId,
      userId: SANDBOX.userId,
      channel,
      code: SANDBOX.otpCode,
      expiresAt: Number.POSITIVE_INFINITY,
      usedAt: null,
      attributes: null,
      reusable: true,
    });
  }
  const at = iso(startedAt);
  store.addSession({
    sessionId: SANDBOX.sessionId,
    userId: SANDBOX.userId,
    token: SANDBOX.sessionToken,
    startedAt,
    startedAtText: SANDBOX.sessionStartedAt,
    lastAccessedAt: state.clock.now(),
    expiresAt: state.clock.now() + SANDBOX_SESSION_LIFETIME_MS,
    factors: [
      {
        type: 'magic_link',
        delivery_method: 'email',
        last_authenticated_at: at,
        created_at: at,
        updated_at: at,
        email_factor: { email_id: SANDBOX.emailId, email_address: SANDBOX.email },
      },
    ],
    attributes: null,
    customClaims: {},
    roles: ['stytch_user'],
    impersonated: false,
    revokedAt: null,
    sandbox: true,
  });
}

/** The sandbox session never ends: each use pushes its expiry an hour past the emulator's now. */
export function keepSandboxAlive(state: State, session: SessionRecord): void {
  if (session.sandbox) {
    session.expiresAt = state.clock.now() + SANDBOX_SESSION_LIFETIME_MS;
  }
}
