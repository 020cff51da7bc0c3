import * as path from "node:path";
import { loadEnvironmentConfigs } from "../../scripts/lib/environment-configs";
import { taskDefinition } from "./fixtures";
import { executionRole, managedAttachment, secretRead } from "./fixtures-iam";
import type { FixtureResource, PackConfigFile } from "./requests";

/** This repository's `--policy-pack-config` files, by environment. */
export const repositoryConfigs = Object.fromEntries(loadEnvironmentConfigs(path.resolve(__dirname, "../.."))) as Record<
  string,
  PackConfigFile
>;

/** An identity policy with one Allow statement `Extra`, from its Action/NotAction and Resource. */
export const extraPolicy = (statement: object, more: object[] = []) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "Extra", Effect: "Allow", ...statement }, ...more],
});

/**
 * The compliant execution role (reads exactly the registry secret, attaches AmazonECSTaskExecutionRolePolicy) with
 * a second inline policy `extra`, and the task definition that uses it.
 */
export function executionRoleWith(extra: object): FixtureResource[] {
  const role = executionRole({
    inlinePolicies: [
      { name: "read-registry-credentials", policy: JSON.stringify(secretRead()) },
      { name: "extra", policy: JSON.stringify(extra) },
    ],
  });
  return [role, managedAttachment(role), taskDefinition()];
}

/** "policy [level] @urn", for asserting who reports what, at which level, on which resource. */
export const reported = (findings: readonly { policyName: string; enforcementLevel: string; urn: string }[]) =>
  findings.map((f) => `${f.policyName} [${f.enforcementLevel}] @${f.urn}`);
