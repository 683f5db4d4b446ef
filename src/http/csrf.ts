/** The header browsers must send with every request in cookie mode (CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';
