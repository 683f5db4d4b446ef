import type { AuthenticationFactor } from '../stytch/types.js';
import { factorTimes } from './session-ops.js';

/** The documented type/delivery_method pairs of the sign-in factors (fact sheet §3). */
export function passwordFactor(now: number): AuthenticationFactor {
  return { type: 'password', delivery_method: 'knowledge', ...factorTimes(now) };
}

export function emailOtpFactor(
  now: number,
  email: { email_id: string; email: string },
): AuthenticationFactor {
  return {
    type: 'email_otp',
    delivery_method: 'email',
    ...factorTimes(now),
    email_factor: { email_id: email.email_id, email_address: email.email },
  };
}

export function smsOtpFactor(
  now: number,
  phone: { phone_id: string; phone_number: string },
): AuthenticationFactor {
  return {
    type: 'otp',
    delivery_method: 'sms',
    ...factorTimes(now),
    phone_number_factor: { phone_id: phone.phone_id, phone_number: phone.phone_number },
  };
}
