import { request, requireKeys, type Transport } from './request.js';
import type { PasswordsSessionResetRequest, PasswordsSessionResetResponse } from './types.js';

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
    return requireKeys(body, path, { user_id: 'string', user: 'object' });
  }
}

export class Passwords {
  readonly session: PasswordsSession;

  constructor(transport: Transport) {
    this.session = new PasswordsSession(transport);
  }
}
