import { request, requireKeys, type Transport } from './request.js';
import type {
  PasswordsAuthenticateRequest,
  PasswordsAuthenticateResponse,
  PasswordsCreateRequest,
  PasswordsCreateResponse,
  PasswordsEmailResetRequest,
  PasswordsEmailResetResponse,
  PasswordsEmailResetStartRequest,
  PasswordsEmailResetStartResponse,
  PasswordsExistingPasswordResetRequest,
  PasswordsExistingPasswordResetResponse,
  PasswordsSessionResetRequest,
  PasswordsSessionResetResponse,
  PasswordsStrengthCheckRequest,
  PasswordsStrengthCheckResponse,
} from './types.js';

/** The keys every session-set answer must carry for a resolver to use it. */
const SESSION_SET = { user_id: 'string', user: 'object' } as const;

export class PasswordsSession {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/passwords/session/reset. Stytch revokes the user's other sessions on success. */
  async reset(data: PasswordsSessionResetRequest): Promise<PasswordsSessionResetResponse> {
    const path = 'v1/passwords/session/reset';
    const body = await request<PasswordsSessionResetResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, SESSION_SET);
  }
}

export class PasswordsEmail {
  constructor(private readonly transport: Transport) {}

  /** POST /v1/passwords/email/reset/start: emails a reset link. Sends a message: never retried. */
  async resetStart(
    data: PasswordsEmailResetStartRequest,
  ): Promise<PasswordsEmailResetStartResponse> {
    const path = 'v1/passwords/email/reset/start';
    const body = await request<PasswordsEmailResetStartResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { user_id: 'string', email_id: 'string' });
  }

  /**
   * POST /v1/passwords/email/reset: spends the emailed token. Stytch revokes every session of the
   * user on success.
   */
  async reset(data: PasswordsEmailResetRequest): Promise<PasswordsEmailResetResponse> {
    const path = 'v1/passwords/email/reset';
    const body = await request<PasswordsEmailResetResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, SESSION_SET);
  }
}

export class PasswordsExistingPassword {
  constructor(private readonly transport: Transport) {}

  /**
   * POST /v1/passwords/existing_password/reset. It checks the user's current password, so a
   * wrong one is the user's mistake even though Stytch words it like a refused secret.
   */
  async reset(
    data: PasswordsExistingPasswordResetRequest,
  ): Promise<PasswordsExistingPasswordResetResponse> {
    const path = 'v1/passwords/existing_password/reset';
    const body = await request<PasswordsExistingPasswordResetResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
      endUserCredentials: true,
    });
    return requireKeys(body, path, SESSION_SET);
  }
}

export class Passwords {
  readonly session: PasswordsSession;
  readonly email: PasswordsEmail;
  readonly existingPassword: PasswordsExistingPassword;

  constructor(private readonly transport: Transport) {
    this.session = new PasswordsSession(transport);
    this.email = new PasswordsEmail(transport);
    this.existingPassword = new PasswordsExistingPassword(transport);
  }

  /** POST /v1/passwords: a new user with an email and a password. */
  async create(data: PasswordsCreateRequest): Promise<PasswordsCreateResponse> {
    const path = 'v1/passwords';
    const body = await request<PasswordsCreateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, { ...SESSION_SET, email_id: 'string' });
  }

  /**
   * POST /v1/passwords/authenticate. It checks the user's password: Stytch's
   * `unauthorized_credentials` here is a wrong password, not a refused gateway secret.
   */
  async authenticate(data: PasswordsAuthenticateRequest): Promise<PasswordsAuthenticateResponse> {
    const path = 'v1/passwords/authenticate';
    const body = await request<PasswordsAuthenticateResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
      endUserCredentials: true,
    });
    return requireKeys(body, path, SESSION_SET);
  }

  /**
   * POST /v1/passwords/strength_check. A POST that changes nothing, but it carries a password:
   * like every POST it is not retried, so the password crosses the wire once.
   */
  async strengthCheck(
    data: PasswordsStrengthCheckRequest,
  ): Promise<PasswordsStrengthCheckResponse> {
    const path = 'v1/passwords/strength_check';
    const body = await request<PasswordsStrengthCheckResponse>(this.transport, {
      method: 'POST',
      path,
      body: data,
    });
    return requireKeys(body, path, {
      valid_password: 'boolean',
      score: 'number',
      breached_password: 'boolean',
      strength_policy: 'string',
      breach_detection_on_create: 'boolean',
    });
  }
}
