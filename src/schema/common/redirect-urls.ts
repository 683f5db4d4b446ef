import { badUserInput } from '../../errors.js';

/**
 * The URL to send Stytch for one of its email links: the caller may pick one of the configured
 * URLs by exact match, and gets the first by default. Anything else is refused before any call, so
 * the gateway can never be made to mail a link to a page the operator did not list. With none
 * configured the field is left out and Stytch's Dashboard default applies.
 */
export function redirectUrl(
  configured: readonly string[],
  requested: string | null | undefined,
  field: string,
  variable: string,
): string | undefined {
  if (requested === null || requested === undefined) {
    return configured[0];
  }
  if (!configured.includes(requested)) {
    throw badUserInput(
      configured.length === 0
        ? `${field} cannot be chosen: ${variable} is not configured on the gateway.`
        : `${field} must be exactly one of the URLs configured in ${variable}.`,
      field,
    );
  }
  return requested;
}
