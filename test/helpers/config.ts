import { ConfigError, type Env, loadConfig, type StytchConfig } from '../../src/config.js';
import type { ResolvedConfig } from '../../src/http/gateway.js';

/**
 * A gateway config for tests: the production defaults from `loadConfig`, with the limits that
 * would make unrelated tests depend on each other turned off (rate limits; a circuit that opens
 * after a handful of deliberate failures). Tests of those features turn them back on.
 */
export function testConfig(
  stytch: StytchConfig,
  overrides: Partial<Omit<ResolvedConfig, 'stytch'>> = {},
  env: Env = {},
): ResolvedConfig {
  const defaults = loadConfig({
    STYTCH_PROJECT_ID: stytch.projectId,
    STYTCH_SECRET: stytch.secret,
    STYTCH_API_URL: stytch.apiUrl,
    RATE_LIMIT_PER_IP: '0',
    RATE_LIMIT_PER_TOKEN: '0',
    STYTCH_CIRCUIT_FAILURES: '1000',
    ...env,
  });
  return { ...defaults, ...overrides, stytch };
}

/** The problems `loadConfig` lists for an environment; none when it loads. */
export function configProblems(env: Env): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
}
