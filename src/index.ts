/**
 * The package's public API, for a Node service that embeds the gateway, or only its schema, in a
 * larger graph. Anything not exported here is internal and may change without notice.
 */

export type { Env, GatewayConfig, StytchConfig } from './config.js';
export { ConfigError, loadConfig, stytchUrlForProject } from './config.js';
export type { Emulator, EmulatorAdmin, EmulatorOptions } from './emulator/index.js';
export { startEmulator } from './emulator/index.js';
export type { ErrorCode, StytchErrorExtension } from './errors.js';
export type { GatewayContext, SessionDelivery } from './http/context.js';
export type { Gateway, GatewayOptions, ResolvedConfig } from './http/gateway.js';
export { CSRF_HEADER, createGateway } from './http/gateway.js';
export type { SessionLookup } from './http/loaders.js';
export { isEntityLookup } from './schema/entity-lookup.js';
export { FEDERATION_SPEC_URL } from './schema/federation.js';
export { buildSchema, buildSubgraphSchema } from './schema/index.js';
export type * from './stytch/types.js';
