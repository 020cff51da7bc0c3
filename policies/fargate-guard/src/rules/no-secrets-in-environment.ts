import { z } from "zod";
import { checkEachContainer, readTaskDefinition } from "../lib/containers";
import { code } from "../lib/messages";
import { CONTAINER_HOST_TYPES } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";

/**
 * Names that usually carry a secret. A name heuristic, as Checkov's and cdk-nag's are: no library
 * decides what a secret is, and values are not inspected. References end in _ARN, _NAME, _ID or
 * _PATH and are not secrets themselves.
 */
const secretLikeName = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|CLIENT_?SECRET)/i;
const referenceName = /_(ARN|NAME|ID|PATH|FILE|URL)$/i;

export const noSecretsInEnvironment = defineResourceRule({
  name: "no-secrets-in-environment",
  description: "Checks that no container passes a secret-looking variable through `environment`.",
  cause:
    "A container's `environment` has a variable whose name looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY, " +
    "ACCESS_KEY, PRIVATE_KEY, CREDENTIAL), unless it names a reference (_ARN, _NAME, _ID, _PATH, _FILE, _URL) or is on `allowedNames`.",
  rationale:
    "`environment` values are stored in plain text in the task definition, readable by anyone with " +
    "ecs:DescribeTaskDefinition, and in Pulumi state. `secrets` keeps only a reference and ECS injects the value at start.",
  notCovered:
    "Variable values (only names are read); secrets in `command`, `entryPoint` or the image; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: "Move the variable to `secrets: [{ name, valueFrom: <secret or SSM parameter ARN> }]`, or list a harmless name in `allowedNames`.",
  enforcementLevel: "advisory",
  resourceTypes: CONTAINER_HOST_TYPES,
  references: ["cdk-nag AwsSolutions-ECS2"],
  options: {
    allowedNames: z.array(z.string().min(1)).default([]).describe("Variable names that look like secrets but are not"),
  },
  check({ type, props, config, report }) {
    const task = readTaskDefinition(type, props);
    if (task === undefined) return;
    const allowed = new Set(config.allowedNames);
    checkEachContainer(task, (container) => {
      const environment: unknown = container.definition.environment;
      if (!Array.isArray(environment)) return;
      for (const variable of environment as Array<Record<string, unknown>>) {
        const name = variable?.name;
        if (typeof name !== "string" || allowed.has(name)) continue;
        if (!secretLikeName.test(name) || referenceName.test(name)) continue;
        report(
          `Container ${code(container.name)} passes ${code(name)} in plain text through \`environment\`: ` +
            `move it to \`secrets\` with a Secrets Manager or SSM parameter ARN as \`valueFrom\`.`,
        );
      }
    });
  },
});
