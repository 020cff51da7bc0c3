// `--only token-expiry`, the daily drift run's check: every service's registry secret (SDK mocks) and its token's
// expiry (a loopback fake of GitHub's API), and nothing else: no account, example-value, pull or certificate check.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ACMClient } from "@aws-sdk/client-acm";
import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { REGISTRY_TOKEN_EXAMPLES } from "@platform/testing";
import { main } from "../src/cli";
import { ACCOUNT, REGION, runPreflight, writeWorkspace } from "./support/workspace";
import {
  startRecordingServer,
  type RecordingServer,
} from "../../../libs/registry-client/test/support/recording-server";

const sts = mockClient(STSClient);
const acm = mockClient(ACMClient);
const secrets = mockClient(SecretsManagerClient);
const TOKEN = REGISTRY_TOKEN_EXAMPLES["ghp_"]!.value;
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:registry/prod/ghcr.io/20261129000000000000000001-AbCdEf`;
const DAY_MS = 24 * 60 * 60 * 1000;

let github: RecordingServer;
/** GitHub's expiry header for the token, per test. */
let expiration: Date;
let workspace: ReturnType<typeof writeWorkspace>;

/** As GitHub writes it: `2026-12-16 13:00:00 UTC`. */
const header = (date: Date) => `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
const day = (date: Date) => date.toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS + 60 * 60 * 1000);

beforeAll(async () => {
  github = await startRecordingServer((_request, response) => {
    response
      .writeHead(200, {
        "content-type": "application/json",
        "github-authentication-token-expiration": header(expiration),
      })
      .end('{"login":"robot"}');
  });
});
afterAll(() => github.close());
beforeEach(() => {
  github.requests.length = 0;
  expiration = inDays(9);
  for (const mock of [sts, acm, secrets]) mock.reset();
  secrets
    .on(ListSecretsCommand)
    .resolves({ SecretList: [{ ARN: SECRET_ARN, Name: "registry/prod/ghcr.io/20261129000000000000000001" }] });
  secrets.on(ListSecretVersionIdsCommand).resolves({ Versions: [{ VersionId: "v1", VersionStages: ["AWSCURRENT"] }] });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: "robot", password: TOKEN }) });
  // The repository's example account IDs: the full preflight would fail on them, the token check does not look.
  workspace = writeWorkspace("prod", { accounts: { service: ["333333333333"] } });
});
afterEach(() => workspace.remove());

const run = (...more: string[]) =>
  runPreflight(main, workspace.root, [
    "--env",
    "prod",
    "--only",
    "token-expiry",
    "--github-api",
    github.origin,
    ...more,
  ]);

describe("--only token-expiry", () => {
  it("warns 9 days ahead with one line per registry, and --fail-on-warning makes that exit 1", async () => {
    const warned = await run("--fail-on-warning");
    expect(warned.code).toBe(1);
    expect(warned.stdout).toContain(
      `WARN  ghcr.io token expiry: ghcr.io token for prod expires in 9 days (${day(expiration)})\n` +
        "      Fix: create a new token, then: npm run rotate-registry-token -- --env prod --registry ghcr.io",
    );
    expect(warned.stdout).toContain(`PASS  registry secret for ghcr.io: ${SECRET_ARN} has a current value`);
    expect(warned.stdout).toMatch(/Registry token of service for prod: valid\.\n$/);
    expect(warned.stdout + warned.stderr).not.toContain(TOKEN.slice(4, 12));
    // Only the secret and GitHub's API: no account, pull or certificate check.
    expect(sts.calls()).toHaveLength(0);
    expect(acm.calls()).toHaveLength(0);
    expect(github.requests).toEqual([{ method: "GET", path: "/user", authorization: `Bearer ${TOKEN}` }]);

    expect((await run()).code).toBe(0);
  });

  it("passes a token that expires after the threshold, which --expiry-warning-days moves", async () => {
    expiration = inDays(60);
    const passed = await run("--fail-on-warning");
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain(`PASS  ghcr.io token expiry: ghcr.io token for prod expires in 60 days`);
    expect((await run("--fail-on-warning", "--expiry-warning-days", "90")).code).toBe(1);
  });

  it("fails once the token has expired, without --fail-on-warning", async () => {
    expiration = new Date(Date.now() - DAY_MS);
    const failed = await run();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`FAIL  ghcr.io token expiry: ghcr.io token for prod expired on ${day(expiration)}`);
    expect(failed.stdout).toContain("Registry token of service for prod: not usable.");
  });

  it("fails when the drift role may not read the secret, naming the permission", async () => {
    secrets.on(GetSecretValueCommand).rejects(
      Object.assign(new Error("User is not authorized to perform: secretsmanager:GetSecretValue"), {
        name: "AccessDeniedException",
      }),
    );
    const failed = await run("--fail-on-warning");
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`Fix: run the preflight with credentials that may`);
    expect(github.requests).toEqual([]);
  });

  it("checks every service's registry, and a secret that services share once", async () => {
    const shop = path.join(workspace.root, "projects", "shop");
    cpSync(path.join(workspace.root, "projects", "service"), shop, { recursive: true });
    // The project's name, and its keys' namespace (not the service component it depends on).
    for (const file of ["Pulumi.yaml", "package.json", "Pulumi.prod.yaml"]) {
      const text = readFileSync(path.join(shop, file), "utf8");
      writeFileSync(path.join(shop, file), text.replace(/\bservice(?=[:"\n])/g, "shop"));
    }
    const { code, stdout } = await run();
    expect(code).toBe(0);
    expect(stdout.match(/ghcr\.io token for prod expires/g)).toHaveLength(1);
    expect(stdout).toContain("Registry token of service, shop for prod: valid.");
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it("reads the ecr-pullthroughcache/ secret's accessToken for a registry pulled through the cache", async () => {
    workspace.remove();
    workspace = writeWorkspace("prod", {
      registryAccess: {
        "registry-access:registries": [{ host: "ghcr.io", tokenSource: "external", pullThroughCache: true }],
      },
    });
    const name = "ecr-pullthroughcache/ghcr-prod-20261129000000000000000001";
    secrets
      .on(ListSecretsCommand)
      .resolves({ SecretList: [{ ARN: `${SECRET_ARN.split(":secret:")[0]}:secret:${name}-AbCdEf`, Name: name }] });
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ username: "robot", accessToken: TOKEN }) });
    const { code, stdout } = await run("--fail-on-warning");
    expect(code).toBe(1);
    expect(secrets.commandCalls(ListSecretsCommand)[0]!.args[0].input.Filters).toEqual([
      { Key: "name", Values: ["ecr-pullthroughcache/ghcr-prod-"] },
    ]);
    expect(stdout).toContain(`WARN  ghcr.io token expiry: ghcr.io token for prod expires in 9 days`);
  });

  it("refuses any other check name with exit code 2", async () => {
    const { code, stderr } = await runPreflight(main, workspace.root, ["--env", "prod", "--only", "account"]);
    expect(code).toBe(2);
    expect(stderr).toContain("preflight: `--only account` is not a check that runs alone.\nFix: --only token-expiry");
  });
});
