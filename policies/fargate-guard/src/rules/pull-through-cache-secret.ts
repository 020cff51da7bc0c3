import type { PolicyResource } from "@pulumi/policy";
import { parseArn } from "@platform/iam";
import { code, codeList } from "../lib/messages";
import {
  ECR_PULL_THROUGH_CACHE_RULE,
  SECRETS_MANAGER_SECRET,
  SECRETS_MANAGER_SECRET_VERSION as SECRET_VERSION,
} from "../lib/resource-types";
import { defineStackRule } from "../lib/rule";
import { knownOr } from "../lib/unknowns";

/** ECR finds a pull-through cache's secret only under this name prefix (CreatePullThroughCacheRule `credentialArn`). */
const NAME_PREFIX = "ecr-pullthroughcache/";
const KEYS = ["username", "accessToken"];

const known = (read: () => unknown): unknown => knownOr(read, undefined);

export const pullThroughCacheSecret = defineStackRule({
  name: "pull-through-cache-secret",
  description: "Checks that the secret of a pull-through cache rule has the name and the shape ECR reads.",
  cause:
    "A pull-through cache rule (`aws:ecr/pullThroughCacheRule`) names in `credentialArn` a secret whose name does not " +
    "begin with `ecr-pullthroughcache/` (read from the ARN, or from the secret's `name` or `namePrefix` when the " +
    "secret is in this stack), or a secret version of this stack gives that secret a JSON value that is not " +
    '`{"username", "accessToken"}`.',
  rationale:
    "ECR accepts only secrets named `ecr-pullthroughcache/…` for a rule, and reads the upstream's user from " +
    '`username` and its token from `accessToken`. The `{"username","password"}` shape of `repositoryCredentials` ' +
    "secrets looks right and fails: the rule cannot authenticate, and every first pull of an image fails.",
  notCovered:
    "Secret values set outside Pulumi (`tokenSource: external`: `npm run preflight` reads them) and values unknown " +
    "during preview; whether the token may pull from the upstream registry.",
  fix:
    "Name the secret `ecr-pullthroughcache/<prefix>` (a `namePrefix` of `ecr-pullthroughcache/<prefix>-` does too) and " +
    'store `{"username": "<user>", "accessToken": "<token>"}` in it.',
  enforcementLevel: "mandatory",
  resourceTypes: [ECR_PULL_THROUGH_CACHE_RULE, SECRETS_MANAGER_SECRET, SECRET_VERSION],
  references: ["Amazon ECR: Storing your upstream repository credentials in an AWS Secrets Manager secret"],
  check({ resources, report }) {
    for (const rule of resources.filter((resource) => resource.type === ECR_PULL_THROUGH_CACHE_RULE)) {
      const secret = (rule.propertyDependencies.credentialArn ?? []).find((r) => r.type === SECRETS_MANAGER_SECRET);
      const arn = known(() => rule.props.credentialArn);
      if (secret === undefined && typeof arn !== "string") continue; // no credentials, or not known yet
      const subject = `Pull-through cache rule ${code(rule.name)}`;
      const name = secret === undefined ? nameInArn(arn as string) : nameOfSecret(secret);
      if (name !== undefined && !name.startsWith(NAME_PREFIX)) {
        report(
          `${subject} names secret ${code(name)}, but ECR reads only secrets whose name begins with ` +
            `${code(NAME_PREFIX)}: name it ${code(`${NAME_PREFIX}${prefixOf(rule)}`)} (or give it that \`namePrefix\`).`,
          rule.urn,
        );
      }
      for (const version of versionsOf(resources, secret, arn)) {
        const keys = jsonKeys(known(() => version.props.secretString));
        if (keys === undefined || (keys.length === KEYS.length && KEYS.every((key) => keys.includes(key)))) continue;
        const password = keys.includes("password") ? ": ECR reads the token from `accessToken`, not `password`" : "";
        report(
          `Secret version ${code(version.name)} gives the secret of pull-through cache rule ${code(rule.name)} the keys ${codeList(keys)}, ` +
            `but ECR reads exactly ${codeList(KEYS)}${password}. Store {"username": "<user>", "accessToken": "<token>"}.`,
          version.urn,
        );
      }
    }
  },
});

function prefixOf(rule: PolicyResource): string {
  const prefix = known(() => rule.props.ecrRepositoryPrefix);
  return typeof prefix === "string" ? prefix : "<prefix>";
}

/** A secret ARN's name, without the six characters Secrets Manager appends. */
function nameInArn(arn: string): string | undefined {
  const resource = parseArn(arn)?.resource;
  return resource?.startsWith("secret:") ? resource.slice("secret:".length).replace(/-[A-Za-z0-9]{6}$/, "") : undefined;
}

function nameOfSecret(secret: PolicyResource): string | undefined {
  const name = known(() => secret.props.name) ?? known(() => secret.props.namePrefix);
  return typeof name === "string" ? name : undefined;
}

/** The secret versions of this stack that write the rule's secret: by dependency, or by its ARN. */
function versionsOf(resources: readonly PolicyResource[], secret: PolicyResource | undefined, arn: unknown) {
  return resources.filter(
    (resource) =>
      resource.type === SECRET_VERSION &&
      ((secret !== undefined && (resource.propertyDependencies.secretId ?? []).includes(secret)) ||
        (typeof arn === "string" && known(() => resource.props.secretId) === arn)),
  );
}

/** The keys of a JSON object value; undefined when the value is unknown, not JSON or not an object. */
function jsonKeys(value: unknown): string[] | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? Object.keys(parsed) : undefined;
  } catch {
    return undefined;
  }
}
