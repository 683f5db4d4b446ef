/**
 * A fast Stytch stand-in for the benchmark: answers POST /v1/magic_links/authenticate with a rich,
 * precomputed body (the test fixtures) and serves a JWKS, so the gateway's own cost dominates.
 * Prints `stand-in ready: URL JWT` where JWT is a session JWT the gateway can verify locally.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { fullSession, fullUser } from '../../test/fixtures/stytch.js';

const projectId = process.env['BENCH_PROJECT_ID'] ?? 'project-test-bench';
const authenticate = Buffer.from(
  JSON.stringify({
    request_id: 'request-id-test-bench',
    status_code: 200,
    user_id: fullUser.user_id,
    method_id: fullUser.emails[0]?.email_id,
    session_token: 'bench-session-token-0000000000000000000000',
    session_jwt: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2ln',
    user: fullUser,
    reset_sessions: false,
    session: fullSession,
  }),
);

const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
const kid = 'jwk-test-bench';
const jwks = Buffer.from(
  JSON.stringify({
    request_id: 'request-id-test-jwks',
    status_code: 200,
    keys: [
      {
        ...(await exportJWK(publicKey)),
        kid,
        alg: 'RS256',
        use: 'sig',
        key_ops: ['verify'],
        x5c: [],
      },
    ],
  }),
);
const now = Math.floor(Date.now() / 1000);
// Long-lived on purpose: a benchmark outlasts Stytch's 5-minute JWTs.
const jwt = await new SignJWT({
  'https://stytch.com/session': {
    id: fullSession.session_id,
    started_at: fullSession.started_at,
    last_accessed_at: fullSession.last_accessed_at,
    expires_at: new Date((now + 7200) * 1000).toISOString(),
    attributes: fullSession.attributes,
    authentication_factors: fullSession.authentication_factors.slice(0, 2),
    roles: fullSession.roles,
  },
})
  .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
  .setIssuer(`stytch.com/${projectId}`)
  .setAudience([projectId])
  .setSubject(fullUser.user_id)
  .setIssuedAt(now)
  .setNotBefore(now)
  .setExpirationTime(now + 7200)
  .sign(privateKey);

const server = createServer((req, res) => {
  // Drain the request body before answering, as a real API would.
  req.on('data', () => {});
  req.on('end', () => {
    const body = req.url?.startsWith('/v1/sessions/jwks/') ? jwks : authenticate;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`stand-in ready: http://127.0.0.1:${port}/ ${jwt}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
