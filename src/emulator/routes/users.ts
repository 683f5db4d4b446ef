import type { Name, User } from '../../stytch/types.js';
import { ApiError } from '../errors.js';
import { hashPassword } from '../password-hash.js';
import type { Route } from '../route.js';
import { wireUser } from '../session-ops.js';
import type { State } from '../state.js';
import type { NewUser } from '../store.js';
import {
  type Body,
  optionalBoolean,
  optionalObject,
  optionalString,
  requiredEmail,
} from '../validate.js';

export const MIN_PASSWORD_LENGTH = 8;

/** Counted in code points: "any UTF-8 is allowed", so an emoji is one character, not two. */
export function checkPasswordStrength(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new ApiError('weak_password');
  }
}

export function createUser(state: State, input: NewUser): User {
  return wireUser(state.store.addUser(input, state.clock.now()).user);
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

export const userRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/users',
    async handle({ state, body }) {
      const input: NewUser = {
        email: requiredEmail(body),
        status: optionalBoolean(body, 'create_user_as_pending') ? 'pending' : 'active',
      };
      const name = readName(body);
      const password = optionalString(body, 'password');
      const trusted = optionalObject(body, 'trusted_metadata');
      const untrusted = optionalObject(body, 'untrusted_metadata');
      if (name) {
        input.name = name;
      }
      if (password !== undefined) {
        checkPasswordStrength(password);
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
        phone_id: '',
        user,
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/users/:user_id',
    handle({ state, params }) {
      // Stytch flattens the user beside request_id rather than nesting it.
      return { ...wireUser(state.store.requireUser(params['user_id'] ?? '').user) };
    },
  },
];
