import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('docs/frontend.md', () => {
  it('every GraphQL example is valid against schema.graphql', () => {
    const schema = buildSchema(read('../../schema.graphql'));
    const blocks = [...read('../../docs/frontend.md').matchAll(/```graphql\n([\s\S]*?)```/g)];
    expect(blocks.length).toBeGreaterThan(5);
    for (const [, source] of blocks) {
      expect(validate(schema, parse(source ?? '')), source).toEqual([]);
    }
  });

  it("shows the example app's operations as the app sends them", () => {
    const doc = read('../../docs/frontend.md');
    const operations = read('../../examples/web/src/operations.ts');
    // Each documented operation the app also sends has the same name and root field there.
    let shared = 0;
    for (const [, name, field] of doc.matchAll(/^(?:mutation|query) (\w+)[^{]*\{\n? *(\w+)/gm)) {
      if (operations.includes(`${name}(`) || operations.includes(`${name} {`)) {
        shared += 1;
        expect(operations, `${name} → ${field}`).toMatch(
          new RegExp(`(mutation|query) ${name}\\b[^{]*\\{\\s*${field}\\b`),
        );
      }
    }
    expect(shared).toBeGreaterThanOrEqual(10);
  });
});
