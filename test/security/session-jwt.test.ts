import { type CryptoKey, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import type { State } from '../../src/emulator/state.js';
import { SessionJwtVerifier } from '../../src/session/jwt-verifier.js';
import type { JsonObject } from '../../src/stytch/types.js';
import { type EmulatorStack, startEmulatorStack } from '../helpers/emulator-stack.js';
import { startEmulatorWithState } from '../helpers/emulator-state.js';

const OTHER_PROJECT = 'project-test-99999999-8888-7777-6666-555555555555';
const VIEWER = '{ viewer { session { id userId } } }';
const SIGN_IN = `mutation ($token: String!) {
  authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {
    sessionToken sessionJwt session { id }
  }
}`;

type Stack = EmulatorStack & { emulator: Emulator & { state: State } };

/** A real session: its token, its JWT (as the emulator minted it) and the JWT's claims. */
async function signIn(stack: Stack, email: string) {
  const userId = stack.emulator.admin.createUser({ email }).user_id;
  const res = await stack.gql(SIGN_IN, { token: stack.emulator.admin.createMagicLink(userId) });
  const payload = res.body.data?.['authenticateMagicLink'];
  expect(payload?.sessionJwt).toBeTruthy();
  const jwt = payload.sessionJwt as string;
  const claims = JSON.parse(
    Buffer.from(jwt.split('.')[1] as string, 'base64url').toString(),
  ) as JsonObject;
  return { userId, jwt, sessionId: payload.session.id as string, claims };
}

/**
 * The same session's claims, signed with the emulator's own current key (the one the gateway
 * trusts) under the given audience and issuer: only those two claims differ from a genuine JWT.
 */
function resign(stack: Stack, claims: JsonObject, standard: { audience: string; issuer: string }) {
  const { aud: _a, iss: _i, sub, iat: _t, nbf: _n, exp: _e, ...rest } = claims;
  return stack.emulator.state.keys.sign(rest, {
    ...standard,
    subject: sub as string,
    iatSeconds: Math.floor(stack.emulator.clock.now() / 1000),
  });
}

describe('a session JWT signed with a trusted key but meant for another project', () => {
  let stack: Stack;
  let session: Awaited<ReturnType<typeof signIn>>;
  let ourIssuer: string;
  beforeAll(async () => {
    // Cookie mode: the case with a JWT and an opaque token side by side comes from the cookies.
    stack = (await startEmulatorStack({
      cookies: true,
      tokensInBody: true,
      start: (onRequest) => startEmulatorWithState({ onRequest }),
    })) as Stack;
    session = await signIn(stack, 'audience@example.com');
    ourIssuer = `stytch.com/${stack.emulator.projectId}`;
    // Warm the JWKS cache so that the calls counted below are the verdict's, not the key fetch's.
    expect(
      (await stack.gql(VIEWER, {}, { authorization: `Bearer ${session.jwt}` })).body.errors,
    ).toBeUndefined();
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    stack.calls.length = 0;
  });

  /** The gateway's own verifier, on the same Stytch client and clock: the local verdict alone. */
  const localVerdict = (jwt: string) =>
    new SessionJwtVerifier(stack.gateway.stytch, { now: () => stack.emulator.clock.now() }).verify(
      jwt,
    );

  it('control: re-signed with our audience and issuer, it is accepted locally, with no call', async () => {
    const genuine = await resign(stack, session.claims, {
      audience: stack.emulator.projectId,
      issuer: ourIssuer,
    });
    expect(await localVerdict(genuine)).toMatchObject({ ok: true });
    stack.calls.length = 0;
    const res = await stack.gql(VIEWER, {}, { authorization: `Bearer ${genuine}` });
    expect(res.body).toEqual({
      data: { viewer: { session: { id: session.sessionId, userId: session.userId } } },
    });
    expect(stack.calls).toHaveLength(0);
  });

  for (const [what, standard] of [
    ['audience', () => ({ audience: OTHER_PROJECT, issuer: ourIssuer })],
    [
      'issuer',
      () => ({ audience: stack.emulator.projectId, issuer: `stytch.com/${OTHER_PROJECT}` }),
    ],
  ] as const) {
    it(`another project's ${what}: refused locally, UNAUTHENTICATED, and Stytch is not asked`, async () => {
      const foreign = await resign(stack, session.claims, standard());
      const res = await stack.gql(VIEWER, {}, { authorization: `Bearer ${foreign}` });
      expect(res.body.data).toEqual({ viewer: null });
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      // Refused by the gateway itself: no fallback that could have hidden a local acceptance.
      expect(stack.calls).toHaveLength(0);
      expect(await localVerdict(foreign)).toMatchObject({ ok: false, askStytch: false });
    });

    it(`another project's ${what} beside an unknown opaque token (cookies): only Stytch's word on the token counts`, async () => {
      const foreign = await resign(stack, session.claims, standard());
      const res = await stack.gql(
        VIEWER,
        {},
        { cookie: `stytch_session_jwt=${foreign}; stytch_session=not-a-live-session-token-000000` },
      );
      expect(res.body.data).toEqual({ viewer: null });
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      // The JWT was not accepted locally (that would have cost no call): the token was checked.
      expect(stack.calls.map((c) => c.path)).toEqual(['/v1/sessions/authenticate']);
    });
  }
});

describe('JWKS re-fetch cooldown (the gateway default, 30 s)', () => {
  let stack: EmulatorStack;
  let jwksPath: string;
  let foreignKey: CryptoKey;
  beforeAll(async () => {
    foreignKey = (await generateKeyPair('RS256')).privateKey;
    stack = await startEmulatorStack({ jwksCooldownMs: null });
    jwksPath = `/v1/sessions/jwks/${stack.emulator.projectId}`;
  });
  afterAll(() => stack.stop());

  /** Real RS256 JWTs whose `kid` the emulator never served: forged, or from a rotation. */
  async function unknownKidJwts(count: number) {
    const nowSeconds = Math.floor(stack.emulator.clock.now() / 1000);
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        new SignJWT({ 'https://stytch.com/session': { id: `session-test-forged-${i}` } })
          .setProtectedHeader({
            alg: 'RS256',
            typ: 'JWT',
            kid: `jwk-test-forged-${i}-${nowSeconds}`,
          })
          .setIssuer(`stytch.com/${stack.emulator.projectId}`)
          .setAudience([stack.emulator.projectId])
          .setSubject('user-test-forged')
          .setIssuedAt(nowSeconds)
          .setNotBefore(nowSeconds)
          .setExpirationTime(nowSeconds + 300)
          .sign(foreignKey),
      ),
    );
  }

  async function send(jwts: string[]) {
    for (const jwt of jwts) {
      const res = await stack.gql(VIEWER, {}, { authorization: `Bearer ${jwt}` });
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
  }

  it('a stream of unknown kids costs one JWKS fetch per window, and one more after it', async () => {
    stack.calls.length = 0;
    await send(await unknownKidJwts(8));
    expect(stack.callsTo(jwksPath)).toBe(1);
    // Still inside the window (real time adds a little to the clock; far less than 5 s).
    stack.emulator.clock.advance(25_000);
    await send(await unknownKidJwts(4));
    expect(stack.callsTo(jwksPath)).toBe(1);
    // Past it: the next unknown kid may look again, once.
    stack.emulator.clock.advance(10_000);
    await send(await unknownKidJwts(6));
    expect(stack.callsTo(jwksPath)).toBe(2);
    // Each of them was still checked, by Stytch.
    expect(stack.callsTo('/v1/sessions/authenticate')).toBe(18);
  });
});
