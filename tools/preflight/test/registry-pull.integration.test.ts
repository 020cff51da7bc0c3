import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { startLocalRegistry, type LocalRegistry } from "../../../libs/registry-client/test/support/local-registry";
import { pushImage, type PushedImage } from "../../../libs/registry-client/test/support/push-image";
import { main } from "../src/cli";
import { ACCOUNT, REGION, runPreflight, writeWorkspace } from "./support/workspace";

// The pull check against a real registry: Debian's docker-registry on a loopback port with htpasswd auth
// (started by @platform/registry-client's test support), holding an image pushed over plain HTTP. AWS is
// answered by aws-sdk-client-mock on the real clients; the secret holds what each case needs.
const sts = mockClient(STSClient);
const secrets = mockClient(SecretsManagerClient);
let registry: LocalRegistry;
let pushed: PushedImage;
const WRONG_PASSWORD = "not-the-pa55word-xyz";

beforeAll(async () => {
  registry = await startLocalRegistry();
  pushed = await pushImage(registry, "team/app", "1.0");
});
afterAll(async () => registry?.stop());

/** The preflight for dev, with `image` in the service's stack file and `credentials` in the registry secret. */
async function preflight(image: string, credentials: { username: string; password: string } | undefined) {
  sts.reset();
  secrets.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
  const prefix = `registry/dev/${registry.host.replace(":", "_")}/`;
  const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${prefix}20261129000000000000000001-AbCdEf`;
  secrets.on(ListSecretsCommand).resolves({ SecretList: [{ ARN: arn, Name: `${prefix}20261129000000000000000001` }] });
  secrets.on(ListSecretVersionIdsCommand).resolves({ Versions: [{ VersionId: "v1", VersionStages: ["AWSCURRENT"] }] });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(credentials ?? {}) });
  const workspace = writeWorkspace("dev", { image });
  try {
    const text = await runPreflight(main, workspace.root, ["--env", "dev"]);
    const json = await runPreflight(main, workspace.root, ["--env", "dev", "--json"]);
    const pull = (
      JSON.parse(json.stdout) as { checks: { check: string; ok: boolean; detail: string; fix?: string }[] }
    ).checks.find((c) => c.check.startsWith("pull "))!;
    return { ...text, pull, everything: text.stdout + text.stderr + json.stdout + json.stderr };
  } finally {
    workspace.remove();
  }
}

const right = () => ({ username: registry.username, password: registry.password });

describe("the pull check against a real registry with htpasswd auth", () => {
  it("passes with the secret's credentials, by tag", async () => {
    const { code, pull, everything } = await preflight(`${registry.host}/team/app:1.0`, right());
    expect(pull).toMatchObject({ ok: true });
    expect(pull.detail).toBe(
      `the registry serves the manifest as "ci-user" (from secret ${pull.detail.match(/secret (\S+)\)/)![1]}): ${pushed.manifestDigest} (application/vnd.oci.image.manifest.v1+json)`,
    );
    expect(code).toBe(0);
    expect(everything).not.toContain(registry.password);
  });

  it("passes with the secret's credentials, by digest", async () => {
    const { code, pull } = await preflight(`${registry.host}/team/app@${pushed.manifestDigest}`, right());
    expect(pull.ok).toBe(true);
    expect(pull.detail).toContain(pushed.manifestDigest);
    expect(code).toBe(0);
  });

  it("explains a wrong password as the 401 ECS would meet, without printing either password", async () => {
    const { code, pull, everything } = await preflight(`${registry.host}/team/app:1.0`, {
      username: registry.username,
      password: WRONG_PASSWORD,
    });
    expect(code).toBe(1);
    expect(pull.ok).toBe(false);
    expect(pull.detail).toContain(
      `ECS would fail with CannotPullContainerError: 401 Unauthorized when pulling ${registry.host}/team/app:1.0 as "ci-user"`,
    );
    expect(pull.fix).toContain(
      "likely: the token expired or was revoked; the token lacks the scope to read packages (for ghcr.io: read:packages); the username is not the token's owner",
    );
    expect(everything).not.toContain(WRONG_PASSWORD);
    expect(everything).not.toContain(registry.password);
  });

  it("explains a missing repository as the 404 ECS would meet", async () => {
    const { code, pull, everything } = await preflight(`${registry.host}/team/missing:1.0`, right());
    expect(code).toBe(1);
    expect(pull.detail).toContain("ECS would fail with CannotPullContainerError: 404 Not Found (manifest unknown)");
    expect(pull.fix).toContain("the repository, tag or digest in `service:image` is wrong");
    expect(everything).not.toContain(registry.password);
  });

  it("explains an anonymous pull (an image listed as public) as the 401 ECS would meet", async () => {
    const workspace = writeWorkspace("dev", { image: `${registry.host}/team/app:1.0` });
    sts.reset();
    secrets.reset();
    sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
    const { writeFileSync, readFileSync } = await import("node:fs");
    const file = `${workspace.root}/projects/service/Pulumi.dev.yaml`;
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "config:\n",
        `config:\n  service:publicImagePrefixes:\n    - ${registry.host}/team/\n`,
      ),
    );
    try {
      const { code, stdout } = await runPreflight(main, workspace.root, ["--env", "dev"]);
      expect(code).toBe(1);
      expect(stdout).toContain(
        `ECS would fail with CannotPullContainerError: 401 Unauthorized when pulling ${registry.host}/team/app:1.0 anonymously`,
      );
      expect(stdout).toContain("likely: the image is private and the service sends no repositoryCredentials");
      expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    } finally {
      workspace.remove();
    }
  });
});
