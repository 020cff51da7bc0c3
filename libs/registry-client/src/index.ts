export { getManifest, resolveManifest } from "./client";
export type { FetchedManifest, ManifestRequestOptions, ResolvedManifest } from "./client";
export { parseChallenge } from "./challenge";
export type { AuthChallenge } from "./challenge";
export { credentialsFromDockerConfig, resolveCredentials } from "./credentials";
export type { CredentialLookup, RegistryCredentials } from "./credentials";
export {
  describeCredentials,
  ManifestNotFoundError,
  RegistryError,
  RegistryForbiddenError,
  RegistryUnauthorizedError,
} from "./errors";
export { manifestAcceptHeader, manifestMediaTypes } from "./media-types";
export type { ManifestMediaType } from "./media-types";
