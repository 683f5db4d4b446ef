/**
 * Prints the Pothos schema to schema.graphql (sorted, so the file only changes when the schema
 * does). With --check it writes nothing and fails when the committed file has drifted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { buildSchema } from '../src/schema/index.js';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const printed = `${printSchema(buildSchema())}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file is drift too.
  }
  if (committed !== printed) {
    process.stderr.write(
      'schema.graphql does not match the Pothos schema. Run `npm run schema:print` and commit the result.\n',
    );
    process.exit(1);
  }
  process.stdout.write('schema.graphql matches the Pothos schema.\n');
} else {
  writeFileSync(target, printed);
  process.stdout.write(`wrote ${target}\n`);
}
