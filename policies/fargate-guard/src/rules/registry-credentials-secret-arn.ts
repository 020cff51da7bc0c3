import { isAwsRegion, isSecretsManagerSecretArn, parseArn, partitionForRegion } from "@platform/iam";
import { checkEachContainer } from "../lib/containers";
import { code } from "../lib/messages";
import { defineTaskDefinitionRule } from "../lib/task-definition-rule";
import { field } from "../lib/props";
import { memoizeParse } from "../lib/parse-cache";

const expectedForm = "arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>-<6 characters>";

export const registryCredentialsSecretArn = defineTaskDefinitionRule({
  name: "registry-credentials-secret-arn",
  description: "Checks that every `repositoryCredentials.credentialsParameter` is a full Secrets Manager secret ARN.",
  cause:
    "A container's `repositoryCredentials.credentialsParameter` is not a full secret ARN: it is no ARN, an SSM " +
    "parameter, contains a wildcard, has a placeholder region or account (`awsRegionHere`, `yourAccountIdHere`), " +
    "or lacks the secret's 6-character suffix.",
  rationale:
    "ECS reads registry credentials only from a Secrets Manager secret it can name exactly. Anything else is " +
    "accepted at deploy time and fails when the task pulls its image, with the same loop as no credentials at all.",
  notCovered:
    'Whether the secret exists and holds `{"username","password"}` (`npm run preflight` reads it); task definitions of other providers (`aws-native:ecs:TaskDefinition`).',
  fix:
    "Pass the secret's `arn` output (from the aws.secretsmanager.Secret, or the stack output that exports it); " +
    `never type the ARN by hand. It looks like ${expectedForm}.`,
  enforcementLevel: "mandatory",
  references: ["Amazon ECS: Private registry authentication for tasks (RepositoryCredentials)"],
  checkTask(task, { report }) {
    checkEachContainer(task, (container) => {
      const credentials = container.definition.repositoryCredentials;
      const parameter = field(credentials, "credentialsParameter");
      if (typeof parameter !== "string" || parameter.trim() === "") return;
      for (const problem of problemsOf(parameter)) {
        report(
          `Container ${code(container.name)} reads registry credentials from ${code(parameter)}, which ${problem}. ` +
            `Use the secret's ARN output instead (${expectedForm}).`,
        );
      }
    });
  },
});

/**
 * Why a credentials parameter is not a full secret ARN, one reason per problem. The verdict is
 * @platform/iam's isSecretsManagerSecretArn; the reasons only explain it, so a person sees the
 * placeholder or the wildcard by name.
 */
export function secretArnProblems(value: string): string[] {
  if (isSecretsManagerSecretArn(value)) return [];
  const arn = parseArn(value);
  if (arn === undefined) return ["is not an ARN"];
  if (arn.service === "ssm") return ["is an SSM parameter; ECS takes registry credentials only from Secrets Manager"];
  if (arn.service !== "secretsmanager" || !arn.resource.startsWith("secret:")) {
    return [`is a ${arn.service} ARN, not a Secrets Manager secret`];
  }
  const problems: string[] = [];
  if (/[*?]/.test(value)) problems.push("contains a wildcard; name exactly one secret");
  if (!isAwsRegion(arn.region)) problems.push(`has ${code(arn.region)} where a region such as us-east-1 belongs`);
  else if (partitionForRegion(arn.region) !== arn.partition) {
    problems.push(
      `names partition ${code(arn.partition)}, but ${arn.region} is in ${code(partitionForRegion(arn.region))}`,
    );
  }
  if (!/^\d{12}$/.test(arn.accountId)) problems.push(`has ${code(arn.accountId)} where a 12-digit account ID belongs`);
  if (problems.length === 0) problems.push("is not a full secret ARN (the secret name must end in - and 6 characters)");
  return problems;
}

/** Every task names the same few parameters, and analyze asks about each one again: judge each once. */
const problemsOf = memoizeParse(secretArnProblems);
