import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { pullRefusal, registrySecretNamePrefix } from "@platform/config";
import type { RegistryCredentials } from "@platform/registry-client";
import type { StackInputs } from "../stack-inputs";
import { type CheckResult, fail, pass } from "./result";

const readAccess = (arn: string) =>
  `run the preflight with credentials that may secretsmanager:ListSecretVersionIds and GetSecretValue on ${arn} (and kms:Decrypt on its key)`;

/** Which secret a check reads: its name prefix, who reads it, and the key that holds the token. */
export interface SecretSpec {
  readonly namePrefix: string;
  /** Who reads the secret, for messages: "ECS" (repositoryCredentials) or "ECR's pull-through cache". */
  readonly reader: string;
  /** `password` for repositoryCredentials, `accessToken` for ECR's pull-through cache. */
  readonly tokenKey: "password" | "accessToken";
}

/** The repositoryCredentials secret registry-access creates for the image's host. */
export const repositoryCredentialsSecret = (inputs: StackInputs): SecretSpec => ({
  namePrefix: registrySecretNamePrefix(inputs.env, inputs.image.value.host),
  reader: "ECS",
  tokenKey: "password",
});

export interface SecretCheck {
  readonly result: CheckResult;
  /** The credentials ECS will send, when the secret holds usable ones. Never printed. */
  readonly credentials?: RegistryCredentials;
}

/**
 * The secret registry-access created for the image's registry host (found by its name prefix, see
 * @platform/config registry-secret-name, or `ecr-pullthroughcache/<prefix>-` for the pull-through cache) exists,
 * has a current version, and holds JSON with non-empty `username` and token (`password`, or `accessToken`). No
 * message ever contains the value or a parser's excerpt of it.
 */
export async function checkRegistrySecret(
  client: SecretsManagerClient,
  inputs: StackInputs,
  spec: SecretSpec = repositoryCredentialsSecret(inputs),
): Promise<SecretCheck> {
  const host = inputs.image.value.host;
  const check = `${spec.tokenKey === "password" ? "registry" : "pull-through cache"} secret for ${host}`;
  const prefix = spec.namePrefix;
  const { reader, tokenKey } = spec;
  const putValue = (id: string) =>
    `aws secretsmanager put-secret-value --secret-id ${id} --secret-string '{"username":"<registry user>","${tokenKey}":"<token>"}'`;

  const failed = (problem: string, fix: string): SecretCheck => ({ result: fail(check, problem, fix) });
  /** One Secrets Manager call; when it throws, its error is this check's result. */
  const call = async <T>(what: string, fix: string, send: () => Promise<T>) => {
    try {
      return { ok: true as const, value: await send() };
    } catch (error) {
      return { ok: false as const, result: failed(`Secrets Manager ${what} failed: ${(error as Error).message}`, fix) };
    }
  };

  const listed = await call("ListSecrets", "check the credentials and region", () =>
    client.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: [prefix] }] })),
  );
  if (!listed.ok) return listed.result;
  const matching = (listed.value.SecretList ?? []).filter((s) => s.Name?.startsWith(prefix) && s.ARN);
  if (matching.length === 0) {
    return failed(
      `no secret named ${prefix}… in ${inputs.region.value}; the service's stack reads its ARN from registry-access`,
      `add ${host} to \`registry-access:registries\` in projects/registry-access/Pulumi.${inputs.env}.yaml ` +
        `and run \`pulumi up\` on registry-access/${inputs.env}`,
    );
  }
  if (matching.length > 1) {
    return failed(
      `several secrets start with ${prefix}: ${matching.map((s) => s.ARN).join(", ")}`,
      "`pulumi stack output registryCredentials` on registry-access names the one in use; delete the others",
    );
  }
  const arn = matching[0]!.ARN!;

  const versions = await call(`ListSecretVersionIds on ${arn}`, readAccess(arn), () =>
    client.send(new ListSecretVersionIdsCommand({ SecretId: arn })),
  );
  if (!versions.ok) return versions.result;
  if (!(versions.value.Versions ?? []).some((v) => v.VersionStages?.includes("AWSCURRENT"))) {
    return failed(
      `${arn} has no current value (created empty for tokenSource: external); ${reader} could not pull`,
      putValue(arn),
    );
  }

  const secret = await call(`GetSecretValue on ${arn}`, readAccess(arn), () =>
    client.send(new GetSecretValueCommand({ SecretId: arn })),
  );
  if (!secret.ok) return secret.result;
  const value = secret.value.SecretString;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? "");
  } catch {
    // The parser's message quotes the input; it must not reach any output.
    return failed(`${arn} does not hold JSON; ${reader} expects {"username","${tokenKey}"}`, putValue(arn));
  }
  const { username, [tokenKey]: password } = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const missing = [
    ...(typeof username === "string" && username !== "" ? [] : ["username"]),
    ...(typeof password === "string" && password !== "" ? [] : [tokenKey]),
  ];
  if (missing.length > 0) {
    return failed(
      `${arn} holds JSON without a non-empty ${missing.join(" and ")}; ${reader} would send no credentials`,
      putValue(arn),
    );
  }
  const refusal = pullRefusal(host, password as string);
  if (refusal !== undefined) {
    return failed(
      `${arn} holds a token that cannot pull: ${refusal.reason}`,
      `${refusal.remedy}, then ${putValue(arn)}`,
    );
  }
  return {
    result: pass(
      check,
      `${arn} has a current value with username ${JSON.stringify(username)} and ${tokenKey === "password" ? "a password" : "an accessToken"}`,
    ),
    credentials: { username: username as string, password: password as string, source: `secret ${arn}` },
  };
}
