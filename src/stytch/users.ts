import { request, requireKeys, type Transport } from './request.js';
import type { UsersGetResponse } from './types.js';

export class Users {
  constructor(private readonly transport: Transport) {}

  /** GET /v1/users/{user_id}: the user's fields come flattened beside request_id. */
  async get(userId: string): Promise<UsersGetResponse> {
    const path = `v1/users/${encodeURIComponent(userId)}`;
    const body = await request<UsersGetResponse>(this.transport, { method: 'GET', path });
    return requireKeys(body, path, { user_id: 'string' });
  }
}
