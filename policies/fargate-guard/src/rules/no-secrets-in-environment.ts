import { z } from "zod";
import { checkEachContainer, readTaskDefinition } from "../lib/containers";
import { code } from "../lib/messages";
import { CONTAINER_HOST_TYPES } from "../lib/resource-types";
import { hasUrlPassword, secretArguments, URL_WITH_PASSWORD } from "../lib/secret-values";
import { defineResourceRule } from "../lib/rule";
import { isUnknownValue, UnknownDeferral } from "../lib/unknowns";

/**
 * Names that usually carry a secret. A name heuristic, as Checkov's and cdk-nag's are: no library
 * decides what a secret is. References end in _ARN, _NAME, _ID or _PATH and are not secrets themselves;
 * a _URL is judged by its value instead (lib/secret-values.ts), as are `command` and `entryPoint`.
 */
const secretLikeName = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|CLIENT_?SECRET)/i;
const referenceName = /_(ARN|NAME|ID|PATH|FILE|URL)$/i;

export const noSecretsInEnvironment = defineResourceRule({
  name: "no-secrets-in-environment",
  description:
    "Checks that no container passes a secret in plain text through `environment`, `command` or `entryPoint`.",
  cause:
    "A container's `environment` has a variable whose name looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY, " +
    "ACCESS_KEY, PRIVATE_KEY, CREDENTIAL) and a literal value, unless it names a reference (_ARN, _NAME, _ID, _PATH, " +
    "_FILE, _URL) or is on `allowedNames`; or any variable's value is a URL with a password in it " +
    "(`postgres://user:<password>@host`); or `command` or `entryPoint` gives a secret flag (`--requirepass`, " +
    "`--password`, `--token`, `--api-key`, …) a literal value, or holds a URL with a password. Every variable is " +
    "judged, whatever comes before it. A secret-looking name whose value this preview does not know is reported " +
    "as advisory: the value may be a reference.",
  rationale:
    "`environment`, `command` and `entryPoint` are stored in plain text in the task definition, readable by anyone " +
    "with ecs:DescribeTaskDefinition, and in Pulumi state. `secrets` keeps only a reference and ECS injects the value at start.",
  notCovered:
    "Values of variables whose names look harmless, other than URLs with a password, and such values while unknown; secret flags it does not know (`src/lib/secret-values.ts` lists them); secrets baked into the image; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix:
    "Move the value to `secrets: [{ name, valueFrom: <secret or SSM parameter ARN> }]`; a command reads it from that " +
    "variable (`sh -c 'redis-server --requirepass \"$REDIS_PASSWORD\"'`). List a harmless variable name in `allowedNames`.",
  enforcementLevel: "mandatory",
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
      // Each variable on its own: an unknown value stops only the check of its variable.
      const unknowns = new UnknownDeferral();
      for (const variable of Array.isArray(environment) ? (environment as Array<Record<string, unknown>>) : []) {
        unknowns.attempt(() => {
          const name = variable?.name;
          if (typeof name !== "string" || allowed.has(name)) return;
          const secretName = secretLikeName.test(name) && !referenceName.test(name);
          let value: unknown;
          try {
            value = variable.value;
          } catch (error) {
            if (!isUnknownValue(error)) throw error;
            // A harmless name's unknown value is left alone (notCovered): it is most often another resource's output.
            if (!secretName) return;
            report(
              `Container ${code(container.name)} passes \`${name}\` through \`environment\`, and its value is not ` +
                "known in this preview: if it is the secret itself, move it to `secrets` with a Secrets Manager or SSM " +
                "parameter ARN as `valueFrom`.",
              "advisory",
            );
            return;
          }
          if (secretName && typeof value === "string" && value !== "") {
            report(
              `Container ${code(container.name)} passes ${code(name)} in plain text through \`environment\`: ` +
                `move it to \`secrets\` with a Secrets Manager or SSM parameter ARN as \`valueFrom\`.`,
            );
          } else if (typeof value === "string" && hasUrlPassword(value)) {
            report(
              `Container ${code(container.name)} passes a URL with a password in ${code(name)} through \`environment\`: ` +
                `move the whole URL to \`secrets\` (a Secrets Manager secret holding it, as \`valueFrom\`).`,
            );
          }
        });
      }
      for (const key of ["command", "entryPoint"] as const) {
        const args: unknown = container.definition[key];
        if (!Array.isArray(args)) continue;
        for (const flag of secretArguments(args)) {
          const what = flag === URL_WITH_PASSWORD ? "a URL with a password" : `${code(flag)} with a literal value`;
          report(
            `Container ${code(container.name)} passes a secret in plain text in \`${key}\` (${what}): ` +
              "put it in `secrets` and have the command read that variable, e.g. `sh -c '… \"$VARIABLE\"'`.",
          );
        }
      }
      unknowns.finish();
    });
  },
});
