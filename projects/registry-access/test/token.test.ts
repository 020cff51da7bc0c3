// Typed asymmetric matchers (the global `expect` types them as `any`).
import { expect } from "@jest/globals";
import * as path from "node:path";
import { ProgramError, programFailure, runProgram } from "@platform/testing";

const projectDir = path.resolve(__dirname, "..");
const FROM_CONFIG = JSON.stringify([{ host: "ghcr.io", username: "jonashackt" }]);

it("writes {username, password} from a secret token into the secret", async () => {
  const run = await runProgram({
    projectDir,
    env: "dev",
    config: { "registry-access:registries": FROM_CONFIG, "registry-access:token-ghcr-io": "ghp_exampleToken" },
    secretKeys: ["registry-access:token-ghcr-io"],
  });
  const version = run.one("aws:secretsmanager/secretVersion:SecretVersion").inputs;
  expect(version.secretId).toBe(run.one("aws:secretsmanager/secret:Secret").id);
  // The engine receives the value wrapped as a secret (the SDK's secret signature), so state encrypts it.
  expect(version.secretString).toEqual({
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    value: expect.any(String),
  });
  expect(JSON.parse((version.secretString as { value: string }).value)).toEqual({
    username: "jonashackt",
    password: "ghp_exampleToken",
  });
  expect(JSON.stringify(run.outputs)).not.toContain("ghp_exampleToken");
});

it("creates the secret empty when the token is set outside Pulumi", async () => {
  const run = await runProgram({ projectDir, env: "staging" });
  expect(run.ofType("aws:secretsmanager/secretVersion:SecretVersion")).toEqual([]);
  expect(run.one("aws:secretsmanager/secret:Secret").inputs.namePrefix).toBe("registry/staging/ghcr.io/");
});

it("names the secret by prefix, so a re-create within the recovery window or a replacement gets a new name", async () => {
  const run = await runProgram({ projectDir, env: "prod" });
  const secret = run.one("aws:secretsmanager/secret:Secret");
  expect(secret.inputs.name).toBeUndefined();
  expect(secret.inputs.recoveryWindowInDays).toBe(30);
  expect(secret.state.name).toMatch(/^registry\/prod\/ghcr\.io\/\d{26}$/);
});

it("gives a registry with a port a secret name Secrets Manager accepts", async () => {
  const run = await runProgram({
    projectDir,
    env: "dev",
    config: {
      "registry-access:registries": JSON.stringify([{ host: "registry.example.com:5000", tokenSource: "external" }]),
    },
  });
  const secret = run.one("aws:secretsmanager/secret:Secret");
  expect(secret.inputs.namePrefix).toBe("registry/dev/registry.example.com_5000/");
  expect(run.outputs.registryCredentials).toEqual({ "registry.example.com:5000": secret.state.arn });
});

it("rejects a plaintext token before declaring any resource, without echoing it", async () => {
  const error = await programFailure(
    runProgram({
      projectDir,
      env: "staging",
      config: { "registry-access:registries": FROM_CONFIG, "registry-access:token-ghcr-io": "ghp_plaintextToken" },
    }),
  );
  expect(error).toBeInstanceOf(ProgramError);
  expect(error.message).toContain(
    '`registry-access:token-ghcr-io` is "<plaintext, not shown>" in Pulumi.staging.yaml: the token is stored in plaintext',
  );
  expect(error.message).toContain("pulumi config set --secret registry-access:token-ghcr-io <token> --stack staging");
  expect(error.message).not.toContain("ghp_plaintextToken");
  expect(error.resources).toEqual([]);
});

it("names the command to run when the token is missing", async () => {
  const error = await programFailure(
    runProgram({
      projectDir,
      env: "dev",
      config: { "registry-access:registries": FROM_CONFIG },
    }),
  );
  expect(error.message).toContain("`registry-access:token-ghcr-io` is not set in Pulumi.dev.yaml");
  expect(error.message).toContain("pulumi config set --secret registry-access:token-ghcr-io <token> --stack dev");
  expect(error.resources).toEqual([]);
});
