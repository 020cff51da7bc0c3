export { getManifest, MAX_MANIFEST_BYTES, MAX_TOKEN_RESPONSE_BYTES, resolveManifest } from "./client";
export type { FetchedManifest, ManifestRequestOptions, ResolvedManifest } from "./client";
export { parseChallenge } from "./challenge";
export type { AuthChallenge } from "./challenge";
export {
  credentialsFromDockerConfig,
  credentialVariables,
  DockerConfigError,
  resolveCredentials,
  unusedEnvironmentCredentials,
} from "./credentials";
export type { CredentialLookup, RegistryCredentials } from "./credentials";
export {
  describeCredentials,
  ManifestNotFoundError,
  RegistryError,
  RegistryForbiddenError,
  RegistryUnauthorizedError,
  RegistryUnreachableError,
} from "./errors";
export { isInternalHost, realmProblem } from "./realm";
export type { RegistryOrigin } from "./realm";
export { manifestAcceptHeader, manifestMediaTypes } from "./media-types";
export type { ManifestMediaType } from "./media-types";
export { BodyTooLargeError, readLimited } from "./transport";
