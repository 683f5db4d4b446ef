import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';
import { type Body, isObject } from './validate.js';

/** Far above any Stytch request; only stops a runaway client from filling memory. */
const MAX_BODY_BYTES = 1_000_000;

export async function readJsonBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError('bad_request', 'The request body is too large.');
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // The SDKs send no body at all when there is no data; that reads as an empty request.
  if (text.trim() === '') {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'The request body is not valid JSON.');
  }
  if (!isObject(parsed)) {
    throw new ApiError('bad_request', 'The request body must be a JSON object.');
  }
  return parsed;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares digests so neither the length nor the content of the secret leaks through timing. */
export function hasValidBasicAuth(
  req: IncomingMessage,
  projectId: string,
  secret: string,
): boolean {
  const header = req.headers.authorization;
  const match = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) {
    return false;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return false;
  }
  const idOk = timingSafeEqual(digest(decoded.slice(0, colon)), digest(projectId));
  const secretOk = timingSafeEqual(digest(decoded.slice(colon + 1)), digest(secret));
  return idOk && secretOk;
}

export function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
