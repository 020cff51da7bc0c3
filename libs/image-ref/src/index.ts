export {
  digestProblem,
  ImageReferenceError,
  isValidDigest,
  parseImageReference,
  tryParseImageReference,
} from "./image-reference";
export type { ImageReference } from "./image-reference";
export { classifyRegistry, publicEcrHost } from "./registry-class";
export type { EcrPartition, RegistryClass } from "./registry-class";
export { isDigestPinned, needsRepositoryCredentials } from "./credentials";
export {
  defaultEcrRepositoryPrefix,
  ECR_REPOSITORY_PREFIX,
  PULL_THROUGH_HOSTS,
  pullThroughReference,
  pullThroughUpstream,
} from "./pull-through";
export type { PullThroughUpstream } from "./pull-through";
