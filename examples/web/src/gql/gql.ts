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
    "\n  query Viewer {\n    viewer {\n      user {\n        id\n        name {\n          firstName\n          lastName\n        }\n        emails {\n          email\n          verified\n        }\n      }\n      session {\n        id\n        expiresAt\n        authenticationFactors {\n          type\n          deliveryMethod\n          lastAuthenticatedAt\n          impersonatedFactor {\n            impersonatorEmailAddress\n          }\n        }\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation AuthenticateMagicLink($token: String!) {\n    authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.AuthenticateMagicLinkDocument,
    "\n  mutation AuthenticateImpersonation($token: String!) {\n    authenticateImpersonation(input: { impersonationToken: $token }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.AuthenticateImpersonationDocument,
    "\n  mutation ResetPassword($password: String!) {\n    resetPasswordWithSession(input: { password: $password }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation SignOut {\n    signOut {\n      revoked\n      sessionId\n    }\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer {\n      user {\n        id\n        name {\n          firstName\n          lastName\n        }\n        emails {\n          email\n          verified\n        }\n      }\n      session {\n        id\n        expiresAt\n        authenticationFactors {\n          type\n          deliveryMethod\n          lastAuthenticatedAt\n          impersonatedFactor {\n            impersonatorEmailAddress\n          }\n        }\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation AuthenticateMagicLink($token: String!) {\n    authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.AuthenticateMagicLinkDocument,
    "\n  mutation AuthenticateImpersonation($token: String!) {\n    authenticateImpersonation(input: { impersonationToken: $token }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.AuthenticateImpersonationDocument,
    "\n  mutation ResetPassword($password: String!) {\n    resetPasswordWithSession(input: { password: $password }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation SignOut {\n    signOut {\n      revoked\n      sessionId\n    }\n  }\n": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      user {\n        id\n        name {\n          firstName\n          lastName\n        }\n        emails {\n          email\n          verified\n        }\n      }\n      session {\n        id\n        expiresAt\n        authenticationFactors {\n          type\n          deliveryMethod\n          lastAuthenticatedAt\n          impersonatedFactor {\n            impersonatorEmailAddress\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthenticateMagicLink($token: String!) {\n    authenticateMagicLink(input: { token: $token, sessionDurationMinutes: 60 }) {\n      userId\n      session {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').AuthenticateMagicLinkDocument;
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
export function graphql(source: "\n  mutation SignOut {\n    signOut {\n      revoked\n      sessionId\n    }\n  }\n"): typeof import('./graphql').SignOutDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
