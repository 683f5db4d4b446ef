/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer {\n      user {\n        id\n        name {\n          firstName\n          lastName\n        }\n        emails {\n          email\n          verified\n        }\n      }\n      session {\n        id\n        expiresAt\n        authenticationFactors {\n          type\n          deliveryMethod\n          lastAuthenticatedAt\n          impersonatedFactor {\n            impersonatorEmailAddress\n          }\n        }\n      }\n      sessions {\n        current\n        session {\n          sessionId\n          startedAt\n          lastAccessedAt\n          attributes {\n            userAgent\n          }\n          authenticationFactors {\n            type\n            deliveryMethod\n          }\n        }\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SendMagicLink($email: String!) {\n    loginOrCreateWithMagicLink(input: { email: $email }) {\n      requestId\n    }\n  }\n": typeof types.SendMagicLinkDocument,
    "\n  mutation AuthenticateMagicLink($token: String!) {\n    authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.AuthenticateMagicLinkDocument,
    "\n  mutation SignUp($email: String!, $password: String!) {\n    createPassword(input: { email: $email, password: $password, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    authenticatePassword(\n      input: { email: $email, password: $password, sessionDurationMinutes: 60 }\n    ) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation ForgotPassword($email: String!) {\n    startPasswordResetByEmail(input: { email: $email }) {\n      requestId\n    }\n  }\n": typeof types.ForgotPasswordDocument,
    "\n  mutation ResetPasswordByEmail($token: String!, $password: String!) {\n    resetPasswordByEmail(\n      input: { token: $token, password: $password, sessionDurationMinutes: 60 }\n    ) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.ResetPasswordByEmailDocument,
    "\n  mutation SendCode($email: String!) {\n    loginOrCreateWithEmailOtp(input: { email: $email }) {\n      methodId\n    }\n  }\n": typeof types.SendCodeDocument,
    "\n  mutation EnterCode($methodId: String!, $code: String!) {\n    authenticateOtp(input: { methodId: $methodId, code: $code, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.EnterCodeDocument,
    "\n  mutation AuthenticateImpersonation($token: String!) {\n    authenticateImpersonation(input: { impersonationToken: $token }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.AuthenticateImpersonationDocument,
    "\n  mutation ResetPassword($password: String!) {\n    resetPasswordWithSession(input: { password: $password }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation RevokeSession($sessionId: String!) {\n    revokeSession(input: { sessionId: $sessionId }) {\n      sessionId\n      current\n    }\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation SignOut {\n    signOut {\n      revoked\n      sessionId\n    }\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer {\n      user {\n        id\n        name {\n          firstName\n          lastName\n        }\n        emails {\n          email\n          verified\n        }\n      }\n      session {\n        id\n        expiresAt\n        authenticationFactors {\n          type\n          deliveryMethod\n          lastAuthenticatedAt\n          impersonatedFactor {\n            impersonatorEmailAddress\n          }\n        }\n      }\n      sessions {\n        current\n        session {\n          sessionId\n          startedAt\n          lastAccessedAt\n          attributes {\n            userAgent\n          }\n          authenticationFactors {\n            type\n            deliveryMethod\n          }\n        }\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SendMagicLink($email: String!) {\n    loginOrCreateWithMagicLink(input: { email: $email }) {\n      requestId\n    }\n  }\n": types.SendMagicLinkDocument,
    "\n  mutation AuthenticateMagicLink($token: String!) {\n    authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.AuthenticateMagicLinkDocument,
    "\n  mutation SignUp($email: String!, $password: String!) {\n    createPassword(input: { email: $email, password: $password, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    authenticatePassword(\n      input: { email: $email, password: $password, sessionDurationMinutes: 60 }\n    ) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation ForgotPassword($email: String!) {\n    startPasswordResetByEmail(input: { email: $email }) {\n      requestId\n    }\n  }\n": types.ForgotPasswordDocument,
    "\n  mutation ResetPasswordByEmail($token: String!, $password: String!) {\n    resetPasswordByEmail(\n      input: { token: $token, password: $password, sessionDurationMinutes: 60 }\n    ) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.ResetPasswordByEmailDocument,
    "\n  mutation SendCode($email: String!) {\n    loginOrCreateWithEmailOtp(input: { email: $email }) {\n      methodId\n    }\n  }\n": types.SendCodeDocument,
    "\n  mutation EnterCode($methodId: String!, $code: String!) {\n    authenticateOtp(input: { methodId: $methodId, code: $code, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.EnterCodeDocument,
    "\n  mutation AuthenticateImpersonation($token: String!) {\n    authenticateImpersonation(input: { impersonationToken: $token }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.AuthenticateImpersonationDocument,
    "\n  mutation ResetPassword($password: String!) {\n    resetPasswordWithSession(input: { password: $password }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation RevokeSession($sessionId: String!) {\n    revokeSession(input: { sessionId: $sessionId }) {\n      sessionId\n      current\n    }\n  }\n": types.RevokeSessionDocument,
    "\n  mutation SignOut {\n    signOut {\n      revoked\n      sessionId\n    }\n  }\n": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      user {\n        id\n        name {\n          firstName\n          lastName\n        }\n        emails {\n          email\n          verified\n        }\n      }\n      session {\n        id\n        expiresAt\n        authenticationFactors {\n          type\n          deliveryMethod\n          lastAuthenticatedAt\n          impersonatedFactor {\n            impersonatorEmailAddress\n          }\n        }\n      }\n      sessions {\n        current\n        session {\n          sessionId\n          startedAt\n          lastAccessedAt\n          attributes {\n            userAgent\n          }\n          authenticationFactors {\n            type\n            deliveryMethod\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMagicLink($email: String!) {\n    loginOrCreateWithMagicLink(input: { email: $email }) {\n      requestId\n    }\n  }\n"): typeof import('./graphql').SendMagicLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthenticateMagicLink($token: String!) {\n    authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').AuthenticateMagicLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!) {\n    createPassword(input: { email: $email, password: $password, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    authenticatePassword(\n      input: { email: $email, password: $password, sessionDurationMinutes: 60 }\n    ) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForgotPassword($email: String!) {\n    startPasswordResetByEmail(input: { email: $email }) {\n      requestId\n    }\n  }\n"): typeof import('./graphql').ForgotPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPasswordByEmail($token: String!, $password: String!) {\n    resetPasswordByEmail(\n      input: { token: $token, password: $password, sessionDurationMinutes: 60 }\n    ) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ResetPasswordByEmailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendCode($email: String!) {\n    loginOrCreateWithEmailOtp(input: { email: $email }) {\n      methodId\n    }\n  }\n"): typeof import('./graphql').SendCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnterCode($methodId: String!, $code: String!) {\n    authenticateOtp(input: { methodId: $methodId, code: $code, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').EnterCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthenticateImpersonation($token: String!) {\n    authenticateImpersonation(input: { impersonationToken: $token }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').AuthenticateImpersonationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($password: String!) {\n    resetPasswordWithSession(input: { password: $password }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($sessionId: String!) {\n    revokeSession(input: { sessionId: $sessionId }) {\n      sessionId\n      current\n    }\n  }\n"): typeof import('./graphql').RevokeSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut {\n      revoked\n      sessionId\n    }\n  }\n"): typeof import('./graphql').SignOutDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
