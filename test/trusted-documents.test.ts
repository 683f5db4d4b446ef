import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createGateway } from '../src/http/gateway.js';
import { loadTrustedDocuments } from '../src/http/plugins/trusted-documents.js';
import { buildSchema } from '../src/schema/index.js';
import { fullSession, fullUser } from './fixtures/stytch.js';
import { testConfig } from './helpers/config.js';
import { stytchSuccess } from './helpers/fake-stytch.js';
import { PROJECT_ID, SECRET, type Stack, startStack } from './helpers/gateway.js';

const SIGN_IN = `mutation SignIn($token: String!) {
  authenticateMagicLink(input: { token: $token }) {
    userId sessionToken
    user { userId name { firstName lastName } emails { email verified } }
    session { sessionId expiresAt authenticationFactors { type deliveryMethod } }
  }
}`;
const VIEWER = 'query Viewer { viewer { session { id } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
/** A manifest in GraphQL Code Generator's format: `{ "sha256:<hex>": "<document>" }`. */
function manifest(name: string, documents: Record<string, string>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(documents));
  return file;
}
const MANIFEST = manifest('manifest.json', {
  [`sha256:${sha256(SIGN_IN)}`]: SIGN_IN,
  [`sha256:${sha256(VIEWER)}`]: VIEWER,
});

const authenticated = stytchSuccess(
  {
    user_id: fullUser.user_id,
    method_id: 'email-test-1',
    session_token: 'session-token-trusted',
    session_jwt: 'session-jwt-trusted',
    user: fullUser,
    reset_sessions: false,
    session: fullSession,
  },
  'request-id-trusted',
);

async function post(stack: Stack, body: unknown) {
  const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

const authenticateCalls = (stack: Stack) =>
  stack.stand.requests.filter((r) => r.path === '/v1/magic_links/authenticate').length;

describe('trusted documents', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { TRUSTED_DOCUMENTS: MANIFEST } });
    stack.stand.on('POST', '/v1/magic_links/authenticate', authenticated);
  });
  afterAll(() => stack.stop());

  it('a request by hash answers exactly as the full document does, in every form, every time', async () => {
    const variables = { token: 'magic-token' };
    const full = await post(stack, { query: SIGN_IN, variables });
    expect(full.status).toBe(200);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data.authenticateMagicLink.user.userId).toBe(fullUser.user_id);
    const forms = [
      { documentId: `sha256:${sha256(SIGN_IN)}`, variables },
      { documentId: sha256(SIGN_IN), variables, operationName: 'SignIn' },
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(SIGN_IN) } }, variables },
      // The text may come along (Apollo's automatic persisted queries send both) if it matches.
      { query: SIGN_IN, documentId: `sha256:${sha256(SIGN_IN)}`, variables },
    ];
    // Several rounds: the first runs may take another executor than the later, compiled ones.
    for (let round = 0; round < 3; round++) {
      for (const form of forms) {
        const byHash = await post(stack, form);
        expect(byHash.status).toBe(200);
        expect(byHash.text).toBe(full.text);
      }
    }
    // Each request reached Stytch once with the caller's token.
    expect(authenticateCalls(stack)).toBe(1 + 3 * forms.length);
  });

  it('a trusted document keeps its errors and their locations', async () => {
    const free = await post(stack, { query: VIEWER });
    for (let round = 0; round < 3; round++) {
      const byHash = await post(stack, { documentId: `sha256:${sha256(VIEWER)}` });
      expect(byHash.text).toBe(free.text);
    }
  });

  it('an unknown hash is a clear error, and nothing runs', async () => {
    const before = authenticateCalls(stack);
    for (const body of [
      { documentId: `sha256:${'0'.repeat(64)}`, variables: { token: 't' } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      { documentId: 'not-a-hash' },
      { documentId: 42 },
    ]) {
      const res = await post(stack, body);
      expect(res.status).toBe(404);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: 'No trusted document has this documentId.',
          extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }),
        }),
      ]);
    }
    expect(authenticateCalls(stack)).toBe(before);
  });

  it('a hash with a different document beside it is refused', async () => {
    const res = await post(stack, {
      documentId: `sha256:${sha256(SIGN_IN)}`,
      query: VIEWER,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toBe(
      'The query does not match the document its documentId names.',
    );
  });

  it('free-form documents still run without allowlist mode', async () => {
    const res = await post(stack, { query: '{ viewer { session { id } } }' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ viewer: null });
  });

  it('free-form documents are still validated: only a trusted document skips it', async () => {
    const res = await post(stack, { query: '{ viewer { session { id } } unknownField }' });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('allowlist mode (TRUSTED_DOCUMENTS_ONLY=on)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { TRUSTED_DOCUMENTS: MANIFEST, TRUSTED_DOCUMENTS_ONLY: 'on' },
    });
    stack.stand.on('POST', '/v1/magic_links/authenticate', authenticated);
  });
  afterAll(() => stack.stop());

  it('runs the manifest by hash', async () => {
    const res = await post(stack, {
      documentId: `sha256:${sha256(SIGN_IN)}`,
      variables: { token: 'magic-token' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.authenticateMagicLink.userId).toBe(fullUser.user_id);
  });

  it('refuses free-form documents before parsing them: not even a syntax error is reported', async () => {
    const refused = {
      message: 'This gateway runs trusted documents only: send the operation by its documentId.',
      extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_ID_REQUIRED' }),
    };
    const cached = stack.gateway.documentCache.size;
    const calls = authenticateCalls(stack);
    for (const query of [
      // Not a document at all: parsing it would answer GRAPHQL_PARSE_FAILED.
      'mutation { authenticateMagicLink(input: { token: "t" }) { userId ',
      // A valid document that is not in the manifest.
      '{ viewer { session { id } } }',
      // The manifest's own text, without its id: the id is what is trusted.
      SIGN_IN,
    ]) {
      const res = await post(stack, { query, variables: { token: 't' } });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining(refused)]);
    }
    // Nothing was parsed, so nothing entered the parse cache, and Stytch was never called.
    expect(stack.gateway.documentCache.size).toBe(cached);
    expect(authenticateCalls(stack)).toBe(calls);
  });
});

describe('the manifest is checked at start', () => {
  const stytch = { projectId: PROJECT_ID, secret: SECRET, apiUrl: 'http://127.0.0.1:9/' };
  const start = (env: Record<string, string>) => () =>
    createGateway(testConfig(stytch, {}, env)).close();

  it('a document that does not validate against the schema stops start-up, named', () => {
    const stale = 'query Stale { viewer { session { id noSuchField } } }';
    const file = manifest('stale.json', {
      [`sha256:${sha256(SIGN_IN)}`]: SIGN_IN,
      [`sha256:${sha256(stale)}`]: stale,
    });
    expect(start({ TRUSTED_DOCUMENTS: file })).toThrow(ConfigError);
    expect(start({ TRUSTED_DOCUMENTS: file })).toThrow(
      `TRUSTED_DOCUMENTS ${file}: sha256:${sha256(stale)} (Stale): does not validate against the schema: Cannot query field "noSuchField" on type "Session".`,
    );
  });

  it('an id that is not the hash of its document, a file that is not JSON, a missing file', () => {
    const wrong = manifest('wrong.json', { [`sha256:${'a'.repeat(64)}`]: VIEWER });
    expect(start({ TRUSTED_DOCUMENTS: wrong })).toThrow(
      `the id is not the SHA-256 of the document (that is sha256:${sha256(VIEWER)})`,
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"sha256:');
    expect(start({ TRUSTED_DOCUMENTS: broken })).toThrow(`cannot read ${broken} as JSON`);
    expect(start({ TRUSTED_DOCUMENTS: join(dir, 'missing.json') })).toThrow('(ENOENT)');
  });

  it('reads Apollo persisted query manifests too', () => {
    const file = manifest('apollo.json', {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256(VIEWER), body: VIEWER, name: 'Viewer', type: 'query' }],
    } as unknown as Record<string, string>);
    const documents = loadTrustedDocuments(file, buildSchema());
    expect([...documents.byHash.keys()]).toEqual([sha256(VIEWER)]);
  });

  it('allowlist mode without a manifest is a configuration error', () => {
    expect(() =>
      loadConfig({
        STYTCH_PROJECT_ID: PROJECT_ID,
        STYTCH_SECRET: SECRET,
        TRUSTED_DOCUMENTS_ONLY: 'on',
      }),
    ).toThrow('TRUSTED_DOCUMENTS_ONLY=on needs TRUSTED_DOCUMENTS');
  });

  it("the example app's generated manifest fits the schema", () => {
    const file = fileURLToPath(
      new URL('../examples/web/src/gql/persisted-documents.json', import.meta.url),
    );
    const documents = loadTrustedDocuments(file, buildSchema());
    expect(documents.byHash.size).toBeGreaterThan(0);
  });
});
