import type { Name, User } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { hashPassword } from '../password-hash.js';
import { requireAcceptablePassword } from '../password-policy.js';
import type { Route } from '../route.js';
import { wireUser } from '../session-ops.js';
import type { State } from '../state.js';
import type { NewUser } from '../store.js';
import {
  type Body,
  checkPhoneNumber,
  optionalBoolean,
  optionalObject,
  optionalString,
  requiredEmail,
} from '../validate.js';

export function createUser(state: State, input: NewUser): User {
  const now = state.clock.now();
  return wireUser(state.store.addUser(input, now), now);
}

function readName(body: Body): Name | undefined {
  const name = optionalObject(body, 'name');
  if (!name) {
    return undefined;
  }
  const out: Name = {};
  for (const key of ['first_name', 'middle_name', 'last_name'] as const) {
    const value = optionalString(name, key);
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

/** name, trusted_metadata and untrusted_metadata of an endpoint that creates a user, if given. */
export function readProfile(
  body: Body,
): Pick<NewUser, 'name' | 'trustedMetadata' | 'untrustedMetadata'> {
  const name = readName(body);
  const trusted = optionalObject(body, 'trusted_metadata');
  const untrusted = optionalObject(body, 'untrusted_metadata');
  return {
    ...(name ? { name } : {}),
    ...(trusted ? { trustedMetadata: trusted } : {}),
    ...(untrusted ? { untrustedMetadata: untrusted } : {}),
  };
}

// Documented: alphanumerics and . _ - |, at most 128 characters.
const EXTERNAL_ID = /^[A-Za-z0-9._|-]{1,128}$/;

export function checkExternalId(externalId: string): string {
  if (!EXTERNAL_ID.test(externalId)) {
    throw new ApiError(
      'bad_request',
      'external_id may only hold letters, digits and . _ - |, at most 128 characters.',
    );
  }
  return externalId;
}

export const userRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/users',
    async handle({ state, body }) {
      // Stytch takes an email, a phone number or both; the emulator needs at least one.
      const phone = optionalString(body, 'phone_number') || undefined;
      const email = phone === undefined || body['email'] ? requiredEmail(body) : undefined;
      const input: NewUser = {
        status: optionalBoolean(body, 'create_user_as_pending') ? 'pending' : 'active',
      };
      if (email !== undefined) {
        input.email = email;
      }
      if (phone !== undefined) {
        input.phoneNumber = checkPhoneNumber(phone);
      }
      const name = readName(body);
      // Not a Stytch field of this endpoint: an emulator convenience to seed password users.
      const password = optionalString(body, 'password');
      const trusted = optionalObject(body, 'trusted_metadata');
      const untrusted = optionalObject(body, 'untrusted_metadata');
      const externalId = optionalString(body, 'external_id') || undefined;
      if (name) {
        input.name = name;
      }
      if (externalId !== undefined) {
        input.externalId = checkExternalId(externalId);
      }
      if (password !== undefined) {
        requireAcceptablePassword(password, email);
        input.passwordHash = await hashPassword(password);
      }
      if (trusted) {
        input.trustedMetadata = trusted;
      }
      if (untrusted) {
        input.untrustedMetadata = untrusted;
      }
      const user = createUser(state, input);
      return {
        user_id: user.user_id,
        email_id: user.emails[0]?.email_id ?? '',
        status: user.status,
        phone_id: user.phone_numbers[0]?.phone_id ?? '',
        user,
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/users/:user_id',
    handle({ state, params }) {
      const now = state.clock.now();
      // Stytch flattens the user beside request_id rather than nesting it.
      return { ...wireUser(state.store.requireUser(params['user_id'] ?? '', now), now) };
    },
  },
];
