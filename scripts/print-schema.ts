/**
 * Prints the Pothos schema to schema.graphql and the federation subgraph schema to
 * schema.subgraph.graphql (both sorted, so a file only changes when its schema does). With --check
 * it writes nothing and fails when either committed file has drifted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { buildSchema, buildSubgraphSchema } from '../src/schema/index.js';

const outputs = [
  { file: 'schema.graphql', printed: `${printSchema(buildSchema())}\n` },
  // graphql-js's printer drops applied directives; a router needs @link and @key to compose.
  { file: 'schema.subgraph.graphql', printed: `${printSubgraphSchema(buildSubgraphSchema())}\n` },
];

const check = process.argv.includes('--check');
let drifted = false;
for (const { file, printed } of outputs) {
  const target = fileURLToPath(new URL(`../${file}`, import.meta.url));
  if (!check) {
    writeFileSync(target, printed);
    process.stdout.write(`wrote ${target}\n`);
    continue;
  }
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file is drift too.
  }
  if (committed === printed) {
    process.stdout.write(`${file} matches the Pothos schema.\n`);
  } else {
    process.stderr.write(
      `${file} does not match the Pothos schema. Run \`npm run schema:print\` and commit the result.\n`,
    );
    drifted = true;
  }
}
if (drifted) {
  process.exit(1);
}
