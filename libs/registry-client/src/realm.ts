/*
 * Where a Bearer challenge may send the registry's credentials. A registry names its token endpoint
 * (`realm`) itself, so a compromised or mistyped registry could point it anywhere; the rules follow crane
 * (go-containerregistry `pkg/v1/remote/transport/bearer.go`, validateRealmURL) and add one it lacks, the
 * registry's own domain:
 * - https, or http only when the registry itself is spoken to over http (a loopback test registry);
 * - the registry's own host:port is always allowed;
 * - otherwise not a loopback, private, link-local or unspecified address or name, and within the
 *   registry's registrable domain (registry-1.docker.io → auth.docker.io; registry.gitlab.com → gitlab.com),
 *   by the Public Suffix List (tldts) with its private section, so neither `evil.co.uk` is "the same domain" as
 *   `registry.co.uk`, nor `attacker.github.io` as `acme.github.io` (shared hosting: each name is its owner's).
 */
import { BlockList, isIP } from "node:net";
import { getDomain } from "tldts";

/** Address ranges no realm outside the registry's own host:port may name. */
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, the cloud instance metadata service among them
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

/** An address or name that reaches this machine or its private network, whatever a DNS lookup would say. */
export function isInternalHost(hostname: string): boolean {
  // Stryker disable next-line Regex: a host name holds brackets only around an IPv6 address, so an anchor changes nothing
  const name = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  const family = isIP(name);
  // Stryker disable next-line ConditionalExpression: BlockList.check answers false for a name that is no address
  if (family === 0) return false;
  // BlockList checks an IPv4-mapped IPv6 address (::ffff:10.0.0.1, which URL writes ::ffff:a00:1) against the IPv4 ranges.
  return internal.check(name, family === 4 ? "ipv4" : "ipv6");
}

/** tldts leaves the list's private section (github.io, herokuapp.com, s3.amazonaws.com, …) out by default. */
const psl = { allowPrivateDomains: true } as const;

/** The registry a challenge came from: its API origin, as the client speaks to it. */
export interface RegistryOrigin {
  /** "http:" or "https:" */
  readonly protocol: string;
  /** host[:port], as in a URL */
  readonly host: string;
  readonly hostname: string;
}

/** Why `realm` may not receive the registry's credentials, or undefined when it may. */
export function realmProblem(realm: string, registry: RegistryOrigin): string | undefined {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return "the realm is not a URL";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && registry.protocol === "http:")) {
    return `the realm ${url.origin} is not https (only a registry spoken to over http may name an http realm)`;
  }
  if (url.username !== "" || url.password !== "") return "the realm URL carries credentials of its own";
  if (url.host === registry.host) return undefined;
  if (isInternalHost(url.hostname)) {
    return `the realm ${url.origin} is a loopback, private or link-local address, and not the registry's own host`;
  }
  const domain = getDomain(registry.hostname, psl);
  if (domain === null || getDomain(url.hostname, psl) !== domain) {
    return `the realm ${url.origin} is outside the registry's own domain (${domain ?? registry.host})`;
  }
  return undefined;
}
