/**
 * The image reference grammar of distribution/reference (the package Docker and containerd
 * use), ported from github.com/distribution/reference `regexp.go` and `reference.go`:
 *
 *   reference        := name [ ":" tag ] [ "@" digest ]
 *   name             := [domain '/'] remote-name
 *   domain           := host [':' port-number]
 *   host             := domain-name | IPv4address | \[ IPv6address \]
 *   domain-name      := domain-component ['.' domain-component]*
 *   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *   port-number      := /[0-9]+/
 *   path-component   := alpha-numeric [separator alpha-numeric]*
 *   remote-name      := path-component ['/' path-component]*
 *   alpha-numeric    := /[a-z0-9]+/
 *   separator        := /[_.]|__|[-]+/          (regexp.go; reference.go's comment still says [-]*)
 *   tag              := /[\w][\w.-]{0,127}/
 *   digest           := algorithm ":" hex    (algorithm: letter-led alphanumeric parts joined by [-_+.]; hex: 32+ hex digits)
 *
 * Why hand-rolled: the one npm port (@swimlane/docker-reference 2.0.1, last release 2024-12)
 * follows the older grammar (separator `[-]*`, no IPv6 hosts) and its combined regexp
 * backtracks catastrophically in JavaScript: "a".repeat(18) + "!" takes ~19 s to reject.
 * Go's RE2 is linear-time, JavaScript's engine is not, so here each part is split out first
 * (like Go's splitDockerDomain) and matched on its own by an unambiguous anchored pattern.
 */

const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6Address = "\\[(?:[a-fA-F0-9:]+)\\]";
const optionalPort = "(?::[0-9]+)?";

export const anchoredRemoteName = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
export const anchoredDomain = new RegExp(`^(?:${domainName}|${ipv6Address})${optionalPort}$`);
export const anchoredTag = /^[\w][\w.-]{0,127}$/;
export const anchoredDigest = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** A bare 64-hex image ID; Docker refuses it as a repository name. */
export const anchoredIdentifier = /^[a-f0-9]{64}$/;

/** distribution/reference RepositoryNameTotalLengthMax. */
export const repositoryNameMaxLength = 255;

/**
 * Digest algorithms that opencontainers/go-digest registers, with their hex lengths. go-digest
 * only accepts lower-case hex for them (`^[a-f0-9]{64}$` for sha256).
 */
export const digestHexLengths: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export const defaultDomain = "docker.io";
export const legacyDefaultDomain = "index.docker.io";
export const officialRepoPrefix = "library/";
