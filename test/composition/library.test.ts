import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as another Node service gets it: `npm run build` to dist/, then plain Node (no tsx,
 * no vitest transform) imports it by its package name, which goes through `exports` in
 * package.json, and tsc type-checks a consumer against the emitted declarations.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const BUILD_TIMEOUT_MS = 120_000;

beforeAll(async () => {
  await run('npm', ['run', 'build'], { cwd: root, timeout: BUILD_TIMEOUT_MS });
}, BUILD_TIMEOUT_MS);

/**
 * Runs an ES module with Node from the package root, so `stytch-graphql-gateway` self-resolves.
 * The script hands its answer back through `answer(value)`, which writes a file of its own: the
 * gateway's asynchronous log lines share stdout and may land before or after anything printed.
 */
async function node(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'library-test-'));
  const answerFile = join(dir, 'answer.json');
  try {
    const prelude = `import { writeFileSync as __write } from 'node:fs';
const answer = (value) => __write(${JSON.stringify(answerFile)}, JSON.stringify(value));
`;
    await run(process.execPath, ['--input-type=module', '-e', prelude + source], {
      cwd: root,
      timeout: 30_000,
    });
    return JSON.parse(readFileSync(answerFile, 'utf8')) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the built package', () => {
  it('exports the API; its schemas print exactly the committed SDL files', async () => {
    const out = await node(`
      import * as lib from 'stytch-graphql-gateway';
      import { printSubgraphSchema } from '@apollo/subgraph';
      import { printSchema } from 'graphql';
      answer({
        exports: Object.keys(lib).sort(),
        schema: printSchema(lib.buildSchema()) + '\\n',
        subgraph: printSubgraphSchema(lib.buildSubgraphSchema()) + '\\n',
      });
    `);
    expect(out['exports']).toEqual([
      'CSRF_HEADER',
      'ConfigError',
      'FEDERATION_SPEC_URL',
      'buildSchema',
      'buildSubgraphSchema',
      'createGateway',
      'isEntityLookup',
      'loadConfig',
      'startEmulator',
      'stytchUrlForProject',
    ]);
    expect(out['schema']).toBe(readFileSync(`${root}schema.graphql`, 'utf8'));
    expect(out['subgraph']).toBe(readFileSync(`${root}schema.subgraph.graphql`, 'utf8'));
  });

  it('creates a gateway that answers over the embedded emulator', async () => {
    const out = await node(`
      import { createGateway, loadConfig, startEmulator } from 'stytch-graphql-gateway';
      const key = 'library-test-key-0123456789';
      const emulator = await startEmulator();
      const gateway = createGateway({
        ...loadConfig({ GATEWAY_API_KEYS: key, SESSION_COOKIES: 'off' }),
        stytch: { projectId: emulator.projectId, secret: emulator.secret, apiUrl: emulator.url },
      });
      const user = emulator.admin.createUser({ email: 'library@example.com' });
      const res = await gateway.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({
          query: 'query ($id: ID!) { user(id: $id) { id emails { email } } }',
          variables: { id: user.user_id },
        }),
      });
      const body = await res.json();
      await gateway.close();
      await emulator.close();
      answer({ userId: user.user_id, body });
    `);
    expect(out['body']).toEqual({
      data: { user: { id: out['userId'], emails: [{ email: 'library@example.com' }] } },
    });
  });

  it('ships declarations a strict TypeScript consumer compiles against', async () => {
    const dir = `${root}test-artifacts/library-consumer/`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      `${dir}consumer.ts`,
      `import type { GraphQLSchema } from 'graphql';
import {
  createGateway,
  type Gateway,
  type GatewayConfig,
  loadConfig,
  buildSubgraphSchema,
  type User,
} from 'stytch-graphql-gateway';

const config: GatewayConfig = loadConfig({});
const gateway: Gateway = createGateway({
  ...config,
  stytch: { projectId: 'project-test-x', secret: 'secret-test-x', apiUrl: 'https://test.stytch.com/' },
});
const schema: GraphQLSchema = buildSubgraphSchema();
const email: string | undefined = ({} as User).emails[0]?.email;
// @ts-expect-error the wire types keep Stytch's snake_case spelling
({} as User).userId;
export { email, gateway, schema };
`,
    );
    await run(
      process.execPath,
      [
        `${root}node_modules/typescript/bin/tsc`,
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        `${dir}consumer.ts`,
      ],
      { cwd: root, timeout: 60_000 },
    );
  }, 60_000);
});
