/**
 * Standalone emulator: `tsx src/emulator/main.ts`. Configured by environment variables:
 * EMULATOR_PORT (default 4010), EMULATOR_HOST (default 127.0.0.1), EMULATOR_PROJECT_ID,
 * EMULATOR_SECRET, EMULATOR_HTTPS=1 (also serve HTTPS with a throwaway self-signed certificate),
 * EMULATOR_REDIRECT_URL (the project's default redirect URL, http://localhost:3000 otherwise).
 */
import { DEFAULT_SECRET, type Emulator, SANDBOX, startEmulator } from './index.js';

function port(raw: string | undefined): number {
  const value = Number(raw ?? '4010');
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new Error(`EMULATOR_PORT must be a port number, got "${raw}"`);
  }
  return value;
}

function banner(emulator: Emulator, secretFromEnv: boolean): string {
  const line = '!'.repeat(78);
  return [
    line,
    '!! STYTCH EMULATOR: DEVELOPMENT AND TESTS ONLY. NOT STYTCH, NOT SECURE, IN MEMORY.',
    '!! Anyone who can reach this port can mint sessions for any user. Never expose it.',
    line,
    `  base URL     ${emulator.url}`,
    ...(emulator.httpsUrl
      ? [`  HTTPS URL    ${emulator.httpsUrl} (self-signed, made at start)`]
      : []),
    `  project_id   ${emulator.projectId}`,
    // A secret the operator chose stays off the terminal; the built-in one is public anyway.
    `  secret       ${secretFromEnv ? '(from EMULATOR_SECRET)' : emulator.secret}`,
    `  JWKS         ${emulator.url}v1/sessions/jwks/${emulator.projectId}`,
    `  redirect URL ${emulator.defaultRedirectUrl} (links without a URL of their own)`,
    `  sandbox user ${SANDBOX.userId} <${SANDBOX.email}> ${SANDBOX.phoneNumber}`,
    '  admin        /emulator/{health,users,impersonation_tokens,outbox,clock,rotate_keys}',
    '  impersonate  npm run emulator:cli -- impersonate <user_id>',
    '  mailbox      npm run emulator:cli -- last-message <email|phone> [--kind otp --field code]',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const secretFromEnv = Boolean(process.env['EMULATOR_SECRET']);
  const emulator = await startEmulator({
    port: port(process.env['EMULATOR_PORT']),
    host: process.env['EMULATOR_HOST'] || '127.0.0.1',
    projectId: process.env['EMULATOR_PROJECT_ID'] || undefined,
    secret: process.env['EMULATOR_SECRET'] || DEFAULT_SECRET,
    https: ['1', 'true', 'yes'].includes((process.env['EMULATOR_HTTPS'] ?? '').toLowerCase()),
    defaultRedirectUrl: process.env['EMULATOR_REDIRECT_URL'] || undefined,
    // Method, path and outcome only: bodies carry tokens and passwords.
    onRequest: (log) =>
      process.stdout.write(
        `${log.method} ${log.path} ${log.status}${log.errorType ? ` ${log.errorType}` : ''} ${log.ms.toFixed(1)}ms\n`,
      ),
  });
  process.stdout.write(banner(emulator, secretFromEnv));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stdout.write(`${signal}: stopping the emulator\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`stytch emulator failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
