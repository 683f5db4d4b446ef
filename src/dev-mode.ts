import { randomBytes } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { request } from 'undici';
import type { Emulator } from './emulator/index.js';
import type { GatewayOptions } from './http/gateway.js';
import { type GraphiQLDemo, stepInstructions, walkthrough, wrap } from './http/graphiql.js';
import { DEV_MAILBOX_PATH, useDevMailbox } from './http/plugins/dev-mailbox.js';

/** The demo user every `npm start` without configuration begins with. */
export const DEMO_USER = {
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
};

/**
 * Where the example app (`npm run example:web`, Vite's dev server on its fixed port) runs: the
 * links in the development emulator's emails open it, and it signs in with their tokens.
 */
export const DEV_APP_URL = 'http://127.0.0.1:5173/';

export interface DevStytch {
  emulator: Emulator;
  apiKey: string;
  userId: string;
}

/**
 * In development mode (see `loadConfig`) the gateway runs on the embedded emulator, with a seeded
 * demo user and a development API key, so `npm ci && npm start` works offline. `appUrl` is the
 * project's default redirect URL: where email links lead unless the gateway's MAGIC_LINK_* and
 * PASSWORD_RESET_URL settings name pages of their own.
 */
export async function startDevStytch(options: { appUrl?: string } = {}): Promise<DevStytch> {
  // Imported here, not at the top: production never loads the emulator (zxcvbn dictionaries,
  // X.509 tooling: about 12 MiB).
  const emulator = await (await import('./emulator/index.js')).startEmulator({
    host: '127.0.0.1',
    port: 0,
    defaultRedirectUrl: options.appUrl ?? DEV_APP_URL,
  });
  const user = emulator.admin.createUser(DEMO_USER);
  // Always a fresh key of its own, printed and put into GraphiQL: never one from GATEWAY_API_KEYS,
  // whose values must appear in no output, page or log, whatever the mode.
  const apiKey = `dev_${randomBytes(18).toString('base64url')}`;
  return { emulator, apiKey, userId: user.user_id };
}

/**
 * Sends the demo user an email magic link through the emulator's real API and reads it from the
 * outbox. An email link (unlike an embeddable one) counts for resetPasswordWithSession's
 * recent-factor rule. For tests that need a signed-in user in one call.
 */
export async function sendEmailMagicLink(emulator: Emulator, email: string): Promise<string> {
  const res = await request(`${emulator.url}v1/magic_links/email/send`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${emulator.projectId}:${emulator.secret}`).toString('base64')}`,
    },
    body: JSON.stringify({ email }),
  });
  await res.body.dump();
  const sent = emulator.admin.lastMessage(email, 'magic_link');
  if (res.statusCode !== 200 || !sent) {
    throw new Error(`the emulator did not send a magic link (HTTP ${res.statusCode})`);
  }
  return sent.token;
}

/** The impersonator the emulator names on demo impersonation tokens (a Dashboard user in Stytch). */
export const DEMO_IMPERSONATOR = { email: 'support@example.com' };

/** GraphiQL's view of the development setup: the walkthrough is written for the demo user. */
export function graphiqlDemo(dev: DevStytch): GraphiQLDemo {
  return {
    userId: dev.userId,
    email: DEMO_USER.email,
    apiKey: dev.apiKey,
    mailboxPath: DEV_MAILBOX_PATH,
  };
}

/** The development mailbox (see useDevMailbox): main.ts installs it only on the emulator. */
export function devMailbox(dev: DevStytch): Plugin {
  return useDevMailbox({
    emulator: dev.emulator,
    demoUserId: dev.userId,
    impersonator: DEMO_IMPERSONATOR,
  });
}

/** What a development gateway gets beyond its configuration (main.ts; the browser tests too). */
export function devGatewayOptions(dev: DevStytch): Pick<GatewayOptions, 'demo' | 'routes'> {
  return { demo: graphiqlDemo(dev), routes: [devMailbox(dev)] };
}

/** The line the walkthrough starts after, and the one it ends with, in the banner. */
export const BANNER_RULE = '='.repeat(78);
export const WALKTHROUGH_START = '# Walkthrough';

/**
 * What `npm start` prints in development: where to go, and the walkthrough GraphiQL has in its
 * tabs, each step as it runs (a test runs them as printed, in this order).
 */
export function devBanner(dev: DevStytch, graphqlUrl: string): string {
  const origin = new URL(graphqlUrl).origin;
  const demo = graphiqlDemo(dev);
  const flows = walkthrough({ cookies: true, demo });
  const steps = flows
    .map((flow, index) => {
      const lines = wrap(`${index + 1}. ${flow.title}. ${flow.about.join(' ')}`, 94).map(
        (line, n) => (n === 0 ? `# ${line}` : `#    ${line}`),
      );
      for (const step of flow.steps) {
        lines.push(...stepInstructions(step, demo).map((line) => `#    ${line}`), step.document);
      }
      return lines.join('\n');
    })
    .join('\n\n');
  return `
${BANNER_RULE}
  DEVELOPMENT MODE: no STYTCH_* variable is set (or STYTCH_EMULATOR=on), so the
  gateway talks to its EMBEDDED STYTCH EMULATOR (in memory, no network).
  NOT FOR PRODUCTION: NODE_ENV=production refuses to start this way.
${BANNER_RULE}

  GraphiQL:           ${graphqlUrl}   (a tab per step below)
  Dev mailbox:        ${origin}${DEV_MAILBOX_PATH}   (every email and SMS "sent")
  Example app:        npm run example:web, then ${dev.emulator.defaultRedirectUrl}
                      (the mailbox's links open it)
  Emulator (Stytch):  ${dev.emulator.url}  project ${dev.emulator.projectId}
  Demo user:          ${dev.userId} (${DEMO_USER.email})
  Dev API key:        ${dev.apiKey}   (header x-api-key, for createMagicLink)
  Session cookies:    on (GraphiQL sends them; other clients send header x-graphql-yoga-csrf: 1)

${WALKTHROUGH_START}: run the steps in this order on a fresh start, in GraphiQL's tabs
# or pasted into its editor. Tokens and codes come from the dev mailbox.

${steps}
${BANNER_RULE}
`;
}
