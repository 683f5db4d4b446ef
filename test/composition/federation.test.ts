import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorStack, startEmulatorStack } from '../helpers/emulator-stack.js';
import { API_KEY } from '../helpers/gateway.js';
import { createRouter } from '../helpers/hive-router.js';
import { type LoopbackServer, serveOnLoopback } from '../helpers/http-gateway.js';
import { createOrdersSubgraph, ORDERS_TYPE_DEFS, type Order } from '../helpers/orders-subgraph.js';

/**
 * The gateway as an Apollo Federation v2 subgraph, proven with the real tools: the committed
 * schema.subgraph.graphql composed with another team's subgraph by @theguild/federation-composition,
 * served by Hive Gateway in-process, both subgraphs on real HTTP on loopback, ours on the emulator.
 */
const SUBGRAPH_SDL = readFileSync(
  new URL('../../schema.subgraph.graphql', import.meta.url),
  'utf8',
);

let stack: EmulatorStack;
let ours: LoopbackServer;
let ordersServer: LoopbackServer;
let supergraph: string;
/** Presents its own API key on entity lookups to our subgraph, as the README recommends. */
let router: GatewayRuntime;
/** Forwards the caller's credentials and nothing else. */
let keylessRouter: GatewayRuntime;
const orders: Order[] = [];
let ada: { id: string; email: string };
let bob: { id: string; email: string };

beforeAll(async () => {
  stack = await startEmulatorStack({ env: { GRAPHQL_MODE: 'subgraph' } });
  ours = await serveOnLoopback(stack.gateway.yoga);
  ordersServer = await serveOnLoopback(createOrdersSubgraph(orders));

  const composed = composeServices([
    { name: 'stytch', typeDefs: parse(SUBGRAPH_SDL), url: ours.url },
    { name: 'orders', typeDefs: parse(ORDERS_TYPE_DEFS), url: ordersServer.url },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  supergraph = composed.supergraphSdl as string;
  // Kept for a human to read (test-artifacts/ is ignored by git).
  mkdirSync(new URL('../../test-artifacts/', import.meta.url), { recursive: true });
  writeFileSync(new URL('../../test-artifacts/supergraph.graphql', import.meta.url), supergraph);

  router = createRouter(supergraph, { apiKey: API_KEY });
  keylessRouter = createRouter(supergraph, { apiKey: null });

  const admin = stack.emulator.admin;
  ada = { id: admin.createUser({ email: 'ada@fed.example' }).user_id, email: 'ada@fed.example' };
  bob = { id: admin.createUser({ email: 'bob@fed.example' }).user_id, email: 'bob@fed.example' };
  orders.push(
    { id: 'order-1', total: 4200, buyerId: ada.id },
    { id: 'order-2', total: 1999, buyerId: ada.id },
    { id: 'order-3', total: 500, buyerId: bob.id },
  );
});

afterAll(async () => {
  await router?.dispose();
  await keylessRouter?.dispose();
  await ours?.close();
  await ordersServer?.close();
  await stack?.stop();
});

type Body = {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
};

/** POSTs to a router (or straight to a subgraph URL) and returns the body and its raw text. */
async function post(
  target: GatewayRuntime | string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  };
  const res =
    typeof target === 'string'
      ? await fetch(target, init)
      : await target.fetch('http://router.test/graphql', init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as Body };
}

async function signIn(userId: string) {
  const token = stack.emulator.admin.createMagicLink(userId);
  const res = await post(
    router,
    'mutation ($t: String!) { authenticateMagicLink(input: { token: $t, sessionDurationMinutes: 60 }) { userId sessionJwt sessionToken session { id } } }',
    { t: token },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.['authenticateMagicLink'] as {
    userId: string;
    sessionJwt: string;
    sessionToken: string;
    session: { id: string };
  };
}

describe('the subgraph', () => {
  it('answers _service.sdl with exactly the committed schema.subgraph.graphql', async () => {
    const res = await post(ours.url, '{ _service { sdl } }');
    expect(`${res.body.data?.['_service'].sdl}\n`).toBe(SUBGRAPH_SDL);
  });

  it('composes with another subgraph: User and Session are entities keyed by id', () => {
    expect(SUBGRAPH_SDL).toMatch(
      /^extend schema\s+@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/,
    );
    const typeLine = (name: string) =>
      supergraph.split('\n').find((line) => line.startsWith(`type ${name} `));
    expect(typeLine('User')).toContain('@join__type(graph: STYTCH, key: "id")');
    expect(typeLine('User')).toContain('@join__type(graph: ORDERS, key: "id")');
    expect(typeLine('Session')).toContain('@join__type(graph: STYTCH, key: "id")');
    expect(supergraph).toMatch(/orders: \[Order!\]! @join__field\(graph: ORDERS\)/);
  });
});

describe('through Hive Gateway', () => {
  it('runs mutations: createMagicLink with the caller key, authenticateMagicLink without one', async () => {
    const create =
      'mutation ($u: String!) { createMagicLink(input: { userId: $u }) { userId token } }';
    const created = await post(router, create, { u: ada.id }, { 'x-api-key': API_KEY });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.['createMagicLink'].userId).toBe(ada.id);

    const auth = await post(
      router,
      'mutation ($t: String!) { authenticateMagicLink(input: { token: $t, sessionDurationMinutes: 60 }) { userId session { id userId } user { id emails { email } } } }',
      { t: created.body.data?.['createMagicLink'].token },
    );
    expect(auth.body.errors).toBeUndefined();
    expect(auth.body.data?.['authenticateMagicLink']).toMatchObject({
      userId: ada.id,
      session: { userId: ada.id },
      user: { id: ada.id, emails: [{ email: ada.email }] },
    });
  });

  it("never lends its own key to a client's root fields: createMagicLink without one is FORBIDDEN", async () => {
    const calls = stack.callsTo('/v1/magic_links');
    const res = await post(
      router,
      'mutation ($u: String!) { createMagicLink(input: { userId: $u }) { token } }',
      { u: ada.id },
    );
    expect(res.body.data).toEqual({ createMagicLink: null });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(stack.callsTo('/v1/magic_links')).toBe(calls);
  });

  it('resolves one User from our subgraph and its orders from the other, in one operation', async () => {
    const { sessionJwt } = await signIn(ada.id);
    const res = await post(
      router,
      '{ viewer { user { id emails { email } orders { id total } } } }',
      {},
      { authorization: `Bearer ${sessionJwt}` },
    );
    expect(res.body).toEqual({
      data: {
        viewer: {
          user: {
            id: ada.id,
            emails: [{ email: ada.email }],
            orders: [
              { id: 'order-1', total: 4200 },
              { id: 'order-2', total: 1999 },
            ],
          },
        },
      },
    });
  });

  it('user(id:) with the caller API key crosses both subgraphs too', async () => {
    const res = await post(
      router,
      'query ($id: ID!) { user(id: $id) { id emails { email } orders { id total } } }',
      { id: bob.id },
      { 'x-api-key': API_KEY },
    );
    expect(res.body).toEqual({
      data: {
        user: {
          id: bob.id,
          emails: [{ email: bob.email }],
          orders: [{ id: 'order-3', total: 500 }],
        },
      },
    });
  });

  it('resolves a User referenced by the other subgraph through our _entities, with the router key', async () => {
    const res = await post(router, '{ order(id: "order-3") { id buyer { id emails { email } } } }');
    expect(res.body).toEqual({
      data: { order: { id: 'order-3', buyer: { id: bob.id, emails: [{ email: bob.email }] } } },
    });
  });
});

describe('entity access rules (the same as user(id:))', () => {
  const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on User { id emails { email } }
    ... on Session { id userId }
  } }`;

  it('a router without a key gets FORBIDDEN for another user, and no data', async () => {
    const { sessionJwt } = await signIn(ada.id);
    const res = await post(
      keylessRouter,
      '{ order(id: "order-3") { id buyer { id emails { email } } } }',
      {},
      { authorization: `Bearer ${sessionJwt}` },
    );
    expect(res.body.data?.['order']?.id).toBe('order-3');
    expect(res.body.data?.['order']?.buyer?.emails ?? null).toBeNull();
    expect(res.body.errors?.map((e) => e.extensions?.['code'])).toContain('FORBIDDEN');
    expect(res.text).not.toContain(bob.email);
  });

  it("a router without a key still resolves the caller's own user", async () => {
    const { sessionJwt } = await signIn(bob.id);
    const res = await post(
      keylessRouter,
      '{ order(id: "order-3") { buyer { id emails { email } } } }',
      {},
      { authorization: `Bearer ${sessionJwt}` },
    );
    expect(res.body).toEqual({
      data: { order: { buyer: { id: bob.id, emails: [{ email: bob.email }] } } },
    });
  });

  it('straight to the subgraph: no key and no session gets FORBIDDEN, and no Stytch call', async () => {
    const calls = stack.callsTo(`/v1/users/${bob.id}`);
    const res = await post(ours.url, ENTITIES, { r: [{ __typename: 'User', id: bob.id }] });
    expect(res.body.data).toEqual({ _entities: [null] });
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['_entities', 0],
      extensions: { code: 'FORBIDDEN' },
    });
    expect(res.text).not.toContain(bob.email);
    expect(stack.callsTo(`/v1/users/${bob.id}`)).toBe(calls);
  });

  it('straight to the subgraph: a session resolves only to its own user and own session', async () => {
    const mine = await signIn(ada.id);
    const theirs = await signIn(bob.id);
    const res = await post(
      ours.url,
      ENTITIES,
      {
        r: [
          { __typename: 'User', id: ada.id },
          { __typename: 'Session', id: mine.session.id },
          { __typename: 'User', id: bob.id },
          { __typename: 'Session', id: theirs.session.id },
        ],
      },
      { authorization: `Bearer ${mine.sessionJwt}` },
    );
    expect(res.body.data).toEqual({
      _entities: [
        { id: ada.id, emails: [{ email: ada.email }] },
        { id: mine.session.id, userId: ada.id },
        null,
        null,
      ],
    });
    expect(res.body.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([
      [['_entities', 2], 'FORBIDDEN'],
      [['_entities', 3], 'FORBIDDEN'],
    ]);
    expect(res.text).not.toContain(bob.email);
  });

  it('straight to the subgraph with the key: any user; a session Stytch cannot find by id is null', async () => {
    const theirs = await signIn(bob.id);
    const res = await post(
      ours.url,
      ENTITIES,
      {
        r: [
          { __typename: 'User', id: bob.id },
          { __typename: 'Session', id: theirs.session.id },
        ],
      },
      { 'x-api-key': API_KEY },
    );
    expect(res.body).toEqual({
      data: { _entities: [{ id: bob.id, emails: [{ email: bob.email }] }, null] },
    });
  });
});
