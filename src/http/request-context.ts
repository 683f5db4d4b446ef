import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request being served, for code far from yoga's context: the Stytch client's call events are
 * logged with the request id of the operation that caused them.
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();
