/**
 * The project's one snake_case -> camelCase mapping for Stytch's own keys, so the schema and the
 * tests that walk a wire fixture agree on every field name (`git_lab_oauth_factor` ->
 * `gitLabOauthFactor`). Never apply it to custom claims or metadata: their keys belong to the
 * customer and pass through untouched.
 */
export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}
