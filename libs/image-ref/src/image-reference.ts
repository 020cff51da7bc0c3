import {
  anchoredDigest,
  anchoredDomain,
  anchoredIdentifier,
  anchoredRemoteName,
  anchoredTag,
  defaultDomain,
  digestHexLengths,
  legacyDefaultDomain,
  officialRepoPrefix,
  repositoryNameMaxLength,
} from "./grammar";

/** A parsed container image reference, normalised the way Docker/containerd normalise it. */
export interface ImageReference {
  /** The reference exactly as given. */
  readonly original: string;
  /** Registry host, lower-case; "docker.io" when implied. May include ":port". */
  readonly host: string;
  /** Repository path, with Docker Hub's implied "library/" for single-component names. */
  readonly repository: string;
  /** The tag when one is given; "latest" is NOT implied. */
  readonly tag?: string;
  /** "<algorithm>:<hex>", e.g. "sha256:<64 hex>". */
  readonly digest?: string;
  /** host/repository[:tag][@digest] */
  readonly canonical: string;
}

/**
 * Thrown by parseImageReference; `reason` says what is wrong and what is allowed. A reference that carries
 * credentials (`user:token@host/...`) is not repeated in the message.
 */
export class ImageReferenceError extends Error {
  readonly input: string;
  readonly reason: string;
  constructor(input: string, reason: string) {
    super(`Invalid image reference ${JSON.stringify(input)}: ${reason}`);
    this.name = "ImageReferenceError";
    this.input = input;
    this.reason = reason;
  }
}

/**
 * Longest input we look at. The parts have their own limits (path 255, tag 128, a sha512
 * digest 135, a DNS name 253), so nothing real comes close; it bounds regexp work on hostile input.
 */
const maxReferenceLength = 1024;

/**
 * Parse an image reference like Docker's `ParseNormalizedNamed` (distribution/reference
 * normalize.go): "nginx" becomes docker.io/library/nginx, "index.docker.io" becomes
 * docker.io. Unlike Docker, the host is lower-cased and no "latest" tag is implied.
 * @throws ImageReferenceError naming what is wrong and what is allowed.
 */
export function parseImageReference(input: string): ImageReference {
  const fail = (reason: string): never => {
    throw new ImageReferenceError(String(input), reason);
  };
  if (typeof input !== "string") fail(`expected a string, got ${input === null ? "null" : typeof input}`);
  const userinfo = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/@]+)@([^/]+\/.*)$/is.exec(input);
  if (userinfo) {
    // The error keeps only the part after the credentials: nothing that prints it can show them.
    throw new ImageReferenceError(
      `<credentials, not shown>@${userinfo[2]}`,
      `it starts with credentials ("user:password@"); an image reference never carries them. Give the image ` +
        `alone, ${JSON.stringify(userinfo[2])}, and the credentials through the registry's login`,
    );
  }
  if (input === "") fail('it is empty; give an image such as "ghcr.io/<owner>/<app>:<tag>"');
  if (/\s/.test(input)) fail("it contains whitespace; remove spaces, tabs and line breaks");
  if (input.length > maxReferenceLength)
    fail(`it is ${input.length} characters long; at most ${maxReferenceLength} are allowed`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input))
    fail('it starts with a URL scheme; write "ghcr.io/owner/app:tag", not "https://ghcr.io/..."');
  if (anchoredIdentifier.test(input))
    fail("a bare 64-hex image ID is not a repository name; use <repository>@sha256:<hex>");

  const [nameAndTag, digest] = splitDigest(input, fail);
  const [name, tag] = splitTag(nameAndTag);
  if (name === "") fail("the repository name is missing before the tag or digest");
  if (tag !== undefined && !anchoredTag.test(tag)) {
    fail(`tag ${JSON.stringify(tag)} is invalid; a tag is 1-128 of [A-Za-z0-9_.-] and must not start with "." or "-"`);
  }

  const [domain, repository] = splitDockerDomain(name);
  if (isUpperCaseBareHost(domain)) {
    fail(
      `its first component ${JSON.stringify(domain)} has upper-case letters, so Docker reads it as a registry host; ` +
        `write a Docker Hub namespace in lower case, or a registry host with a "." or ":port"`,
    );
  }
  if (!anchoredDomain.test(domain)) {
    fail(`registry host ${JSON.stringify(domain)} is invalid; use a DNS name or IP address with an optional :port`);
  }
  if (repository.toLowerCase() !== repository) {
    fail(
      `repository name ${JSON.stringify(repository)} must be lowercase (try ${JSON.stringify(repository.toLowerCase())})`,
    );
  }
  if (!anchoredRemoteName.test(repository)) {
    fail(
      `repository name ${JSON.stringify(repository)} is invalid; it is "/"-separated components of ` +
        `lower-case letters and digits, joined inside a component by ".", "_", "__" or dashes`,
    );
  }
  if (repository.length > repositoryNameMaxLength) {
    fail(`repository name is ${repository.length} characters long; at most ${repositoryNameMaxLength} are allowed`);
  }

  const host = domain.toLowerCase();
  const canonical = `${host}/${repository}${tag === undefined ? "" : `:${tag}`}${digest === undefined ? "" : `@${digest}`}`;
  return Object.freeze({
    original: input,
    host,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
    canonical,
  });
}

/** Like parseImageReference, but returns the error message instead of throwing. */
export function tryParseImageReference(
  input: string,
): { ok: true; value: ImageReference } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseImageReference(input) };
  } catch (error) {
    if (error instanceof ImageReferenceError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Why a digest is invalid, or undefined when it is a well-formed sha256/sha384/sha512 digest. */
export function digestProblem(digest: string): string | undefined {
  if (!anchoredDigest.test(digest)) {
    return `digest ${JSON.stringify(digest)} is not "<algorithm>:<hex>" (for example "sha256:" and 64 hex digits)`;
  }
  const colon = digest.indexOf(":");
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const expectedLength = digestHexLengths[algorithm];
  if (expectedLength === undefined) {
    return `digest algorithm ${JSON.stringify(algorithm)} is not supported; use ${Object.keys(digestHexLengths).join(", ")}`;
  }
  if (hex.length !== expectedLength) {
    return `a ${algorithm} digest has ${expectedLength} hex digits, got ${hex.length}`;
  }
  if (hex !== hex.toLowerCase()) return `digest hex must be lower-case (try ${algorithm}:${hex.toLowerCase()})`;
  return undefined;
}

/** true for "sha256:<64 lower-case hex>" and the sha384/sha512 equivalents. */
export function isValidDigest(digest: string): boolean {
  return digestProblem(digest) === undefined;
}

function splitDigest(input: string, fail: (reason: string) => never): [string, string | undefined] {
  const at = input.indexOf("@");
  if (at < 0) return [input, undefined];
  const digest = input.slice(at + 1);
  if (digest.includes("@")) fail('it has more than one "@"; give at most one digest');
  const problem = digestProblem(digest);
  if (problem !== undefined) fail(problem);
  return [input.slice(0, at), digest];
}

/** The tag follows the last ":" when no "/" comes after it (a ":" before a "/" is a port). */
function splitTag(nameAndTag: string): [string, string | undefined] {
  const colon = nameAndTag.lastIndexOf(":");
  if (colon < 0 || colon < nameAndTag.lastIndexOf("/")) return [nameAndTag, undefined];
  return [nameAndTag.slice(0, colon), nameAndTag.slice(colon + 1)];
}

/** distribution/reference normalize.go `splitDockerDomain`, applied to the name without tag or digest. */
function splitDockerDomain(name: string): [string, string] {
  const slash = name.indexOf("/");
  if (slash < 0) return [defaultDomain, officialRepoPrefix + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === "localhost" || /[.:]/.test(maybeDomain) || maybeDomain.toLowerCase() !== maybeDomain) {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else {
    [domain, remote] = [defaultDomain, name];
  }
  if (domain.toLowerCase() === legacyDefaultDomain) domain = defaultDomain;
  if (domain.toLowerCase() === defaultDomain && !remote.includes("/")) remote = officialRepoPrefix + remote;
  return [domain, remote];
}

/**
 * Docker takes an upper-case first component ("MyReg/app") for a host, but once lower-cased
 * ("myreg/app") the same text means a Docker Hub namespace: refuse rather than guess.
 */
function isUpperCaseBareHost(domain: string): boolean {
  return domain.toLowerCase() !== domain && !/[.:]/.test(domain);
}
