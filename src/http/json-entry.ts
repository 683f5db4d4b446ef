import type { IncomingMessage, ServerResponse } from 'node:http';
import type { YogaServerInstance } from 'graphql-yoga';

/** What this entry takes: the common case, and nothing that needs yoga's own body handling. */
export function isPlainJsonPost(req: IncomingMessage, maxBodyBytes: number): boolean {
  if (req.method !== 'POST' || req.url !== '/graphql') {
    return false;
  }
  const type = req.headers['content-type'];
  if (type !== 'application/json' && type !== 'application/json; charset=utf-8') {
    return false;
  }
  // A declared length within the limit: node's parser then delivers exactly that many bytes.
  // Chunked bodies, and bodies over the limit, go to yoga, which counts or refuses them.
  const length = req.headers['content-length'];
  return (
    length !== undefined &&
    req.headers['transfer-encoding'] === undefined &&
    /^\d{1,10}$/.test(length) &&
    Number(length) <= maxBodyBytes
  );
}

/** The private fields of @whatwg-node's Response that hold a string body as it was given. */
interface StringBodied {
  bodyType?: string;
  bodyInit?: unknown;
}

/**
 * A cheaper door into the same yoga for `POST /graphql` with a JSON body of declared length: the
 * body is read into one Buffer, the Request is built from it without a stream or an
 * AbortController, and the response is written in one piece with a Content-Length. Everything in
 * between is `yoga.handleRequest`: the same plugins, in the same order, as every other request
 * (limits, CSRF, CORS, masking, rate limits, metrics, the request log).
 *
 * What it drops is only the abort signal: a client that hangs up does not cancel its operation,
 * which runs to its end (a Stytch call already sent is not undone by cancelling it anyway).
 * Everything else (GET, other media types, chunked or oversized bodies, other paths) takes
 * yoga's own node adapter.
 */
export function createJsonEntry(
  // biome-ignore lint/suspicious/noExplicitAny: any server and user context
  yoga: YogaServerInstance<any, any>,
  maxBodyBytes: number,
) {
  /**
   * A request whose body is already in memory, read to its declared length (within the limit).
   * It shows no body stream: yoga's body-size limit would otherwise pipe the Buffer through a
   * counting TransformStream (and an AbortController) to count what is already counted.
   * `json()` and `text()` read the Buffer.
   */
  class ReadRequest extends yoga.fetchAPI.Request {
    override get body(): null {
      return null;
    }
  }

  const send = (res: ServerResponse, response: Response) => {
    if (res.destroyed || res.writableEnded) {
      return;
    }
    const headers: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) {
      headers['set-cookie'] = cookies;
    }
    const { bodyType, bodyInit } = response as unknown as StringBodied;
    if (bodyType === 'String' && typeof bodyInit === 'string') {
      // Encoded once, for both its length and the socket.
      const bytes = Buffer.from(bodyInit);
      headers['content-length'] = String(bytes.length);
      res.writeHead(response.status, headers).end(bytes);
      return;
    }
    // Not a body given as a string (yoga answers every JSON result with one): read it whole.
    return response.arrayBuffer().then((body) => {
      headers['content-length'] = String(body.byteLength);
      res.writeHead(response.status, headers).end(Buffer.from(body));
    });
  };

  const failed = (res: ServerResponse) => {
    if (!res.headersSent && !res.destroyed) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"errors":[{"message":"Unexpected error."}]}');
    } else {
      res.destroy();
    }
  };

  /** Handles the request and returns true, or returns false and leaves it untouched. */
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (!isPlainJsonPost(req, maxBodyBytes)) {
      return false;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      // A fixed origin, never the client's Host header: nothing downstream reads the host (cookie
      // flags come from configuration), and a malformed one must not make the URL throw here,
      // outside any promise, where it would end the process.
      const request = new ReadRequest('http://gateway.internal/graphql', {
        method: 'POST',
        headers: req.headers as HeadersInit,
        body: body as unknown as BodyInit,
      });
      Promise.resolve()
        .then(() => yoga.handleRequest(request, { req, res }))
        .then((response) => send(res, response))
        .catch(() => failed(res));
    });
    return true;
  };
}
