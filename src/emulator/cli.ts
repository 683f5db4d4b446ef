/**
 * Stands in for the Dashboard's "Impersonate user" button against a running emulator:
 *
 *   tsx src/emulator/cli.ts impersonate <user_id> [--url URL] [--impersonator-email EMAIL]
 *
 * Credentials come from EMULATOR_PROJECT_ID / EMULATOR_SECRET (the emulator's defaults otherwise);
 * the URL from --url, then EMULATOR_URL, then http://127.0.0.1:4010/. Only the token goes to stdout,
 * so `TOKEN=$(tsx src/emulator/cli.ts impersonate user-test-…)` works.
 */
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { DEFAULT_PROJECT_ID, DEFAULT_SECRET } from './index.js';

const USAGE =
  'usage: cli.ts impersonate <user_id> [--url URL] [--impersonator-email EMAIL] [--impersonator-id ID]\n';

async function impersonate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      'impersonator-email': { type: 'string' },
      'impersonator-id': { type: 'string' },
    },
  });
  const userId = positionals[0];
  if (!userId || positionals.length > 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  const base = values.url ?? process.env['EMULATOR_URL'] ?? 'http://127.0.0.1:4010/';
  const projectId = process.env['EMULATOR_PROJECT_ID'] || DEFAULT_PROJECT_ID;
  const secret = process.env['EMULATOR_SECRET'] || DEFAULT_SECRET;
  const body: Record<string, string> = { user_id: userId };
  if (values['impersonator-email']) {
    body['impersonator_email'] = values['impersonator-email'];
  }
  if (values['impersonator-id']) {
    body['impersonator_id'] = values['impersonator-id'];
  }
  const res = await request(new URL('emulator/impersonation_tokens', base), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${projectId}:${secret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.body.json()) as {
    token?: string;
    expires_at?: string;
    error_type?: string;
    error_message?: string;
  };
  if (res.statusCode !== 200 || !answer.token) {
    process.stderr.write(
      `impersonation failed: HTTP ${res.statusCode} ${answer.error_type ?? ''} ${answer.error_message ?? ''}\n`,
    );
    return 1;
  }
  process.stderr.write(
    `impersonation token for ${userId}, single use, expires ${answer.expires_at}\n`,
  );
  process.stdout.write(`${answer.token}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'impersonate') {
    return impersonate(rest);
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
