import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { registrySecretNamePrefix } from "@platform/config";
import type { RegistryCredentials } from "@platform/registry-client";
import type { StackInputs } from "../stack-inputs";
import { type CheckResult, fail, pass } from "./result";

const readAccess = (arn: string) =>
  `run the preflight with credentials that may secretsmanager:ListSecretVersionIds and GetSecretValue on ${arn} (and kms:Decrypt on its key)`;

export interface SecretCheck {
  readonly result: CheckResult;
  /** The credentials ECS will send, when the secret holds usable ones. Never printed. */
  readonly credentials?: RegistryCredentials;
}

/**
 * The secret registry-access created for the image's registry host (found by its name prefix, see
 * @platform/config registry-secret-name) exists, has a current version, and holds JSON with non-empty
 * `username` and `password`. No message ever contains the value or a parser's excerpt of it.
 */
export async function checkRegistrySecret(client: SecretsManagerClient, inputs: StackInputs): Promise<SecretCheck> {
  const host = inputs.image.value.host;
  const check = `registry secret for ${host}`;
  const prefix = registrySecretNamePrefix(inputs.env, host);
  const putValue = (id: string) =>
    `aws secretsmanager put-secret-value --secret-id ${id} --secret-string '{"username":"<registry user>","password":"<token>"}'`;

  let secrets;
  try {
    secrets =
      (await client.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: [prefix] }] }))).SecretList ?? [];
  } catch (error) {
    return {
      result: fail(
        check,
        `Secrets Manager ListSecrets failed: ${(error as Error).message}`,
        "check the credentials and region",
      ),
    };
  }
  const matching = secrets.filter((s) => s.Name?.startsWith(prefix) && s.ARN);
  if (matching.length === 0) {
    return {
      result: fail(
        check,
        `no secret named ${prefix}… in ${inputs.region.value}; the service's stack reads its ARN from registry-access`,
        `add ${host} to \`registry-access:registries\` in projects/registry-access/Pulumi.${inputs.env}.yaml and run \`pulumi up\` on registry-access/${inputs.env}`,
      ),
    };
  }
  if (matching.length > 1) {
    const arns = matching.map((s) => s.ARN).join(", ");
    return {
      result: fail(
        check,
        `several secrets start with ${prefix}: ${arns}`,
        "`pulumi stack output registryCredentials` on registry-access names the one in use; delete the others",
      ),
    };
  }
  const arn = matching[0]!.ARN!;

  let versions;
  let value;
  try {
    versions = (await client.send(new ListSecretVersionIdsCommand({ SecretId: arn }))).Versions ?? [];
  } catch (error) {
    return {
      result: fail(
        check,
        `Secrets Manager ListSecretVersionIds on ${arn} failed: ${(error as Error).message}`,
        readAccess(arn),
      ),
    };
  }
  if (!versions.some((v) => v.VersionStages?.includes("AWSCURRENT"))) {
    return {
      result: fail(
        check,
        `${arn} has no current value (created empty for tokenSource: external); ECS could not pull`,
        putValue(arn),
      ),
    };
  }

  try {
    value = (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  } catch (error) {
    return {
      result: fail(
        check,
        `Secrets Manager GetSecretValue on ${arn} failed: ${(error as Error).message}`,
        readAccess(arn),
      ),
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? "");
  } catch {
    // The parser's message quotes the input; it must not reach any output.
    return { result: fail(check, `${arn} does not hold JSON; ECS expects {"username","password"}`, putValue(arn)) };
  }
  const { username, password } = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const missing = [
    ...(typeof username === "string" && username !== "" ? [] : ["username"]),
    ...(typeof password === "string" && password !== "" ? [] : ["password"]),
  ];
  if (missing.length > 0) {
    return {
      result: fail(
        check,
        `${arn} holds JSON without a non-empty ${missing.join(" and ")}; ECS would send no credentials`,
        putValue(arn),
      ),
    };
  }
  return {
    result: pass(check, `${arn} has a current value with username ${JSON.stringify(username)} and a password`),
    credentials: { username: username as string, password: password as string, source: `secret ${arn}` },
  };
}
