/**
 * The package's public API, for a Node service that embeds the gateway, or only its schema, in a
 * larger graph. Anything not exported here is internal and may change without notice.
 */

export type { Env, GatewayConfig, StytchConfig } from './config.js';
export { ConfigError, loadConfig, stytchUrlForProject } from './config.js';
export type { GatewayContext, SessionDelivery } from './context.js';
export type { Emulator, EmulatorAdmin, EmulatorOptions } from './emulator/index.js';
export { startEmulator } from './emulator/index.js';
export { isEntityLookup } from './entity-lookup.js';
export type { ErrorCode, StytchErrorExtension } from './errors.js';
export type { Gateway, GatewayOptions, ResolvedConfig } from './gateway.js';
export { CSRF_HEADER, createGateway } from './gateway.js';
export type { SessionLookup } from './loaders.js';
export { FEDERATION_SPEC_URL } from './schema/federation.js';
export { buildSchema, buildSubgraphSchema } from './schema/index.js';
export type * from './stytch/types.js';
