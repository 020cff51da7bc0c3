// The policy gate as `npm start` runs it by default: this repository's policies/fargate-guard with its
// config for the environment, against a program whose only fault is a private image without credentials.
import { planCli, projectArgs, type CliRun } from "./support/plan-cli";

let run: CliRun;

beforeAll(async () => {
  run = await planCli(projectArgs("ghcr-no-credentials"));
});

it("fails a private ghcr.io image without credentials with fargate-guard's message, and exits 1", () => {
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(
    /\[mandatory\] private-image-credentials\n {6}ghcr-no-credentials\/dev {2}aws:ecs\/taskDefinition:TaskDefinition app\n.*\n {8}Container `app` pulls `ghcr\.io\/acme\/private-api@sha256:[0-9a-f]{64}` without `repositoryCredentials`/,
  );
  expect(run.stdout).toContain("✗ Plan of dev failed: 1 mandatory policy violation (1 stack,");
});

it("starts the default pack from policies/fargate-guard", () => {
  expect(run.stderr).toContain("policy packs: policies/fargate-guard");
});
