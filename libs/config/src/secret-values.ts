import { TOKEN_KINDS } from "./token-kinds";

/**
 * Values that look like credentials: every registry token format of token-kinds.ts, then the other issuers'
 * prefixes and shapes. Such a value in a stack file is refused under any key, and is never repeated in a
 * message, whatever the output format.
 */
const TOKEN_PATTERNS: readonly RegExp[] = [
  ...TOKEN_KINDS.map((kind) => new RegExp(`\\b${kind.prefix}${kind.body}`)),
  /\bgh[our]_[A-Za-z0-9]{20,}/, // GitHub OAuth, user-to-server and refresh tokens
  /\bnpm_[A-Za-z0-9]{30,}/, // npm tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, // AWS access key IDs
  // AWS secret access keys: 40 characters of base64 with upper and lower case and a digit, so a git commit or
  // a hex digest (lower case and digits only) is not one.
  /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/,
  // ECR: `aws ecr get-login-password` is base64 of {"payload":…}; GetAuthorizationToken's token is
  // base64("AWS:" + that password) (opencontainers/oci-conformance#74).
  /\beyJwYXlsb2Fk[A-Za-z0-9+/=]{20,}/,
  /\bQVdTOmV5[A-Za-z0-9+/=]{20,}/,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, // JSON Web Tokens (a Bearer token, an OIDC token)
  // The password of a URL's user info (https://user:pass@host): the whole user info goes.
  /(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@:"']+:[^\s/?#@"']+(?=@)/,
  // A whole private-key block, up to its END line (or the end of the text when it was cut).
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|[\s\S]*)/,
];

export function looksLikeToken(value: unknown): boolean {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? "");
  return TOKEN_PATTERNS.some((pattern) => pattern.test(text));
}

/** What a message may show of a value: a token-looking one is replaced by a notice. */
export const SECRET_NOT_SHOWN = "<looks like a token, not shown>";
export const shownSafely = (value: unknown): unknown => (looksLikeToken(value) ? SECRET_NOT_SHOWN : value);

const ANY_TOKEN = new RegExp(TOKEN_PATTERNS.map((pattern) => pattern.source).join("|"), "g");

/**
 * `text` with every token-looking part replaced by the notice. The last guard of every command's output
 * (reports, JSON, Markdown, errors): a message that quotes an input it did not expect to hold a token
 * still says only that one was there.
 */
export const redactTokens = (text: string): string => text.replace(ANY_TOKEN, SECRET_NOT_SHOWN);
