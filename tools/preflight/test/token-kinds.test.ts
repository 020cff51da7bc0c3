// The preflight on the secret's value: a token that cannot pull from the image's registry fails the check with
// the reason and the Fix, before any pull; and no secret of any format fed to any input is ever printed.
import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { REGISTRY_TOKEN_EXAMPLES, SECRET_EXAMPLES } from "@platform/testing";
import { main } from "../src/cli";
import { ACCOUNT, REGION, runPreflight, writeWorkspace } from "./support/workspace";

const sts = mockClient(STSClient);
const secrets = mockClient(SecretsManagerClient);
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:registry/dev/ghcr.io/20261129000000000000000001-AbCdEf`;
let workspace: ReturnType<typeof writeWorkspace>;

const holding = (secretString: string) => {
  secrets.on(GetSecretValueCommand).resolves({ SecretString: secretString });
};

beforeEach(() => {
  sts.reset();
  secrets.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
  secrets
    .on(ListSecretsCommand)
    .resolves({ SecretList: [{ ARN: SECRET_ARN, Name: "registry/dev/ghcr.io/20261129000000000000000001" }] });
  secrets.on(ListSecretVersionIdsCommand).resolves({ Versions: [{ VersionId: "v1", VersionStages: ["AWSCURRENT"] }] });
  workspace = writeWorkspace("dev");
});
afterEach(() => workspace.remove());

it("fails a fine-grained GitHub token for ghcr.io with the reason and the Fix, and does not try the pull", async () => {
  holding(JSON.stringify({ username: "acme-bot", password: REGISTRY_TOKEN_EXAMPLES["github_pat_"]!.value }));
  const { code, stdout } = await runPreflight(main, workspace.root, ["--env", "dev", "--json"]);
  expect(code).toBe(1);
  const checks = (JSON.parse(stdout) as { checks: { check: string; detail: string; fix?: string }[] }).checks;
  const secret = checks.find((c) => c.check === "registry secret for ghcr.io")!;
  expect(secret.detail).toBe(
    `${SECRET_ARN} holds a token that cannot pull: a GitHub fine-grained personal access token (\`github_pat_…\`) cannot pull from ghcr.io: ` +
      "GitHub Packages accepts only personal access tokens (classic); a fine-grained token gets 401/denied.",
  );
  expect(secret.fix).toBe(
    "use a GitHub personal access token (classic) (`ghp_…`, pulls with the `read:packages` scope), then " +
      `aws secretsmanager put-secret-value --secret-id ${SECRET_ARN} --secret-string '{"username":"<registry user>","password":"<token>"}'`,
  );
  expect(checks.find((c) => c.check.startsWith("pull "))!.detail).toMatch(/^not tried/);
});

it("fails a Docker Hub token in the secret of a GitHub registry", async () => {
  holding(JSON.stringify({ username: "acme", password: REGISTRY_TOKEN_EXAMPLES["dckr_oat_"]!.value }));
  const { stdout } = await runPreflight(main, workspace.root, ["--env", "dev"]);
  expect(stdout).toContain("is a Docker Hub credential, and ghcr.io is a GitHub registry.");
});

describe.each(SECRET_EXAMPLES.map((example) => [example.name, example] as const))("a %s", (_name, example) => {
  const printed = async (argv: string[]) => {
    const { stdout, stderr } = await runPreflight(main, workspace.root, argv);
    return stdout + stderr;
  };
  it.each([
    ["text", []],
    ["JSON", ["--json"]],
  ])("is not printed in %s from any input", async (_format, flags) => {
    const argv = ["--env", "dev", ...flags];
    // A registry on a port nothing listens on: a token of no known kind is tried, and refused at once, offline.
    workspace.remove();
    workspace = writeWorkspace("dev", { image: "127.0.0.1:9/acme/api:1.0" });
    secrets.on(ListSecretsCommand).callsFake(({ Filters }: { Filters: { Values: string[] }[] }) => ({
      SecretList: [{ ARN: SECRET_ARN, Name: `${Filters[0]!.Values[0]}20261129000000000000000001` }],
    }));
    holding(JSON.stringify({ username: "acme-bot", password: example.value }));
    secrets.on(GetSecretValueCommand).resolvesOnce({ SecretString: JSON.stringify({ username: example.value }) });
    expect(await printed(argv)).not.toContain(example.secret);
    holding(example.value);
    expect(await printed(argv)).not.toContain(example.secret);
    holding(JSON.stringify({ username: example.value, password: "" }));
    expect(await printed(argv)).not.toContain(example.secret);
    workspace.remove();
    workspace = writeWorkspace("dev", { image: example.value });
    expect(await printed(argv)).not.toContain(example.secret);
    expect(await printed(["--env", example.value, ...flags])).not.toContain(example.secret);
    expect(await printed(["--env", "dev", "--service", example.value, ...flags])).not.toContain(example.secret);
  });
});
