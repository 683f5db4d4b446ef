import { createRequire } from 'node:module';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

/** The gateway's version, from package.json: sent to Stytch in the User-Agent. */
export const GATEWAY_VERSION: string = pkg.version;
