// Secrets told by their value, not their variable's name: credentials inside a URL, and the value of a flag
// that takes a secret on a command line. No library decides what a secret is; these two shapes are the ones
// whose meaning is fixed (RFC 3986 userinfo, and the flags the programs themselves document).

/**
 * Flags whose value is a secret, as the programs document them: redis-server `--requirepass` and
 * `--masterauth`, mysql/psql-style `--password`, and the generic token and key flags CLIs share. Flags that
 * take a file or a variable name (`--password-file`, `--token-env`) are not here: they carry a reference.
 */
const SECRET_FLAGS = new Set([
  "--requirepass",
  "--masterauth",
  "--password",
  "--passwd",
  "--token",
  "--auth-token",
  "--api-key",
  "--apikey",
  "--secret",
  "--client-secret",
  "--access-key",
  "--secret-key",
  "--secret-access-key",
]);

/**
 * A value that refers to a secret instead of holding it: a shell expansion of a variable (`$REDIS_PASSWORD`,
 * `"${TOKEN}"`, which ECS fills from `secrets`) or a file path.
 */
const isReference = (value: string): boolean => /^["']?(\$|\/)/.test(value);

/** What secretArguments calls a URL with a password among the arguments. */
export const URL_WITH_PASSWORD = "URL with a password";

/** True when `text` holds an absolute URL whose userinfo has a password (`postgres://app:<password>@db`). */
export function hasUrlPassword(text: string): boolean {
  return text.split(/\s+/).some((word) => {
    if (!word.includes("://") || !URL.canParse(word)) return false;
    const password = new URL(word).password;
    return password !== "" && !isReference(decodeURIComponent(password));
  });
}

/**
 * The secret flags given a literal value in an argument list (`command` or `entryPoint`), as
 * `--flag value` or `--flag=value`. An argument that is a whole shell script (`sh -c "… --api-key=…"`) is
 * split into words too. A URL with a password among the arguments is reported as `URL with a password`.
 */
export function secretArguments(args: readonly unknown[]): string[] {
  const words = args.filter((arg): arg is string => typeof arg === "string").flatMap((arg) => arg.trim().split(/\s+/));
  const found = new Set<string>();
  words.forEach((word, index) => {
    const [flag, inline] = word.includes("=")
      ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]
      : [word, undefined];
    if (SECRET_FLAGS.has(flag.toLowerCase())) {
      const value = inline ?? words[index + 1];
      if (value !== undefined && value !== "" && !value.startsWith("-") && !isReference(value)) found.add(flag);
    }
    if (hasUrlPassword(word)) found.add(URL_WITH_PASSWORD);
  });
  return [...found];
}
