/** One `WWW-Authenticate` challenge: the scheme and its parameters (realm, service, scope, ...). */
export interface AuthChallenge {
  readonly scheme: "basic" | "bearer";
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/a:pull"` or
 * `Basic realm="basic-realm"` (RFC 7235 auth-params, quoted or token values). Registries send one
 * challenge; undefined for any scheme other than Basic or Bearer, which no registry uses.
 */
export function parseChallenge(header: string | null): AuthChallenge | undefined {
  if (header === null) return undefined;
  // The scheme, then the rest: the parameters' pattern skips the spaces between them.
  const match = /^\s*(\w+)(.*)/s.exec(header);
  if (match === null) return undefined;
  const scheme = match[1]!.toLowerCase();
  if (scheme !== "basic" && scheme !== "bearer") return undefined;
  const params: Record<string, string> = {};
  const paramPattern = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const param of match[2]!.matchAll(paramPattern)) {
    // A quoted value, unescaped; else the unquoted one, which always matches (maybe empty).
    params[param[1]!.toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, "$1") : param[3]!;
  }
  return { scheme, params };
}
