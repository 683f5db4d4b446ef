import { compact } from '../../stytch/request.js';
import type { Attributes, JsonObject, Name, Options } from '../../stytch/types.js';
import { builder } from '../builder.js';
import {
  CUSTOM_CLAIMS_MAX_BYTES,
  optionalCustomClaims,
  optionalIntInRange,
  optionalNonEmpty,
  SESSION_DURATION_MINUTES,
} from './input-rules.js';

export const AttributesInput = builder.inputType('AttributesInput', {
  description:
    "Facts about the end user's request that Stytch stores for fraud checks and for the IP / user-agent match options.",
  fields: (t) => ({
    ipAddress: t.string({ description: "The end user's IP address." }),
    userAgent: t.string({ description: "The end user's browser user agent." }),
  }),
});

export const OptionsInput = builder.inputType('MagicLinkOptionsInput', {
  description:
    'Optional security checks for authenticating a magic link, a password reset link or a one-time code: the device that finishes must be the one that started.',
  fields: (t) => ({
    ipMatchRequired: t.boolean({
      description:
        'Require the IP address to match the one recorded when the link or code was created or sent.',
    }),
    userAgentMatchRequired: t.boolean({
      description:
        'Require the user agent to match the one recorded when the link or code was created or sent.',
    }),
  }),
});

type AttributesArg = { ipAddress?: string | null; userAgent?: string | null } | null | undefined;
type OptionsArg =
  | { ipMatchRequired?: boolean | null; userAgentMatchRequired?: boolean | null }
  | null
  | undefined;

export function toWireAttributes(input: AttributesArg): Attributes | undefined {
  return input ? compact({ ip_address: input.ipAddress, user_agent: input.userAgent }) : undefined;
}

/** Stytch attributes from what the gateway saw of the caller; undefined when it saw nothing. */
export function clientAttributes(client: {
  ip: string | null;
  userAgent: string | null;
}): Attributes | undefined {
  return client.ip || client.userAgent
    ? compact({ ip_address: client.ip, user_agent: client.userAgent })
    : undefined;
}

export function toWireOptions(input: OptionsArg): Options | undefined {
  return input
    ? (compact({
        ip_match_required: input.ipMatchRequired,
        user_agent_match_required: input.userAgentMatchRequired,
      }) as Options)
    : undefined;
}

type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never,
  'InputObject'
>;

/** The session arguments Stytch's authenticate-style endpoints share. */
export function sessionInputFields(t: InputFieldBuilder) {
  return {
    sessionToken: t.string({
      description:
        "An existing session's token: the session is extended instead of a new one made.",
    }),
    sessionJwt: t.string({
      description: "An existing session's JWT: the session is extended instead of a new one made.",
    }),
    ...newSessionInputFields(t),
  };
}

/** The arguments of a call that can start a session but not extend one (sign-up). */
export function newSessionInputFields(t: InputFieldBuilder) {
  return {
    sessionDurationMinutes: t.int({
      description: `Session lifetime from now, ${SESSION_DURATION_MINUTES.min} to ${SESSION_DURATION_MINUTES.max} minutes (366 days). Without it Stytch creates no session (an existing one given by token or JWT is still checked).`,
    }),
    sessionCustomClaims: t.field({
      type: 'JSON',
      description: `Claims to store on the session and copy into its JWT (at most ${CUSTOM_CLAIMS_MAX_BYTES} bytes). A key set to null deletes that claim; reserved JWT claims (iss, sub, aud, exp, nbf, iat, jti) are ignored by Stytch.`,
    }),
    telemetryId: t.string({
      description:
        'A Stytch device fingerprinting telemetry id; fills `userDevice` when fingerprinting is enabled.',
    }),
  };
}

interface SessionArgs {
  sessionToken?: string | null;
  sessionJwt?: string | null;
  sessionDurationMinutes?: number | null;
  sessionCustomClaims?: JsonObject | null;
  telemetryId?: string | null;
}

/** Checks the shared session arguments and returns them in Stytch's snake_case. */
export function toWireSessionArgs(input: SessionArgs) {
  return {
    session_token: optionalNonEmpty(input.sessionToken, 'sessionToken'),
    session_jwt: optionalNonEmpty(input.sessionJwt, 'sessionJwt'),
    session_duration_minutes: optionalIntInRange(
      input.sessionDurationMinutes,
      SESSION_DURATION_MINUTES,
      'sessionDurationMinutes',
    ),
    session_custom_claims: optionalCustomClaims(input.sessionCustomClaims, 'sessionCustomClaims'),
    telemetry_id: optionalNonEmpty(input.telemetryId, 'telemetryId'),
  };
}

export const NameInput = builder.inputType('NameInput', {
  description: "A user's name, as Stytch stores it.",
  fields: (t) => ({
    firstName: t.string({ description: 'First name.' }),
    middleName: t.string({ description: 'Middle name.' }),
    lastName: t.string({ description: 'Last name.' }),
  }),
});

type NameArg =
  | { firstName?: string | null; middleName?: string | null; lastName?: string | null }
  | null
  | undefined;

export function toWireName(input: NameArg): Name | undefined {
  return input
    ? compact({
        first_name: input.firstName,
        middle_name: input.middleName,
        last_name: input.lastName,
      })
    : undefined;
}
