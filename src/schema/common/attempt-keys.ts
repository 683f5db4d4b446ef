/**
 * What sign-in attempts are counted against (`ctx.countAuthAttempt`), beside the caller's IP. An
 * attacker must not get a fresh budget by writing the same target differently, so targets are
 * normalised for counting. Email addresses are normalised here, for counting only: Stytch still
 * gets the address as the user typed it. Phone numbers need nothing more: `requirePhoneNumber`
 * already sends Stytch the bare E.164 form, which is the key.
 */

/**
 * Buckets shared by every operation that sends to the same address: a magic link, a code and a
 * reset email to one inbox all count towards one limit, so no mix of operations floods it.
 */
export const EMAIL_MESSAGES = 'email-messages';
export const SMS_MESSAGES = 'sms-messages';
/** Password guesses for one account, on sign-in and on reset with the existing password alike. */
export const PASSWORD_GUESSES = 'password-guesses';

/** `Ada+News@Example.com ` and `ada@example.com` are one inbox for most providers. */
export function emailTarget(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) {
    return address;
  }
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${address.slice(at)}`;
}
