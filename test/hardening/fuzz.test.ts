import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullUser } from '../fixtures/stytch.js';
import { stytchSuccess } from '../helpers/fake-stytch.js';
import { API_KEY, type Stack, startStack } from '../helpers/gateway.js';

/**
 * Property-based fuzzing of every mutation's input: whatever a client sends, the gateway answers
 * 200 (or a GraphQL-over-HTTP 4xx for a malformed request), never crashes, never 5xx, and never
 * calls Stytch with input its own rules refuse.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  const ok = stytchSuccess({
    user_id: fullUser.user_id,
    method_id: 'm',
    token: 'tok',
    session_token: 's',
    session_jwt: 'j',
    user: fullUser,
    reset_sessions: false,
  });
  for (const path of [
    '/v1/magic_links',
    '/v1/magic_links/authenticate',
    '/v1/impersonation/authenticate',
    '/v1/passwords/session/reset',
  ]) {
    stack.stand.on('POST', path, ok);
  }
});
afterAll(() => stack.stop());

const json = fc.jsonValue({ maxDepth: 3 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const anyInt = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(4, 5, 10080, 10081, 527040, 527041),
);
const anyString = fc.oneof(fc.string(), fc.constantFrom('', '   ', '\u0000', 'ä'.repeat(3000)));
const anyValue = fc.oneof(anyString, anyInt, fc.boolean(), fc.constant(null), json);

/** Inputs in the right shape, with hostile values. */
const inputs = {
  authenticateMagicLink: fc.record(
    {
      token: anyString,
      sessionDurationMinutes: maybe(anyInt),
      sessionCustomClaims: maybe(fc.dictionary(fc.string(), json)),
      sessionToken: maybe(anyString),
      codeVerifier: maybe(anyString),
      attributes: maybe(fc.record({ ipAddress: maybe(anyString), userAgent: maybe(anyString) })),
      options: maybe(fc.record({ ipMatchRequired: maybe(fc.boolean()) })),
    },
    { requiredKeys: ['token'] },
  ),
  createMagicLink: fc.record(
    { userId: anyString, expirationMinutes: maybe(anyInt) },
    { requiredKeys: ['userId'] },
  ),
  authenticateImpersonation: fc.record({ impersonationToken: anyString }),
  resetPasswordWithSession: fc.record(
    {
      password: anyString,
      sessionToken: maybe(anyString),
      sessionJwt: maybe(anyString),
      sessionDurationMinutes: maybe(anyInt),
      sessionCustomClaims: maybe(fc.dictionary(fc.string(), json)),
    },
    { requiredKeys: ['password'] },
  ),
};

const types: Record<keyof typeof inputs, string> = {
  authenticateMagicLink: 'AuthenticateMagicLinkInput',
  createMagicLink: 'CreateMagicLinkInput',
  authenticateImpersonation: 'AuthenticateImpersonationInput',
  resetPasswordWithSession: 'ResetPasswordWithSessionInput',
};

/** The gateway's own rules, restated: when one is broken Stytch must not be called. */
function breaksRules(name: keyof typeof inputs, input: Record<string, unknown>): boolean {
  const blank = (v: unknown) => typeof v === 'string' && v.trim() === '';
  const outside = (v: unknown, min: number, max: number) =>
    typeof v === 'number' && (v < min || v > max);
  const claims = input['sessionCustomClaims'];
  const tooBig = claims !== undefined && Buffer.byteLength(JSON.stringify(claims)) > 4096;
  switch (name) {
    case 'authenticateMagicLink':
      return (
        blank(input['token']) ||
        outside(input['sessionDurationMinutes'], 5, 527040) ||
        tooBig ||
        blank(input['sessionToken']) ||
        blank(input['codeVerifier'])
      );
    case 'createMagicLink':
      return blank(input['userId']) || outside(input['expirationMinutes'], 5, 10080);
    case 'authenticateImpersonation':
      return blank(input['impersonationToken']);
    case 'resetPasswordWithSession':
      return (
        input['password'] === '' ||
        outside(input['sessionDurationMinutes'], 5, 527040) ||
        tooBig ||
        blank(input['sessionToken']) ||
        blank(input['sessionJwt']) ||
        (!input['sessionToken'] && !input['sessionJwt'])
      );
  }
}

describe('fuzzing every mutation input', () => {
  for (const name of Object.keys(inputs) as Array<keyof typeof inputs>) {
    it(`${name}: well-shaped hostile input`, async () => {
      await fc.assert(
        fc.asyncProperty(inputs[name], async (input) => {
          stack.stand.requests.length = 0;
          const res = await stack.gql(
            `mutation ($input: ${types[name]}!) { ${name}(input: $input) { requestId } }`,
            { input },
            { 'x-api-key': API_KEY },
          );
          expect(res.status).toBe(200);
          const codes = (res.body.errors ?? []).map((e) => e.extensions?.['code']);
          expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
          if (breaksRules(name, input)) {
            expect(stack.stand.requests).toHaveLength(0);
            expect(codes).toContain('BAD_USER_INPUT');
          }
        }),
        { numRuns: 150 },
      );
    });

    it(`${name}: input of any shape at all`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 12 }), anyValue), async (input) => {
          const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
            body: JSON.stringify({
              query: `mutation ($input: ${types[name]}!) { ${name}(input: $input) { requestId } }`,
              variables: { input },
            }),
          });
          expect(res.status).toBeLessThan(500);
          const body = await res.json();
          expect(JSON.stringify(body)).not.toContain('INTERNAL_SERVER_ERROR');
        }),
        { numRuns: 100 },
      );
    });
  }

  it('random request bodies never produce a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          json.map((v) => JSON.stringify(v)),
        ),
        async (body) => {
          const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });
});
