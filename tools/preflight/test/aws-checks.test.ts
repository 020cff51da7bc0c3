import { ACMClient, DescribeCertificateCommand } from "@aws-sdk/client-acm";
import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import * as path from "node:path";
import { mockClient } from "aws-sdk-client-mock";
import { SERVICE_PROJECTS } from "@platform/contracts/stacks";
import { main } from "../src/cli";
import { ACCOUNT, CERTIFICATE_ARN, REGION, runPreflight, writeWorkspace } from "./support/workspace";

// The real SDK v3 clients, with their `send` answered by aws-sdk-client-mock. The image's registry is not
// reached in these tests: each ends before the pull, or checks only what comes before it.
const sts = mockClient(STSClient);
const secrets = mockClient(SecretsManagerClient);
const acm = mockClient(ACMClient);
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:registry/dev/ghcr.io/20261129000000000000000001-AbCdEf`;
const PASSWORD = "ghp_doNotPrintThisToken0123456789";
let workspace: ReturnType<typeof writeWorkspace>;

beforeEach(() => {
  sts.reset();
  secrets.reset();
  acm.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/deployer` });
  secrets
    .on(ListSecretsCommand)
    .resolves({ SecretList: [{ ARN: SECRET_ARN, Name: "registry/dev/ghcr.io/20261129000000000000000001" }] });
  secrets.on(ListSecretVersionIdsCommand).resolves({ Versions: [{ VersionId: "v1", VersionStages: ["AWSCURRENT"] }] });
  secrets
    .on(GetSecretValueCommand)
    .resolves({ SecretString: JSON.stringify({ username: "acme-bot", password: PASSWORD }) });
  workspace = writeWorkspace("dev");
});
afterEach(() => workspace.remove());

const lineOf = (stdout: string, check: string) => stdout.split("\n").find((l) => l.includes(`  ${check}`)) ?? "";
const run = (argv = ["--env", "dev"]) => runPreflight(main, workspace.root, argv);

describe("the AWS checks, against the real SDK clients", () => {
  it("fails when the caller's account is not in aws:allowedAccountIds, naming the file", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: "999999999990" });
    secrets.on(ListSecretsCommand).resolves({ SecretList: [] }); // keeps the test off the network
    const { code, stdout } = await run();
    expect(code).toBe(1);
    expect(lineOf(stdout, "AWS account allowed")).toContain(
      "FAIL  AWS account allowed: account 999999999990 is not in `aws:allowedAccountIds` of projects/networking/Pulumi.dev.yaml (210987654321)",
    );
  });

  it("fails when no secret exists for the image's registry host, with the stack to deploy", async () => {
    secrets.on(ListSecretsCommand).resolves({ SecretList: [] });
    const { code, stdout } = await run();
    expect(code).toBe(1);
    expect(stdout).toContain(
      "FAIL  registry secret for ghcr.io: no secret named registry/dev/ghcr.io/… in eu-central-1",
    );
    expect(stdout).toContain("run `pulumi up` on registry-access/dev");
    expect(secrets.commandCalls(ListSecretsCommand)[0]!.args[0].input.Filters).toEqual([
      { Key: "name", Values: ["registry/dev/ghcr.io/"] },
    ]);
  });

  it("fails when the secret has no current version, with the put-secret-value command", async () => {
    secrets.on(ListSecretVersionIdsCommand).resolves({ Versions: [] });
    const { code, stdout } = await run();
    expect(code).toBe(1);
    expect(stdout).toContain(`FAIL  registry secret for ghcr.io: ${SECRET_ARN} has no current value`);
    expect(stdout).toContain(`Fix: aws secretsmanager put-secret-value --secret-id ${SECRET_ARN}`);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it("fails on a value that is not JSON without printing any of it", async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: PASSWORD });
    const { code, stdout, stderr } = await run();
    expect(code).toBe(1);
    expect(stdout).toContain(`FAIL  registry secret for ghcr.io: ${SECRET_ARN} does not hold JSON`);
    expect(stdout + stderr).not.toContain(PASSWORD);
    expect(stdout + stderr).not.toContain(PASSWORD.slice(0, 8));
  });

  it("fails on JSON without a password, and does not try the pull", async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: "acme-bot" }) });
    const { code, stdout } = await run(["--env", "dev", "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { ok: boolean; checks: { check: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.check === "registry secret for ghcr.io")?.detail).toContain(
      "holds JSON without a non-empty password",
    );
    expect(report.checks.find((c) => c.check.startsWith("pull "))?.detail).toBe(
      "not tried: the registry secret holds no usable credentials (see above)",
    );
  });

  it("reports a refused GetSecretValue as a failed check, not a crash", async () => {
    secrets.on(GetSecretValueCommand).rejects(
      Object.assign(new Error("User is not authorized to perform: secretsmanager:GetSecretValue"), {
        name: "AccessDeniedException",
      }),
    );
    const { code, stdout } = await run();
    expect(code).toBe(1);
    expect(stdout).toContain(
      `FAIL  registry secret for ghcr.io: Secrets Manager GetSecretValue on ${SECRET_ARN} failed: User is not authorized`,
    );
  });

  it("fails in prod when the certificate is not issued", async () => {
    workspace.remove();
    workspace = writeWorkspace("prod", { image: `ghcr.io/acme/api-private@sha256:${"ab".repeat(32)}` });
    secrets.on(ListSecretsCommand).resolves({ SecretList: [] });
    acm.on(DescribeCertificateCommand).resolves({
      Certificate: { CertificateArn: CERTIFICATE_ARN, Status: "PENDING_VALIDATION", DomainName: "api.example.org" },
    });
    const { code, stdout } = await run(["--env", "prod"]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      "FAIL  certificate issued: `networking:certificateArn` in projects/networking/Pulumi.prod.yaml names a certificate whose status is PENDING_VALIDATION",
    );
    expect(stdout).toContain("Fix: complete the DNS validation in ACM");
  });

  it("passes the certificate once ACM says ISSUED", async () => {
    workspace.remove();
    workspace = writeWorkspace("prod");
    acm.on(DescribeCertificateCommand).resolves({ Certificate: { Status: "ISSUED", DomainName: "api.example.org" } });
    secrets.on(ListSecretsCommand).resolves({ SecretList: [] });
    expect((await run(["--env", "prod"])).stdout).toContain(
      `PASS  certificate issued: ${CERTIFICATE_ARN} is ISSUED for api.example.org`,
    );
  });
});

describe("the example values the repository ships", () => {
  it("fail the preflight, each naming the file and the key to edit", async () => {
    workspace.remove();
    workspace = writeWorkspace("prod", {
      accounts: { service: ["333333333333"] },
      image:
        "ghcr.io/jonashackt/microservice-api-spring-boot-private@sha256:3b8f6a2d9c1e4f7a0b5d8e2c6f9a1b4d7e0c3f6a9b2d5e8c1f4a7b0d3e6f9a2c",
      certificateArn: "arn:aws:acm:eu-central-1:333333333333:certificate/6f0c3e1a-2b4d-4c8e-9a7f-1d2e3f4a5b6c",
    });
    const { code, stdout } = await run(["--env", "prod"]);
    expect(code).toBe(1);
    const line = lineOf(stdout, "example values replaced");
    expect(line).toContain(
      "`aws:allowedAccountIds` in projects/service/Pulumi.prod.yaml is the example value 333333333333",
    );
    expect(line).toContain("`service:image` in projects/service/Pulumi.prod.yaml is the example value sha256:3b8f6a2d");
    expect(line).toContain(
      "`networking:certificateArn` in projects/networking/Pulumi.prod.yaml is the example value arn:aws:acm:",
    );
  });

  it("are all still in this repository's stack files, so a first deploy meets the check", async () => {
    const root = path.resolve(__dirname, "../../..");
    const { code, stdout } = await runPreflight(main, root, ["--env", "prod", "--service", "service"]);
    expect(code).toBe(1);
    expect(lineOf(stdout, "example values replaced")).toMatch(/^FAIL/);
  });

  it("asks which service to check when the workspace has more than one", async () => {
    const { code, stderr } = await runPreflight(main, path.resolve(__dirname, "../../.."), ["--env", "prod"]);
    expect(code).toBe(2);
    const services = [...SERVICE_PROJECTS].sort();
    expect(stderr).toContain(
      `has ${services.length} services (${services.join(", ")}); say which one.\nFix: --service <name>, one of`,
    );
  });
});

describe("bad input", () => {
  it.each([[["--env", "qa"]], [[]], [["--env", "dev", "--bogus"]]])("exits 2 for %j", async (argv) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^preflight: /);
  });

  it.each([
    [["--env", "dev", "--env", "prod"], "--env is given 2 times, and it may be given once: `--env dev`, `--env prod`."],
    [
      ["--env", "dev", "--jsn"],
      "Unknown option '--jsn'. Did you mean `--json`? This command's options: --env, --service, --json, " +
        "--expiry-warning-days, --fail-on-warning, --only, --github-api, --gitlab-api, --help.",
    ],
    [["--env"], "`--env` needs a value: `--env <value>`."],
  ])("refuses %j with a message that names the flag, and exit code 2", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`preflight: ${message}\nFix: `);
  });
});
