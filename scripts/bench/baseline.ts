/**
 * The benchmark's baseline: the least a gateway could do. node:http takes the request, reads the
 * token from its JSON body, makes the same REST call to Stytch through an undici Pool with
 * keep-alive, and returns Stytch's bytes untouched. No GraphQL, no validation, no logging.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const upstream = new URL(process.env['BENCH_UPSTREAM'] as string);
const pool = new Pool(upstream.origin, { connections: 64, keepAliveTimeout: 60_000 });
const authorization = `Basic ${Buffer.from('project-test-bench:secret-test-bench').toString('base64')}`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const upstreamRes = await pool.request({
        path: `${upstream.pathname}v1/magic_links/authenticate`,
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ token: variables?.token ?? 'token' }),
      });
      const body = Buffer.from(await upstreamRes.body.arrayBuffer());
      res.writeHead(upstreamRes.statusCode, {
        'content-type': 'application/json',
        'content-length': body.length,
      });
      res.end(body);
    } catch {
      res.writeHead(502).end();
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`baseline ready: http://127.0.0.1:${port}/graphql\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
