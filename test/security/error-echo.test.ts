import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeMessage } from '../../src/errors.js';
import { type Stack, startStack } from '../helpers/gateway.js';

/**
 * No error repeats what the caller sent: graphql-js's variable coercion errors print the whole
 * variable value, literal errors print the literal, yoga puts JSON.parse's message (which quotes
 * the body) in `extensions.originalError`, and "Did you mean" hints map the schema even where
 * suggestions are off.
 */
const PASSWORD = 'Pa55word-that-must-never-echo';
const TOKEN = 'session-token-that-must-never-echo-000';

let stack: Stack;
let production: Stack;
beforeAll(async () => {
  stack = await startStack();
  production = await startStack({ env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  await stack.stop();
  await production.stop();
});

describe('error messages name the problem, never the value', () => {
  it('a variable of the wrong shape: its path and what was expected', async () => {
    const res = await stack.gql(
      'mutation ($input: ResetPasswordWithSessionInput!) { resetPasswordWithSession(input: $input) { userId } }',
      { input: { password: PASSWORD, sessionToken: TOKEN, sessionDurationMinutes: 'sixty' } },
    );
    expect(res.text).not.toContain(PASSWORD);
    expect(res.text).not.toContain(TOKEN);
    expect(res.body.errors?.[0]?.message).toBe(
      'Variable "$input" got an invalid value at "input.sessionDurationMinutes": Not a valid Int.',
    );
    expect(stack.logs.join('\n')).not.toContain(PASSWORD);
    expect(stack.logs.join('\n')).not.toContain(TOKEN);
  });

  it('a missing required field and an unknown field', async () => {
    const missing = await stack.gql(
      'mutation ($input: ResetPasswordWithSessionInput!) { resetPasswordWithSession(input: $input) { userId } }',
      { input: { sessionToken: TOKEN } },
    );
    expect(missing.body.errors?.[0]?.message).toBe(
      'Variable "$input" got an invalid value: Field "password" of required type "String!" was not provided.',
    );
    expect(missing.text).not.toContain(TOKEN);
    const unknown = await stack.gql(
      'mutation ($input: ResetPasswordWithSessionInput!) { resetPasswordWithSession(input: $input) { userId } }',
      { input: { password: PASSWORD, sesionToken: TOKEN } },
    );
    expect(unknown.text).not.toContain(PASSWORD);
    expect(unknown.text).not.toContain(TOKEN);
    expect(unknown.body.errors?.[0]?.message).toMatch(
      /^Variable "\$input" got an invalid value: Field "sesionToken" is not defined by type "ResetPasswordWithSessionInput"\./,
    );
  });

  it('a literal of the wrong type in the document', async () => {
    const res = await stack.gql(
      'mutation { resetPasswordWithSession(input: { password: 1234567890123 }) { userId } }',
    );
    expect(res.text).not.toContain('1234567890123');
    expect(res.body.errors?.[0]?.message).toMatch(/^(Not a valid String\.|Expected value of type)/);
    // A literal where an input object belongs: graphql-js prints it after "found".
    const shape = await stack.gql(
      'mutation { resetPasswordWithSession(input: "literal-hunter2-value") { userId } }',
    );
    expect(shape.text).not.toContain('literal-hunter2-value');
    expect(shape.body.errors?.[0]?.message).toBe(
      'Expected value of type "ResetPasswordWithSessionInput!".',
    );
  });

  it('a coercion reason of a form not known to be value-free becomes a generic one', () => {
    // No such reason comes from today's schema and graphql-js; a new one must not leak the value.
    expect(
      safeMessage(
        'Variable "$input" got invalid value "unknown-hunter2" at "input.x"; New reason quoting "unknown-hunter2".',
        false,
      ),
    ).toBe('Variable "$input" got an invalid value at "input.x": The value is not valid.');
  });

  it('an argument refused at execution, around a variable: the literal is not printed', async () => {
    // graphql-js coerces a literal that holds a variable only once the variable is known (a
    // defaulted variable passes validation in a non-null place, then comes as null), and its
    // message prints the whole literal, inline password included.
    // Twice: the second run is graphql-jit's compiled query.
    for (let run = 0; run < 2; run++) {
      const res = await stack.gql(
        `mutation ($t: String = "x") { resetPasswordByEmail(input: { token: $t, password: "${PASSWORD}" }) { userId } }`,
        { t: null },
      );
      expect(res.body.errors?.[0]?.message).toBe('Argument "input" has invalid value.');
      expect(res.text).not.toContain(PASSWORD);
    }
  });

  it('a syntax error names the token expected and the kind found, never its text', async () => {
    // A password pasted into the wrong place of a document is a token graphql-js quotes.
    const cases: Array<[string, string]> = [
      [`{ "${PASSWORD}" }`, 'Syntax Error: Expected Name, found String.'],
      [`{ viewer { id } } ${PASSWORD.replace(/-/g, '_')}`, 'Syntax Error: Unexpected Name.'],
      [
        `fragment F ${PASSWORD.replace(/-/g, '_')} { id }`,
        'Syntax Error: Expected "on", found Name.',
      ],
      [
        `{ viewer(id: "\\u{${PASSWORD}}") { id } }`,
        'Syntax Error: Invalid Unicode escape sequence.',
      ],
    ];
    for (const [document, message] of cases) {
      for (const target of [stack, production]) {
        const res = await target.gql(document);
        expect(res.body.errors?.[0]?.message).toBe(message);
        expect(res.text).not.toContain(PASSWORD.slice(0, 6));
        expect(res.text).not.toContain(PASSWORD.replace(/-/g, '_').slice(0, 6));
      }
    }
  });

  it('a malformed JSON body: 400 (GraphQL over HTTP), no originalError, no quote of the body, no error-level log', async () => {
    const before = stack.logs.length;
    const res = await stack.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: `{"query": "{ __typename }", "variables": {"token": "${TOKEN}"`,
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('originalError');
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    const lines = stack.logs.slice(before).join('\n');
    expect(lines).not.toContain(TOKEN.slice(0, 12));
    expect(lines).not.toContain('"level":50');
  });

  it('no "Did you mean" in production, in validation or in variable errors', async () => {
    const typo = await production.gql('{ viewr { user { id } } }');
    expect(typo.text).not.toMatch(/Did you mean/);
    const field = await production.gql(
      'mutation ($input: ResetPasswordWithSessionInput!) { resetPasswordWithSession(input: $input) { userId } }',
      { input: { passwrd: PASSWORD, password: PASSWORD } },
    );
    expect(field.text).not.toMatch(/Did you mean/);
    expect(field.text).not.toContain(PASSWORD);
    // Development keeps the hints: they help whoever writes the query.
    const dev = await stack.gql(
      'mutation ($input: ResetPasswordWithSessionInput!) { resetPasswordWithSession(input: $input) { userId } }',
      { input: { passwrd: PASSWORD, password: PASSWORD } },
    );
    expect(dev.text).not.toContain(PASSWORD);
    expect(dev.body.errors?.[0]?.message).toMatch(/Did you mean "password"\?/);
  });
});
