// ECR's pull-through cache: the preflight reads the cache's secret in its shape, then pulls through the account's
// ECR with GetAuthorizationToken's token (the SDK client answered by aws-sdk-client-mock, its endpoint a loopback
// registry that records what it receives).
import { ECRClient, GetAuthorizationTokenCommand } from "@aws-sdk/client-ecr";
import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mockClient } from "aws-sdk-client-mock";
import { parseImageReference } from "@platform/image-ref";
import { checkPullThrough } from "../src/checks/pull-through";
import { main } from "../src/cli";
import { ACCOUNT, REGION, runPreflight, writeWorkspace } from "./support/workspace";

const ecr = mockClient(ECRClient);
const secrets = mockClient(SecretsManagerClient);
const sts = mockClient(STSClient);
const DIGEST = `sha256:${"4f".repeat(32)}`;
const ECR_PASSWORD = "ecr-token-doNotPrint-0123456789";
const ACCESS_TOKEN = "ghp_doNotPrintThisToken0123456789";
const image = parseImageReference(`ghcr.io/acme/api-private@${DIGEST}`);

/** A registry on a loopback port that serves the manifest only to `AWS` with ECR's token, over Basic auth. */
let registry: Server;
let seen: { method: string; path: string; authorized: boolean }[] = [];
let endpoint: string;
beforeAll(async () => {
  registry = createServer((request: IncomingMessage, response) => {
    const authorized =
      request.headers.authorization === `Basic ${Buffer.from(`AWS:${ECR_PASSWORD}`).toString("base64")}`;
    seen.push({ method: request.method ?? "", path: request.url ?? "", authorized });
    if (!authorized) return void response.writeHead(401, { "www-authenticate": 'Basic realm="ecr"' }).end();
    response
      .writeHead(200, {
        "docker-content-digest": DIGEST,
        "content-type": "application/vnd.oci.image.index.v1+json",
      })
      .end();
  });
  await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => registry.close(() => resolve())));
beforeEach(() => {
  ecr.reset();
  secrets.reset();
  sts.reset();
  seen = [];
  const token = Buffer.from(`AWS:${ECR_PASSWORD}`).toString("base64");
  ecr
    .on(GetAuthorizationTokenCommand)
    .resolves({ authorizationData: [{ authorizationToken: token, proxyEndpoint: endpoint }] });
});

describe("checkPullThrough", () => {
  it("pulls the manifest from the account's ECR under the cache's prefix, with ECR's token as AWS's password", async () => {
    const result = await checkPullThrough(new ECRClient({ region: REGION }), image, "ghcr-dev");
    expect(result).toMatchObject({ ok: true });
    expect(result.detail).toContain(
      `127.0.0.1:${new URL(endpoint).port}/ghcr-dev/acme/api-private@${DIGEST} serves the manifest: ${DIGEST}`,
    );
    expect(seen.filter((r) => r.authorized).map((r) => r.path)).toContain(
      `/v2/ghcr-dev/acme/api-private/manifests/${DIGEST}`,
    );
    expect(JSON.stringify(result)).not.toContain(ECR_PASSWORD);
  });

  it("fails with the import actions to grant when ECR refuses the pull", async () => {
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [{ authorizationToken: Buffer.from("AWS:wrong").toString("base64"), proxyEndpoint: endpoint }],
    });
    const result = await checkPullThrough(new ECRClient({ region: REGION }), image, "ghcr-dev");
    expect(result.ok).toBe(false);
    expect(result.fix).toContain(
      "ecr:BatchImportUpstreamImage and ecr:CreateRepository on arn:<partition>:ecr:<region>:<account>:repository/ghcr-dev/*",
    );
  });
});

describe("the preflight of an image whose registry-access entry sets pullThroughCache", () => {
  const PTC_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:ecr-pullthroughcache/ghcr-dev-20261129000000000000000001-AbCdEf`;
  let workspace: ReturnType<typeof writeWorkspace>;
  beforeEach(() => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
    secrets.on(ListSecretsCommand).resolves({
      SecretList: [{ ARN: PTC_ARN, Name: "ecr-pullthroughcache/ghcr-dev-20261129000000000000000001" }],
    });
    secrets
      .on(ListSecretVersionIdsCommand)
      .resolves({ Versions: [{ VersionId: "v1", VersionStages: ["AWSCURRENT"] }] });
    workspace = writeWorkspace("dev", {
      image: `ghcr.io/acme/api-private@${DIGEST}`,
      registryAccess: {
        "registry-access:registries": [{ host: "ghcr.io", tokenSource: "external", pullThroughCache: true }],
      },
    });
  });
  afterEach(() => workspace.remove());

  it("reads the ecr-pullthroughcache/ secret, and refuses its repositoryCredentials shape without printing it", async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ username: "acme", password: ACCESS_TOKEN }) });
    const { code, stdout, stderr } = await runPreflight(main, workspace.root, ["--env", "dev"]);
    expect(code).toBe(1);
    expect(secrets.commandCalls(ListSecretsCommand)[0]!.args[0].input.Filters).toEqual([
      { Key: "name", Values: ["ecr-pullthroughcache/ghcr-dev-"] },
    ]);
    expect(stdout).toContain(
      `FAIL  pull-through cache secret for ghcr.io: ${PTC_ARN} holds JSON without a non-empty accessToken; ECR's pull-through cache would send no credentials`,
    );
    expect(stdout).toContain(`"accessToken":"<token>"`);
    // The pull through ECR is proven on its own: the upstream pull waits for a usable secret, ECR's does not.
    expect(stdout).toContain("FAIL  pull ghcr.io/acme/api-private@");
    expect(stdout).toContain(`PASS  pull ghcr.io/acme/api-private@${DIGEST} through ECR's pull-through cache ghcr-dev`);
    expect(`${stdout}${stderr}`).not.toContain(ACCESS_TOKEN);
    expect(`${stdout}${stderr}`).not.toContain(ECR_PASSWORD);
  });
});
