/**
 * Stytch's error catalogue as far as the emulator needs it. Statuses and messages follow the shared
 * fact sheet; where it marks a status as unconfirmed, the one Stytch's naming pattern suggests is
 * used (validation 400, `unable_to_auth_*` 401, `*_not_found` 404).
 */
const CATALOGUE = {
  bad_request: [400, 'The submitted request is invalid.'],
  route_not_found: [404, 'The requested route was not found.'],
  method_not_allowed: [405, 'The requested method is not allowed on this route.'],
  unauthorized_credentials: [
    401,
    'Unauthorized credentials. Check that the project_id and secret are correct and belong to the same environment.',
  ],
  internal_server_error: [500, 'Oops, something went wrong. Please try again.'],
  project_not_found: [404, 'Project could not be found.'],
  user_not_found: [404, 'User could not be found.'],
  email_not_found: [404, 'Email could not be found.'],
  duplicate_email: [400, 'A user with the specified email already exists for this project.'],
  duplicate_phone_number: [
    400,
    'A user with the specified phone number already exists for this project.',
  ],
  phone_number_not_found: [404, 'Phone Number could not be found.'],
  invalid_phone_number: [
    400,
    'Phone number format is invalid. Ensure the phone number is in the E.164 format.',
  ],
  invalid_email: [400, 'Email format is invalid.'],
  invalid_expiration: [400, 'expiration_minutes must be between 5 and 10080 minutes.'],
  unable_to_auth_magic_link: [
    401,
    'The magic link could not be authenticated because it was either already used or expired. Send another magic link to this user.',
  ],
  magic_link_not_found: [
    404,
    'The magic link could not be authenticated, try sending another magic link to the user.',
  ],
  attribute_mismatch: [
    401,
    'The attributes of this request do not match the attributes of the original request.',
  ],
  pkce_expected_code_verifier: [
    400,
    'This magic link was sent with a code_challenge, so a code_verifier is required.',
  ],
  pkce_did_not_expect_code_verifier: [
    400,
    'A code_verifier was passed but this magic link was not sent with a code_challenge.',
  ],
  pkce_mismatch: [
    400,
    'The submitted code_verifier does not match the code_challenge sent at the start of the flow.',
  ],
  unable_to_auth_impersonation_token: [
    401,
    'The impersonation token could not be authenticated because it was either already used, expired or invalid.',
  ],
  session_not_found: [404, 'Session could not be found.'],
  session_not_mutable_impersonated: [400, 'Impersonated sessions cannot be modified or extended.'],
  session_too_old_to_reset_password: [
    400,
    'The provided session cannot be used to reset the password because it does not have a password, email magic link or email OTP factor authenticated in the last 5 minutes.',
  ],
  no_session_arguments: [400, 'Either session_token or session_jwt must be provided.'],
  too_many_session_arguments: [400, 'Only one of session_token or session_jwt may be provided.'],
  no_session_revoke_arguments: [
    400,
    'One of session_id, session_token or session_jwt must be provided.',
  ],
  too_many_session_revoke_arguments: [
    400,
    'Only one of session_id, session_token or session_jwt may be provided.',
  ],
  unable_to_parse_session_jwt: [400, 'The session_jwt could not be parsed or verified.'],
  invalid_session_duration_minutes: [
    400,
    'session_duration_minutes should be between 5 to 527040 minutes.',
  ],
  custom_claims_too_large: [400, 'Custom claims cannot exceed 4 KB in total.'],
  stytch_claims_in_custom_claims: [
    400,
    'Custom claims cannot use keys in the https://stytch.com/ namespace.',
  ],
  user_id_mismatch: [400, 'The session belongs to a different user than the one authenticating.'],
  weak_password: [400, "password doesn't meet our strength requirements."],
  breached_password: [400, 'password appears in a list of breached passwords.'],
  no_user_password: [400, "user doesn't have an associated password."],
  invalid_expiration_otp: [400, 'expiration_minutes must be between 1 and 10 minutes.'],
  otp_code_not_found: [
    404,
    'The passcode was incorrect and could not be authenticated, encourage the user to try inputting the passcode again or send another passcode.',
  ],
  unable_to_auth_otp_code: [
    401,
    'The passcode could not be authenticated because it was either already used or expired. Send another passcode to this user.',
  ],
  unable_to_auth_password_reset_token: [
    401,
    'The password reset token could not be authenticated because it was either already used, expired or invalid. Start another password reset.',
  ],
  invalid_invite_magic_link_url: [400, 'invite_magic_link_url must be an absolute http(s) URL.'],
  invalid_password_reset_redirect_url: [
    400,
    'reset_password_redirect_url must be an absolute http(s) URL.',
  ],
  user_lock_limit_reached: [
    429,
    'The user has been locked out due to too many failed authentication attempts. Please try again later.',
  ],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorType = keyof typeof CATALOGUE;

export class ApiError extends Error {
  readonly status: number;
  readonly errorType: ErrorType;

  constructor(errorType: ErrorType, message?: string) {
    const [status, defaultMessage] = CATALOGUE[errorType];
    super(message ?? defaultMessage);
    this.status = status;
    this.errorType = errorType;
  }

  /** The documented Stytch error body, request id added by the caller. */
  body(requestId: string) {
    return {
      status_code: this.status,
      request_id: requestId,
      error_type: this.errorType,
      error_message: this.message,
      error_url: `https://stytch.com/docs/api/errors/${this.status}#${this.errorType}`,
    };
  }
}
