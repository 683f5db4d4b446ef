import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { OperationLimits } from '../../config.js';

function tooLarge(maxBytes: number) {
  return createGraphQLError(`The request body is larger than ${maxBytes} bytes.`, {
    extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
  });
}

/**
 * Refuses bodies over the limit before they are buffered whole: by Content-Length when the client
 * sends one, and by counting the stream of a chunked JSON body otherwise.
 */
function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxBytes) {
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [tooLarge(maxBytes).toJSON()] }), {
            status: 413,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }
    },
    onRequestParse({ request, setRequestParser }) {
      const json = request.headers.get('content-type')?.includes('json') ?? false;
      if (request.method !== 'POST' || !json || request.headers.has('content-length')) {
        return;
      }
      setRequestParser(async (req) => {
        const reader = req.body?.getReader();
        const chunks: Uint8Array[] = [];
        let size = 0;
        for (;;) {
          const next = await reader?.read();
          if (!next || next.done) {
            break;
          }
          size += next.value.byteLength;
          if (size > maxBytes) {
            await reader?.cancel();
            throw tooLarge(maxBytes);
          }
          chunks.push(next.value);
        }
        return JSON.parse(Buffer.concat(chunks).toString('utf8'));
      });
    },
  };
}

/** Introspection answers nothing when turned off; GraphiQL exploration then needs the SDL file. */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * Everything that stops an abusive operation before it executes: body size, then tokens (at
 * parse), then depth, aliases, cost and directives (at validation), via GraphQL Armor.
 */
export function operationLimitPlugins(limits: OperationLimits): Plugin[] {
  return [
    useBodyLimit(limits.maxBodyBytes),
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
      maxAliases: { n: limits.maxAliases },
      maxTokens: { n: limits.maxTokens },
      costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true },
      maxDirectives: { n: limits.maxDirectives },
      blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
    }) as Plugin,
    ...(limits.introspection ? [] : [useNoIntrospection()]),
  ];
}
