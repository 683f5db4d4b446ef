import { type AdminUserInput, adminUser } from '../admin.js';
import { ApiError } from '../errors.js';
import { iso } from '../ids.js';
import { OUTBOX_KINDS, type OutboxKind, readOutbox } from '../outbox.js';
import type { Route } from '../route.js';
import type { State } from '../state.js';
import {
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredEmail,
  requiredString,
} from '../validate.js';
import { createImpersonationToken } from './impersonation.js';

/**
 * Emulator-only controls under /emulator/, behind the same Basic credentials as /v1. They stand in
 * for the Dashboard (users, impersonation), the mailbox (outbox) and time itself (clock).
 */
export const adminRoutes: Route[] = [
  {
    method: 'GET',
    path: '/emulator/health',
    handle: ({ state }) => ({ status: 'ok', project_id: state.projectId }),
  },
  {
    method: 'POST',
    path: '/emulator/users',
    handle({ state, body }) {
      const input: AdminUserInput = { email: requiredEmail(body) };
      const first = optionalString(body, 'first_name');
      const last = optionalString(body, 'last_name');
      const password = optionalString(body, 'password');
      const phone = optionalString(body, 'phone_number');
      const externalId = optionalString(body, 'external_id');
      if (phone !== undefined) {
        input.phoneNumber = phone;
      }
      if (externalId !== undefined) {
        input.externalId = externalId;
      }
      if (first !== undefined) {
        input.firstName = first;
      }
      if (last !== undefined) {
        input.lastName = last;
      }
      if (password !== undefined) {
        input.password = password;
      }
      const user = adminUser(state, input);
      return { user_id: user.user_id, user };
    },
  },
  {
    method: 'POST',
    path: '/emulator/impersonation_tokens',
    handle({ state, body }) {
      const userId = requiredString(body, 'user_id');
      const impersonator: { id?: string; email?: string } = {};
      const email = optionalString(body, 'impersonator_email');
      const id = optionalString(body, 'impersonator_id');
      if (email !== undefined) {
        impersonator.email = email;
      }
      if (id !== undefined) {
        impersonator.id = id;
      }
      const { token, expiresAt } = createImpersonationToken(state, userId, impersonator);
      return { token, user_id: userId, expires_at: iso(expiresAt) };
    },
  },
  // GET takes ?to=&kind= in the query, POST the same in a JSON body; both list oldest first.
  {
    method: 'GET',
    path: '/emulator/outbox',
    handle: ({ state, query }) =>
      outboxBody(state, { to: query.get('to') ?? undefined, kind: query.get('kind') ?? undefined }),
  },
  {
    method: 'POST',
    path: '/emulator/outbox',
    handle: ({ state, body }) =>
      outboxBody(state, { to: optionalString(body, 'to'), kind: optionalString(body, 'kind') }),
  },
  {
    method: 'GET',
    path: '/emulator/clock',
    handle: ({ state }) => clockBody(state.clock.now()),
  },
  {
    method: 'POST',
    path: '/emulator/clock',
    handle({ state, body }) {
      const advance = optionalInteger(body, 'advance_ms');
      const now = optionalInteger(body, 'now_ms');
      if ((advance === undefined) === (now === undefined)) {
        throw new ApiError('bad_request', 'Give exactly one of advance_ms or now_ms.');
      }
      if (advance !== undefined) {
        state.clock.advance(advance);
      } else if (now !== undefined) {
        state.clock.set(now);
      }
      return clockBody(state.clock.now());
    },
  },
  {
    method: 'POST',
    path: '/emulator/rotate_keys',
    async handle({ state, body }) {
      const keepPrevious = optionalBoolean(body, 'keep_previous') ?? true;
      const kid = await state.keys.rotate(keepPrevious);
      return { kid, keys: state.keys.jwks() };
    },
  },
];

function outboxBody(state: State, filter: { to?: string | undefined; kind?: string | undefined }) {
  const kind = filter.kind || undefined;
  if (kind !== undefined && !OUTBOX_KINDS.includes(kind as OutboxKind)) {
    throw new ApiError('bad_request', `kind must be one of ${OUTBOX_KINDS.join(', ')}.`);
  }
  return { outbox: readOutbox(state, { to: filter.to || undefined, kind: kind as OutboxKind }) };
}

function clockBody(now: number) {
  return { now_ms: now, now: iso(now) };
}
