import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camelCase } from '../src/case.js';
import { buildSchema } from '../src/schema/index.js';
import {
  fullDeviceInfo,
  fullSession,
  fullUser,
  impersonatedSession,
  JSON_FIELD_KEYS,
} from './fixtures/stytch.js';
import { stytchSuccess } from './helpers/fake-stytch.js';
import { type Stack, startStack } from './helpers/gateway.js';
import { selectAll } from './helpers/selection.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * GraphQL fields with no Stytch key of their own name: the Stytch key whose value they must carry,
 * the first of these the object has (a Session has both ids; its `id` is the session's).
 */
const ALIASES: Record<string, string[]> = { id: ['session_id', 'user_id'] };
/** GraphQL fields that load another object by an id the Stytch object holds (Session.user). */
const RELATIONS: Record<string, string> = { user: 'user_id' };

/**
 * Walks the Stytch body and the GraphQL answer side by side: every Stytch key must arrive under its
 * camelCase name with the same value, and the JSON fields (custom claims, metadata) must arrive
 * byte-for-byte, their keys untouched. The other way round, every GraphQL field must carry the
 * value at its snake_case path (or its alias's), or be null when Stytch sent no such key, so a
 * field exposing a neighbour's value is caught from either side. Returns the paths it checked.
 */
function walk(stytch: Json, graphql: Json, path: string, checked: string[]): void {
  if (Array.isArray(stytch)) {
    expect(Array.isArray(graphql), path).toBe(true);
    expect((graphql as Json[]).length, path).toBe(stytch.length);
    for (const [i, item] of stytch.entries()) {
      walk(item, (graphql as Json[])[i] ?? null, `${path}[${i}]`, checked);
    }
    return;
  }
  if (stytch !== null && typeof stytch === 'object') {
    expect(graphql !== null && typeof graphql === 'object', path).toBe(true);
    const answer = graphql as { [key: string]: Json };
    for (const [key, value] of Object.entries(stytch)) {
      const name = camelCase(key);
      const at = `${path}.${key}`;
      expect(answer, `${at} -> ${name}`).toHaveProperty([name]);
      checked.push(at);
      if ((JSON_FIELD_KEYS as readonly string[]).includes(key)) {
        expect(answer[name], at).toStrictEqual(value);
      } else {
        walk(value, answer[name] ?? null, at, checked);
      }
    }
    const wire = stytch as { [key: string]: Json };
    const sent = new Set(Object.keys(wire).map(camelCase));
    for (const [name, value] of Object.entries(answer)) {
      if (sent.has(name)) {
        continue;
      }
      checked.push(`${path}.${name}`);
      const via = RELATIONS[name];
      if (via && via in wire) {
        expect((value as { [key: string]: Json })[camelCase(via)], `${path}.${name}`).toBe(
          wire[via],
        );
        continue;
      }
      const alias = ALIASES[name]?.find((key) => key in wire);
      expect(value, `${path}.${name}`).toStrictEqual(alias ? wire[alias] : null);
    }
    return;
  }
  expect(graphql, path).toStrictEqual(stytch);
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('snake_case to camelCase', () => {
  it('every key of a full Stytch answer arrives camelCased; JSON fields arrive untouched', async () => {
    const body = {
      user_id: fullUser.user_id,
      method_id: 'email-test-1',
      session_token: 'sess-token',
      session_jwt: 'sess-jwt',
      user: fullUser,
      reset_sessions: true,
      session: fullSession,
      user_device: fullDeviceInfo,
    };
    stack.stand.on('POST', '/v1/magic_links/authenticate', stytchSuccess(body, 'request-id-walk'));
    const selection = selectAll(buildSchema(), 'AuthenticateMagicLinkPayload');
    const res = await stack.gql(
      `mutation { authenticateMagicLink(input: {token: "t"}) { ${selection} } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const checked: string[] = [];
    walk(
      { request_id: 'request-id-walk', status_code: 200, ...body } as unknown as Json,
      res.body.data?.['authenticateMagicLink'] as Json,
      '$',
      checked,
    );
    // The fixture is rich: this proves the walk really covered the nested objects.
    expect(checked.length).toBeGreaterThan(150);
    expect(checked).toContain('$.session.authentication_factors[0].type');
    expect(checked.some((p) => p.endsWith('.git_lab_oauth_factor'))).toBe(true);
    expect(checked).toContain('$.user_device.ip_geo_country_details');
    // ...and the other way round: aliases, relations, and the factor fields Stytch left out.
    expect(checked).toContain('$.user.id');
    expect(checked).toContain('$.session.id');
    expect(checked).toContain('$.session.user');
    expect(checked).toContain('$.session.authentication_factors[0].githubOauthFactor');
  });

  it('the fixtures can show a swapped field: no timestamp repeats, no value repeats in an object', () => {
    const timestamps = new Map<string, string>();
    const visit = (value: Json, path: string): void => {
      if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) {
          visit(item, `${path}[${i}]`);
        }
      } else if (value !== null && typeof value === 'object') {
        const seen = new Map<string, string>();
        for (const [key, inner] of Object.entries(value)) {
          if (JSON_FIELD_KEYS.includes(key)) {
            continue;
          }
          if (typeof inner === 'string' || typeof inner === 'number') {
            const twin = seen.get(`${typeof inner}:${inner}`);
            expect(twin, `${path}.${key} repeats ${path}.${twin}`).toBeUndefined();
            seen.set(`${typeof inner}:${inner}`, key);
          }
          visit(inner, `${path}.${key}`);
        }
      } else if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) {
        expect(timestamps.get(value), `${path} repeats a timestamp`).toBeUndefined();
        timestamps.set(value, path);
      }
    };
    const fixtures = { fullUser, fullSession, fullDeviceInfo, impersonatedSession };
    visit(fixtures as unknown as Json, '$');
    // Three per factor, and the user's, sessions' and device's own.
    expect(timestamps.size).toBeGreaterThan(3 * fullSession.authentication_factors.length);
  });

  it('adds id fields for normalised client caches', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: fullUser.user_id,
        method_id: 'm',
        session_token: 's',
        session_jwt: 'j',
        user: fullUser,
        reset_sessions: false,
        session: fullSession,
      }),
    );
    const res = await stack.gql(
      'mutation { authenticateMagicLink(input: {token: "t"}) { user { id userId } session { id sessionId } } }',
    );
    expect(res.body.data).toEqual({
      authenticateMagicLink: {
        user: { id: fullUser.user_id, userId: fullUser.user_id },
        session: { id: fullSession.session_id, sessionId: fullSession.session_id },
      },
    });
  });

  it('DateTime values come back exactly as Stytch sent them', async () => {
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: fullUser.user_id,
        method_id: 'm',
        session_token: 's',
        session_jwt: 'j',
        user: { ...fullUser, created_at: '2021-08-28T00:41:58.935673870Z' },
        reset_sessions: false,
      }),
    );
    const res = await stack.gql(
      'mutation { authenticateMagicLink(input: {token: "t"}) { user { createdAt } } }',
    );
    expect(res.body.data).toEqual({
      authenticateMagicLink: { user: { createdAt: '2021-08-28T00:41:58.935673870Z' } },
    });
  });

  it('a factor type and delivery method Stytch adds tomorrow do not break the answer', async () => {
    const session = {
      ...fullSession,
      authentication_factors: [
        { type: 'retina_scan', delivery_method: 'optical_v2', last_authenticated_at: null },
      ],
    };
    stack.stand.on(
      'POST',
      '/v1/magic_links/authenticate',
      stytchSuccess({
        user_id: fullUser.user_id,
        method_id: 'm',
        session_token: 's',
        session_jwt: 'j',
        user: fullUser,
        reset_sessions: false,
        session,
      }),
    );
    const res = await stack.gql(
      'mutation { authenticateMagicLink(input: {token: "t"}) { session { authenticationFactors { type deliveryMethod } } } }',
    );
    expect(res.body).toEqual({
      data: {
        authenticateMagicLink: {
          session: {
            authenticationFactors: [{ type: 'retina_scan', deliveryMethod: 'optical_v2' }],
          },
        },
      },
    });
  });
});
