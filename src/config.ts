import { isIP } from 'node:net';

/**
 * Configuration from the environment, validated once at start-up. Every problem is reported in one
 * go, one line each, so an operator fixes them all at once.
 */

export interface StytchConfig {
  projectId: string;
  secret: string;
  /** Always ends with `/`. */
  apiUrl: string;
}

export interface GatewayConfig {
  /**
   * Null only in development mode, when the embedded emulator stands in: asked for with
   * STYTCH_EMULATOR=on, or no STYTCH_* variable set at all outside production.
   */
  stytch: StytchConfig | null;
  /** NODE_ENV=production: safer defaults (no GraphiQL, no suggestions, Secure cookies). */
  production: boolean;
  port: number;
  /** An IP address or `localhost`; never a name that needs DNS to bind. */
  host: string;
  /** A second listener for /metrics, /healthz and /readyz only; null serves them on `port`. */
  adminPort: number | null;
  logLevel: LogLevel;
  /** Node's server timeouts, so slowly trickled requests cannot hold sockets open. */
  server: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  stytchTimeoutMs: number;
  /** Server credentials accepted in `x-api-key` (rotate by listing old and new). */
  apiKeys: string[];
  /** Session cookies: on, off, or null to decide by setup (on with the embedded emulator). */
  sessionCookies: boolean | null;
  /** Session tokens in mutation payloads: null means "not in cookie mode". */
  tokensInBody: boolean | null;
  /**
   * The `Secure` flag of session cookies. From configuration only, never from the request's Host
   * header, which a reverse proxy rewrites (`proxy_pass http://127.0.0.1:4000`).
   */
  cookieSecure: boolean;
  /**
   * `local`: session JWTs are verified with Stytch's keys, and sessions signed out through this
   * gateway are refused through a revocation list (shared in Redis when REDIS_URL is set).
   * `remote`: every session check asks Stytch.
   */
  sessionVerify: 'local' | 'remote';
  /** Serve GraphiQL on GET /graphql for browsers (off by default in production). */
  graphiql: boolean;
  /** Browser origins allowed to call cross-origin (with credentials). Empty: same-origin only. */
  corsOrigins: string[];
  /** `api`: a standalone GraphQL API; `subgraph`: an Apollo Federation v2 subgraph. */
  graphqlMode: 'api' | 'subgraph';
  upstream: UpstreamConfig;
  limits: OperationLimits;
  rateLimit: RateLimitConfig;
  /** Proxies whose X-Forwarded-For is believed (IPs or CIDR ranges). */
  trustedProxies: string[];
  shutdown: { delayMs: number; timeoutMs: number };
  /**
   * Execute through graphql-jit, compiled per document once it has run twice (on by default; its
   * errors are given their `locations` back, see src/http/plugins/jit.ts).
   */
  jit: boolean;
  /** Where the links in Stytch's emails lead (sign-in operations; see docs/sign-in.md). */
  redirectUrls: RedirectUrls;
  /** Trusted documents (docs/performance.md). */
  trustedDocuments: TrustedDocumentsConfig;
}

export interface TrustedDocumentsConfig {
  /** A manifest of the operations the frontends ship: parsed, validated and compiled at start. */
  manifest: string | null;
  /** Allowlist mode: only the manifest's documents run; free-form documents are refused unparsed. */
  only: boolean;
}

/**
 * The pages Stytch's emails link to, from configuration only, so that no caller can make the
 * gateway send a link pointing elsewhere. Each list is an exact-match allowlist whose first entry
 * is the default; an empty list leaves the field out, and Stytch's Dashboard default applies.
 */
export interface RedirectUrls {
  /** MAGIC_LINK_LOGIN_URL: magic links for existing users, and the reset email's login button. */
  magicLinkLogin: string[];
  /** MAGIC_LINK_SIGNUP_URL: magic links that create the user. */
  magicLinkSignup: string[];
  /** MAGIC_LINK_INVITE_URL: invitation links. */
  magicLinkInvite: string[];
  /** PASSWORD_RESET_URL: password reset links. */
  passwordReset: string[];
}

/** Comma-separated absolute http(s) URLs without credentials; each problem named, never guessed. */
function loadRedirectUrls(list: (name: string) => string[], problems: string[]): RedirectUrls {
  const urls = (name: string) => {
    const entries = list(name);
    for (const entry of entries) {
      let url: URL | null = null;
      try {
        url = new URL(entry);
      } catch {
        // Reported below.
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        problems.push(`${name}: "${entry}" is not an absolute http(s) URL`);
      } else if (url.username || url.password) {
        problems.push(`${name}: the URL for ${url.host} must not carry a user name or password`);
      }
    }
    return entries;
  };
  return {
    magicLinkLogin: urls('MAGIC_LINK_LOGIN_URL'),
    magicLinkSignup: urls('MAGIC_LINK_SIGNUP_URL'),
    magicLinkInvite: urls('MAGIC_LINK_INVITE_URL'),
    passwordReset: urls('PASSWORD_RESET_URL'),
  };
}

export interface UpstreamConfig {
  connectTimeoutMs: number;
  maxConnections: number;
  /** Consecutive failures that open the circuit, and how long it stays open. */
  circuitFailures: number;
  circuitHalfOpenMs: number;
}

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  maxBodyBytes: number;
  /** Field selections in a document, fragments expanded, counted before validation. */
  maxSelections: number;
  /** Times one field (response name) may occur in one selection set, counted before validation. */
  maxDuplicateFields: number;
  /** Parsed and validated documents kept for reuse, in (estimated) bytes of heap. */
  documentCacheBytes: number;
  introspection: boolean;
  /** "Did you mean …?" hints, which map the schema for an attacker: off in production. */
  fieldSuggestions: boolean;
}

export interface RateLimitConfig {
  /** Auth attempts per client IP per minute; 0 turns the limit off. */
  perIp: number;
  /** Attempts per token, or per target user, per minute; 0 turns the limit off. */
  perToken: number;
  /** Shared counters in Redis, so several instances enforce one limit; memory otherwise. */
  redisUrl: string | null;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const STYTCH_LIVE_URL = 'https://api.stytch.com/';
export const STYTCH_TEST_URL = 'https://test.stytch.com/';

/** The official SDKs' rule: a `project-live-` id is of the live environment, any other of test. */
export function stytchEnvironment(projectId: string): 'live' | 'test' {
  return projectId.startsWith('project-live-') ? 'live' : 'test';
}

export function stytchUrlForProject(projectId: string): string {
  return stytchEnvironment(projectId) === 'live' ? STYTCH_LIVE_URL : STYTCH_TEST_URL;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type Env = Record<string, string | undefined>;

/**
 * Every STYTCH_* and GATEWAY_* name the gateway reads. Any other name with those prefixes is a
 * start-up error: a misspelled STYTCH_PROJECT_ID must not quietly mean "no project".
 */
const KNOWN_PREFIXED = [
  'STYTCH_PROJECT_ID',
  'STYTCH_SECRET',
  'STYTCH_API_URL',
  'STYTCH_EMULATOR',
  'STYTCH_TIMEOUT_MS',
  'STYTCH_CONNECT_TIMEOUT_MS',
  'STYTCH_MAX_CONNECTIONS',
  'STYTCH_CIRCUIT_FAILURES',
  'STYTCH_CIRCUIT_HALF_OPEN_MS',
  'GATEWAY_API_KEYS',
] as const;
const PREFIXES = ['STYTCH_', 'GATEWAY_'];

/** Names compared without case and underscores, so `STYTCH_PROJECTID` finds its match. */
function closestKnown(name: string): string | null {
  const squash = (n: string) => n.toUpperCase().replace(/_/g, '');
  return KNOWN_PREFIXED.find((known) => squash(known) === squash(name)) ?? null;
}

/** An address the server can bind without asking DNS. */
function isBindableHost(host: string): boolean {
  return host === 'localhost' || isIP(host) !== 0;
}

export function loadConfig(env: Env = process.env): GatewayConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = value(name);
    if (raw === undefined) {
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };

  const list = (name: string) =>
    (value(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);

  const onOff = (name: string): boolean | null => {
    const raw = value(name)?.toLowerCase();
    if (raw === undefined) {
      return null;
    }
    if (raw === 'on' || raw === 'off') {
      return raw === 'on';
    }
    problems.push(`${name} must be "on" or "off" (got "${raw}")`);
    return null;
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = value(name);
    if (raw === undefined) {
      return fallback;
    }
    if ((allowed as readonly string[]).includes(raw)) {
      return raw as T;
    }
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };

  // Names first: a typo in a name explains the problems that follow from it.
  const prefixed = Object.keys(env).filter((name) => PREFIXES.some((p) => name.startsWith(p)));
  for (const name of prefixed.sort()) {
    if (!(KNOWN_PREFIXED as readonly string[]).includes(name)) {
      const known = closestKnown(name);
      problems.push(
        `${name} is not a setting of this gateway${known ? ` (did you mean ${known}?)` : ''}`,
      );
    } else if (name.startsWith('STYTCH_') && !value(name)) {
      problems.push(`${name} is set but empty: give it a value or unset it`);
    }
  }

  const production = env['NODE_ENV'] === 'production';
  const stytch = stytchConfig(
    env,
    value,
    onOff,
    production,
    problems,
    prefixed.some((name) => name.startsWith('STYTCH_')),
  );

  const apiKeys = list('GATEWAY_API_KEYS');
  if (apiKeys.some((k) => k.length < 16)) {
    problems.push('GATEWAY_API_KEYS: each key must be at least 16 characters');
  }

  const corsOrigins = list('CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin like https://app.example.com`);
    }
  }

  const trustedProxies = list('TRUSTED_PROXIES');
  for (const proxy of trustedProxies) {
    const [address, bits] = proxy.split('/');
    if (!isIP(address ?? '') || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      problems.push(`TRUSTED_PROXIES: "${proxy}" is not an IP address or CIDR range`);
    }
  }
  const redisUrl = value('REDIS_URL') ?? null;
  if (redisUrl && !/^rediss?:\/\/[^\s/]/.test(redisUrl)) {
    problems.push('REDIS_URL must start with redis:// or rediss://');
  }

  const host = value('HOST') ?? '127.0.0.1';
  if (!isBindableHost(host)) {
    problems.push(
      `HOST must be an IP address (e.g. 0.0.0.0 or 127.0.0.1) or localhost (got "${host}")`,
    );
  }
  const port = integer('PORT', 4000, 0, 65535);
  const adminPortRaw = value('ADMIN_PORT');
  const adminPort = adminPortRaw === undefined ? null : integer('ADMIN_PORT', 0, 0, 65535);
  if (adminPort !== null && adminPort !== 0 && adminPort === port) {
    problems.push('ADMIN_PORT must differ from PORT');
  }

  const sessionCookies = onOff('SESSION_COOKIES');
  const emulator = stytch === null;
  const config: GatewayConfig = {
    stytch,
    production,
    port,
    host,
    adminPort,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    server: {
      headersTimeoutMs: integer('HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
      requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
      keepAliveTimeoutMs: integer('KEEP_ALIVE_TIMEOUT_MS', 5_000, 0, 600_000),
    },
    stytchTimeoutMs: integer('STYTCH_TIMEOUT_MS', 10_000, 100, 600_000),
    apiKeys,
    sessionCookies,
    tokensInBody: onOff('SESSION_TOKENS_IN_BODY'),
    // Plain-http development on the emulator is the one setup where Secure would lose the cookie.
    cookieSecure: onOff('COOKIE_SECURE') ?? !emulator,
    sessionVerify: oneOf('SESSION_VERIFY', ['local', 'remote'] as const, 'local'),
    graphiql: onOff('GRAPHIQL') ?? !production,
    corsOrigins,
    graphqlMode: oneOf('GRAPHQL_MODE', ['api', 'subgraph'] as const, 'api'),
    upstream: {
      connectTimeoutMs: integer('STYTCH_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
      maxConnections: integer('STYTCH_MAX_CONNECTIONS', 64, 1, 10_000),
      circuitFailures: integer('STYTCH_CIRCUIT_FAILURES', 5, 1, 1_000),
      circuitHalfOpenMs: integer('STYTCH_CIRCUIT_HALF_OPEN_MS', 10_000, 100, 600_000),
    },
    limits: {
      maxDepth: integer('MAX_DEPTH', 12, 1, 100),
      maxAliases: integer('MAX_ALIASES', 10, 0, 1_000),
      maxTokens: integer('MAX_TOKENS', 1_500, 10, 1_000_000),
      maxCost: integer('MAX_COST', 20_000, 10, 10_000_000),
      maxDirectives: integer('MAX_DIRECTIVES', 20, 0, 1_000),
      maxBodyBytes: integer('MAX_BODY_BYTES', 100_000, 1_000, 100_000_000),
      maxSelections: integer('MAX_SELECTIONS', 1_000, 1, 100_000),
      maxDuplicateFields: integer('MAX_DUPLICATE_FIELDS', 25, 1, 10_000),
      documentCacheBytes: integer('DOCUMENT_CACHE_BYTES', 16 * 1024 * 1024, 0, 4 * 1024 ** 3),
      introspection: onOff('INTROSPECTION') ?? true,
      fieldSuggestions: onOff('FIELD_SUGGESTIONS') ?? !production,
    },
    rateLimit: {
      perIp: integer('RATE_LIMIT_PER_IP', 30, 0, 1_000_000),
      perToken: integer('RATE_LIMIT_PER_TOKEN', 5, 0, 1_000_000),
      redisUrl,
    },
    trustedProxies,
    shutdown: {
      delayMs: integer('SHUTDOWN_DELAY_MS', 0, 0, 600_000),
      timeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    },
    jit: onOff('GRAPHQL_JIT') ?? true,
    redirectUrls: loadRedirectUrls(list, problems),
    trustedDocuments: {
      manifest: value('TRUSTED_DOCUMENTS') ?? null,
      only: onOff('TRUSTED_DOCUMENTS_ONLY') ?? false,
    },
  };
  if (config.trustedDocuments.only && !config.trustedDocuments.manifest) {
    problems.push('TRUSTED_DOCUMENTS_ONLY=on needs TRUSTED_DOCUMENTS (the manifest to allow)');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

/**
 * Which Stytch to talk to. The embedded emulator is development only, and never a fallback: it
 * runs when asked for (STYTCH_EMULATOR=on) or when nothing about Stytch is configured at all
 * outside production. Anything half-configured is an error, never a quiet switch to the emulator.
 */
function stytchConfig(
  env: Env,
  value: (name: string) => string | undefined,
  onOff: (name: string) => boolean | null,
  production: boolean,
  problems: string[],
  anyStytchName: boolean,
): StytchConfig | null {
  const projectId = value('STYTCH_PROJECT_ID');
  const secret = value('STYTCH_SECRET');
  const emulatorSwitch = onOff('STYTCH_EMULATOR');
  const rawUrl = value('STYTCH_API_URL');
  let apiUrl: string | null = null;
  if (rawUrl) {
    try {
      const url = new URL(rawUrl);
      const plainHttpAllowed = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
      if (url.protocol !== 'https:' && !plainHttpAllowed) {
        // The Basic credentials travel in every request: only loopback may see them in clear.
        problems.push('STYTCH_API_URL must use https (plain http is accepted only on loopback)');
      }
      apiUrl = url.href.endsWith('/') ? url.href : `${url.href}/`;
    } catch {
      problems.push(`STYTCH_API_URL is not a URL (got "${rawUrl}")`);
    }
  }

  if (emulatorSwitch === true) {
    if (production) {
      problems.push('STYTCH_EMULATOR=on is refused with NODE_ENV=production');
    }
    for (const name of ['STYTCH_PROJECT_ID', 'STYTCH_SECRET', 'STYTCH_API_URL']) {
      if (env[name] !== undefined) {
        problems.push(`STYTCH_EMULATOR=on cannot be combined with ${name}`);
      }
    }
    return null;
  }
  if (projectId && secret) {
    return { projectId, secret, apiUrl: apiUrl ?? stytchUrlForProject(projectId) };
  }
  if (projectId) {
    problems.push('STYTCH_SECRET is required when STYTCH_PROJECT_ID is set');
  } else if (secret) {
    problems.push('STYTCH_PROJECT_ID is required when STYTCH_SECRET is set');
  } else if (production) {
    problems.push(
      'STYTCH_PROJECT_ID and STYTCH_SECRET are required with NODE_ENV=production (the embedded emulator is for development only)',
    );
  } else if (anyStytchName) {
    // Something about Stytch was configured, so development mode was not meant.
    problems.push(
      'STYTCH_PROJECT_ID and STYTCH_SECRET are required once any STYTCH_* variable is set (for development on the embedded emulator, set STYTCH_EMULATOR=on or unset them all)',
    );
  }
  return null;
}
