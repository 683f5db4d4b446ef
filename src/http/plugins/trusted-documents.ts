import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type DocumentNode, type GraphQLSchema, Kind, parse, validate } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { ConfigError } from '../../config.js';

/** One operation the frontends ship, parsed and validated at start. */
export interface TrustedDocument {
  /** The SHA-256 of `source`, in lowercase hex. */
  hash: string;
  source: string;
  document: DocumentNode;
  /** Every operation the document defines, by name ('' for an anonymous one). */
  operations: string[];
}

export interface TrustedDocuments {
  byHash: Map<string, TrustedDocument>;
  /** The same documents by their text, so a request carrying it in full skips parsing too. */
  bySource: Map<string, TrustedDocument>;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * The manifest's entries as [id, document text]. Two formats are read: GraphQL Code Generator's
 * client-preset `persistedDocuments` output (`{ "sha256:<hex>": "<document>" }`), and Apollo's
 * persisted query manifest (`{ "format": "apollo-persisted-query-manifest", "operations": [{ "id",
 * "body" }] }`).
 */
function manifestEntries(json: unknown, problems: string[]): Array<[string, string]> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push('the manifest is not a JSON object');
    return [];
  }
  const manifest = json as Record<string, unknown>;
  if (manifest['format'] === 'apollo-persisted-query-manifest') {
    const operations = manifest['operations'];
    if (!Array.isArray(operations)) {
      problems.push('an Apollo manifest needs an "operations" array');
      return [];
    }
    return operations.flatMap((operation, i) => {
      const { id, body } = (operation ?? {}) as { id?: unknown; body?: unknown };
      if (typeof id !== 'string' || typeof body !== 'string') {
        problems.push(`operation ${i}: "id" and "body" must be strings`);
        return [];
      }
      return [[id, body] as [string, string]];
    });
  }
  return Object.entries(manifest).flatMap(([id, body]) => {
    if (typeof body !== 'string') {
      problems.push(`${id}: the document must be a string`);
      return [];
    }
    return [[id, body] as [string, string]];
  });
}

/** `sha256:<hex>` or bare `<hex>` as lowercase hex, or null for any other id. */
export function sha256Id(id: string): string | null {
  const hex = (id.startsWith('sha256:') ? id.slice(7) : id).toLowerCase();
  return HEX_SHA256.test(hex) ? hex : null;
}

/**
 * Reads a manifest and checks every document before anything is served: its id is the SHA-256 of
 * its text (so a client's hash and the server's document cannot disagree), it parses, and it
 * validates against the schema. Any failure is a ConfigError naming the document: a frontend
 * shipped against another schema must not start.
 */
export function loadTrustedDocuments(file: string, schema: GraphQLSchema): TrustedDocuments {
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    throw new ConfigError([`TRUSTED_DOCUMENTS: cannot read ${file} as JSON (${reason})`]);
  }
  const byHash = new Map<string, TrustedDocument>();
  const bySource = new Map<string, TrustedDocument>();
  for (const [id, source] of manifestEntries(json, problems)) {
    const hash = sha256Id(id);
    const actual = createHash('sha256').update(source).digest('hex');
    if (hash === null) {
      problems.push(`${id}: not a SHA-256 document id (sha256:<64 hex digits>)`);
      continue;
    }
    if (hash !== actual) {
      problems.push(`${id}: the id is not the SHA-256 of the document (that is sha256:${actual})`);
      continue;
    }
    let document: DocumentNode;
    try {
      document = parse(source);
    } catch (error) {
      problems.push(`${id}: does not parse: ${(error as Error).message}`);
      continue;
    }
    const errors = validate(schema, document);
    if (errors.length > 0) {
      const names = document.definitions
        .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
        .map((d) => d.name?.value ?? '(anonymous)')
        .join(', ');
      problems.push(
        `${id} (${names}): does not validate against the schema: ${errors.map((e) => e.message).join(' ')}`,
      );
      continue;
    }
    const operations = document.definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? ''] : [],
    );
    const entry: TrustedDocument = { hash, source, document, operations };
    byHash.set(hash, entry);
    bySource.set(source, entry);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems.map((p) => `TRUSTED_DOCUMENTS ${file}: ${p}`));
  }
  return { byHash, bySource };
}

/** The hash a request names, from `documentId` or Apollo's `extensions.persistedQuery`. */
function requestedId(params: Record<string, unknown>): unknown {
  if (params['documentId'] !== undefined && params['documentId'] !== null) {
    return params['documentId'];
  }
  const extensions = params['extensions'] as Record<string, unknown> | null | undefined;
  const persisted = extensions?.['persistedQuery'] as Record<string, unknown> | undefined;
  return persisted?.['sha256Hash'] ?? null;
}

function refuse(message: string, code: string, status: number) {
  return createGraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * Requests by hash (`{"documentId": "sha256:…"}`, or Apollo's
 * `extensions.persistedQuery.sha256Hash`) run the manifest's document, already parsed, validated
 * and compiled. With `only`, nothing else runs: a request without an id is refused in onParams,
 * before its text is parsed. Operation limits still count a trusted document's selections; the
 * validation rules (depth, cost, aliases) ran once, at start, as graphql-js's own rules did.
 */
export function useTrustedDocuments(documents: TrustedDocuments, only: boolean): Plugin {
  const trusted = new WeakSet<DocumentNode>();
  for (const entry of documents.byHash.values()) {
    trusted.add(entry.document);
  }
  return {
    onParams({ params, setParams }) {
      const raw = params as unknown as Record<string, unknown>;
      const id = requestedId(raw);
      if (id === null) {
        if (only) {
          throw refuse(
            'This gateway runs trusted documents only: send the operation by its documentId.',
            'PERSISTED_QUERY_ID_REQUIRED',
            400,
          );
        }
        return;
      }
      const hash = typeof id === 'string' ? sha256Id(id) : null;
      const entry = hash ? documents.byHash.get(hash) : undefined;
      if (!entry) {
        throw refuse('No trusted document has this documentId.', 'PERSISTED_QUERY_NOT_FOUND', 404);
      }
      if (typeof params.query === 'string' && params.query !== entry.source) {
        throw refuse(
          'The query does not match the document its documentId names.',
          'BAD_REQUEST',
          400,
        );
      }
      const { persistedQuery: _id, ...extensions } = (params.extensions ?? {}) as Record<
        string,
        unknown
      >;
      setParams({
        query: entry.source,
        ...(params.operationName ? { operationName: params.operationName } : {}),
        ...(params.variables ? { variables: params.variables } : {}),
        ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
      });
    },
    onParse({ params, setParsedDocument }) {
      const entry =
        typeof params.source === 'string' ? documents.bySource.get(params.source) : null;
      if (entry) {
        setParsedDocument(entry.document);
      }
    },
    onValidate({ params, setResult }) {
      if (trusted.has(params.documentAST)) {
        setResult([]);
      }
    },
  };
}
