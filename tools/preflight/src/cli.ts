// `npm run preflight -- --env <env> [--service <name>]`: proves, with real credentials and before `pulumi up`, that
// the service's deploy can pull its image. Exit codes as `npm start`: 0 ok, 1 a check failed, 2 bad input.
import { ACMClient } from "@aws-sdk/client-acm";
import { ECRClient } from "@aws-sdk/client-ecr";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STSClient } from "@aws-sdk/client-sts";
import { redactTokens } from "@platform/config/secret-values";
import { needsRepositoryCredentials } from "@platform/image-ref";
import type { RegistryCredentials } from "@platform/registry-client";
import { parsePreflightArgs, USAGE, UsageError } from "./args";
import { checkAccount } from "./checks/account";
import { checkCertificate } from "./checks/certificate";
import { checkExampleValues } from "./checks/example-values";
import { checkPullThrough } from "./checks/pull-through";
import { checkRegistryPull } from "./checks/registry-pull";
import { checkRegistrySecret } from "./checks/registry-secret";
import { type CheckResult, pass } from "./checks/result";
import { checkTokenExpiry, DEFAULT_EXPIRY_APIS, type ExpiryOptions } from "./checks/token-expiry";
import { jsonReport, textReport } from "./report";
import { InputError, readStackInputs, type StackInputs } from "./stack-inputs";
import { findServiceProjects, ServiceProjectError } from "@platform/config-files/service-projects";

export interface PreflightIo {
  /** The workspace root holding projects/. */
  readonly root: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function main(argv: string[], given: PreflightIo): Promise<number> {
  // Every line goes out with token-looking text replaced, whatever input a message quotes.
  const io = {
    ...given,
    stdout: (text: string) => given.stdout(redactTokens(text)),
    stderr: (text: string) => given.stderr(redactTokens(text)),
  };
  let inputs: StackInputs[];
  let json = false;
  let failOnWarning = false;
  let tokenOnly = false;
  let expiry: ExpiryOptions = {};
  try {
    const args = parsePreflightArgs(argv);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    json = args.json;
    failOnWarning = args.failOnWarning;
    tokenOnly = args.only === "token-expiry";
    expiry = {
      warningDays: args.expiryWarningDays,
      apis: {
        github: args.githubApi ?? DEFAULT_EXPIRY_APIS.github,
        gitlab: args.gitlabApi ?? DEFAULT_EXPIRY_APIS.gitlab,
      },
    };
    // The token alone, without --service: every service's registry secret, for the daily drift run.
    const services = args.service === undefined && tokenOnly ? serviceNames(io.root) : [args.service];
    inputs = services.map((service) => readStackInputs(io.root, args.env, service));
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof InputError)) throw error;
    io.stderr(`preflight: ${error.message}\n${error instanceof UsageError ? `\n${USAGE}` : ""}`);
    return 2;
  }
  const results = tokenOnly ? await environmentTokenChecks(inputs, expiry) : await runChecks(inputs[0]!, expiry);
  const subject = { env: inputs[0]!.env, service: inputs.map((i) => i.service).join(", ") };
  io.stdout(json ? jsonReport(subject, results) : textReport(subject, results, tokenOnly ? "token" : "full"));
  return results.every((r) => r.ok && !(failOnWarning && r.warning)) ? 0 : 1;
}

/** Every check, in the order a person fixes them; the AWS clients use the stack's region and the usual credential chain. */
export async function runChecks(inputs: StackInputs, expiry: ExpiryOptions = {}): Promise<CheckResult[]> {
  const region = inputs.region.value;
  const results: CheckResult[] = [checkExampleValues(inputs), await checkAccount(new STSClient({ region }), inputs)];
  const image = inputs.image.value;
  const notTried = {
    check: `pull ${image.original}`,
    ok: false,
    detail: "not tried: the registry secret holds no usable credentials (see above)",
  };
  if (inputs.pullThroughCache || needsRepositoryCredentials(image, inputs.publicImagePrefixes)) {
    const token = await tokenChecks(inputs, expiry);
    results.push(...token.results);
    results.push(token.credentials ? await checkRegistryPull(image, token.credentials) : notTried);
    if (inputs.pullThroughCache) {
      results.push(await checkPullThrough(new ECRClient({ region }), image, inputs.pullThroughCache.value));
    }
  } else if (image.host.endsWith(".amazonaws.com")) {
    results.push(
      pass(
        `pull ${image.original}`,
        "ECR: the execution role's AmazonECSTaskExecutionRolePolicy pulls it; no registry secret is used",
      ),
    );
  } else {
    results.push(await checkRegistryPull(image, null));
  }
  const certificate = await checkCertificate(new ACMClient({ region }), inputs);
  if (certificate) results.push(certificate);
  return results;
}

/** Every service of the workspace (none: readStackInputs says how to add one). */
function serviceNames(root: string): (string | undefined)[] {
  try {
    const names = findServiceProjects(root).map((service) => service.name);
    return names.length > 0 ? names : [undefined];
  } catch (error) {
    if (error instanceof ServiceProjectError) throw new InputError(error.message);
    throw error;
  }
}

/** Each distinct secret of the services' registries once: services that share a registry share its secret. */
async function environmentTokenChecks(inputs: readonly StackInputs[], expiry: ExpiryOptions) {
  const seen = new Set<string>();
  const results: CheckResult[] = [];
  for (const service of inputs) {
    const secret = service.pullThroughCache
      ? `ecr-pullthroughcache/${service.pullThroughCache.value}`
      : service.image.value.host;
    if (seen.has(secret)) continue;
    seen.add(secret);
    results.push(...(await tokenChecks(service, expiry)).results);
  }
  return results;
}

/**
 * The registry secret the image is pulled with (registry-access's for its host, or the pull-through cache's) and
 * its token's expiry: `--only token-expiry` runs just these, so the daily drift run needs no more than a read of
 * that secret.
 */
export async function tokenChecks(
  inputs: StackInputs,
  expiry: ExpiryOptions = {},
): Promise<{ results: CheckResult[]; credentials?: RegistryCredentials }> {
  const image = inputs.image.value;
  const client = new SecretsManagerClient({ region: inputs.region.value });
  const cache = inputs.pullThroughCache?.value;
  if (cache === undefined && !needsRepositoryCredentials(image, inputs.publicImagePrefixes)) {
    return { results: [pass(`${image.host} token expiry`, `${image.original} is pulled without a registry token`)] };
  }
  const secret = await (cache === undefined
    ? checkRegistrySecret(client, inputs)
    : checkRegistrySecret(client, inputs, {
        namePrefix: `ecr-pullthroughcache/${cache}-`,
        reader: "ECR's pull-through cache",
        tokenKey: "accessToken",
      }));
  if (!secret.credentials) return { results: [secret.result] };
  const expires = await checkTokenExpiry(image.host, inputs.env, secret.credentials, expiry);
  return { results: [secret.result, expires], credentials: secret.credentials };
}
