import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../helpers/gateway.js';
import { type LoopbackServer, serveOnLoopback } from '../helpers/http-gateway.js';

/** Sends raw bytes and resolves with everything the server answered before it closed. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += String(chunk);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer));
  });
}

/**
 * A malformed Host header is the client's problem: the plain-JSON entry built its request URL from
 * it, and the URL constructor threw outside any promise, which ended the whole process.
 */
describe('a malformed Host header', () => {
  let stack: Stack;
  let server: LoopbackServer;
  beforeAll(async () => {
    stack = await startStack();
    server = await serveOnLoopback((req, res) => stack.gateway.publicListener(req, res));
  });
  afterAll(async () => {
    await server.close();
    await stack.stop();
  });

  it('is answered, and the gateway goes on serving', async () => {
    const port = Number(new URL(server.url).port);
    const body = '{"query":"{ __typename }"}';
    for (const host of ['a b', 'x:y:z', '[bad', '%zz']) {
      const answer = await raw(
        port,
        `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      expect(answer, host).toMatch(/^HTTP\/1\.1 (200|400)/);
    }
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
