import type { StytchClient } from './stytch/client.js';

/** Built fresh for every request by `createContext` in gateway.ts. */
export interface GatewayContext {
  stytch: StytchClient;
  /** The request presented one of the configured server API keys. */
  hasApiKey: boolean;
}
