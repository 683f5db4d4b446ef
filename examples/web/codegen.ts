import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Paths from this file, so the config works from any working directory. */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Types every operation in `src/` against the gateway's printed schema. `npm run example:web:codegen`
 * writes `src/gql/` (committed, so the example builds without this step); the `:check` script
 * fails when it is stale.
 */
const config: CodegenConfig = {
  schema: here('../../schema.graphql'),
  documents: [here('src/**/*.ts'), `!${here('src/gql/**')}`],
  ignoreNoDocuments: false,
  generates: {
    [here('src/gql/')]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // Also writes persisted-documents.json: the gateway's trusted documents manifest
        // (TRUSTED_DOCUMENTS, see docs/performance.md), keyed `sha256:<hex>`.
        persistedDocuments: true,
      },
      config: {
        // Documents as typed strings: the page sends them with fetch and needs no GraphQL runtime.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // As the gateway serialises them: DateTime is Stytch's RFC 3339 string, JSON any value.
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
