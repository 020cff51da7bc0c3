/**
 * Values that look like credentials, by the prefixes their issuers give them (GitHub, GitLab, npm, Slack,
 * AWS access keys, private keys). Such a value in a stack file is refused under any key, and is never
 * repeated in a message, whatever the output format.
 */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // GitHub classic and app tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/, // GitHub fine-grained tokens
  /\bglpat-[A-Za-z0-9_-]{16,}/, // GitLab personal access tokens
  /\bnpm_[A-Za-z0-9]{30,}/, // npm tokens
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, // AWS access key IDs
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bdckr_pat_[A-Za-z0-9_-]{20,}/, // Docker Hub tokens
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
