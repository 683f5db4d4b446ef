/**
 * Stands in for the Stytch Dashboard and the user's mailbox against a running emulator:
 *
 *   tsx src/emulator/cli.ts impersonate <user_id> [--url URL] [--impersonator-email EMAIL]
 *   tsx src/emulator/cli.ts outbox [--to ADDRESS] [--kind KIND] [--url URL]
 *   tsx src/emulator/cli.ts last-message <address> [--kind KIND] [--field NAME] [--url URL]
 *
 * Credentials come from EMULATOR_PROJECT_ID / EMULATOR_SECRET (the emulator's defaults otherwise);
 * the URL from --url, then EMULATOR_URL, then http://127.0.0.1:4010/. Only the answer goes to
 * stdout, so `TOKEN=$(tsx src/emulator/cli.ts impersonate user-test-…)` and
 * `CODE=$(tsx src/emulator/cli.ts last-message ada@example.com --kind otp --field code)` work.
 */
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { DEFAULT_PROJECT_ID, DEFAULT_SECRET } from './index.js';

const USAGE = `usage: cli.ts impersonate <user_id> [--url URL] [--impersonator-email EMAIL] [--impersonator-id ID]
       cli.ts outbox [--to ADDRESS] [--kind magic_link|invite|password_reset|otp] [--url URL]
       cli.ts last-message <address> [--kind KIND] [--field NAME] [--url URL]
`;

interface Answer {
  error_type?: string;
  error_message?: string;
  [key: string]: unknown;
}

/** POSTs to an /emulator/ admin route with the project's Basic credentials. */
async function admin(
  base: string | undefined,
  path: string,
  body: Record<string, string>,
): Promise<{ status: number; answer: Answer }> {
  const root = base ?? process.env['EMULATOR_URL'] ?? 'http://127.0.0.1:4010/';
  const projectId = process.env['EMULATOR_PROJECT_ID'] || DEFAULT_PROJECT_ID;
  const secret = process.env['EMULATOR_SECRET'] || DEFAULT_SECRET;
  const res = await request(new URL(`emulator/${path}`, root), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${projectId}:${secret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, answer: (await res.body.json()) as Answer };
}

function failed(what: string, status: number, answer: Answer): number {
  process.stderr.write(
    `${what} failed: HTTP ${status} ${answer.error_type ?? ''} ${answer.error_message ?? ''}\n`,
  );
  return 1;
}

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
  const body: Record<string, string> = { user_id: userId };
  if (values['impersonator-email']) {
    body['impersonator_email'] = values['impersonator-email'];
  }
  if (values['impersonator-id']) {
    body['impersonator_id'] = values['impersonator-id'];
  }
  const { status, answer } = await admin(values.url, 'impersonation_tokens', body);
  if (status !== 200 || typeof answer['token'] !== 'string') {
    return failed('impersonation', status, answer);
  }
  process.stderr.write(
    `impersonation token for ${userId}, single use, expires ${String(answer['expires_at'])}\n`,
  );
  process.stdout.write(`${answer['token']}\n`);
  return 0;
}

/** The outbox as JSON (one message per line), or the newest message to one address. */
async function outbox(args: string[], last: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      to: { type: 'string' },
      kind: { type: 'string' },
      field: { type: 'string' },
    },
  });
  const to = last ? positionals[0] : values.to;
  if ((last && (!to || positionals.length > 1)) || (!last && positionals.length > 0)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const filter: Record<string, string> = {};
  if (to) {
    filter['to'] = to;
  }
  if (values.kind) {
    filter['kind'] = values.kind;
  }
  const { status, answer } = await admin(values.url, 'outbox', filter);
  const messages = answer['outbox'];
  if (status !== 200 || !Array.isArray(messages)) {
    return failed('reading the outbox', status, answer);
  }
  if (!last) {
    for (const message of messages) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
    }
    return 0;
  }
  const message = messages.at(-1) as Record<string, unknown> | undefined;
  if (!message) {
    process.stderr.write(`nothing was sent to ${to}${values.kind ? ` (${values.kind})` : ''}\n`);
    return 1;
  }
  if (values.field) {
    const value = message[values.field];
    if (value === undefined) {
      process.stderr.write(`the message has no field "${values.field}"\n`);
      return 1;
    }
    process.stdout.write(`${String(value)}\n`);
    return 0;
  }
  process.stdout.write(`${JSON.stringify(message)}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'impersonate') {
    return impersonate(rest);
  }
  if (command === 'outbox') {
    return outbox(rest, false);
  }
  if (command === 'last-message') {
    return outbox(rest, true);
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
