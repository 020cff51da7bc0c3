// `npm run preflight -- --env <env> [--service <name>]`: proves, with real credentials and before `pulumi up`, that
// the service's deploy can pull its image. Exit codes as `npm start`: 0 ok, 1 a check failed, 2 bad input.
import { ACMClient } from "@aws-sdk/client-acm";
import { ECRClient } from "@aws-sdk/client-ecr";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STSClient } from "@aws-sdk/client-sts";
import { redactTokens } from "@platform/config/secret-values";
import { needsRepositoryCredentials } from "@platform/image-ref";
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
  let inputs: StackInputs;
  let json = false;
  let failOnWarning = false;
  let expiry: ExpiryOptions = {};
  try {
    const args = parsePreflightArgs(argv);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    json = args.json;
    failOnWarning = args.failOnWarning;
    expiry = {
      warningDays: args.expiryWarningDays,
      apis: {
        github: args.githubApi ?? DEFAULT_EXPIRY_APIS.github,
        gitlab: args.gitlabApi ?? DEFAULT_EXPIRY_APIS.gitlab,
      },
    };
    inputs = readStackInputs(io.root, args.env, args.service);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof InputError)) throw error;
    io.stderr(`preflight: ${error.message}\n${error instanceof UsageError ? `\n${USAGE}` : ""}`);
    return 2;
  }
  const results = await runChecks(inputs, expiry);
  io.stdout(json ? jsonReport(inputs, results) : textReport(inputs, results));
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
  if (inputs.pullThroughCache) {
    // ECR's pull-through cache: its secret, the upstream with that secret's token, then the pull through ECR.
    const prefix = inputs.pullThroughCache.value;
    const secret = await checkRegistrySecret(new SecretsManagerClient({ region }), inputs, {
      namePrefix: `ecr-pullthroughcache/${prefix}-`,
      reader: "ECR's pull-through cache",
      tokenKey: "accessToken",
    });
    results.push(secret.result);
    if (secret.credentials) results.push(await checkTokenExpiry(image.host, inputs.env, secret.credentials, expiry));
    results.push(secret.credentials ? await checkRegistryPull(image, secret.credentials) : notTried);
    results.push(await checkPullThrough(new ECRClient({ region }), image, prefix));
  } else if (needsRepositoryCredentials(image, inputs.publicImagePrefixes)) {
    const secret = await checkRegistrySecret(new SecretsManagerClient({ region }), inputs);
    results.push(secret.result);
    if (secret.credentials) results.push(await checkTokenExpiry(image.host, inputs.env, secret.credentials, expiry));
    results.push(secret.credentials ? await checkRegistryPull(image, secret.credentials) : notTried);
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
