/**
 * The benchmark's documents, shared by `npm run bench` and the profiler: the full
 * `authenticateMagicLink` selection, the minimal one, and a sweep of selection sizes.
 */

const USER = `id userId status isLocked roles createdAt externalId trustedMetadata untrustedMetadata
      name { firstName middleName lastName }
      emails { emailId email verified }
      phoneNumbers { phoneId phoneNumber verified }
      providers { providerType providerSubject locale }
      webauthnRegistrations { webauthnRegistrationId domain verified authenticatorType name }
      totps { totpId verified }
      password { passwordId requiresReset }`;

export const FULL = `mutation Full($token: String!) {
  authenticateMagicLink(input: { token: $token }) {
    requestId statusCode userId methodId resetSessions sessionToken sessionJwt
    user {
      ${USER}
    }
    session {
      id sessionId userId roles startedAt lastAccessedAt expiresAt customClaims
      attributes { ipAddress userAgent }
      authenticationFactors {
        type deliveryMethod lastAuthenticatedAt createdAt updatedAt
        emailFactor { emailId emailAddress }
        phoneNumberFactor { phoneId phoneNumber }
      }
    }
  }
}`;

export const MINIMAL = `mutation Minimal($token: String!) {
  authenticateMagicLink(input: { token: $token }) { userId }
}`;

const TEN = `mutation Ten($token: String!) {
  authenticateMagicLink(input: { token: $token }) {
    requestId statusCode userId methodId resetSessions sessionToken
    user { userId status name { firstName lastName } }
  }
}`;

/** The full selection plus four aliased copies of the user: ~200 fields, within MAX_ALIASES. */
const TWO_HUNDRED = FULL.replace('mutation Full', 'mutation TwoHundred').replace(
  '    session {',
  `${[1, 2, 3, 4].map((n) => `    user${n}: user {\n      ${USER}\n    }\n`).join('')}    session {`,
);

/** Selection-size sweep: name, document, least number of leaves in a correct answer. */
export const SWEEP: Array<{ fields: number; query: string; leaves: number }> = [
  { fields: 1, query: MINIMAL, leaves: 1 },
  { fields: 10, query: TEN, leaves: 8 },
  { fields: 60, query: FULL, leaves: 60 },
  { fields: 200, query: TWO_HUNDRED, leaves: 200 },
];

// Session fields only: the user would cost a GET /v1/users, and this workload is the local check.
export const VIEWER = '{ viewer { session { id userId expiresAt roles } } }';

export const JSON_HEADERS = { 'content-type': 'application/json' };

export const operationBody = (query: string) =>
  JSON.stringify({ query, variables: { token: 'bench-token' } });

/** A request body by workload name, for the profiler. */
export function workloadBody(name: string): { body: string; headers: Record<string, string> } {
  const query =
    name === 'minimal' ? MINIMAL : name === '200' ? TWO_HUNDRED : name === '10' ? TEN : FULL;
  return { body: operationBody(query), headers: JSON_HEADERS };
}
